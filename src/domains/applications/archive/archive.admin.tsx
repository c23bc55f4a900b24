// Back office of the public archive: publish / edit / withdraw from the application's page, and the list.
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import type { Deps } from "../../../deps";
import { AppError } from "../../../platform/errors";
import { pageRequest } from "../../../platform/paging";
import { sendAdminPage } from "../../../web/admin-page";
import { requireUser } from "../../../web/auth";
import type { AppInstance } from "../../../web/types";
import { addAdminNav, Flash, takeFlash } from "../../../web/views/admin-layout";
import { ADMIN_PAGER_TEXT, CursorPager, pagerParams } from "../../../web/views/cursor-pager";
import type { CurrentUser } from "../../accounts";
import { loadApplicationFor } from "../applications.policy";
import type { ApplicationRow } from "../applications.service";
import {
  archiveOfApplication,
  pageArchiveForStaff,
  previewSummary,
  publishArchive,
  withdrawArchive,
} from "./archive.service";
import { AdminArchiveList, type ArchiveFormState, type ArchivePanel, ArchiveSection } from "./archive.views";
import { recordSuggestion, suggestionOf } from "./repeats.service";

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
/** Entries a page of the back office's archive list (src/platform/paging.ts). */
const PER_PAGE = 50;
const PublishForm = Type.Object({
  _csrf: Type.Optional(Type.String()),
  summary: Type.Optional(Type.String({ maxLength: 20_000 })),
  reply_summary: Type.Optional(Type.String({ maxLength: 20_000 })),
});
const WithdrawForm = Type.Object({
  _csrf: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String({ maxLength: 5_000 })),
});

/** What the application page's "公开选登" section needs (the preview only when it can be published). */
export async function loadArchivePanel(
  deps: Pick<Deps, "db" | "config">,
  row: ApplicationRow,
): Promise<ArchivePanel> {
  const [entry, suggestion] = await Promise.all([
    archiveOfApplication(deps, row.id),
    suggestionOf(deps, row.id),
  ]);
  const preview = row.status === "replied" ? await previewSummary(deps, row) : "";
  return { id: row.id, status: row.status, entry, preview, suggestion };
}

const problemsOf = (e: AppError) => (e.details.length ? e.details : [{ code: e.code, message: e.message }]);

export function registerArchiveAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/applications/archive", label: "答复选登", action: "application.view" });
  /** A refused form, re-rendered on a page of its own with every problem and the text as typed. */
  const refused = async (
    user: CurrentUser,
    reply: FastifyReply,
    id: string,
    e: AppError,
    state: ArchiveFormState,
  ) => {
    if (e.status === 403 || e.status === 404) throw e;
    const { row } = await loadApplicationFor(deps, user, "view", id);
    const panel = await loadArchivePanel(deps, row);
    return sendAdminPage(
      deps,
      reply,
      { user, title: `公开选登：${row.tracking_code}`, path: "/admin/applications", status: e.status },
      <>
        <p>
          <a href={`/admin/applications/${row.id}`}>返回申请</a>
        </p>
        <ArchiveSection
          panel={panel}
          csrf={reply.generateCsrf()}
          handles
          state={{ ...state, problems: problemsOf(e) }}
        />
      </>,
    );
  };

  app.post(
    "/admin/applications/:id/archive",
    { schema: { hide: true, params: IdParams, body: PublishForm } },
    async (req, reply) => {
      const user = requireUser(req);
      const values = { summary: req.body.summary ?? "", reply_summary: req.body.reply_summary ?? "" };
      try {
        await publishArchive(deps, user, req.params.id, values);
        req.session.set("flash", "已发布到“申请公开答复选登”。");
        return reply.redirect(`/admin/applications/${req.params.id}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
        return refused(user, reply, req.params.id, e, { form: "publish", values, problems: [] });
      }
    },
  );

  app.post(
    "/admin/applications/:id/archive/withdraw",
    { schema: { hide: true, params: IdParams, body: WithdrawForm } },
    async (req, reply) => {
      const user = requireUser(req);
      const values = { reason: req.body.reason ?? "" };
      try {
        await withdrawArchive(deps, user, req.params.id, values.reason);
        req.session.set("flash", "已从“申请公开答复选登”撤下。");
        return reply.redirect(`/admin/applications/${req.params.id}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
        return refused(user, reply, req.params.id, e, { form: "withdraw", values, problems: [] });
      }
    },
  );

  app.post(
    "/admin/applications/:id/archive/suggestion",
    {
      schema: {
        hide: true,
        params: IdParams,
        body: Type.Object({
          _csrf: Type.Optional(Type.String()),
          suggestion: Type.Optional(Type.String({ maxLength: 10_000 })),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const values = { suggestion: req.body.suggestion ?? "" };
      try {
        await recordSuggestion(deps, user, req.params.id, values.suggestion);
        req.session.set("flash", "已记录申请人关于纳入主动公开的建议。");
        return reply.redirect(`/admin/applications/${req.params.id}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
        return refused(user, reply, req.params.id, e, { form: "suggest", values, problems: [] });
      }
    },
  );

  app.get(
    "/admin/applications/archive",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([Type.Literal(""), Type.Literal("published"), Type.Literal("withdrawn")]),
          ),
          page: Type.Optional(Type.Integer({ minimum: 1 })),
          cursor: Type.Optional(Type.String({ maxLength: 300 })),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const status = req.query.status || undefined;
      const found = await pageArchiveForStaff(deps, user, { status }, pageRequest(req.query, PER_PAGE));
      return sendAdminPage(
        deps,
        reply,
        { user, title: "申请公开答复选登", path: "/admin/applications" },
        <>
          <Flash text={takeFlash(req)} />
          <p>
            <a href="/admin/applications">返回申请列表</a>
            {"　"}
            <a href="/admin/applications/repeated">多次申请的政府信息</a>
          </p>
          <AdminArchiveList rows={found.rows} total={found.total} status={status} />
          <CursorPager
            page={found.page}
            size={PER_PAGE}
            next={found.next}
            prev={found.prev}
            total={found.total}
            href={(to) => {
              const q = new URLSearchParams({ ...(status ? { status } : {}), ...pagerParams(to) }).toString();
              return `/admin/applications/archive${q ? `?${q}` : ""}`;
            }}
            text={ADMIN_PAGER_TEXT}
          />
        </>,
      );
    },
  );
}
