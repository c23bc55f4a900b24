// The back office of the 12345 hotline: uploading 12345's export (preview with every row's problems named,
// then the confirmation that imports it) and the register of the county's hotline numbers. The tickets
// themselves are handled on the messages pages (/admin/messages?channel=hotline). Forms post to the services
// and redirect (303); the back-office hook checks the login and the CSRF token; hotline.policy.ts decides.
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import type { CurrentUser } from "../accounts";
import { loadOrgTree } from "../orgs";
import {
  drainUpload,
  openUpload,
  readMultipartFields,
} from "../publishing/attachments/attachments.multipart";
import { confirmImport, IMPORT_MAX_BYTES, type ImportPreview, previewImport } from "./hotline.import";
import {
  createNumber,
  deleteNumber,
  getNumber,
  listNumberRows,
  presentNumber,
  updateNumber,
} from "./hotline.numbers";
import { authoriseHotlineImport, authoriseHotlineNumbers } from "./hotline.policy";
import type { NumberInput } from "./hotline.schemas";
import { ImportForm, ImportPreviewView, NumberForm, NumberTable, type NumberValues } from "./hotline.views";

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FormBody = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 2000 }));
const NUMBERS = "/admin/hotline/numbers";
const IMPORT = "/admin/hotline/import";

const problemsOf = (e: AppError): ErrorDetail[] =>
  e.details.length ? e.details : [{ code: e.code, message: e.message }];

const numberInputOf = (v: NumberValues): NumberInput => ({
  number: v.number ?? "",
  name: v.name ?? "",
  org: v.org ?? "",
  status: (v.status ?? "") as NumberInput["status"],
  reason: v.reason || undefined,
  merged_on: v.merged_on || undefined,
  sort_order: v.sort_order && /^\d{1,4}$/.test(v.sort_order) ? Number(v.sort_order) : undefined,
});

const valuesOf = (body: Record<string, string>): NumberValues => {
  const { _csrf, ...v } = body;
  return v;
};

export function registerHotlineAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: NUMBERS, label: "便民热线", action: "hotline.numbers" });

  const orgChoices = async (user: CurrentUser) =>
    (await loadOrgTree(deps, user.siteId))
      .flatten(user.siteId)
      .map(({ org, depth }) => ({ value: org.code, label: `${"　".repeat(depth)}${org.name}` }));

  const listPage = async (user: CurrentUser, reply: FastifyReply, flash?: string) => {
    const tree = await loadOrgTree(deps, user.siteId);
    authoriseHotlineNumbers(user, tree);
    const rows = (await listNumberRows(deps.db.kysely, user.siteId)).map((r) => presentNumber(tree, r));
    return sendAdminPage(
      deps,
      reply,
      { user, title: "政务服务便民热线", path: NUMBERS, flash },
      <>
        <p class="actions">
          <a class="button" href={`${NUMBERS}/new`}>
            登记热线号码
          </a>{" "}
          <a href={IMPORT}>导入12345工单</a> <a href="/admin/messages?channel=hotline">12345工单</a>
        </p>
        <NumberTable rows={rows} />
      </>,
    );
  };

  app.get(NUMBERS, { schema: { hide: true } }, async (req, reply) =>
    listPage(requireUser(req), reply, takeFlash(req)),
  );

  const formPage = async (
    user: CurrentUser,
    reply: FastifyReply,
    f: { id?: string; values: NumberValues; problems: ErrorDetail[]; status?: number },
  ) =>
    sendAdminPage(
      deps,
      reply,
      { user, title: f.id ? "修改热线号码" : "登记热线号码", path: NUMBERS, status: f.status },
      <>
        <p>
          <a href={NUMBERS}>返回热线目录</a>
        </p>
        <NumberForm
          action={f.id ? `${NUMBERS}/${f.id}` : NUMBERS}
          csrf={reply.generateCsrf()}
          orgs={await orgChoices(user)}
          values={f.values}
          problems={f.problems}
        />
        {f.id ? (
          <form method="post" action={`${NUMBERS}/${f.id}/delete`} class="stack">
            <input type="hidden" name="_csrf" value={reply.generateCsrf()} />
            <button type="submit" class="secondary">
              从目录中删除
            </button>
          </form>
        ) : (
          ""
        )}
      </>,
    );

  app.get(`${NUMBERS}/new`, { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    authoriseHotlineNumbers(user, await loadOrgTree(deps, user.siteId));
    return formPage(user, reply, { values: { status: "merged" }, problems: [] });
  });

  app.post(NUMBERS, { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = valuesOf(req.body);
    try {
      const made = await createNumber(deps, user, numberInputOf(v));
      req.session.set("flash", `已登记热线 ${made.number}。`);
      return reply.redirect(NUMBERS, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
      return formPage(user, reply, { values: v, problems: problemsOf(e), status: e.status });
    }
  });

  app.get(`${NUMBERS}/:id`, { schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const user = requireUser(req);
    const { row, view } = await getNumber(deps, user, req.params.id);
    const values: NumberValues = {
      number: row.number,
      name: row.name,
      org: view.org.code,
      status: row.status,
      reason: row.reason ?? "",
      merged_on: row.merged_on ?? "",
      sort_order: String(row.sort_order),
    };
    return formPage(user, reply, { id: row.id, values, problems: [] });
  });

  app.post(
    `${NUMBERS}/:id`,
    { schema: { hide: true, params: IdParams, body: FormBody } },
    async (req, reply) => {
      const user = requireUser(req);
      const v = valuesOf(req.body);
      try {
        const saved = await updateNumber(deps, user, req.params.id, numberInputOf(v));
        req.session.set("flash", `已修改热线 ${saved.number}。`);
        return reply.redirect(NUMBERS, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
        return formPage(user, reply, {
          id: req.params.id,
          values: v,
          problems: problemsOf(e),
          status: e.status,
        });
      }
    },
  );

  app.post(
    `${NUMBERS}/:id/delete`,
    { schema: { hide: true, params: IdParams, body: FormBody } },
    async (req, reply) => {
      const user = requireUser(req);
      await deleteNumber(deps, user, req.params.id);
      req.session.set("flash", "已从目录中删除。");
      return reply.redirect(NUMBERS, 303);
    },
  );

  // 12345's export: the upload (read in the file worker), its preview, the confirmation.
  const importPage = (
    user: CurrentUser,
    reply: FastifyReply,
    p: { preview?: ImportPreview; problems?: ErrorDetail[]; status?: number; flash?: string },
  ) =>
    sendAdminPage(
      deps,
      reply,
      { user, title: "导入12345热线工单", path: NUMBERS, status: p.status, flash: p.flash },
      <>
        <p>
          <a href="/admin/messages?channel=hotline">查看12345工单</a>
        </p>
        {p.preview ? (
          <ImportPreviewView preview={p.preview} csrf={reply.generateCsrf()} action={`${IMPORT}/confirm`} />
        ) : (
          ""
        )}
        <ImportForm
          action={IMPORT}
          csrf={reply.generateCsrf()}
          maxMb={IMPORT_MAX_BYTES / 1024 / 1024}
          problems={p.problems ?? []}
        />
      </>,
    );

  app.get(IMPORT, { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    authoriseHotlineImport(user, await loadOrgTree(deps, user.siteId));
    return importPage(user, reply, { flash: takeFlash(req) });
  });

  app.post(
    IMPORT,
    {
      preValidation: readMultipartFields,
      onResponse: async (req) => drainUpload(req),
      schema: { hide: true },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authoriseHotlineImport(user, await loadOrgTree(deps, user.siteId));
      try {
        const { files } = await (await openUpload(req)).bufferFiles({
          maxBytes: IMPORT_MAX_BYTES,
          maxFiles: 1,
        });
        const file = files[0];
        if (!file)
          throw new AppError("validation_failed", 400, "请选择文件。", [
            { field: "file", code: "file_missing", message: "请选择12345热线导出的 Excel 或 CSV 文件。" },
          ]);
        const preview = await previewImport(deps, user, file);
        return importPage(user, reply, { preview, status: preview.problems.length ? 400 : 200 });
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
        const problems = problemsOf(e).map((d) => ({ ...d, field: "file" }));
        return importPage(user, reply, { problems, status: e.status });
      } finally {
        await drainUpload(req);
      }
    },
  );

  app.post(`${IMPORT}/confirm`, { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    try {
      const c = await confirmImport(deps, user, req.body.import_id ?? "");
      req.session.set(
        "flash",
        `已导入：新增 ${c.created} 件，更新 ${c.updated} 件，无变化 ${c.same} 件。新工单在互动交流中待受理。`,
      );
      return reply.redirect("/admin/messages?channel=hotline", 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
      return importPage(user, reply, {
        problems: problemsOf(e).map((d) => ({ ...d, field: "file" })),
        status: e.status,
      });
    }
  });
}
