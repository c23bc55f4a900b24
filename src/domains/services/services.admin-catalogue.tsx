// Back office of the materials catalogue and the halls: /admin/services/materials (the catalogue with the
// number of items asking for each, the 减材料 report, a new material), /materials/{id} (edit: every guide
// using it changes; blank form and sample uploads), /admin/services/halls (halls, window units and their
// modes, the modes check flagging every window unit with fewer than 8 special modes).
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import type { ErrorDetail } from "../../platform/errors";
import { badRequest } from "../../platform/errors";
import { storageOf } from "../../platform/storage";
import { sendAdminPage } from "../../web/admin-page";
import { registerAdminUploadForm } from "../../web/admin-upload";
import { requireUser } from "../../web/auth";
import { recordFormChange, runFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { takeFlash } from "../../web/views/admin-layout";
import { ErrorList } from "../../web/views/error-list";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import type { CurrentUser } from "../accounts";
import { loadOrgTree } from "../orgs";
import { checkIncomingFiles } from "../publishing/attachments";
import { openUpload } from "../publishing/attachments/attachments.multipart";
import { type FormValues, MaterialForm, materialInputOfForm, valuesOfMaterial } from "./services.admin-views";
import { authoriseSiteReport, hallsOf, modesCheck, setModes, setWindowModes } from "./services.halls";
import {
  createMaterial,
  loadMaterialForStaff,
  reductionReport,
  setMaterialFile,
  updateMaterial,
} from "./services.materials";
import { MIN_SPECIAL_MODES, NECESSITY_LABELS, SOURCE_LABELS } from "./services.model";
import { itemUrl } from "./services.present";
import * as repo from "./services.repo";

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FormBody = Type.Record(
  Type.String({ maxLength: 80 }),
  Type.Union([
    Type.String({ maxLength: 50_000 }),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }),
  ]),
);
const materialUrl = (id: string) => `/admin/services/materials/${id}`;
const MAX_FORM_BYTES = 10 * 1024 * 1024;

export function registerServiceCatalogueAdmin(app: AppInstance, deps: Deps): void {
  const orgsOf = async (user: CurrentUser) =>
    (await loadOrgTree(deps, user.siteId))
      .flatten(user.siteId)
      .map((e) => ({ value: e.org.code, label: e.org.name }));

  const catalogue = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    problems: ErrorDetail[],
    status = 200,
  ) => {
    const user = requireUser(req);
    const tree = await authoriseSiteReport(deps, user, "材料目录和减材料分析");
    const db = deps.db.kysely;
    const [materials, use, report] = await Promise.all([
      repo.listMaterials(db, user.siteId),
      repo.materialUse(db, user.siteId),
      reductionReport(deps, user.siteId),
    ]);
    return sendAdminPage(
      deps,
      reply,
      { user, title: "材料目录", path: "/admin/services", status, flash: takeFlash(req) },
      <>
        <section aria-labelledby="reduce-title">
          <h2 id="reduce-title">减材料分析</h2>
          <h3>被 3 个及以上事项要求的材料</h3>
          {report.demanded.length ? (
            <ul>
              {report.demanded.map((e) => (
                <li>
                  <a href={materialUrl(e.material.id)} safe>
                    {e.material.name}
                  </a>
                  <span class="meta" safe>{` ${e.items} 个事项要求`}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>没有。</p>
          )}
          <h3>由政府部门核发、可共享免交的材料</h3>
          {report.issued.length ? (
            <ul>
              {report.issued.map((e) => (
                <li>
                  <a href={materialUrl(e.material.id)} safe>
                    {e.material.name}
                  </a>
                  <span
                    class="meta"
                    safe
                  >{` ${tree.get(e.material.issuer_org_id ?? "")?.name ?? ""}核发 · ${e.items} 个事项要求`}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>没有。</p>
          )}
        </section>
        <section aria-labelledby="catalogue-title">
          <h2 id="catalogue-title">材料目录</h2>
          <div class="table-scroll">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">材料名称</th>
                  <th scope="col">必要性</th>
                  <th scope="col">来源</th>
                  <th scope="col">使用事项数</th>
                </tr>
              </thead>
              <tbody>
                {materials.map((m) => (
                  <tr>
                    <td>
                      <a href={materialUrl(m.id)} safe>
                        {m.name}
                      </a>
                    </td>
                    <td safe>{NECESSITY_LABELS[m.necessity] ?? m.necessity}</td>
                    <td safe>{SOURCE_LABELS[m.source] ?? m.source}</td>
                    <td safe>{String(use.get(m.id) ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section aria-labelledby="new-material-title">
          <h2 id="new-material-title">新增材料</h2>
          <MaterialForm
            action="/admin/services/materials"
            submit="添加到材料目录"
            csrf={reply.generateCsrf()}
            values={values}
            problems={problems}
            orgs={await orgsOf(user)}
          />
        </section>
        <p>
          <a href="/admin/services">返回事项列表</a>
        </p>
      </>,
    );
  };

  app.get("/admin/services/materials", { schema: { hide: true } }, async (req, reply) =>
    catalogue(req, reply, {}, []),
  );

  app.post("/admin/services/materials", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = req.body as FormValues;
    return runFormChange(
      req,
      reply,
      async () => {
        const row = await createMaterial(deps, user, materialInputOfForm(v));
        return { flash: `已将“${row.name}”加入材料目录。`, to: materialUrl(row.id) };
      },
      (r) => catalogue(req, reply, v, r.problems, r.status),
    );
  });

  const materialPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    form: { problems: ErrorDetail[]; status?: number; values?: FormValues } = { problems: [] },
  ) => {
    const { row, tree } = await loadMaterialForStaff(deps, user, id);
    const items = await repo.itemsUsingMaterial(deps.db.kysely, row.id);
    const csrf = reply.generateCsrf();
    return sendAdminPage(
      deps,
      reply,
      {
        user,
        title: `材料：${row.name}`,
        path: "/admin/services",
        status: form.status,
        flash: takeFlash(req),
      },
      <>
        <p
          class="meta"
          safe
        >{`第 ${row.revision} 次修订。修改后，下列 ${items.length} 个事项的办事指南随即显示修改后的内容。`}</p>
        <ul>
          {items.map((i) => (
            <li>
              <a href={itemUrl(i.id)} safe>
                {i.name}
              </a>
            </li>
          ))}
        </ul>
        <MaterialForm
          action={materialUrl(row.id)}
          submit="保存材料"
          csrf={csrf}
          values={
            form.values ??
            valuesOfMaterial(row, row.issuer_org_id ? tree.get(row.issuer_org_id)?.code : undefined)
          }
          problems={form.problems}
          orgs={await orgsOf(user)}
        />
        <h2>空白表格和示范文本</h2>
        <p safe>{`空白表格：${row.blank_name ?? "未上传"}；示范文本：${row.sample_name ?? "未上传"}`}</p>
        <FileForm id={row.id} which="blank" csrf={csrf} problems={[]} />
        <FileForm id={row.id} which="sample" csrf={csrf} problems={[]} />
        <p>
          <a href="/admin/services/materials">返回材料目录</a>
        </p>
      </>,
    );
  };

  app.get("/admin/services/materials/:id", { schema: { hide: true, params: Params } }, async (req, reply) =>
    materialPage(req, reply, requireUser(req), req.params.id),
  );
  const materialChange = recordFormChange(materialUrl, (req, reply, user, id, form) =>
    materialPage(req, reply, user, id, { ...form, values: form.values as FormValues }),
  );
  app.post(
    "/admin/services/materials/:id",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      materialChange(req, reply, async (user) => {
        const r = await updateMaterial(
          deps,
          user,
          req.params.id,
          materialInputOfForm(req.body as FormValues),
        );
        return `已保存材料，${r.items.length} 个事项的办事指南已更新。`;
      }),
  );

  for (const which of ["blank", "sample"] as const)
    registerAdminUploadForm<repo.MaterialRow>(app, deps, {
      url: `/admin/services/materials/:id/${which}`,
      params: Params,
      title: which === "blank" ? "上传空白表格" : "上传示范文本",
      navPath: "/admin/services",
      load: (id) => repo.findMaterial(deps.db.kysely, id),
      heading: (row) => `${which === "blank" ? "上传空白表格" : "上传示范文本"}：${row.name}`,
      recordUrl: materialUrl,
      backLabel: "返回材料",
      form: (row, csrf, problems) => <FileForm id={row.id} which={which} csrf={csrf} problems={problems} />,
      receive: async (req, user, id) => {
        await loadMaterialForStaff(deps, user, id);
        const upload = await openUpload(req);
        const files = await upload.stageFiles(storageOf(deps));
        try {
          const problems: ErrorDetail[] = [];
          if (files.length > 1)
            problems.push({ field: "file", code: "too_many_files", message: "每次只能上传一个文件。" });
          const accepted = await checkIncomingFiles(files, problems, {
            maxBytes: MAX_FORM_BYTES,
            budgetMs: 10_000,
          });
          if (problems.length) throw badRequest(problems, "文件未上传，请按提示处理后重新上传。");
          const a = accepted[0]!;
          await a.file.staged.commit();
          await setMaterialFile(deps, user, id, which, { sha256: a.file.staged.sha256, name: a.filename });
          return `已上传“${a.filename}”。`;
        } finally {
          for (const f of files) await f.staged.discard();
        }
      },
    });

  const halls = async (
    req: FastifyRequest,
    reply: FastifyReply,
    problems: ErrorDetail[] = [],
    status = 200,
  ) => {
    const user = requireUser(req);
    await authoriseSiteReport(deps, user, "服务大厅和便民服务模式");
    const [{ halls: list, modes }, flagged] = await Promise.all([
      hallsOf(deps, user.siteId),
      modesCheck(deps, user.siteId),
    ]);
    const csrf = reply.generateCsrf();
    return sendAdminPage(
      deps,
      reply,
      { user, title: "服务大厅和便民服务模式", path: "/admin/services", status, flash: takeFlash(req) },
      <>
        <ErrorList problems={problems} />
        <ul class="section-links">
          <li>
            <a href="/admin/services/halls/new">新增服务大厅或便民服务站</a>
          </li>
        </ul>
        <section aria-labelledby="check-title">
          <h2 id="check-title">{`便民服务模式检查（每个窗口单位不少于 ${MIN_SPECIAL_MODES} 种特色服务模式）`}</h2>
          {flagged.length ? (
            <ul class="findings">
              {flagged.map((f) => (
                <li>
                  <a
                    href={`/admin/services/windows/${f.window.id}`}
                    safe
                  >{`${f.hall.name} · ${f.window.name}：只提供 ${f.special} 种，还差 ${f.missing} 种`}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p>所有窗口单位均已达到要求。</p>
          )}
        </section>
        <section aria-labelledby="modes-title">
          <h2 id="modes-title">本站便民服务模式清单</h2>
          <form method="post" action="/admin/services/modes" class="stack" novalidate>
            <CsrfField token={csrf} />
            <Field
              name="modes"
              id="mode-list"
              as="textarea"
              rows={16}
              label="便民服务模式"
              hint="每行一种：代码|名称；不计入特色服务模式的在后面加“|非特色”。窗口仍在提供的模式不能删除。"
              value={modes.map((m) => `${m.key}|${m.name}${m.special ? "" : "|非特色"}`).join("\n")}
              problems={problems}
            />
            <button type="submit">保存模式清单</button>
          </form>
        </section>
        {list.map((h) => (
          <section aria-labelledby={`h-${h.hall.id}`}>
            <h2 id={`h-${h.hall.id}`}>
              <a href={`/admin/services/halls/${h.hall.id}`} safe>
                {h.hall.name}
              </a>
            </h2>
            {h.windows.map((w) => {
              const offered = new Set(JSON.parse(w.window.modes_json) as string[]);
              return (
                <form method="post" action={`/admin/services/windows/${w.window.id}/modes`} class="stack">
                  <CsrfField token={csrf} />
                  <Field
                    name="modes"
                    id={`modes-${w.window.id}`}
                    as="checkboxes"
                    label={`${w.window.name}（${w.special} 种特色服务模式）`}
                    values={[...offered]}
                    choices={modes.map((m) => ({ value: m.key, label: m.name }))}
                  />
                  <button type="submit">保存服务模式</button>
                </form>
              );
            })}
          </section>
        ))}
        <p>
          <a href="/admin/services">返回事项列表</a>
        </p>
      </>,
    );
  };

  app.get("/admin/services/halls", { schema: { hide: true } }, async (req, reply) => halls(req, reply));
  app.post("/admin/services/modes", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const text = (req.body as FormValues).modes;
    const lines = (typeof text === "string" ? text : "")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const modes = lines.map((l) => {
      const [key, name, flag] = l.split(/[|｜]/).map((x) => x.trim());
      return { key, name, special: !(flag ?? "").includes("非特色") };
    });
    return runFormChange(
      req,
      reply,
      async () => {
        const rows = await setModes(deps, user, modes);
        return { flash: `已保存便民服务模式清单，共 ${rows.length} 种。`, to: "/admin/services/halls" };
      },
      (r) => halls(req, reply, r.problems, r.status),
    );
  });
  app.post(
    "/admin/services/windows/:id/modes",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) => {
      const user = requireUser(req);
      const v = (req.body as FormValues).modes;
      const modes = Array.isArray(v) ? v : v ? [v] : [];
      return runFormChange(
        req,
        reply,
        async () => {
          const w = await setWindowModes(deps, user, req.params.id, modes);
          return { flash: `已保存“${w.name}”的便民服务模式。`, to: "/admin/services/halls" };
        },
        (r) => halls(req, reply, r.problems, r.status),
      );
    },
  );
}

function FileForm(p: {
  id: string;
  which: "blank" | "sample";
  csrf: string;
  problems: readonly ErrorDetail[];
}) {
  const label = p.which === "blank" ? "上传空白表格" : "上传示范文本";
  return (
    <form
      method="post"
      action={`/admin/services/materials/${p.id}/${p.which}`}
      enctype="multipart/form-data"
      class="stack"
    >
      <CsrfField token={p.csrf} />
      <ErrorSummary title="文件未上传：" problems={[...p.problems]} />
      <Field
        name="file"
        id={`file-${p.which}`}
        type="file"
        required
        label={label}
        hint="Word、Excel 或 PDF，不超过 10 MB。"
        problems={p.problems}
      />
      <button type="submit">{label}</button>
    </form>
  );
}
