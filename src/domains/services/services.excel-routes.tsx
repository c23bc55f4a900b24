// Routes of the services' Excel export and import (services.excel.ts): the workbook through the API
// (GET /api/v1/services/export.xlsx) and the back office (/admin/services/export.xlsx); the upload through
// the API (POST /api/v1/services/import, multipart: file, decision, reason, dry_run, expect_sha256) and the
// back office (/admin/services/import: the layout explained and the upload; /import/preview lists what
// would be added, changed and left as it is; confirming uploads the same file again with the decision).
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { shanghaiDateOf } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { problemsOf } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { takeFlash } from "../../web/views/admin-layout";
import { type Choice, Field } from "../../web/views/fields";
import { type CurrentUser, canAny } from "../accounts";
import { loadOrgTree } from "../orgs";
import {
  drainUpload,
  openUpload,
  readMultipartFields,
} from "../publishing/attachments/attachments.multipart";
import { exportServices, SERVICES_EXCEL_MAX_BYTES } from "./services.excel";
import { importServices, summaryText } from "./services.excel.apply";
import { ACTION_LABELS, type ImportPlan, planImport } from "./services.excel.check";
import { COLUMNS, DATA_SHEETS, LAYOUT_NOTES, SHEETS } from "./services.excel.layout";
import { mayViewService, SERVICE_VIEW_ACTIONS } from "./services.policy";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PAGE = "/admin/services/import";
const ExportQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 60 })) });

const exportName = (deps: Deps, org?: string) => {
  const day = shanghaiDateOf(deps.clock.now());
  const ascii = `services-${org ? `${org.replace(/[^A-Za-z0-9_-]/g, "")}-` : ""}${day}.xlsx`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`政务服务事项${org ? `-${org}` : ""}-${day}.xlsx`)}`;
};

async function sendExport(deps: Deps, req: FastifyRequest, reply: FastifyReply, query: { org?: string }) {
  const org = query.org?.trim() || undefined;
  const r = await exportServices(deps, requireUser(req), org ? { org } : {});
  return reply
    .header("content-type", XLSX)
    .header("content-disposition", exportName(deps, org))
    .header("cache-control", "no-store")
    .send(r.data);
}

const missingFile = () =>
  new AppError("validation_failed", 400, "请选择文件。", [
    { field: "file", code: "file_missing", message: "请选择按导出格式填写的 Excel（.xlsx）文件。" },
  ]);

/** The uploaded file (one, at most the cap) and the form's fields. */
async function uploaded(req: FastifyRequest) {
  if (!req.isMultipart()) throw missingFile();
  const upload = await openUpload(req);
  const { files } = await upload.bufferFiles({ maxBytes: SERVICES_EXCEL_MAX_BYTES, maxFiles: 1 });
  const file = files[0];
  if (!file || (!file.filename && !file.data.length)) throw missingFile();
  return { file, fields: upload.fields };
}

const truthy = (v: string | undefined) => v === "1" || v === "true" || v === "yes";

function planJson(plan: ImportPlan) {
  return {
    sha256: plan.sha256,
    counts: plan.counts,
    items: plan.items.map((i) => ({
      row: i.row,
      impl_code: i.impl_code,
      name: i.name,
      action: i.action,
      fields: i.fields,
    })),
    materials: plan.materials.map((m) => ({
      row: m.row,
      code: m.code,
      name: m.name,
      action: m.action,
      fields: m.fields,
    })),
  };
}

const Counts = Type.Object({ add: Type.Integer(), change: Type.Integer(), unchanged: Type.Integer() });
const Entry = Type.Object({
  row: Type.Integer(),
  name: Type.String(),
  action: Type.Union([Type.Literal("add"), Type.Literal("change"), Type.Literal("unchanged")]),
  fields: Type.Array(Type.String()),
  impl_code: Type.Optional(Type.String()),
  code: Type.Optional(Type.String()),
});
const ImportJson = Type.Object({
  dry_run: Type.Boolean(),
  applied: Type.Boolean(),
  sha256: Type.String(),
  counts: Type.Object({ items: Counts, materials: Counts }),
  items: Type.Array(Entry),
  materials: Type.Array(Entry),
});

function exportChoices(user: CurrentUser, tree: Awaited<ReturnType<typeof loadOrgTree>>): Choice[] {
  return tree
    .flatten(user.siteId)
    .filter((e) => mayViewService(user, { site_id: user.siteId, org_id: e.org.id }, tree))
    .map((e) => ({ value: e.org.code, label: `${"　".repeat(e.depth)}${e.org.name}` }));
}

function Problems(p: { problems: readonly ErrorDetail[] }) {
  if (!p.problems.length) return "";
  return (
    <div class="error-summary" role="alert" tabindex="-1">
      <h2 safe>{`有 ${p.problems.length} 处问题，未导入任何内容。请在原文件中修改后重新上传：`}</h2>
      <ul>
        {p.problems.map((x) => (
          <li safe>{x.message}</li>
        ))}
      </ul>
    </div>
  );
}

function UploadFields(p: { problems: readonly ErrorDetail[]; label: string }) {
  return (
    <Field
      name="file"
      type="file"
      label={p.label}
      required
      accept=".xlsx"
      hint={`本系统导出的 Excel 工作簿（.xlsx），不超过 ${SERVICES_EXCEL_MAX_BYTES / 1024 / 1024} MB。`}
      problems={p.problems.filter((x) => x.field === "file")}
    />
  );
}

async function importPage(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  user: CurrentUser,
  p: { problems?: ErrorDetail[]; status?: number } = {},
) {
  const problems = p.problems ?? [];
  const tree = await loadOrgTree(deps, user.siteId);
  return sendAdminPage(
    deps,
    reply,
    { user, title: "导入导出政务服务事项", path: "/admin/services", status: p.status, flash: takeFlash(req) },
    <>
      <p class="meta">
        事项和办事材料可以导出为一个 Excel
        工作簿，修改后再导入。导入的新增和修改成为事项的待审版本，经提交审核、审核通过后才对外公布；文件中任何一处有误，全部不导入。
      </p>
      <Problems problems={problems} />
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">导出</h2>
        <form method="get" action="/admin/services/export.xlsx" class="filters">
          <Field
            name="org"
            as="select"
            label="实施主体"
            blank="全部（我可以查看的事项）"
            choices={exportChoices(user, tree)}
          />
          <button type="submit">导出 Excel</button>
        </form>
      </section>
      <section aria-labelledby="layout-heading">
        <h2 id="layout-heading">格式</h2>
        <ul>
          {LAYOUT_NOTES.map((n) => (
            <li safe>{n}</li>
          ))}
        </ul>
        <dl>
          {DATA_SHEETS.map((k) => (
            <>
              <dt safe>{`工作表“${SHEETS[k]}”`}</dt>
              <dd safe>
                {COLUMNS[k].map((c) => (c.info ? `${c.header}（仅供核对）` : c.header)).join("、")}
              </dd>
            </>
          ))}
        </dl>
      </section>
      <form
        method="post"
        action={`${PAGE}/preview`}
        enctype="multipart/form-data"
        class="stack"
        aria-labelledby="upload-heading"
      >
        <input type="hidden" name="_csrf" value={reply.generateCsrf()} />
        <h2 id="upload-heading">导入</h2>
        <UploadFields problems={problems} label="修改好的工作簿" />
        <p>
          <button type="submit">预览导入结果</button>
        </p>
      </form>
      <p>
        <a href="/admin/services">返回政务服务事项</a>
      </p>
    </>,
  );
}

function PlanTable(p: {
  caption: string;
  rows: ReadonlyArray<{ row: number; label: string; action: keyof typeof ACTION_LABELS; fields: string[] }>;
}) {
  const shown = p.rows.filter((r) => r.action !== "unchanged");
  if (!shown.length) return <p safe>{`${p.caption}：没有新增或修改。`}</p>;
  return (
    <div class="table-scroll">
      <table class="table">
        <caption safe>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">行</th>
            <th scope="col">名称</th>
            <th scope="col">导入后</th>
            <th scope="col">修改的内容</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr>
              <td safe>{String(r.row)}</td>
              <td safe>{r.label}</td>
              <td safe>{ACTION_LABELS[r.action]}</td>
              <td safe>{r.fields.join("、")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function previewPage(
  deps: Deps,
  reply: FastifyReply,
  user: CurrentUser,
  plan: ImportPlan,
  p: { problems?: ErrorDetail[]; status?: number; decision?: string; reason?: string } = {},
) {
  const problems = p.problems ?? [];
  const nothing =
    plan.counts.items.add +
      plan.counts.items.change +
      plan.counts.materials.add +
      plan.counts.materials.change ===
    0;
  const itemChanges = plan.counts.items.add + plan.counts.items.change > 0;
  return sendAdminPage(
    deps,
    reply,
    { user, title: "预览导入结果", path: "/admin/services", status: p.status },
    <>
      <p safe>{`文件 ${plan.filename} 检查无误。导入将：${summaryText(plan)}。`}</p>
      <PlanTable
        caption="事项"
        rows={plan.items.map((i) => ({
          row: i.row,
          label: `${i.name}（${i.impl_code}）`,
          action: i.action,
          fields: i.fields,
        }))}
      />
      <PlanTable
        caption="材料"
        rows={plan.materials.map((m) => ({ row: m.row, label: m.name, action: m.action, fields: m.fields }))}
      />
      {nothing ? (
        <p>文件与系统中的事项和材料完全一致，导入不会作任何修改。</p>
      ) : (
        <form
          method="post"
          action={PAGE}
          enctype="multipart/form-data"
          class="stack"
          aria-labelledby="confirm-heading"
        >
          <input type="hidden" name="_csrf" value={reply.generateCsrf()} />
          <input type="hidden" name="expect_sha256" value={plan.sha256} />
          <h2 id="confirm-heading">确认导入</h2>
          {problems.length ? (
            <div class="error-summary" role="alert" tabindex="-1">
              <ul>
                {problems.map((x) => (
                  <li safe>{x.message}</li>
                ))}
              </ul>
            </div>
          ) : (
            ""
          )}
          {itemChanges ? (
            <>
              <Field
                name="decision"
                label="新增、变更事项的决定（文号和名称）"
                required
                maxlength={300}
                value={p.decision ?? ""}
                problems={problems}
              />
              <Field
                name="reason"
                as="textarea"
                label="调整理由"
                rows={3}
                maxlength={2000}
                value={p.reason ?? ""}
                problems={problems}
              />
            </>
          ) : (
            ""
          )}
          <UploadFields problems={problems} label="请再次选择同一文件以确认导入" />
          <p>
            <button type="submit">确认导入</button>
          </p>
        </form>
      )}
      <p>
        <a href={PAGE}>重新选择文件</a>
      </p>
    </>,
  );
}

export function registerServiceExcelRoutes(app: AppInstance, deps: Deps): void {
  const onResponse = async (req: FastifyRequest) => drainUpload(req);

  app.get(
    "/api/v1/services/export.xlsx",
    {
      schema: {
        tags: ["services"],
        operationId: "exportServices",
        summary:
          "The service items the user may see and the materials catalogue as one Excel workbook (layout: docs/services-excel.md); `org` limits it to an organisation and those under it",
        security: [{ bearerAuth: [] }],
        querystring: ExportQuery,
        produces: [XLSX],
      },
    },
    async (req, reply) => sendExport(deps, req, reply, req.query),
  );

  app.post(
    "/api/v1/services/import",
    {
      schema: {
        tags: ["services"],
        operationId: "importServices",
        summary:
          "Import service items and materials from a workbook in the export's layout (multipart: `file`, `decision`, `reason`, `dry_run`, `expect_sha256`): all or nothing, every problem in the 400 with field sheet[row].column; `dry_run=1` answers what would be added, changed and left unchanged",
        security: [{ bearerAuth: [] }],
        consumes: ["multipart/form-data"],
        response: { 200: ImportJson },
      },
      onResponse,
    },
    async (req) => {
      try {
        const user = requireUser(req);
        if (!canAny(user, "service.manage"))
          throw new AppError("role_not_allowed", 403, "您的角色不能导入政务服务事项。");
        const { file, fields } = await uploaded(req);
        if (truthy(fields.dry_run)) {
          const plan = await planImport(deps, user, file);
          return { dry_run: true, applied: false, ...planJson(plan) };
        }
        const r = await importServices(deps, user, file, {
          decision: fields.decision,
          reason: fields.reason,
          expectSha256: fields.expect_sha256,
        });
        return { dry_run: false, applied: r.applied, ...planJson(r.plan) };
      } finally {
        await drainUpload(req);
      }
    },
  );

  app.get(
    "/admin/services/export.xlsx",
    { schema: { hide: true, querystring: ExportQuery } },
    async (req, reply) => sendExport(deps, req, reply, req.query),
  );

  app.get(PAGE, { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    if (!SERVICE_VIEW_ACTIONS.some((a) => canAny(user, a)))
      throw new AppError("role_not_allowed", 403, "您的角色不能查看政务服务事项。");
    return importPage(deps, req, reply, user);
  });

  app.post(
    `${PAGE}/preview`,
    { preValidation: readMultipartFields, onResponse, schema: { hide: true } },
    async (req, reply) => {
      const user = requireUser(req);
      try {
        const { file } = await uploaded(req);
        return await previewPage(deps, reply, user, await planImport(deps, user, file));
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
        return importPage(deps, req, reply, user, { problems: problemsOf(e), status: e.status });
      } finally {
        await drainUpload(req);
      }
    },
  );

  app.post(
    PAGE,
    { preValidation: readMultipartFields, onResponse, schema: { hide: true } },
    async (req, reply) => {
      const user = requireUser(req);
      let up: Awaited<ReturnType<typeof uploaded>> | undefined;
      let fields: Record<string, string> = {};
      try {
        up = await uploaded(req);
        fields = up.fields;
        const r = await importServices(deps, user, up.file, {
          decision: fields.decision,
          reason: fields.reason,
          expectSha256: fields.expect_sha256,
        });
        req.session.set(
          "flash",
          r.applied
            ? `已导入：${summaryText(r.plan)}。新增和修改的事项已成为待审版本，请逐项提交审核。`
            : "文件与系统中的事项和材料一致，没有作任何修改。",
        );
        return reply.redirect("/admin/services", 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
        // A missing decision: the preview again, with the decision asked for.
        if (up && e.details.some((d) => d.field === "decision" || d.field === "reason")) {
          const plan = await planImport(deps, user, up.file);
          return previewPage(deps, reply, user, plan, {
            problems: problemsOf(e),
            status: e.status,
            decision: fields.decision,
            reason: fields.reason,
          });
        }
        return importPage(deps, req, reply, user, { problems: problemsOf(e), status: e.status });
      } finally {
        await drainUpload(req);
      }
    },
  );
}
