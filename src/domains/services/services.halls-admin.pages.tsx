// Back office of halls and window units: /admin/services/halls/new (a hall or station), /halls/{id} (edit
// the hall, its windows listed with their special modes, a new window), /admin/services/windows/{id} (edit a
// window: name, departments stationed, modes from the site's list). The modes check and the list of modes
// stay on /admin/services/halls (services.admin-catalogue.tsx); 一件事 are in services.halls-admin.bundles.tsx.
// Forms POST and redirect; a refused form shows the page again with every problem and what was typed.
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import type { ErrorDetail } from "../../platform/errors";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { recordFormChange, runFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { takeFlash } from "../../web/views/admin-layout";
import type { Choice } from "../../web/views/fields";
import type { CurrentUser } from "../accounts";
import { loadOrgTree, type OrgTree } from "../orgs";
import type { FormValues } from "./services.admin-views";
import {
  authoriseSiteReport,
  createHall,
  createWindow,
  HALL_LEVEL_LABELS,
  hallsOf,
  hallUrl as publicHallUrl,
} from "./services.halls";
import * as hrepo from "./services.halls.repo";
import { updateHall, updateWindow } from "./services.halls-admin.service";
import { HallForm, many, one, WindowForm } from "./services.halls-admin.views";
import { MIN_SPECIAL_MODES, parseJson } from "./services.model";
import { authoriseService, HALL, hallNotFound, mayActOnService } from "./services.policy";

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FormBody = Type.Record(
  Type.String({ maxLength: 80 }),
  Type.Union([
    Type.String({ maxLength: 50_000 }),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 80 }),
  ]),
);
const hallUrl = (id: string) => `/admin/services/halls/${id}`;
const windowUrl = (id: string) => `/admin/services/windows/${id}`;

const manageable = (user: CurrentUser, tree: OrgTree): Choice[] =>
  tree
    .flatten(user.siteId)
    .filter((e) => mayActOnService(user, "service.manage", { site_id: user.siteId, org_id: e.org.id }, tree))
    .map((e) => ({ value: e.org.code, label: e.org.name }));
const allOrgs = (user: CurrentUser, tree: OrgTree): Choice[] =>
  tree.flatten(user.siteId).map((e) => ({ value: e.org.code, label: e.org.name }));

const hallInput = (v: FormValues) => ({
  org: one(v, "org"),
  name: one(v, "name"),
  level: one(v, "level"),
  address: one(v, "address"),
  hours: one(v, "hours"),
  phone: one(v, "phone"),
});
const windowInput = (v: FormValues) => ({
  name: one(v, "name"),
  orgs: many(v, "orgs"),
  modes: many(v, "modes"),
});

export function registerHallAdminPages(app: AppInstance, deps: Deps): void {
  // Halls

  const newHall = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    problems: ErrorDetail[],
    status = 200,
  ) => {
    const user = requireUser(req);
    const tree = await authoriseSiteReport(deps, user, "服务大厅和便民服务站");
    return sendAdminPage(
      deps,
      reply,
      { user, title: "新增服务大厅或便民服务站", path: "/admin/services", status },
      <>
        <HallForm
          action="/admin/services/halls/new"
          submit="保存大厅"
          csrf={reply.generateCsrf()}
          values={{ org: tree.get(user.orgId)?.code, ...values }}
          problems={problems}
          orgs={manageable(user, tree)}
        />
        <p>
          <a href="/admin/services/halls">返回服务大厅和便民服务模式</a>
        </p>
      </>,
    );
  };
  app.get("/admin/services/halls/new", { schema: { hide: true } }, async (req, reply) =>
    newHall(req, reply, {}, []),
  );
  app.post("/admin/services/halls/new", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = req.body as FormValues;
    return runFormChange(
      req,
      reply,
      async () => {
        const h = await createHall(deps, user, hallInput(v));
        return { flash: `已新增“${h.name}”，请添加它的服务窗口。`, to: hallUrl(h.id) };
      },
      (r) => newHall(req, reply, v, r.problems, r.status),
    );
  });

  const hallPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    form: { problems: ErrorDetail[]; status?: number; values?: FormValues; which?: "hall" | "window" } = {
      problems: [],
    },
  ) => {
    const tree = await loadOrgTree(deps, user.siteId);
    const hall = await hrepo.findHall(deps.db.kysely, id);
    if (!hall) throw hallNotFound();
    authoriseService(user, "service.view", hall, tree, HALL);
    const { halls, modes } = await hallsOf(deps, user.siteId);
    const view = halls.find((h) => h.hall.id === hall.id);
    const csrf = reply.generateCsrf();
    const mayManage = mayActOnService(user, "service.manage", hall, tree);
    const hallValues =
      form.which === "hall" && form.values
        ? form.values
        : {
            name: hall.name,
            level: hall.level,
            org: tree.get(hall.org_id)?.code ?? "",
            address: hall.address,
            hours: hall.hours,
            phone: hall.phone,
          };
    return sendAdminPage(
      deps,
      reply,
      { user, title: hall.name, path: "/admin/services", status: form.status, flash: takeFlash(req) },
      <>
        <p
          class="meta"
          safe
        >{`${HALL_LEVEL_LABELS[hall.level] ?? hall.level} · ${tree.get(hall.org_id)?.name ?? ""}`}</p>
        <p>
          公开页面：
          <a href={publicHallUrl(hall.id)} safe>
            {publicHallUrl(hall.id)}
          </a>
          ；蒙古文版本：<a href={`${hallUrl(hall.id)}/mn`}>蒙古文大厅介绍（起草、审核）</a>
        </p>
        <section aria-labelledby="windows-title">
          <h2 id="windows-title">服务窗口</h2>
          {view?.windows.length ? (
            <div class="table-scroll">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">窗口</th>
                    <th scope="col">进驻部门</th>
                    <th scope="col">特色服务模式</th>
                    <th scope="col">检查</th>
                  </tr>
                </thead>
                <tbody>
                  {view.windows.map((w) => (
                    <tr>
                      <td>
                        <a href={windowUrl(w.window.id)} safe>
                          {w.window.name}
                        </a>
                      </td>
                      <td safe>{w.orgs.join("、") || "—"}</td>
                      <td safe>{`${w.special} 种`}</td>
                      <td>
                        {w.special < MIN_SPECIAL_MODES
                          ? `不足 ${MIN_SPECIAL_MODES} 种，还差 ${MIN_SPECIAL_MODES - w.special} 种`
                          : "达到要求"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>尚未添加窗口。</p>
          )}
        </section>
        {mayManage ? (
          <>
            <section aria-labelledby="new-window-title">
              <h2 id="new-window-title">新增服务窗口</h2>
              <WindowForm
                action={`${hallUrl(hall.id)}/windows`}
                submit="添加窗口"
                csrf={csrf}
                values={form.which === "window" && form.values ? form.values : {}}
                problems={form.which === "window" ? form.problems : []}
                orgs={allOrgs(user, tree)}
                modes={modes.map((m) => ({
                  value: m.key,
                  label: m.special ? m.name : `${m.name}（非特色）`,
                }))}
                idPrefix="new-window"
              />
            </section>
            <section aria-labelledby="hall-edit-title">
              <h2 id="hall-edit-title">修改大厅信息</h2>
              <HallForm
                action={hallUrl(hall.id)}
                submit="保存大厅信息"
                csrf={csrf}
                values={hallValues}
                problems={form.which === "hall" ? form.problems : []}
                orgs={manageable(user, tree)}
              />
            </section>
          </>
        ) : (
          ""
        )}
        <p>
          <a href="/admin/services/halls">返回服务大厅和便民服务模式</a>
        </p>
      </>,
    );
  };

  app.get("/admin/services/halls/:id", { schema: { hide: true, params: Params } }, async (req, reply) =>
    hallPage(req, reply, requireUser(req), req.params.id),
  );
  const hallChange = (which: "hall" | "window") =>
    recordFormChange(hallUrl, (req, reply, user, id, form) =>
      hallPage(req, reply, user, id, { ...form, values: form.values as FormValues, which }),
    );
  const editHall = hallChange("hall");
  const addWindow = hallChange("window");
  app.post(
    "/admin/services/halls/:id",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      editHall(req, reply, async (user) => {
        const h = await updateHall(deps, user, req.params.id, hallInput(req.body as FormValues));
        return `已保存“${h.name}”。`;
      }),
  );
  app.post(
    "/admin/services/halls/:id/windows",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      addWindow(req, reply, async (user) => {
        const w = await createWindow(deps, user, req.params.id, windowInput(req.body as FormValues));
        const special =
          (await hallsOf(deps, user.siteId)).halls.flatMap((h) => h.windows).find((x) => x.window.id === w.id)
            ?.special ?? 0;
        return special < MIN_SPECIAL_MODES
          ? `已添加窗口“${w.name}”。注意：它只提供 ${special} 种特色服务模式，不足 ${MIN_SPECIAL_MODES} 种。`
          : `已添加窗口“${w.name}”。`;
      }),
  );

  // Windows

  const windowPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    form: { problems: ErrorDetail[]; status?: number; values?: FormValues } = { problems: [] },
  ) => {
    const tree = await loadOrgTree(deps, user.siteId);
    const win = await hrepo.findWindow(deps.db.kysely, id);
    const hall = win && (await hrepo.findHall(deps.db.kysely, win.hall_id));
    if (!win || !hall) throw hallNotFound();
    authoriseService(user, "service.view", hall, tree, HALL);
    const { modes } = await hallsOf(deps, user.siteId);
    const offered = parseJson<string[]>(win.modes_json, []);
    const special = offered.filter((k) => modes.find((m) => m.key === k)?.special === 1).length;
    const values = form.values ?? {
      name: win.name,
      orgs: parseJson<string[]>(win.org_ids_json, []).flatMap((o) => tree.get(o)?.code ?? []),
      modes: offered,
    };
    return sendAdminPage(
      deps,
      reply,
      {
        user,
        title: `${hall.name} · ${win.name}`,
        path: "/admin/services",
        status: form.status,
        flash: takeFlash(req),
      },
      <>
        <p class={special < MIN_SPECIAL_MODES ? "notice" : "meta"} safe>
          {special < MIN_SPECIAL_MODES
            ? `该窗口单位只提供 ${special} 种特色服务模式，不足 ${MIN_SPECIAL_MODES} 种，还差 ${MIN_SPECIAL_MODES - special} 种。`
            : `该窗口单位提供 ${special} 种特色服务模式，达到要求。`}
        </p>
        {mayActOnService(user, "service.manage", hall, tree) ? (
          <WindowForm
            action={windowUrl(win.id)}
            submit="保存窗口"
            csrf={reply.generateCsrf()}
            values={values}
            problems={form.problems}
            orgs={allOrgs(user, tree)}
            modes={modes.map((m) => ({ value: m.key, label: m.special ? m.name : `${m.name}（非特色）` }))}
            idPrefix="window"
          />
        ) : (
          ""
        )}
        <p>
          <a href={hallUrl(hall.id)} safe>{`返回${hall.name}`}</a>
        </p>
      </>,
    );
  };
  app.get("/admin/services/windows/:id", { schema: { hide: true, params: Params } }, async (req, reply) =>
    windowPage(req, reply, requireUser(req), req.params.id),
  );
  const windowChange = recordFormChange(windowUrl, (req, reply, user, id, form) =>
    windowPage(req, reply, user, id, { ...form, values: form.values as FormValues }),
  );
  app.post(
    "/admin/services/windows/:id",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      windowChange(req, reply, async (user) => {
        const w = await updateWindow(deps, user, req.params.id, windowInput(req.body as FormValues));
        return `已保存窗口“${w.name}”。`;
      }),
  );
}
