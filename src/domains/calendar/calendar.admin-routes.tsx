// Back-office routes of the calendar (/admin/calendar) and its dashboard panel.
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import type { Deps } from "../../deps";
import { NOTICE_TEXT_MAX_CHARS, type ProseNotice } from "../../platform/calendar";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { authorizeAny, requireUser } from "../../web/auth";
import { addDashboardPanel } from "../../web/dashboard";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { actorOf, type CurrentUser } from "../accounts";
import { siteById } from "../orgs";
import {
  drainUpload,
  openUpload,
  readMultipartFields,
} from "../publishing/attachments/attachments.multipart";
import { CalendarAdminPage, type FormState, fieldProblems, loadPage, PATH } from "./calendar.admin";
import { authoriseCalendarChange } from "./calendar.policy";
import {
  addClosure,
  deleteClosure,
  describeImport,
  describeRecompute,
  importCalendarFile,
  importNoticeText,
  listCoveredYears,
  missingNextYearWarning,
  noticePreview,
  previewNoticeText,
  readNoticeFile,
} from "./index";

const html = "text/html; charset=utf-8";
/** A notice is about 1,500 characters; 64 KB leaves room for a page saved with its surroundings. */
const NOTICE_FILE_MAX_BYTES = 64 * 1024;

function refused(e: unknown): ErrorDetail[] {
  if (!(e instanceof AppError) || e.status >= 500) throw e;
  return e.details.length ? e.details : [{ code: e.code, message: e.message }];
}

export function registerCalendarAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: PATH, label: "节假日安排", action: "calendar.manage" });
  addDashboardPanel({
    id: "calendar",
    title: "节假日安排",
    action: "calendar.manage",
    async load(d) {
      const warning = await missingNextYearWarning(d);
      if (warning) return { href: PATH, lines: [{ text: warning.message, href: PATH }] };
      const years = await listCoveredYears(d);
      const last = years[years.length - 1];
      return {
        href: PATH,
        lines: [{ text: last ? `节假日安排已录入至 ${last.year} 年。` : "尚未录入节假日安排。", href: PATH }],
      };
    },
  });

  const render = async (
    reply: FastifyReply,
    user: CurrentUser,
    extra: {
      status?: number;
      flash?: string;
      notice?: FormState;
      closure?: FormState;
      preview?: ProseNotice;
    },
  ) => {
    const site = await siteById(deps, user.siteId);
    const csrf = reply.generateCsrf();
    const data = await loadPage(deps, site.id);
    return reply
      .status(extra.status ?? 200)
      .type(html)
      .send(<CalendarAdminPage user={user} csrf={csrf} siteName={site.name} data={data} {...extra} />);
  };

  app.get(PATH, { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    authorizeAny(user, "calendar.manage");
    const flash = takeFlash(req);
    return render(reply, user, flash ? { flash } : {});
  });

  app.post(
    `${PATH}/notices`,
    {
      schema: {
        hide: true,
        body: Type.Object({
          notice: Type.String({ maxLength: 200_000 }),
          /** "1" once the clerk has seen the parse of a notice's published text. */
          confirm: Type.Optional(Type.String({ maxLength: 5 })),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      await authoriseCalendarChange(deps, user, null);
      const text = req.body.notice.trim();
      try {
        if (!text) {
          throw new AppError("validation_failed", 400, "请填写通知内容。", [
            { field: "notice", code: "required", message: "请粘贴节假日通知的 JSON 内容。" },
          ]);
        }
        // The notice as published (its prose): shown parsed for confirmation, saved once confirmed.
        if (!text.startsWith("{")) {
          if (req.body.confirm !== "1") {
            const preview = previewNoticeText(text);
            return render(reply, user, { preview, notice: { problems: [], values: { notice: text } } });
          }
          const r = await importNoticeText(deps, actorOf(user), text);
          req.session.set("flash", describeImport(r));
          return reply.redirect(PATH, 303);
        }
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (e) {
          throw new AppError("validation_failed", 400, "通知内容不是有效的 JSON。", [
            {
              field: "notice",
              code: "json_invalid",
              message: `通知内容不是有效的 JSON：${(e as Error).message}`,
            },
          ]);
        }
        const r = await importCalendarFile(deps, actorOf(user), json);
        req.session.set("flash", describeImport(r));
        return reply.redirect(PATH, 303);
      } catch (e) {
        const problems = fieldProblems(refused(e), "notice");
        return render(reply, user, {
          status: 400,
          notice: { problems, values: { notice: req.body.notice } },
        });
      }
    },
  );

  // The notice as a .txt file (saved from the State Council's site): read into memory with a hard limit, then
  // decoded as strict UTF-8 (never with replacement characters) and parsed in the file worker, shown like a
  // pasted text; the confirmation posts the text itself, so what is saved is what the clerk saw.
  app.post(
    `${PATH}/notices/upload`,
    {
      preValidation: readMultipartFields,
      onResponse: async (req) => drainUpload(req),
      schema: { hide: true },
    },
    async (req, reply) => {
      const user = requireUser(req);
      await authoriseCalendarChange(deps, user, null);
      let text = "";
      try {
        const { files } = await (await openUpload(req)).bufferFiles({
          maxBytes: NOTICE_FILE_MAX_BYTES,
          maxFiles: 1,
        });
        const file = files[0];
        if (!file) {
          throw new AppError("validation_failed", 400, "请选择通知文件。", [
            { field: "notice_file", code: "file_missing", message: "请选择要上传的通知文本文件（.txt）。" },
          ]);
        }
        if (file.truncated || !/\.txt$/i.test(file.filename)) {
          throw new AppError("validation_failed", 400, "通知文件不符合要求。", [
            {
              field: "notice_file",
              code: file.truncated ? "file_too_large" : "file_type",
              message: file.truncated
                ? `通知文件超过 ${NOTICE_FILE_MAX_BYTES / 1024} KB，请只保存通知本身。`
                : "请上传纯文本文件（.txt，UTF-8 编码）；Word 或网页文件请先复制其中的通知原文粘贴到上面的文本框。",
            },
          ]);
        }
        const read = await readNoticeFile(file.data, file.filename);
        text = read.text;
        const preview = noticePreview(read.parsed);
        return render(reply, user, { preview, notice: { problems: [], values: { notice: text } } });
      } catch (e) {
        const problems = fieldProblems(refused(e), "notice");
        return render(reply, user, {
          status: 400,
          notice: { problems, values: { notice: text.slice(0, NOTICE_TEXT_MAX_CHARS) } },
        });
      } finally {
        await drainUpload(req);
      }
    },
  );

  app.post(
    `${PATH}/closures`,
    {
      schema: {
        hide: true,
        body: Type.Object({
          from: Type.String({ maxLength: 20 }),
          to: Type.Optional(Type.String({ maxLength: 20 })),
          reason: Type.String({ maxLength: 200 }),
          scope: Type.Optional(Type.String({ maxLength: 10 })),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authorizeAny(user, "calendar.manage");
      const { _csrf, ...values } = req.body;
      await authoriseCalendarChange(deps, user, values.scope === "site" ? user.siteId : null);
      const from = values.from.trim();
      const to = values.to?.trim() || from;
      try {
        const siteId = values.scope === "site" ? user.siteId : null;
        const r = await addClosure(deps, actorOf(user), { from, to, reason: values.reason }, siteId);
        req.session.set(
          "flash",
          `已登记停止办公 ${r.closure.from === r.closure.to ? r.closure.from : `${r.closure.from} 至 ${r.closure.to}`}；${describeRecompute(r.recomputed)}`,
        );
        return reply.redirect(PATH, 303);
      } catch (e) {
        const problems = refused(e).map((p) => ({ ...p, field: p.field === "dates" ? "from" : p.field }));
        return render(reply, user, { status: 400, closure: { problems, values } });
      }
    },
  );

  app.post(
    `${PATH}/closures/:id/delete`,
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 60 }) }),
        body: Type.Object({ _csrf: Type.Optional(Type.String()) }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authorizeAny(user, "calendar.manage");
      const r = await deleteClosure(deps, actorOf(user), req.params.id, (row) =>
        authoriseCalendarChange(deps, user, row.site_id),
      );
      req.session.set("flash", `已撤销 ${r.closure.from} 起的停止办公；${describeRecompute(r.recomputed)}`);
      return reply.redirect(PATH, 303);
    },
  );
}
