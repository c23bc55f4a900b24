// Back office: /admin/consultations (list), /new (the drafting department opens one), /{id}/edit (a draft's
// fields), /{id} (detail with the actions of the step table, documents, moderation, the feedback report
// form). The layout shows each page's title as its heading. Forms POST and redirect (303); a refused form
// re-renders the page with every problem. Sign-in and CSRF: the back-office hook (web/auth.ts).
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { pageRequest } from "../../platform/paging";
import { storageOf } from "../../platform/storage";
import { sendAdminPage } from "../../web/admin-page";
import { registerAdminUploadForm } from "../../web/admin-upload";
import { requireUser } from "../../web/auth";
import { lengthProblems } from "../../web/form-limits";
import { recordFormChange, runFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { ADMIN_PAGER_TEXT, CursorPager, pagerParams } from "../../web/views/cursor-pager";
import { ErrorList } from "../../web/views/error-list";
import type { CurrentUser } from "../accounts";
import { openUpload } from "../publishing/attachments/attachments.multipart";
import {
  DocumentUploadForm,
  ModerationList,
  NewConsultationForm,
  ReportForm,
  ReportGroups,
  StepForms,
} from "./consultation.admin-views";
import { moderateComment, saveReport } from "./consultation.comments";
import { addDocuments, authoriseDocumentChange } from "./consultation.documents";
import { authoriseConsultation, mayActOn } from "./consultation.policy";
import { consultationUrl, pageOf } from "./consultation.present";
import * as repo from "./consultation.repo";
import { CreateConsultationBody } from "./consultation.schemas";
import {
  createConsultation,
  effectiveStatus,
  listForStaff,
  loadForStaff,
  notEditable,
  offeredSteps,
  performStep,
  periodDays,
  todayOf,
  updateDraft,
} from "./consultation.service";
import { MODERATION_STATUSES, STATUS_LABELS, type StepAction } from "./consultation.steps";

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FormBody = Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 500_000 }));
type Values = Record<string, string | undefined>;

const adminUrl = (id: string) => `/admin/consultations/${id}`;

export function registerConsultationAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/consultations", label: "征求意见", action: "consultation.view" });

  app.get(
    "/admin/consultations",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          page: Type.Optional(Type.String({ maxLength: 6 })),
          cursor: Type.Optional(Type.String({ maxLength: 300 })),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const pageReq = pageRequest({ page: pageOf(req.query.page), cursor: req.query.cursor }, 20);
      const { found, total } = await listForStaff(deps, user, pageReq);
      const rows = found.rows;
      const today = todayOf(deps);
      return sendAdminPage(
        deps,
        reply,
        { user, title: "征求意见", path: "/admin/consultations", flash: takeFlash(req) },
        <>
          <p>
            <a href="/admin/consultations/new">新建征求意见</a>
          </p>
          {rows.length === 0 ? (
            <p>暂无征求意见。</p>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">标题</th>
                  <th scope="col">状态</th>
                  <th scope="col">期限</th>
                  <th scope="col">意见</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>
                      <a href={adminUrl(r.id)} safe>
                        {r.title}
                      </a>
                    </td>
                    <td safe>{STATUS_LABELS[effectiveStatus(r, today)]}</td>
                    <td safe>{`${r.start_on} 至 ${r.end_on}`}</td>
                    <td safe>{String(r.comment_count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p class="meta" safe>{`共 ${total.n} 个${total.capped ? "以上" : ""}`}</p>
          <CursorPager
            page={found.page}
            size={20}
            next={found.next}
            prev={found.prev}
            total={total}
            href={(to) =>
              `/admin/consultations${to.page || to.cursor ? `?${new URLSearchParams(pagerParams(to))}` : ""}`
            }
            text={ADMIN_PAGER_TEXT}
          />
        </>,
      );
    },
  );

  const newForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    problems: ErrorDetail[],
    status = 200,
  ) =>
    sendAdminPage(
      deps,
      reply,
      { user: requireUser(req), title: "新建征求意见", path: "/admin/consultations", status },
      <NewConsultationForm csrf={reply.generateCsrf()} values={values} problems={problems} />,
    );

  app.get("/admin/consultations/new", { schema: { hide: true } }, async (req, reply) =>
    newForm(req, reply, {}, []),
  );

  app.post("/admin/consultations/new", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = req.body as Values;
    return runFormChange(
      req,
      reply,
      async () => {
        // The API's limits (CreateConsultationBody) and the checkbox's one value, named with the text kept.
        const problems = lengthProblems(CreateConsultationBody, v, {
          title: "标题",
          draft: "征求意见稿",
          start_on: "开始日期",
          end_on: "截止日期",
          short_reason: "期限少于30日的理由",
        });
        if (v.major !== undefined && v.major !== "yes")
          problems.push({ field: "major", code: "invalid_choice", message: "决策类型只能勾选或不勾选。" });
        if (problems.length) throw new AppError("validation_failed", 400, "未能保存，请修改。", problems);
        const row = await createConsultation(deps, user, {
          title: v.title ?? "",
          draft: v.draft ?? "",
          major: v.major === "yes",
          start_on: (v.start_on ?? "").trim(),
          end_on: (v.end_on ?? "").trim(),
          short_reason: v.short_reason,
        });
        return { flash: "已保存征求意见草稿。", to: adminUrl(row.id) };
      },
      (r) => newForm(req, reply, v, r.problems, r.status),
    );
  });

  /** The edit form of a draft, filled from the row (or from what was sent, when refused). */
  const editForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: { values?: Values; problems: ErrorDetail[]; status?: number },
  ) => {
    const user = requireUser(req);
    const { row, tree } = await loadForStaff(deps, user, id);
    authoriseConsultation(user, "consultation.draft", row, tree);
    if (row.status !== "draft") throw notEditable(row.status);
    const values: Values = form.values ?? {
      title: row.title,
      draft: row.draft_html,
      major: row.major === 1 ? "yes" : undefined,
      start_on: row.start_on,
      end_on: row.end_on,
      short_reason: row.short_reason ?? "",
    };
    return sendAdminPage(
      deps,
      reply,
      { user, title: `修改草稿：${row.title}`, path: "/admin/consultations", status: form.status },
      <>
        <p>
          <a href={adminUrl(row.id)}>返回征求意见</a>
        </p>
        <NewConsultationForm
          csrf={reply.generateCsrf()}
          values={values}
          problems={form.problems}
          action={`${adminUrl(row.id)}/edit`}
          submit="保存修改"
        />
      </>,
    );
  };

  app.get("/admin/consultations/:id/edit", { schema: { hide: true, params: Params } }, async (req, reply) =>
    editForm(req, reply, req.params.id, { problems: [] }),
  );

  app.post(
    "/admin/consultations/:id/edit",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) => {
      const user = requireUser(req);
      const v = req.body as Values;
      return runFormChange(
        req,
        reply,
        async () => {
          await updateDraft(deps, user, req.params.id, {
            title: v.title ?? "",
            draft: v.draft ?? "",
            major: v.major === "yes",
            start_on: (v.start_on ?? "").trim(),
            end_on: (v.end_on ?? "").trim(),
            short_reason: v.short_reason ?? "",
          });
          return { flash: "已保存对草稿的修改。", to: adminUrl(req.params.id) };
        },
        // Submitted or opened meanwhile: the detail page says why.
        (r) =>
          r.code === "consultation_not_editable"
            ? detail(req, reply, user, req.params.id, r)
            : editForm(req, reply, req.params.id, { ...r, values: v }),
      );
    },
  );

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    form: { problems: ErrorDetail[]; status?: number; values?: Values; flash?: string } = { problems: [] },
  ) => {
    const { row, tree } = await loadForStaff(deps, user, id);
    const [comments, documents] = await Promise.all([
      repo.listComments(deps.db.kysely, row.id),
      repo.listDocuments(deps.db.kysely, row.id),
    ]);
    const today = todayOf(deps);
    const actions: StepAction[] = offeredSteps(user, { row, today, comments }, tree);
    const mayDraft = mayActOn(user, "consultation.draft", row, tree);
    const csrf = reply.generateCsrf();
    // Sanitised when saved (publishing/rich-text.ts).
    const safeDraftHtml = row.draft_html;
    return sendAdminPage(
      deps,
      reply,
      {
        user,
        title: row.title,
        path: "/admin/consultations",
        status: form.status,
        flash: form.flash ?? takeFlash(req),
      },
      <>
        <ErrorList problems={form.problems} />
        <dl class="meta-table">
          <dt>状态</dt>
          <dd safe>{STATUS_LABELS[effectiveStatus(row, today)]}</dd>
          <dt>期限</dt>
          <dd safe>{`${row.start_on} 至 ${row.end_on}（${periodDays(row.start_on, row.end_on)}日）`}</dd>
          <dt>重大行政决策</dt>
          <dd>{row.major === 1 ? "是" : "否"}</dd>
          {row.short_reason ? (
            <>
              <dt>期限少于30日的理由</dt>
              <dd safe>{row.short_reason}</dd>
            </>
          ) : (
            ""
          )}
          {row.close_note ? (
            <>
              <dt>提前结束的原因</dt>
              <dd safe>{row.close_note}</dd>
            </>
          ) : (
            ""
          )}
          {row.final_item_id ? (
            <>
              <dt>正式政策文件</dt>
              <dd>
                <a href={`/admin/items/${row.final_item_id}`} safe>
                  {row.final_item_id}
                </a>
              </dd>
            </>
          ) : (
            ""
          )}
          {repo.PUBLIC_STATUSES.includes(row.status) ? (
            <>
              <dt>公开页面</dt>
              <dd>
                <a href={consultationUrl(row.id)} safe>
                  {consultationUrl(row.id)}
                </a>
              </dd>
            </>
          ) : (
            ""
          )}
          <dt>蒙古文版本</dt>
          <dd>
            <a href={`/admin/consultations/${row.id}/mn`}>蒙古文征求意见稿（起草、审核）</a>
          </dd>
        </dl>
        {row.status === "draft" && mayDraft ? (
          <p>
            <a href={`${adminUrl(row.id)}/edit`}>修改草稿</a>
          </p>
        ) : (
          ""
        )}
        <StepForms id={row.id} csrf={csrf} actions={actions} problems={form.problems} />
        <section aria-labelledby="draft-title">
          <h2 id="draft-title">征求意见稿</h2>
          <div class="item-body">{safeDraftHtml}</div>
        </section>
        <section aria-labelledby="documents-title">
          <h2 id="documents-title">相关文件</h2>
          {documents.length ? (
            <ul>
              {documents.map((d) => (
                <li safe>{`${d.filename}（${Math.ceil(d.size / 1024)} KB）`}</li>
              ))}
            </ul>
          ) : (
            <p>暂无文件。</p>
          )}
          {row.status === "draft" && mayDraft ? (
            <DocumentUploadForm id={row.id} csrf={csrf} problems={[]} />
          ) : (
            ""
          )}
        </section>
        {row.status === "closed" && mayDraft ? (
          <ReportForm
            row={row}
            csrf={csrf}
            approved={comments.filter((c) => c.status === "approved")}
            values={form.values ?? {}}
            problems={form.problems}
          />
        ) : row.report_summary ? (
          <section aria-labelledby="report-title">
            <h2 id="report-title">意见采纳情况反馈报告</h2>
            <p safe>{row.report_summary}</p>
            <ReportGroups comments={comments.filter((c) => c.status === "approved")} />
          </section>
        ) : (
          ""
        )}
        {repo.PUBLIC_STATUSES.includes(row.status) ? (
          <ModerationList
            id={row.id}
            csrf={csrf}
            comments={comments}
            mayModerate={mayDraft && MODERATION_STATUSES.includes(row.status)}
            problems={form.problems}
          />
        ) : (
          ""
        )}
      </>,
    );
  };

  app.get("/admin/consultations/:id", { schema: { hide: true, params: Params } }, async (req, reply) =>
    detail(req, reply, requireUser(req), req.params.id),
  );

  /** Runs a form's change; success: 303 back to the page with a flash; a fixable refusal: the page again. */
  const change = recordFormChange(adminUrl, detail);

  app.post(
    "/admin/consultations/:id/actions",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change(req, reply, async (user) => {
        const v = req.body as Values;
        const row = await performStep(deps, user, req.params.id, {
          action: (v.action ?? "") as StepAction,
          note: v.note,
          item_id: v.item_id,
        });
        return `已办理，当前状态：${STATUS_LABELS[row.status]}。`;
      }),
  );

  app.post(
    "/admin/consultations/:id/comments/:commentId",
    {
      schema: {
        hide: true,
        params: Type.Object({
          id: Type.String({ maxLength: 40 }),
          commentId: Type.String({ maxLength: 40 }),
        }),
        body: FormBody,
      },
    },
    async (req, reply) =>
      change(req, reply, async (user) => {
        const v = req.body as Values;
        const c = await moderateComment(deps, user, req.params.id, req.params.commentId, {
          decision: v.decision as "approve" | "hide",
          reason: v.reason,
        });
        return `第${c.number}条意见${c.status === "approved" ? "已公开" : "不予显示"}。`;
      }),
  );

  app.post(
    "/admin/consultations/:id/report",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change(req, reply, async (user) => {
        const v = req.body as Values;
        const decisions: Record<string, { decision: string; reason: string }> = {};
        for (const [k, value] of Object.entries(v)) {
          const m = /^(decision|reason)_(.+)$/.exec(k);
          if (!m || value === undefined) continue;
          const entry = decisions[m[2]!] ?? { decision: "", reason: "" };
          entry[m[1] as "decision" | "reason"] = value;
          decisions[m[2]!] = entry;
        }
        await saveReport(deps, user, req.params.id, { summary: v.summary ?? "", decisions });
        return "已保存反馈报告。";
      }),
  );

  registerAdminUploadForm<repo.ConsultationRow>(app, deps, {
    url: "/admin/consultations/:id/documents",
    params: Params,
    title: "上传相关文件",
    navPath: "/admin/consultations",
    load: (id) => repo.findConsultation(deps.db.kysely, id),
    heading: (row) => `上传相关文件：${row.title}`,
    recordUrl: adminUrl,
    backLabel: "返回征求意见",
    form: (row, csrf, problems) => <DocumentUploadForm id={row.id} csrf={csrf} problems={problems} />,
    receive: async (req, user, id) => {
      await authoriseDocumentChange(deps, user, id);
      const upload = await openUpload(req);
      const files = await upload.stageFiles(storageOf(deps));
      return `已上传文件，共 ${(await addDocuments(deps, user, id, files)).length} 个。`;
    },
  });
}
