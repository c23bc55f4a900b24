// The back office for information-disclosure applications (依申请公开): queues by state and by due date,
// search, Excel export, registering paper applications, the detail page with the clock and its explanation,
// every handling step as a form, letters to download, and the dashboard's reminders.
//
// Access: every page needs a login and application.view or application.handle. Only handlers (the 政务公开办,
// action application.handle) see the applicant's identity number and contacts, the ID-number search and the
// handling forms; inspectors read lists and details. The service functions check the same again.
import { Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail, Problems } from "../../platform/errors";
import { pageRequest } from "../../platform/paging";
import { shanghaiDateOf } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { addDashboardPanel } from "../../web/dashboard";
import type { AppInstance } from "../../web/types";
import { addAdminNav, Flash, takeFlash } from "../../web/views/admin-layout";
import { ADMIN_PAGER_TEXT, CursorPager, type PagerTarget, pagerParams } from "../../web/views/cursor-pager";
import { ErrorSummary } from "../../web/views/layout";
import { type CurrentUser, can, getUserRow } from "../accounts";
import { getClockByOwner, readClock } from "../calendar";
import { messagesOf } from "../mail";
import { checkApplicant } from "./applicant-checks";
import { listApplicantFiles } from "./applicant-files/applicant-files.service";
import { ApplicantFiles } from "./applicant-files/applicant-files.views";
import { ACTION_LABELS, ActionForms } from "./applications.admin-actions";
import {
  ApplicantBlock,
  ApplicationFacts,
  ClockExplanation,
  DisputeList,
  LetterLinks,
  StepList,
} from "./applications.admin-detail";
import type { FormValues } from "./applications.admin-fields";
import { IntakeForm } from "./applications.admin-intake";
import { ApplicationTable, QueueTabs, queueQuery, SearchForm } from "./applications.admin-list";
import {
  buildApplicationsWorkbook,
  DUE_SOON_WORKING_DAYS,
  isQueueName,
  isStateQueue,
  loadQueue,
  loadQueueSummary,
  pageQueue,
  QUEUES,
  type QueueName,
  staffScope,
} from "./applications.export";
import {
  availableLetters,
  contentDisposition,
  isApplicationLetter,
  renderApplicationLetter,
} from "./applications.letters";
import { MailDelivery } from "./applications.mail-views";
import { eligibleHandlers, loadApplicationFor } from "./applications.policy";
import { ACTIONS, ApplicationActionBody, IntakeBody } from "./applications.schemas";
import {
  type ApplicationRow,
  findApplicationRow,
  getApplicationForStaff,
  intakeApplication,
} from "./applications.service";
import { performApplicationAction } from "./applications.workflow";
import { loadArchivePanel } from "./archive/archive.admin";
import { ArchiveSection } from "./archive/archive.views";
import { listDocuments } from "./documents/documents.service";
import { ReleasedDocuments } from "./documents/documents.views";

const _html = "text/html; charset=utf-8";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
/** Applications a page of the state queues (src/platform/paging.ts). */
const PER_PAGE = 50;
/** A pager link's `&page=` or `&cursor=` after a queue's query string. */
const pagerSuffix = (to: PagerTarget) => {
  const p = new URLSearchParams(pagerParams(to)).toString();
  return p ? `&${p}` : "";
};
const QueueQuery = Type.Object({
  queue: Type.Optional(Type.String({ maxLength: 20 })),
  code: Type.Optional(Type.String({ maxLength: 40 })),
  applicant: Type.Optional(Type.String({ maxLength: 100 })),
  id_number: Type.Optional(Type.String({ maxLength: 40 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
});
const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 10_000 }));

/** The form's strings, without the CSRF token. */
const formValues = (body: Record<string, unknown>): FormValues => {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
  return out;
};

const FIELD_LABELS: Record<string, string> = {
  channel: "申请方式",
  on: "日期",
  description: "所需信息的描述",
  delivery: "获取信息的方式",
  "applicant.type": "申请人类型",
  "applicant.name": "申请人姓名或名称",
  "applicant.id_type": "身份证件类型",
  "applicant.id_number": "身份证件号码",
  "applicant.credit_code": "统一社会信用代码",
  "applicant.legal_rep": "法定代表人或负责人",
  "applicant.phone": "联系电话",
  "applicant.email": "电子邮箱",
  "applicant.address": "通信地址",
  action: "操作",
  note: "说明",
  outcome: "答复结果",
  withheld_ground: "不予公开部分的依据",
  days: "延长的工作日数（1至20的整数）",
  approved_by: "批准人",
  items: "需要补正的事项",
  deadline: "期限",
  third_party: "第三方",
  method: "收费方式",
  pages: "页数（正整数）",
  org: "承办单位",
  handler: "承办人",
  into: "合并到的申请查询码",
  delivered_by: "送达方式",
  reference: "邮件号或送达记录",
};

/** TypeBox's complaints about a form turned into one Chinese problem per field. */
function schemaProblems(schema: Parameters<typeof Value.Errors>[0], input: unknown): ErrorDetail[] {
  const seen = new Map<string, ErrorDetail>();
  for (const e of Value.Errors(schema, input)) {
    const field = e.path.replace(/^\//, "").replace(/\//g, ".") || "body";
    if (seen.has(field)) continue;
    const label = FIELD_LABELS[field] ?? field;
    const missing = e.value === undefined;
    seen.set(field, {
      field,
      code: missing ? "required" : "invalid",
      message: missing
        ? `请填写${label}。`
        : field === "on" || field === "deadline"
          ? `${label}的格式应为 年-月-日（如 2025-03-20）。`
          : `${label}不符合要求，请检查。`,
    });
  }
  return [...seen.values()];
}

const APPLICANT_FIELDS = [
  "type",
  "name",
  "id_type",
  "id_number",
  "credit_code",
  "legal_rep",
  "phone",
  "email",
  "address",
] as const;

/** The paper-application form as the service's input; empty optional fields are absent. */
function intakeInput(v: FormValues) {
  const applicant: Record<string, string> = {};
  for (const k of APPLICANT_FIELDS) {
    const x = v[`applicant.${k}`]?.trim();
    if (x) applicant[k] = x;
  }
  // The ID type select always has a value; it means nothing without a number.
  if (!applicant.id_number) delete applicant.id_type;
  if (!applicant.name) applicant.name = "";
  const out: {
    applicant: Record<string, string>;
    description: string;
    delivery?: string;
    channel?: string;
    on?: string;
  } = { applicant, description: v.description ?? "" };
  for (const k of ["delivery", "channel", "on"] as const) if (v[k]?.trim()) out[k] = v[k]!.trim();
  return out;
}

/**
 * Every problem with a paper application at once: the service's own checks (Art. 29 contents, identity
 * number, contacts, the receipt date) and the form's shape, one per field, the service's wording first.
 */
function intakeProblems(input: ReturnType<typeof intakeInput>, today: string): ErrorDetail[] {
  const p = new Problems();
  const a = input.applicant;
  checkApplicant(
    {
      applicant: { ...a, type: (a.type ?? "natural") as never, name: a.name ?? "" },
      description: String(input.description ?? ""),
      delivery: (input.delivery ?? "pickup") as never,
    },
    p,
  );
  if (typeof input.on === "string" && input.on > today)
    p.add("on", "future_date", "收到申请的日期不能晚于今天。");
  const byField = new Map<string, ErrorDetail>();
  for (const d of [...p.list, ...schemaProblems(IntakeBody, input)]) {
    const key = d.field ?? d.code;
    if (!byField.has(key)) byField.set(key, d);
  }
  return [...byField.values()];
}

const ACTION_FIELDS = [
  "on",
  "note",
  "outcome",
  "withheld_ground",
  "days",
  "approved_by",
  "items",
  "deadline",
  "third_party",
  "method",
  "pages",
  "org",
  "handler",
  "into",
  "delivered_by",
  "reference",
] as const;

/** A handling form as the workflow's input: numbers for days and pages, empty fields absent. */
function actionInput(v: FormValues) {
  const out: Record<string, unknown> = { action: v.action ?? "" };
  for (const f of ACTION_FIELDS) {
    const x = v[f]?.trim();
    if (!x) continue;
    out[f] = (f === "days" || f === "pages") && /^\d{1,9}$/.test(x) ? Number(x) : x;
  }
  return out;
}

/** The fields each action requires (as the workflow words them), for forms refused before reaching it. */
const REQUIRED: Record<string, Array<[field: string, message: string]>> = {
  request_correction: [["items", "请写明需要补正的事项（items）。"]],
  start_consultation: [["third_party", "请填写被征求意见的第三方或其他机关（third_party）。"]],
  extend: [
    ["days", "请填写延长的工作日数（days）。"],
    ["approved_by", "延期须经政府信息公开工作机构负责人同意，请填写批准人（approved_by）。"],
  ],
  fee_notice: [["method", "请选择收费方式：按件（count）或按量（pages）。"]],
  reply: [["outcome", "请选择答复结果（outcome）。"]],
  merge: [["into", "请填写合并到的申请查询码（into）。"]],
};

function missingRequired(input: Record<string, unknown>): ErrorDetail[] {
  const action = String(input.action);
  const out: ErrorDetail[] = [];
  if (action !== "assign" && action !== "merge" && input.on === undefined)
    out.push({ field: "on", code: "required", message: "请填写该操作的业务日期。" });
  for (const [field, message] of REQUIRED[action] ?? [])
    if (input[field] === undefined) out.push({ field, code: "required", message });
  if (action === "fee_notice" && input.method === "pages" && input.pages === undefined)
    out.push({ field: "pages", code: "required", message: "按量收费请填写页数（pages）。" });
  return out;
}

/** Problems about a handling form, with field ids of that form so the summary links to its inputs. */
function actionProblems(action: string, problems: ErrorDetail[]): ErrorDetail[] {
  const own = new Set<string>(ACTION_FIELDS);
  return problems.map((d) => ({
    ...d,
    field: d.field && own.has(d.field) ? `${action}-${d.field}` : `${action}-submit`,
  }));
}

const problemsOf = (e: AppError): ErrorDetail[] =>
  e.details.length ? e.details : [{ code: e.code, message: e.message }];

export function registerApplicationAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/applications", label: "依申请公开", action: "application.view" });

  addDashboardPanel({
    id: "applications",
    title: "依申请公开",
    action: "application.handle",
    async load(d, user) {
      const { counts, soonest } = await loadQueueSummary(d, user);
      const lines: Array<{ text: string; href?: string }> = (
        ["pending", "handling", "overdue", "due_soon"] as const
      ).map((q) => ({ text: `${QUEUES[q].label}：${counts[q]} 件`, href: `/admin/applications?queue=${q}` }));
      if (soonest.length) {
        lines.push({ text: "最先到期（请提醒承办人）：" });
        for (const r of soonest)
          lines.push({
            text: `${r.due_on} 到期${r.overdue ? "（已逾期）" : `（剩余 ${r.remaining ?? "—"} 个工作日）`}　${r.tracking_code}　${r.applicant_name}`,
            href: `/admin/applications/${r.id}`,
          });
      }
      return { lines, href: "/admin/applications" };
    },
  });

  const layout = (
    user: CurrentUser,
    reply: FastifyReply,
    title: string,
    path: string,
    body: JSX.Element,
    status = 200,
  ) => sendAdminPage(deps, reply, { user, title, path, status }, body);
  const today = () => shanghaiDateOf(deps.clock.now());
  const queueOf = (q: string | undefined, searching: boolean): QueueName =>
    isQueueName(q) ? q : searching ? "all" : "handling";

  app.get("/admin/applications", { schema: { hide: true, querystring: QueueQuery } }, async (req, reply) => {
    const user = requireUser(req);
    const { code, applicant, id_number } = req.query;
    const queue = queueOf(req.query.queue, !!(code || applicant || id_number));
    const pageReq = pageRequest(req.query, PER_PAGE);
    const filter = { queue, code, applicant, idNumber: id_number };
    // State queues page by cursor over the whole table; the date queues (read from each open application's
    // clock) list the newest open applications that qualify, sorted by due date.
    const paged = isStateQueue(queue) ? await pageQueue(deps, user, filter, pageReq) : undefined;
    const { rows, truncated, handles } = paged
      ? { rows: paged.rows, truncated: false, handles: paged.handles }
      : await loadQueue(deps, user, filter);
    const search = { code, applicant, id_number: handles ? id_number : undefined };
    return layout(
      user,
      reply,
      "依申请公开",
      "/admin/applications",
      <>
        <Flash text={takeFlash(req)} />
        {handles ? (
          <p>
            <a class="button" href="/admin/applications/new">
              登记纸质、来信、传真或当面申请
            </a>
          </p>
        ) : (
          ""
        )}
        <QueueTabs queue={queue} search={search} />
        <SearchForm queue={queue} values={search} handles={handles} />
        <p class="meta">
          <span safe>
            {paged
              ? `${QUEUES[queue].label}：共 ${paged.total.n} 件${paged.total.capped ? "以上" : ""}`
              : `${QUEUES[queue].label}：共 ${rows.length} 件${truncated ? "（仅显示最新的部分，请用查找缩小范围）" : ""}`}
          </span>
          {queue === "due_soon" ? (
            <span>{`　答复期限在今天起${DUE_SOON_WORKING_DAYS}个工作日内、仍在计时的申请。`}</span>
          ) : (
            ""
          )}
          {queue === "overdue" || queue === "due_soon" ? (
            <span>　暂停计时（补正、征求意见、待缴费）的申请不列入。</span>
          ) : (
            ""
          )}
        </p>
        <p>
          <a href={`/admin/applications/export.xlsx?${queueQuery(queue, search)}`}>导出Excel</a>
          <span class="meta">（不含身份证件号码和联系方式）</span>
        </p>
        <ApplicationTable rows={rows} caption={QUEUES[queue].label} />
        {paged ? (
          <CursorPager
            page={paged.page}
            size={PER_PAGE}
            next={paged.next}
            prev={paged.prev}
            total={paged.total}
            href={(to) => `/admin/applications?${queueQuery(queue, search)}${pagerSuffix(to)}`}
            text={ADMIN_PAGER_TEXT}
          />
        ) : (
          ""
        )}
      </>,
    );
  });

  app.get(
    "/admin/applications/export.xlsx",
    { schema: { hide: true, querystring: QueueQuery } },
    async (req, reply) => {
      const user = requireUser(req);
      const { code, applicant, id_number } = req.query;
      const queue = queueOf(req.query.queue, !!(code || applicant || id_number));
      const { rows } = await loadQueue(deps, user, { queue, code, applicant, idNumber: id_number }, 20_000);
      const body = await buildApplicationsWorkbook(rows, { created: deps.clock.now() });
      return reply
        .header("content-type", XLSX)
        .header(
          "content-disposition",
          contentDisposition(`依申请公开台账-${QUEUES[queue].label}-${today()}.xlsx`),
        )
        .header("cache-control", "no-store")
        .send(body);
    },
  );

  app.get("/admin/applications/new", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    const { handles } = await staffScope(deps, user);
    if (!handles) throw new AppError("role_not_allowed", 403, "只有政务公开办工作人员可以登记申请。");
    return layout(
      user,
      reply,
      "登记申请",
      "/admin/applications",
      <IntakeForm csrf={reply.generateCsrf()} today={today()} values={{}} problems={[]} />,
    );
  });

  app.post("/admin/applications/new", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const { handles } = await staffScope(deps, user);
    if (!handles) throw new AppError("role_not_allowed", 403, "只有政务公开办工作人员可以登记申请。");
    const values = formValues(req.body);
    try {
      const input = intakeInput(values);
      const problems = intakeProblems(input, today());
      if (problems.length) throw new AppError("validation_failed", 400, "申请未登记。", problems);
      const { row, secret } = await intakeApplication(deps, user, input as never);
      req.session.set(
        "flash",
        `已登记申请。查询码：${row.tracking_code}，查询密码：${secret}。密码只显示这一次，请告知申请人（可凭查询码和密码在网上查询办理进度）。`,
      );
      return reply.redirect(`/admin/applications/${row.id}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
      return layout(
        user,
        reply,
        "登记申请",
        "/admin/applications",
        <IntakeForm csrf={reply.generateCsrf()} today={today()} values={values} problems={problemsOf(e)} />,
        e.status,
      );
    }
  });

  /** A row the user may see (applications.policy.ts: its site and holding organisation), else 404. */
  const visibleRow = async (user: CurrentUser, id: string): Promise<ApplicationRow> =>
    (await loadApplicationFor(deps, user, "view", id)).row;

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    submitted?: { action: string; values: FormValues; problems: ErrorDetail[]; message: string },
    status = 200,
  ) => {
    const { row, tree, handles } = await loadApplicationFor(deps, user, "view", id);
    const view = await getApplicationForStaff(deps, user, id);
    // Read the clock live: a paused clock's due date moves every working day of the pause.
    const clock = await getClockByOwner(deps, { ownerType: "application", ownerId: id });
    const live = clock?.dueOn ? await readClock(deps, clock).catch(() => undefined) : undefined;
    const [handler, merged] = await Promise.all([
      row.handler_id ? getUserRow(deps, row.handler_id) : undefined,
      row.merged_into_id ? findApplicationRow(deps, row.merged_into_id) : undefined,
    ]);
    const letters = availableLetters(row, view.steps);
    const archive = await loadArchivePanel(deps, row);
    const documents = await listDocuments(deps, id);
    // The delivery record names the recipient (masked); only handlers, who see the address anyway.
    const mails = handles ? await messagesOf(deps, "application", id) : [];
    const files = handles ? await listApplicantFiles(deps, id) : [];
    // The assign form's handler list: staff who may handle it where this user may assign it.
    const assignable = tree
      .flatten(user.siteId)
      .filter(({ org }) => can(user, "application.handle", org.id, tree))
      .map(({ org }) => org.id);
    const handlers = handles ? await eligibleHandlers(deps, user.siteId, tree, assignable) : [];
    const csrf = reply.generateCsrf();
    return layout(
      user,
      reply,
      `申请 ${view.tracking_code}`,
      "/admin/applications",
      <>
        <Flash text={takeFlash(req)} />
        {submitted ? (
          <ErrorSummary
            title={`“${ACTION_LABELS[submitted.action] ?? submitted.action}”未办理：${submitted.message}`}
            problems={submitted.problems}
          />
        ) : (
          ""
        )}
        <p>
          <a href="/admin/applications">返回申请列表</a>
        </p>
        <ApplicationFacts
          app={view}
          dueOn={live?.dueOn ?? view.clock?.due_on ?? null}
          orgName={row.org_id ? tree.get(row.org_id)?.name : undefined}
          handlerName={handler?.name}
          mergedInto={merged ? { id: merged.id, code: merged.tracking_code } : undefined}
        />
        <ClockExplanation
          explanation={live?.explanation ?? view.clock?.explanation ?? null}
          problem={view.clock?.problem ?? null}
        />
        <ApplicantBlock app={view} handles={handles} />
        {handles ? <ApplicantFiles id={id} status={row.status} csrf={csrf} files={files} /> : ""}
        <section aria-labelledby="description-title">
          <h2 id="description-title">所需信息</h2>
          {view.description
            .split("\n")
            .filter((l) => l.trim() !== "")
            .map((l) => (
              <p safe>{l}</p>
            ))}
        </section>
        <LetterLinks id={id} letters={letters} />
        <MailDelivery messages={mails} csrf={csrf} />
        <ReleasedDocuments id={id} status={row.status} csrf={csrf} handles={handles} documents={documents} />
        <ArchiveSection panel={archive} csrf={csrf} handles={handles} />
        {handles ? (
          <ActionForms
            ctx={{
              id,
              csrf,
              status: row.status,
              today: today(),
              correctionUsed: row.correction_used === 1,
              extendedDays: row.extended_days,
              reasonsRequested: view.steps.some((s) => s.action === "request_reasons"),
              delivered: view.steps.some((s) => s.action === "record_delivery"),
              orgs: tree.flatten(user.siteId),
              handlers,
              submitted,
            }}
          />
        ) : (
          ""
        )}
        <StepList steps={view.steps} />
        <DisputeList disputes={view.disputes} />
      </>,
      status,
    );
  };

  app.get("/admin/applications/:id", { schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const user = requireUser(req);
    return detail(req, reply, user, req.params.id);
  });

  app.post(
    "/admin/applications/:id/actions",
    { schema: { hide: true, params: IdParams, body: FormBody } },
    async (req, reply) => {
      const user = requireUser(req);
      const values = formValues(req.body);
      const action = values.action ?? "";
      try {
        await visibleRow(user, req.params.id);
        if (!(ACTIONS as readonly string[]).includes(action))
          throw new AppError("validation_failed", 400, "未知操作。", [
            { field: "action", code: "not_allowed", message: "未知操作。" },
          ]);
        const input = actionInput(values);
        const malformed = schemaProblems(ApplicationActionBody, input);
        // The form asks for what the API may leave to defaults (the items to correct, the approver, the
        // consulted party): a person at the counter states them. Named with any malformed field.
        const problems = [
          ...malformed,
          ...missingRequired(input).filter((m) => !malformed.some((x) => x.field === m.field)),
        ];
        if (problems.length) throw new AppError("validation_failed", 400, "请按提示修改。", problems);
        const row = await performApplicationAction(deps, user, req.params.id, input as never);
        req.session.set(
          "flash",
          row?.status === "replied"
            ? "已答复。可在“文书”中下载答复书。"
            : `已办理：${ACTION_LABELS[action] ?? action}。`,
        );
        return reply.redirect(`/admin/applications/${req.params.id}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
        return detail(
          req,
          reply,
          user,
          req.params.id,
          { action, values, problems: actionProblems(action, problemsOf(e)), message: e.message },
          e.status,
        );
      }
    },
  );

  app.get(
    "/admin/applications/:id/letters/:file",
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 40 }), file: Type.String({ maxLength: 40 }) }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const m = /^([a-z_]+)\.(docx|pdf)$/.exec(req.params.file);
      const kind = m?.[1] ?? "";
      if (!m || !isApplicationLetter(kind)) throw new AppError("not_found", 404, "文书不存在。");
      const row = await visibleRow(user, req.params.id);
      const letter = await renderApplicationLetter(deps, row, kind, m[2] as "docx" | "pdf");
      return reply
        .header("content-type", letter.contentType)
        .header("content-disposition", contentDisposition(letter.filename))
        .header("cache-control", "no-store")
        .send(letter.body);
    },
  );
}
