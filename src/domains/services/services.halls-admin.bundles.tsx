// Back office of 一件事: /admin/services/bundles (the list), /bundles/new and /bundles/{id} (items across
// departments with parallel marks, the one notice, form, set of materials and window). Forms POST and
// redirect; a refused form shows the page again with every problem and what was typed.
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, badRequest, type ErrorDetail } from "../../platform/errors";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { recordFormChange, runFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { takeFlash } from "../../web/views/admin-layout";
import type { Choice } from "../../web/views/fields";
import type { CurrentUser } from "../accounts";
import { loadOrgTree } from "../orgs";
import type { FormValues } from "./services.admin-views";
import { BUNDLE_NOUN, bundleUrl } from "./services.bundles";
import { authoriseSiteReport } from "./services.halls";
import * as hrepo from "./services.halls.repo";
import {
  type BundleSaveInput,
  checkBundle,
  createBundleWithSet,
  loadBundleForStaff,
  updateBundleWithSet,
} from "./services.halls-admin.service";
import { BundleForm, bundleInputOfForm, valuesOfBundle } from "./services.halls-admin.views";
import { lifeEventName, parseJson } from "./services.model";
import { authoriseSiteWide, maySiteWide } from "./services.policy";
import * as repo from "./services.repo";

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FormBody = Type.Record(
  Type.String({ maxLength: 80 }),
  Type.Union([
    Type.String({ maxLength: 50_000 }),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 80 }),
  ]),
);
const bundleAdminUrl = (id: string) => `/admin/services/bundles/${id}`;

/** The bundle form's input; unknown items and materials named with the bundle's other problems. */
async function bundleInput(
  deps: Deps,
  siteId: string,
  v: FormValues,
  existingKey?: string,
): Promise<BundleSaveInput> {
  const [items, catalogue] = await Promise.all([
    publishedItems(deps, siteId),
    repo.listMaterials(deps.db.kysely, siteId),
  ]);
  const r = bundleInputOfForm(v, items, catalogue);
  if (!r.unknownItems.length && !r.unknownMaterials.length) return r.input;
  const problems: ErrorDetail[] = [
    ...r.unknownItems.map((n) => ({
      field: "items",
      code: "item_not_found",
      message: `找不到在用事项“${n}”，请写实施清单编码或完整的事项名称。`,
    })),
    ...r.unknownMaterials.map((n) => ({
      field: "dropped",
      code: "material_not_found",
      message: `材料目录中没有“${n}”，请核对名称。`,
    })),
  ];
  try {
    await checkBundle(deps, siteId, r.input, existingKey);
  } catch (e) {
    if (!(e instanceof AppError) || e.status !== 400) throw e;
    problems.push(...e.details.filter((d) => !(d.field === "items" && d.code === "items_too_few")));
  }
  throw badRequest(problems, "“一件事”未保存，请按提示修改。");
}

const publishedItems = async (deps: Deps, siteId: string) =>
  (await repo.listItems(deps.db.kysely, { siteId, statuses: ["published"] }, { limit: 5000, offset: 0 }))
    .rows;

export function registerBundleAdminPages(app: AppInstance, deps: Deps): void {
  const materialChoices = async (siteId: string): Promise<Choice[]> =>
    (await repo.listMaterials(deps.db.kysely, siteId)).map((m) => ({
      value: m.id,
      label: m.blank_sha256 ? m.name : `${m.name}（未上传空白表格）`,
    }));

  app.get("/admin/services/bundles", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    const tree = await authoriseSiteReport(deps, user, BUNDLE_NOUN);
    const rows = await hrepo.listBundles(deps.db.kysely, user.siteId);
    return sendAdminPage(
      deps,
      reply,
      { user, title: "“一件事一次办”", path: "/admin/services", flash: takeFlash(req) },
      <>
        {maySiteWide(user, "service.manage", tree) ? (
          <ul class="section-links">
            <li>
              <a href="/admin/services/bundles/new">新增“一件事”</a>
            </li>
          </ul>
        ) : (
          ""
        )}
        {rows.length ? (
          <div class="table-scroll">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">名称</th>
                  <th scope="col">主题</th>
                  <th scope="col">事项数</th>
                  <th scope="col">并联审批</th>
                  <th scope="col">承诺时限</th>
                  <th scope="col">公开页面</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((b) => {
                  const entries = parseJson<Array<{ parallel: boolean }>>(b.items_json, []);
                  return (
                    <tr>
                      <td>
                        <a href={bundleAdminUrl(b.id)} safe>
                          {b.name}
                        </a>
                      </td>
                      <td safe>{lifeEventName(b.life_event)}</td>
                      <td safe>{String(entries.length)}</td>
                      <td safe>{`${entries.filter((e) => e.parallel).length} 项`}</td>
                      <td safe>{`${b.promised_days} 个工作日`}</td>
                      <td>
                        <a href={bundleUrl(b.key)} safe>
                          {bundleUrl(b.key)}
                        </a>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p>暂无“一件事”。</p>
        )}
        <p>
          <a href="/admin/services">返回事项列表</a>
        </p>
      </>,
    );
  });

  const newBundle = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    problems: ErrorDetail[],
    status = 200,
  ) => {
    const user = requireUser(req);
    authoriseSiteWide(user, "service.manage", await loadOrgTree(deps, user.siteId), BUNDLE_NOUN);
    return sendAdminPage(
      deps,
      reply,
      { user, title: "新增“一件事”", path: "/admin/services", status },
      <>
        <BundleForm
          action="/admin/services/bundles/new"
          submit="保存“一件事”"
          csrf={reply.generateCsrf()}
          values={values}
          problems={problems}
          materials={await materialChoices(user.siteId)}
          withKey
        />
        <p>
          <a href="/admin/services/bundles">返回“一件事”列表</a>
        </p>
      </>,
    );
  };
  app.get("/admin/services/bundles/new", { schema: { hide: true } }, async (req, reply) =>
    newBundle(req, reply, {}, []),
  );
  app.post("/admin/services/bundles/new", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = req.body as FormValues;
    return runFormChange(
      req,
      reply,
      async () => {
        const input = await bundleInput(deps, user.siteId, v);
        const b = await createBundleWithSet(deps, user, input);
        return { flash: `已新增“${b.name}”，已在政务服务栏目公开。`, to: bundleAdminUrl(b.id) };
      },
      (r) => newBundle(req, reply, v, r.problems, r.status),
    );
  });

  const bundlePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    form: { problems: ErrorDetail[]; status?: number; values?: FormValues } = { problems: [] },
  ) => {
    const b = await loadBundleForStaff(deps, user, id);
    const [items, catalogue] = await Promise.all([
      publishedItems(deps, user.siteId),
      repo.listMaterials(deps.db.kysely, user.siteId),
    ]);
    const mayManage = maySiteWide(user, "service.manage", b.tree);
    return sendAdminPage(
      deps,
      reply,
      { user, title: b.row.name, path: "/admin/services", status: form.status, flash: takeFlash(req) },
      <>
        <p>
          公开页面：
          <a href={bundleUrl(b.row.key)} safe>
            {bundleUrl(b.row.key)}
          </a>
        </p>
        <p>
          蒙古文版本：<a href={`${bundleAdminUrl(b.row.id)}/mn`}>蒙古文“一件事”（起草、审核）</a>
        </p>
        {mayManage ? (
          <BundleForm
            action={bundleAdminUrl(b.row.id)}
            submit="保存修改"
            csrf={reply.generateCsrf()}
            values={form.values ?? valuesOfBundle(b.row, b, items, catalogue)}
            problems={form.problems}
            materials={catalogue.map((m) => ({
              value: m.id,
              label: m.blank_sha256 ? m.name : `${m.name}（未上传空白表格）`,
            }))}
            withKey={false}
          />
        ) : (
          ""
        )}
        <p>
          <a href="/admin/services/bundles">返回“一件事”列表</a>
        </p>
      </>,
    );
  };
  app.get("/admin/services/bundles/:id", { schema: { hide: true, params: Params } }, async (req, reply) =>
    bundlePage(req, reply, requireUser(req), req.params.id),
  );
  const bundleChange = recordFormChange(bundleAdminUrl, (req, reply, user, id, form) =>
    bundlePage(req, reply, user, id, { ...form, values: form.values as FormValues }),
  );
  app.post(
    "/admin/services/bundles/:id",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      bundleChange(req, reply, async (user) => {
        const { row } = await loadBundleForStaff(deps, user, req.params.id);
        const input = await bundleInput(deps, user.siteId, req.body as FormValues, row.key);
        const b = await updateBundleWithSet(deps, user, row.id, input);
        return `已保存“${b.name}”，公开页面已更新。`;
      }),
  );
}
