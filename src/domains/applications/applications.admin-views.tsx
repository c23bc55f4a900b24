// Back-office views of information-disclosure applications: queues, search, the paper-application form,
// and the detail page's parts (facts, clock explanation, applicant, steps, letters, handling forms).
import type { Children } from "@kitajs/html";
import type { ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import type { Org } from "../orgs";
import {
  outcomeLabel,
  outcomeReportRow,
  QUEUE_NAMES,
  QUEUES,
  type QueueName,
  type QueueRow,
} from "./applications.export";
import { APPLICATION_LETTER_LABELS, type ApplicationLetter } from "./applications.letters";
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  CHANNEL_LABELS,
  CHANNELS,
  DELIVERIES,
  DELIVERY_LABELS,
  ID_TYPE_LABELS,
  ID_TYPES,
  OUTCOMES,
  STATUS_LABELS,
} from "./applications.schemas";
import type { getApplicationForStaff } from "./applications.service";
import { DEFAULT_REASONS_DAYS } from "./applications.workflow";
import { OUTCOME_LABELS } from "./letters/letter.index";

export type ApplicationView = Awaited<ReturnType<typeof getApplicationForStaff>>;
export type FormValues = Record<string, string | undefined>;

export const statusLabel = (s: string) => STATUS_LABELS[s] ?? s;
const channelLabel = (c: string) => CHANNEL_LABELS[c] ?? c;

/** The query string of a queue and search, for links (tabs keep the search; export keeps both). */
export function queueQuery(queue: QueueName, f: { code?: string; applicant?: string; id_number?: string }) {
  const q = new URLSearchParams({ queue });
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  return q.toString();
}

export function QueueTabs(p: {
  queue: QueueName;
  search: { code?: string; applicant?: string; id_number?: string };
}) {
  return (
    <nav aria-label="申请队列" class="tabs">
      <ul>
        {QUEUE_NAMES.map((q) => (
          <li>
            <a
              href={`/admin/applications?${queueQuery(q, p.search)}`}
              aria-current={q === p.queue ? "page" : undefined}
            >
              {QUEUES[q].label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SearchForm(p: {
  queue: QueueName;
  values: { code?: string; applicant?: string; id_number?: string };
  handles: boolean;
}) {
  return (
    <form method="get" action="/admin/applications" class="filters" role="search" aria-label="查找申请">
      <input type="hidden" name="queue" value={p.queue} />
      <div>
        <label for="search-code">查询码</label>
        <input id="search-code" name="code" type="text" value={p.values.code ?? ""} maxlength="40" />
      </div>
      <div>
        <label for="search-applicant">申请人姓名或名称</label>
        <input
          id="search-applicant"
          name="applicant"
          type="text"
          value={p.values.applicant ?? ""}
          maxlength="100"
        />
      </div>
      {p.handles ? (
        <div>
          <label for="search-id">身份证件号码或统一社会信用代码</label>
          <input
            id="search-id"
            name="id_number"
            type="text"
            value={p.values.id_number ?? ""}
            maxlength="40"
            autocomplete="off"
          />
        </div>
      ) : (
        ""
      )}
      <div>
        <button type="submit">查找</button>
      </div>
    </form>
  );
}

export function DueCell(p: { row: Pick<QueueRow, "due_on" | "overdue" | "paused" | "remaining"> }) {
  if (!p.row.due_on) return <td>—</td>;
  return (
    <td>
      {p.row.overdue ? (
        <strong class="overdue" safe>
          {p.row.due_on}
        </strong>
      ) : (
        <span safe>{p.row.due_on}</span>
      )}
      {p.row.overdue ? <span class="tag warn">已逾期</span> : ""}
      {p.row.paused ? <span class="tag">暂停计时</span> : ""}
      {!p.row.overdue && !p.row.paused && p.row.remaining !== null ? (
        <span class="meta" safe>{`（剩余 ${p.row.remaining} 个工作日）`}</span>
      ) : (
        ""
      )}
    </td>
  );
}

export function ApplicationTable(p: { rows: QueueRow[]; caption: string }) {
  if (p.rows.length === 0) return <p>暂无申请。</p>;
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-label={p.caption}>
      <table>
        <caption class="visually-hidden" safe>
          {p.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">查询码</th>
            <th scope="col">申请人</th>
            <th scope="col">类型</th>
            <th scope="col">渠道</th>
            <th scope="col">收到日期</th>
            <th scope="col">答复期限</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td>
                <a href={`/admin/applications/${r.id}`} class="mono" safe>
                  {r.tracking_code}
                </a>
              </td>
              <td safe>{r.applicant_name}</td>
              <td safe>{APPLICANT_TYPE_LABELS[r.applicant_type] ?? r.applicant_type}</td>
              <td safe>{channelLabel(r.channel)}</td>
              <td safe>{r.received_on ?? "待登记"}</td>
              <DueCell row={r} />
              <td safe>{`${statusLabel(r.status)}${r.outcome ? `：${outcomeLabel(r.outcome)}` : ""}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---- small form helpers: every field has an id the error summary links to, and shows its own error ----

interface FieldCtx {
  /** Prefix of element ids, so several forms on one page do not clash ("" for none). */
  prefix: string;
  values: FormValues;
  problems: ErrorDetail[];
}

const fieldId = (c: FieldCtx, name: string) => (c.prefix ? `${c.prefix}-${name}` : name);
const errorOf = (c: FieldCtx, name: string) => c.problems.find((x) => x.field === fieldId(c, name))?.message;

function Label(p: { c: FieldCtx; name: string; label: string; hint?: string }) {
  const id = fieldId(p.c, p.name);
  const err = errorOf(p.c, p.name);
  return (
    <>
      <label for={id} safe>
        {p.label}
      </label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`} safe>
          {p.hint}
        </p>
      ) : (
        ""
      )}
      {err ? (
        <p class="field-error" id={`${id}-error`} safe>
          {err}
        </p>
      ) : (
        ""
      )}
    </>
  );
}

const describedBy = (c: FieldCtx, name: string, hint?: string) =>
  [hint ? `${fieldId(c, name)}-hint` : "", errorOf(c, name) ? `${fieldId(c, name)}-error` : ""]
    .filter(Boolean)
    .join(" ") || undefined;

function Input(p: {
  c: FieldCtx;
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "date" | "number" | "email" | "tel";
  min?: string;
  max?: string;
  autocomplete?: string;
}) {
  const id = fieldId(p.c, p.name);
  return (
    <>
      <Label c={p.c} name={p.name} label={p.label} hint={p.hint} />
      <input
        id={id}
        name={p.name}
        type={p.type ?? "text"}
        value={p.c.values[p.name] ?? ""}
        min={p.min}
        max={p.max}
        autocomplete={p.autocomplete}
        aria-invalid={errorOf(p.c, p.name) ? "true" : undefined}
        aria-describedby={describedBy(p.c, p.name, p.hint)}
      />
    </>
  );
}

function TextArea(p: { c: FieldCtx; name: string; label: string; hint?: string; rows?: number }) {
  const id = fieldId(p.c, p.name);
  return (
    <>
      <Label c={p.c} name={p.name} label={p.label} hint={p.hint} />
      <textarea
        id={id}
        name={p.name}
        rows={String(p.rows ?? 3)}
        aria-invalid={errorOf(p.c, p.name) ? "true" : undefined}
        aria-describedby={describedBy(p.c, p.name, p.hint)}
        safe
      >
        {p.c.values[p.name] ?? ""}
      </textarea>
    </>
  );
}

function Select(p: {
  c: FieldCtx;
  name: string;
  label: string;
  hint?: string;
  options: Array<[value: string, label: string]>;
  empty?: string;
}) {
  const id = fieldId(p.c, p.name);
  const current = p.c.values[p.name] ?? "";
  return (
    <>
      <Label c={p.c} name={p.name} label={p.label} hint={p.hint} />
      <select
        id={id}
        name={p.name}
        aria-invalid={errorOf(p.c, p.name) ? "true" : undefined}
        aria-describedby={describedBy(p.c, p.name, p.hint)}
      >
        {p.empty !== undefined ? (
          <option value="" selected={current === ""} safe>
            {p.empty}
          </option>
        ) : (
          ""
        )}
        {p.options.map(([v, l]) => (
          <option value={v} selected={current === v} safe>
            {l}
          </option>
        ))}
      </select>
    </>
  );
}

// ---- registering a paper application ----

/** Art. 31: the date of receipt depends on how the application came. */
export const RECEIPT_RULES: Record<string, string> = {
  in_person: "当面提交：以提交之日为收到申请之日。",
  registered_post: "挂号信/EMS等需签收的邮件：以本机关签收之日为收到申请之日。",
  letter: "平信等无需签收的邮件：以本机关与申请人确认之日为收到申请之日。",
  fax: "传真：以双方确认之日为收到申请之日。",
  email: "电子邮件：以双方确认之日为收到申请之日。",
};
export const PAPER_CHANNELS = CHANNELS.filter((c) => c !== "online");

export function IntakeForm(p: { csrf: string; today: string; values: FormValues; problems: ErrorDetail[] }) {
  const c: FieldCtx = { prefix: "", values: { on: p.today, ...p.values }, problems: p.problems };
  return (
    <>
      <ErrorSummary title="申请未登记，请修改以下问题：" problems={p.problems} />
      <form method="post" action="/admin/applications/new" class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <fieldset>
          <legend>收到申请</legend>
          <Select
            c={c}
            name="channel"
            label="申请方式"
            options={PAPER_CHANNELS.map((ch) => [ch, CHANNEL_LABELS[ch] ?? ch])}
          />
          <Input
            c={c}
            name="on"
            label="收到申请日期"
            type="date"
            max={p.today}
            hint="《条例》第三十一条，按申请方式确定收到日期；答复期限自该日的次日起计算20个工作日。"
          />
          <ul class="hint">
            {PAPER_CHANNELS.map((ch) => (
              <li safe>{RECEIPT_RULES[ch] ?? ""}</li>
            ))}
          </ul>
        </fieldset>
        <fieldset>
          <legend>申请人</legend>
          <Select
            c={c}
            name="applicant.type"
            label="申请人类型"
            options={APPLICANT_TYPES.map((t) => [t, APPLICANT_TYPE_LABELS[t] ?? t])}
          />
          <Input c={c} name="applicant.name" label="姓名或名称" autocomplete="off" />
          <Select
            c={c}
            name="applicant.id_type"
            label="身份证件类型"
            options={ID_TYPES.map((t) => [t, ID_TYPE_LABELS[t] ?? t])}
          />
          <Input
            c={c}
            name="applicant.id_number"
            label="身份证件号码"
            hint="自然人必填；法人或其他组织可填经办人的证件号码。加密保存，仅办理人员可见。"
            autocomplete="off"
          />
          <Input
            c={c}
            name="applicant.credit_code"
            label="统一社会信用代码（法人或其他组织）"
            autocomplete="off"
          />
          <Input c={c} name="applicant.legal_rep" label="法定代表人或负责人（法人或其他组织）" />
          <Input c={c} name="applicant.phone" label="联系电话" type="tel" autocomplete="off" />
          <Input c={c} name="applicant.email" label="电子邮箱" type="email" autocomplete="off" />
          <Input c={c} name="applicant.address" label="通信地址" autocomplete="off" />
          <p class="hint">联系电话、电子邮箱、通信地址至少填写一项。</p>
        </fieldset>
        <fieldset>
          <legend>所需信息</legend>
          <TextArea
            c={c}
            name="description"
            label="所需政府信息的名称、文号或者便于查询的其他特征性描述"
            rows={5}
          />
          <Select
            c={c}
            name="delivery"
            label="获取信息的方式"
            options={DELIVERIES.map((d) => [d, DELIVERY_LABELS[d] ?? d])}
          />
        </fieldset>
        <button type="submit">登记申请</button>
      </form>
    </>
  );
}

// ---- the detail page ----

export function ApplicationFacts(p: {
  app: ApplicationView;
  dueOn: string | null;
  orgName?: string;
  handlerName?: string;
  mergedInto?: { id: string; code: string };
}) {
  const a = p.app;
  const c = a.clock;
  const open = ["handling", "correction", "consulting", "fee_pending"].includes(a.status);
  return (
    <dl class="facts">
      <dt>查询码</dt>
      <dd class="mono" safe>
        {a.tracking_code}
      </dd>
      <dt>状态</dt>
      <dd>
        <span safe>{statusLabel(a.status)}</span>
        {open && c?.overdue ? <span class="tag warn">已逾期</span> : ""}
        {open && c?.paused ? <span class="tag">暂停计时</span> : ""}
      </dd>
      <dt>申请方式</dt>
      <dd safe>{channelLabel(a.channel)}</dd>
      <dt>提交时间</dt>
      <dd safe>{formatShanghai(a.submitted_at)}</dd>
      <dt>收到申请日期</dt>
      <dd safe>{a.received_on ?? "待登记（确认收到日期后开始计时）"}</dd>
      <dt>答复期限</dt>
      <dd>
        {open && p.dueOn ? (
          c?.overdue ? (
            <strong class="overdue" safe>{`${p.dueOn}（已逾期）`}</strong>
          ) : (
            <span safe>{p.dueOn}</span>
          )
        ) : (
          <span safe>
            {a.status === "replied"
              ? c?.due_on && a.replied_on
                ? `${c.due_on}（${a.replied_on <= c.due_on ? "已按期答复" : "逾期答复"}）`
                : "已答复"
              : open
                ? (c?.problem ?? "无法计算")
                : "—"}
          </span>
        )}
      </dd>
      {c && open ? (
        <>
          <dt>已用 / 剩余工作日</dt>
          <dd
            safe
          >{`已用 ${c.used ?? "—"} 个工作日，剩余 ${c.remaining ?? "—"} 个工作日${c.paused ? "（暂停计时中）" : ""}`}</dd>
        </>
      ) : (
        ""
      )}
      {a.extended_days ? (
        <>
          <dt>延期</dt>
          <dd safe>{`已延长 ${a.extended_days} 个工作日`}</dd>
        </>
      ) : (
        ""
      )}
      {a.status === "correction" && a.correction_deadline ? (
        <>
          <dt>补正期限</dt>
          <dd safe>{a.correction_deadline}</dd>
        </>
      ) : (
        ""
      )}
      {a.consult_party ? (
        <>
          <dt>征求意见</dt>
          <dd safe>{`${a.consult_party}（意见期限 ${a.consult_deadline ?? "—"}）`}</dd>
        </>
      ) : (
        ""
      )}
      {a.fee_yuan !== null ? (
        <>
          <dt>信息处理费</dt>
          <dd
            safe
          >{`${a.fee_yuan} 元（${a.fee_method === "by_pages" ? "按量" : "按件"}${a.fee_deadline ? `，缴费期限 ${a.fee_deadline}` : ""}）`}</dd>
        </>
      ) : (
        ""
      )}
      <dt>获取方式</dt>
      <dd
        safe
      >{`${DELIVERY_LABELS[a.delivery] ?? a.delivery}（${a.carrier === "electronic" ? "电子" : "纸质"}）`}</dd>
      <dt>承办单位</dt>
      <dd safe>{p.orgName ?? "未分办"}</dd>
      <dt>承办人</dt>
      <dd safe>{p.handlerName ?? "未指定"}</dd>
      {a.replied_on ? (
        <>
          <dt>答复日期</dt>
          <dd safe>{a.replied_on}</dd>
          <dt>答复结果</dt>
          <dd
            safe
          >{`${outcomeLabel(a.outcome)}${a.outcome ? `（年报表${outcomeReportRow(a.outcome)}）` : ""}`}</dd>
        </>
      ) : (
        ""
      )}
      {a.outcome_note ? (
        <>
          <dt>答复说明</dt>
          <dd safe>{a.outcome_note}</dd>
        </>
      ) : (
        ""
      )}
      {p.mergedInto ? (
        <>
          <dt>合并到</dt>
          <dd>
            <a href={`/admin/applications/${p.mergedInto.id}`} class="mono" safe>
              {p.mergedInto.code}
            </a>
          </dd>
        </>
      ) : (
        ""
      )}
    </dl>
  );
}

/** How the due date was computed, one line per step (the clock's own explanation). */
export function ClockExplanation(p: { explanation: string | null; problem: string | null }) {
  return (
    <section aria-labelledby="clock-title">
      <h2 id="clock-title">期限计算说明</h2>
      {p.problem ? (
        <p class="notice warn" safe>
          {p.problem}
        </p>
      ) : (
        ""
      )}
      {p.explanation ? (
        <ol class="clock-explanation mono">
          {p.explanation
            .split("\n")
            .filter((l) => l.trim() !== "")
            .map((l) => (
              <li safe>{l}</li>
            ))}
        </ol>
      ) : (
        <p>尚未登记收到日期，答复期限未开始计算。</p>
      )}
    </section>
  );
}

export function ApplicantBlock(p: { app: ApplicationView; handles: boolean }) {
  const a = p.app.applicant;
  const hidden = "（仅办理人员可见）";
  const shown = (v: string | null) => (p.handles ? (v ?? "未填写") : hidden);
  return (
    <section aria-labelledby="applicant-title">
      <h2 id="applicant-title">申请人</h2>
      <dl class="facts">
        <dt>类型</dt>
        <dd safe>{APPLICANT_TYPE_LABELS[a.type] ?? a.type}</dd>
        <dt>姓名或名称</dt>
        <dd safe>{a.name}</dd>
        {a.credit_code ? (
          <>
            <dt>统一社会信用代码</dt>
            <dd class="mono" safe>
              {a.credit_code}
            </dd>
          </>
        ) : (
          ""
        )}
        {a.legal_rep ? (
          <>
            <dt>法定代表人或负责人</dt>
            <dd safe>{a.legal_rep}</dd>
          </>
        ) : (
          ""
        )}
        <dt>身份证件</dt>
        <dd
          safe
        >{`${a.id_type ? (ID_TYPE_LABELS[a.id_type] ?? a.id_type) : "—"}：${a.id_type ? shown(a.id_number) : "—"}`}</dd>
        <dt>联系电话</dt>
        <dd safe>{shown(a.phone)}</dd>
        <dt>电子邮箱</dt>
        <dd safe>{shown(a.email)}</dd>
        <dt>通信地址</dt>
        <dd safe>{shown(a.address)}</dd>
      </dl>
    </section>
  );
}

export function StepList(p: { steps: ApplicationView["steps"] }) {
  return (
    <section aria-labelledby="steps-title">
      <h2 id="steps-title">办理记录</h2>
      <p class="meta">标“公开”的记录申请人可在查询页面看到；标“内部”的仅工作人员可见。</p>
      <ol class="events">
        {p.steps.map((s) => (
          <li>
            <span safe>{`${s.on}　${s.actor}　`}</span>
            <span class="tag">{s.public ? "公开" : "内部"}</span>
            <span safe>{`　${s.text}`}</span>
            {s.note ? <span class="meta" safe>{`（内部备注：${s.note}）`}</span> : ""}
            <span class="meta" safe>{`　记录于 ${formatShanghai(s.at)}`}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

const DISPUTE_KINDS: Record<string, string> = {
  review: "行政复议",
  litigation: "行政诉讼（未经复议直接起诉）",
  litigation_after_review: "行政诉讼（复议后起诉）",
};
const DISPUTE_RESULTS: Record<string, string> = {
  upheld: "结果维持",
  corrected: "结果纠正",
  other: "其他结果",
  pending: "尚未审结",
};

export function DisputeList(p: { disputes: ApplicationView["disputes"] }) {
  if (p.disputes.length === 0) return "";
  return (
    <section aria-labelledby="disputes-title">
      <h2 id="disputes-title">行政复议和行政诉讼</h2>
      <ul>
        {p.disputes.map((d) => (
          <li
            safe
          >{`${d.filed_on}　${DISPUTE_KINDS[d.kind] ?? d.kind}　${DISPUTE_RESULTS[d.result] ?? d.result}${d.decided_on ? `（${d.decided_on}）` : ""}${d.note ? `　${d.note}` : ""}`}</li>
        ))}
      </ul>
    </section>
  );
}

export function LetterLinks(p: { id: string; letters: ApplicationLetter[] }) {
  if (p.letters.length === 0) return "";
  return (
    <section aria-labelledby="letters-title">
      <h2 id="letters-title">文书</h2>
      <ul>
        {p.letters.map((k) => (
          <li>
            <span safe>{APPLICATION_LETTER_LABELS[k]}</span>
            {"："}
            <a href={`/admin/applications/${p.id}/letters/${k}.docx`}>Word</a>
            {" / "}
            <a href={`/admin/applications/${p.id}/letters/${k}.pdf`}>PDF</a>
          </li>
        ))}
      </ul>
      <p class="meta">文书按默认模板生成，可下载 Word 版本修改后印发。</p>
    </section>
  );
}

// ---- handling forms ----

/** Table 三's groups: 予以公开, 部分公开, 不予公开 1–8, 无法提供 1–3, 不予处理 1–5, 其他处理 1–3. */
export const OUTCOME_GROUPS: Array<[group: string, outcomes: string[]]> = [
  ["（一）予以公开", ["disclose"]],
  ["（二）部分公开", ["partial"]],
  ["（三）不予公开", OUTCOMES.filter((o) => o.startsWith("withhold."))],
  ["（四）无法提供", OUTCOMES.filter((o) => o.startsWith("unable."))],
  ["（五）不予处理", OUTCOMES.filter((o) => o.startsWith("not_handled."))],
  ["（六）其他处理", OUTCOMES.filter((o) => o.startsWith("other."))],
];

const outcomeOptionLabel = (o: string, i: number, n: number) => {
  const label = OUTCOME_LABELS[o as keyof typeof OUTCOME_LABELS] ?? o;
  const tail = label.includes("—") ? label.slice(label.indexOf("—") + 1) : label;
  return n > 1 ? `${i + 1}. ${tail}` : label;
};

/** What the detail page needs to decide and fill the handling forms. */
export interface ActionContext {
  id: string;
  csrf: string;
  status: string;
  today: string;
  correctionUsed: boolean;
  extendedDays: number;
  /** Art. 35: the applicant was asked to state reasons (a longer period may then be set). */
  reasonsRequested?: boolean;
  orgs: Array<{ org: Org; depth: number }>;
  /** The form that was just submitted and refused: its values and problems (field ids already prefixed). */
  submitted?: { action: string; values: FormValues; problems: ErrorDetail[] };
}

/** The actions valid in each status (the workflow checks again). */
export function actionsFor(
  ctx: Pick<ActionContext, "status" | "correctionUsed" | "extendedDays" | "reasonsRequested">,
): string[] {
  const out: string[] = [];
  switch (ctx.status) {
    case "submitted":
      out.push("register");
      break;
    case "handling":
      if (!ctx.correctionUsed) out.push("request_correction");
      out.push("start_consultation");
      if (ctx.extendedDays < 20) out.push("extend");
      out.push("fee_notice", "request_reasons");
      if (ctx.reasonsRequested) out.push("set_period");
      out.push("reply");
      break;
    case "correction":
      out.push("receive_correction", "reply");
      break;
    case "consulting":
      out.push("end_consultation");
      if (ctx.extendedDays < 20) out.push("extend");
      break;
    case "fee_pending":
      out.push("fee_paid", "reply");
      break;
    case "replied":
      out.push("record_delivery");
      break;
  }
  if (["submitted", "handling", "correction", "consulting", "fee_pending"].includes(ctx.status))
    out.push("assign", "merge");
  return out;
}

export const ACTION_LABELS: Record<string, string> = {
  register: "登记受理",
  request_correction: "告知补正",
  receive_correction: "收到补正",
  start_consultation: "征求第三方意见",
  end_consultation: "结束征求意见",
  extend: "延期答复",
  fee_notice: "发出收费通知",
  fee_paid: "确认已缴费",
  reply: "答复",
  merge: "合并办理",
  assign: "分办",
  request_reasons: "要求说明理由",
  set_period: "确定延迟答复期限",
  record_delivery: "登记送达",
};

function StepForm(p: { ctx: ActionContext; action: string; children?: Children }) {
  const s = p.ctx.submitted?.action === p.action ? p.ctx.submitted : undefined;
  const c: FieldCtx = {
    prefix: p.action,
    values: s?.values ?? {},
    problems: s?.problems ?? [],
  };
  const label = ACTION_LABELS[p.action] ?? p.action;
  const onLabel =
    p.action === "register"
      ? "收到申请日期（《条例》第三十一条）"
      : p.action === "receive_correction"
        ? "收到补正申请的日期"
        : "办理日期";
  const err = c.problems.find((x) => x.field === `${p.action}-submit`)?.message;
  return (
    <form
      method="post"
      action={`/admin/applications/${p.ctx.id}/actions`}
      class="stack action-form"
      aria-labelledby={`${p.action}-title`}
      novalidate
    >
      <h3 id={`${p.action}-title`} safe>
        {label}
      </h3>
      <CsrfField token={p.ctx.csrf} />
      <input type="hidden" name="action" value={p.action} />
      {p.action === "assign" || p.action === "merge" ? (
        ""
      ) : (
        <Input
          c={{ ...c, values: { ...c.values, on: c.values.on ?? p.ctx.today } }}
          name="on"
          label={onLabel}
          type="date"
          max={p.ctx.today}
        />
      )}
      {p.children ?? ""}
      {err ? (
        <p class="field-error" safe>
          {err}
        </p>
      ) : (
        ""
      )}
      <button type="submit" id={`${p.action}-submit`} safe>
        {label}
      </button>
    </form>
  );
}

export function ActionForms(p: { ctx: ActionContext }) {
  const ctx = p.ctx;
  const cOf = (action: string): FieldCtx => {
    const s = ctx.submitted?.action === action ? ctx.submitted : undefined;
    return { prefix: action, values: s?.values ?? {}, problems: s?.problems ?? [] };
  };
  const forms: Record<string, () => JSX.Element> = {
    register: () => (
      <StepForm ctx={ctx} action="register">
        <p class="hint">
          当面提交以提交之日、挂号信以签收之日、平信以与申请人确认之日、网上申请和传真以双方确认之日为收到申请之日。
        </p>
      </StepForm>
    ),
    request_correction: () => (
      <StepForm ctx={ctx} action="request_correction">
        <TextArea
          c={cOf("request_correction")}
          name="items"
          label="需要补正的事项（必填）"
          hint="《条例》第三十条：自收到申请之日起7个工作日内一次性告知，说明需要补正的事项和合理的补正期限。"
        />
        <Input
          c={cOf("request_correction")}
          name="deadline"
          label="补正期限（可选，默认告知之日起15个工作日）"
          type="date"
        />
        <TextArea c={cOf("request_correction")} name="note" label="内部备注（可选）" rows={2} />
      </StepForm>
    ),
    receive_correction: () => (
      <StepForm ctx={ctx} action="receive_correction">
        <p class="hint">收到补正后的申请，答复期限自该日起重新计算20个工作日。</p>
      </StepForm>
    ),
    start_consultation: () => (
      <StepForm ctx={ctx} action="start_consultation">
        <Input
          c={cOf("start_consultation")}
          name="third_party"
          label="征求意见的第三方或其他机关（必填）"
          hint="第三方应在15个工作日内提出意见；征求意见的时间不计入答复期限。"
        />
        <TextArea c={cOf("start_consultation")} name="note" label="内部备注（可选）" rows={2} />
      </StepForm>
    ),
    end_consultation: () => (
      <StepForm ctx={ctx} action="end_consultation">
        <TextArea c={cOf("end_consultation")} name="note" label="第三方意见摘要（可选，内部）" rows={2} />
      </StepForm>
    ),
    extend: () => (
      <StepForm ctx={ctx} action="extend">
        <Input
          c={cOf("extend")}
          name="days"
          label="延长的工作日数（必填）"
          type="number"
          min="1"
          max={String(Math.max(1, 20 - ctx.extendedDays))}
          hint={`延长期限最长不超过20个工作日${ctx.extendedDays ? `（已延长 ${ctx.extendedDays} 个）` : ""}。`}
        />
        <Input c={cOf("extend")} name="approved_by" label="批准人（政府信息公开工作机构负责人，必填）" />
        <TextArea c={cOf("extend")} name="note" label="延期理由（写入延期告知书）" rows={2} />
      </StepForm>
    ),
    fee_notice: () => (
      <StepForm ctx={ctx} action="fee_notice">
        <Select
          c={cOf("fee_notice")}
          name="method"
          label="收费方式"
          empty="请选择"
          options={[
            ["pages", "按量收费（按页数）"],
            ["count", "按件收费（按申请人当月申请件数）"],
          ]}
          hint="国办函〔2020〕109号：按件，每月10件以内免费；按量，30页以内免费。一件申请只能选一种方式。"
        />
        <Input c={cOf("fee_notice")} name="pages" label="页数（按量收费时必填）" type="number" min="1" />
        <TextArea c={cOf("fee_notice")} name="note" label="内部备注（可选）" rows={2} />
      </StepForm>
    ),
    fee_paid: () => <StepForm ctx={ctx} action="fee_paid" />,
    request_reasons: () => (
      <StepForm ctx={ctx} action="request_reasons">
        <p class="hint">
          《条例》第三十五条：申请的数量、频次明显超过合理范围的，可以要求申请人说明理由；理由不合理的不予处理，理由合理但无法按期答复的，可以确定延迟答复的合理期限。
        </p>
        <Input
          c={cOf("request_reasons")}
          name="deadline"
          label={`说明理由的期限（可选，默认告知之日起${DEFAULT_REASONS_DAYS}个工作日）`}
          type="date"
        />
        <TextArea c={cOf("request_reasons")} name="note" label="内部备注（可选）" rows={2} />
      </StepForm>
    ),
    set_period: () => (
      <StepForm ctx={ctx} action="set_period">
        <Input
          c={cOf("set_period")}
          name="deadline"
          label="延迟答复的期限（新的答复日期，必填）"
          type="date"
          hint="须晚于现行答复期限，且为工作日；不占用第三十三条的20个工作日延期额度。"
        />
        <TextArea c={cOf("set_period")} name="note" label="理由（写入延迟答复告知书）" rows={2} />
      </StepForm>
    ),
    record_delivery: () => (
      <StepForm ctx={ctx} action="record_delivery">
        <Select
          c={cOf("record_delivery")}
          name="delivered_by"
          label="送达方式"
          empty="请选择"
          options={DELIVERIES.map((d) => [d, DELIVERY_LABELS[d]!])}
        />
        <Input
          c={cOf("record_delivery")}
          name="reference"
          label="挂号信或快递单号（邮寄必填）、领取人等送达记录"
          autocomplete="off"
        />
      </StepForm>
    ),
    reply: () => {
      const c = cOf("reply");
      const current = c.values.outcome ?? "";
      const id = fieldId(c, "outcome");
      return (
        <StepForm ctx={ctx} action="reply">
          <Label c={c} name="outcome" label="答复结果（年度报告表三）" />
          <select
            id={id}
            name="outcome"
            aria-invalid={errorOf(c, "outcome") ? "true" : undefined}
            aria-describedby={errorOf(c, "outcome") ? `${id}-error` : undefined}
          >
            <option value="" selected={current === ""}>
              请选择
            </option>
            {OUTCOME_GROUPS.map(([group, outcomes]) => (
              <optgroup label={group}>
                {outcomes.map((o, i) => (
                  <option value={o} selected={current === o} safe>
                    {outcomeOptionLabel(o, i, outcomes.length)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <TextArea
            c={c}
            name="note"
            label="答复说明（写入答复书：不予公开、部分公开、不予处理的理由，或其他说明）"
            rows={4}
          />
        </StepForm>
      );
    },
    assign: () => (
      <StepForm ctx={ctx} action="assign">
        <Select
          c={cOf("assign")}
          name="org"
          label="承办单位"
          empty="不变"
          options={ctx.orgs.map(({ org, depth }) => [org.code, `${"　".repeat(depth)}${org.name}`])}
        />
        <Input c={cOf("assign")} name="handler" label="承办人用户名（可选）" autocomplete="off" />
      </StepForm>
    ),
    merge: () => (
      <StepForm ctx={ctx} action="merge">
        <Input
          c={cOf("merge")}
          name="into"
          label="合并到的申请查询码（必填）"
          hint="同一申请人就相同内容提出的多件申请可合并办理，以被合并到的申请的答复为准。"
        />
        <TextArea c={cOf("merge")} name="note" label="内部备注（可选）" rows={2} />
      </StepForm>
    ),
  };
  const actions = actionsFor(ctx);
  if (actions.length === 0) return "";
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">办理</h2>
      <div class="actions">{actions.map((a) => forms[a]?.() ?? "")}</div>
    </section>
  );
}
