// Back-office views of messages (互动交流): the list with its filters, the detail (facts, clock explanation,
// steps, the draft and the reply) and one form per step the step table offers this user. Every text a person
// typed is escaped. Field ids are `<action>-<field>` so an error summary links to the right form.

import type { ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { Field } from "../../web/views/fields";
import { FilterSelect } from "../../web/views/filters";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { provisionalDueNote } from "../calendar";
import {
  ALL_TYPES,
  CHANNEL_LABELS,
  CHANNELS,
  MESSAGE_TYPES,
  OFFICE_CHANNELS,
  REJECT_REASON_LABELS,
  REJECT_REASONS,
  STATUS_LABELS,
  STATUSES,
  type StaffAction,
  TYPE_LABELS,
} from "./interaction.schemas";
import type { getMessageForStaff, ListedMessage } from "./messages.staff";
import { MESSAGE_STEPS } from "./messages.steps";

export type StaffMessage = Awaited<ReturnType<typeof getMessageForStaff>>;
export type FormValues = Record<string, string | undefined>;
export interface ListFilters {
  code?: string;
  status?: string;
  type?: string;
  org?: string;
  overdue?: string;
  channel?: string;
}

/** The list's query string with one value changed (filters kept across pages). */
export function listQuery(f: ListFilters, page?: number): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) u.set(k, v);
  if (page && page > 1) u.set("page", String(page));
  return u.size ? `?${u}` : "";
}

export function MessageFilters(p: { f: ListFilters; orgs: Array<{ code: string; name: string }> }) {
  return (
    <form method="get" action="/admin/messages" class="filters" aria-label="筛选留言">
      <div>
        <Field id="f-code" name="code" label="查询码" value={p.f.code ?? ""} maxlength={40} />
      </div>
      <FilterSelect
        name="status"
        label="状态"
        all="全部"
        selected={p.f.status}
        options={STATUSES.map((s) => [s, STATUS_LABELS[s]])}
      />
      <FilterSelect
        name="type"
        label="类型"
        all="全部"
        selected={p.f.type}
        options={ALL_TYPES.map((t) => [t, TYPE_LABELS[t]])}
      />
      <FilterSelect
        name="channel"
        label="渠道"
        all="全部"
        selected={p.f.channel}
        options={CHANNELS.map((c) => [c, CHANNEL_LABELS[c]])}
      />
      <FilterSelect
        name="org"
        label="承办单位"
        all="全部"
        selected={p.f.org}
        options={p.orgs.map((o) => [o.code, o.name])}
      />
      <div>
        <Field
          id="f-overdue"
          name="overdue"
          as="checkbox"
          value="1"
          checked={p.f.overdue === "1"}
          label="只看已逾期或超过两个月未答复"
        />
      </div>
      <div>
        <button type="submit">筛选</button>
      </div>
    </form>
  );
}

function DueCell(p: {
  m: Pick<ListedMessage, "due_on" | "due_on_provisional" | "overdue" | "warning" | "alarm">;
}) {
  if (!p.m.due_on) return <td>—</td>;
  return (
    <td>
      {p.m.overdue ? (
        <strong class="overdue" safe>
          {p.m.due_on}
        </strong>
      ) : (
        <span safe>{p.m.due_on}</span>
      )}
      {p.m.due_on_provisional ? (
        <span class="tag" title={provisionalDueNote(p.m.due_on)}>
          暂定
        </span>
      ) : (
        ""
      )}
      {p.m.overdue ? <span class="tag warn">已逾期</span> : ""}
      {p.m.alarm ? <span class="tag warn">超过两个月未答复</span> : ""}
      {p.m.warning ? <span class="tag">即将到期</span> : ""}
    </td>
  );
}

export function MessageTable(p: { items: ListedMessage[] }) {
  if (p.items.length === 0) return <p>暂无留言。</p>;
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-label="留言列表">
      <table>
        <caption class="visually-hidden">留言列表</caption>
        <thead>
          <tr>
            <th scope="col">查询码</th>
            <th scope="col">标题</th>
            <th scope="col">类型</th>
            <th scope="col">渠道</th>
            <th scope="col">收到日期</th>
            <th scope="col">答复期限</th>
            <th scope="col">状态</th>
            <th scope="col">承办单位</th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((m) => (
            <tr>
              <td>
                <a href={`/admin/messages/${m.id}`} class="mono" safe>
                  {m.tracking_code}
                </a>
              </td>
              <td safe>{m.title}</td>
              <td safe>{m.type_label}</td>
              <td safe>
                {m.ticket_no
                  ? `12345热线 ${m.ticket_no}`
                  : (CHANNEL_LABELS[m.channel as keyof typeof CHANNEL_LABELS] ?? m.channel)}
              </td>
              <td safe>{m.received_on}</td>
              <DueCell m={m} />
              <td safe>{m.status_label}</td>
              <td safe>{m.holders.join("、") || "政务公开办"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const Text = (p: { text: string | null | undefined }) => (
  <>
    {(p.text ?? "")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => (
        <p safe>{l}</p>
      ))}
  </>
);

/** The message's facts; the asker's name and contacts only for those who may see them (null otherwise). */
export function MessageFacts(p: { m: StaffMessage }) {
  const m = p.m;
  const hidden = "（仅政务公开办和承办单位可见）";
  // An error report has no name: whether the user may see them is the service's flag, not the name.
  const asker: string = m.contact_visible ? (m.name ?? "未填写") : hidden;
  const contacts: string = m.contact_visible
    ? [m.phone, m.email, m.contact].filter(Boolean).join("　") || "未填写"
    : hidden;
  return (
    <dl class="facts">
      <dt>查询码</dt>
      <dd class="mono" safe>
        {m.tracking_code}
      </dd>
      <dt>类型</dt>
      <dd safe>{`${m.type_label}（${m.channel_label}）`}</dd>
      <dt>状态</dt>
      <dd id="status" safe>
        {m.status_label}
      </dd>
      <dt>收到日期</dt>
      <dd safe>{m.received_on}</dd>
      {m.hotline ? (
        <>
          <dt>12345工单编号</dt>
          <dd class="mono" safe>
            {m.hotline.ticket_no}
          </dd>
          <dt>12345派单承办单位</dt>
          <dd safe>{m.hotline.org ?? "未指定"}</dd>
          <dt>12345回访满意度</dt>
          <dd safe>{m.hotline.satisfaction_label ?? "尚未回访"}</dd>
        </>
      ) : (
        ""
      )}
      <dt>答复期限</dt>
      <dd>
        <span safe>{m.due_on ?? "—"}</span>
        {m.due_on && m.due_on_provisional ? <span class="tag">暂定</span> : ""}
        {m.clock.overdue ? <span class="tag warn">已逾期</span> : ""}
        {m.clock.alarm ? <span class="tag warn">超过两个月未答复</span> : ""}
        {m.due_on && m.clock.remaining !== null && !m.clock.overdue ? (
          <span class="meta" safe>{`（剩余 ${m.clock.remaining} 个工作日）`}</span>
        ) : (
          ""
        )}
      </dd>
      <dt>承办单位</dt>
      <dd safe>{m.holders.map((h) => h.name).join("、") || "政务公开办"}</dd>
      <dt>留言人</dt>
      <dd safe>{asker}</dd>
      <dt>联系方式</dt>
      <dd safe>{contacts}</dd>
      <dt>公开</dt>
      <dd safe>
        {m.private
          ? "不公开"
          : m.published
            ? `已公开（${formatShanghai(m.published_at!)}）`
            : m.wants_public
              ? "留言人同意公开"
              : "留言人不同意公开"}
      </dd>
      {m.page_url ? (
        <>
          <dt>出错页面</dt>
          <dd class="mono" safe>
            {m.page_url}
          </dd>
          <dt>错误类型</dt>
          <dd safe>{m.error_kind_label ?? m.error_kind ?? ""}</dd>
        </>
      ) : (
        ""
      )}
      {m.reject_reason_label ? (
        <>
          <dt>不予受理理由</dt>
          <dd>
            <span safe>{m.reject_reason_label}</span>
            {m.duplicate_of ? (
              <>
                {"："}
                <a href={`/admin/messages/${m.duplicate_of.id}`} class="mono" safe>
                  {m.duplicate_of.tracking_code}
                </a>
              </>
            ) : (
              ""
            )}
          </dd>
        </>
      ) : (
        ""
      )}
      {m.rating_label ? (
        <>
          <dt>留言人评价</dt>
          <dd safe>{m.rating_label}</dd>
        </>
      ) : (
        ""
      )}
    </dl>
  );
}

/** The message, the follow-up, the draft and the reply. */
export function MessageTexts(p: { m: StaffMessage }) {
  const m = p.m;
  return (
    <>
      <section aria-labelledby="body-title">
        <h2 id="body-title" safe>
          {m.title}
        </h2>
        <Text text={m.body} />
        {m.follow_up ? (
          <>
            <h3>追问</h3>
            <Text text={m.follow_up} />
          </>
        ) : (
          ""
        )}
      </section>
      {m.draft ? (
        <section aria-labelledby="draft-title">
          <h2 id="draft-title">答复草稿</h2>
          <p
            class="meta"
            safe
          >{`${m.draft.org?.name ?? ""}　${m.draft.by ?? ""}　${m.draft.at ? formatShanghai(m.draft.at) : ""}`}</p>
          <Text text={m.draft.body} />
        </section>
      ) : (
        ""
      )}
      {m.reply ? (
        <section aria-labelledby="reply-title">
          <h2 id="reply-title">答复</h2>
          <p class="meta" safe>{`${m.reply.on}　${m.reply.org?.name ?? ""}`}</p>
          <Text text={m.reply.body} />
        </section>
      ) : (
        ""
      )}
    </>
  );
}

export function ClockBlock(p: { m: StaffMessage }) {
  return (
    <section aria-labelledby="clock-title">
      <h2 id="clock-title">期限计算说明</h2>
      {p.m.due_on_provisional && p.m.due_on ? (
        <p class="notice warn" safe>
          {provisionalDueNote(p.m.due_on)}
        </p>
      ) : (
        ""
      )}
      <ol class="clock-explanation">
        {p.m.clock.explanation
          .split("\n")
          .filter((l) => l.trim() !== "")
          .map((l) => (
            <li safe>{l}</li>
          ))}
      </ol>
    </section>
  );
}

export function StepList(p: { m: StaffMessage }) {
  return (
    <section aria-labelledby="steps-title">
      <h2 id="steps-title">办理记录</h2>
      <p class="meta">标“公开”的记录留言人可在查询页面看到；标“内部”的仅工作人员可见。</p>
      <ol class="events">
        {p.m.steps.map((s) => (
          <li>
            <span safe>{`${s.on}　${s.actor ?? ""}　${s.label}　`}</span>
            <span class="tag">{s.public ? "公开" : "内部"}</span>
            {s.text ? <span safe>{`　${s.text}`}</span> : ""}
            {s.note ? <span class="meta" safe>{`（内部备注：${s.note}）`}</span> : ""}
            <span class="meta" safe>{`　记录于 ${formatShanghai(s.at)}`}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The forms of the steps the table offers this user now, in table order. */
export function ActionForms(p: {
  m: StaffMessage;
  csrf: string;
  today: string;
  targets: Array<{ code: string; name: string; depth: number }>;
  submitted?: { action: string; values: FormValues; problems: ErrorDetail[] };
}) {
  const stray =
    p.submitted && !p.m.actions.includes(p.submitted.action as StaffAction) ? (
      <ErrorSummary
        title="操作未完成："
        problems={p.submitted.problems.map((d) => ({ ...d, field: undefined }))}
      />
    ) : (
      ""
    );
  if (p.m.actions.length === 0)
    return (
      <>
        {stray}
        <p>您目前没有可以对该留言执行的操作。</p>
      </>
    );
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">办理</h2>
      {stray}
      {p.m.actions.map((a) => (
        <ActionForm {...p} action={a} />
      ))}
    </section>
  );
}

function ActionForm(p: {
  m: StaffMessage;
  csrf: string;
  today: string;
  action: StaffAction;
  targets: Array<{ code: string; name: string; depth: number }>;
  submitted?: { action: string; values: FormValues; problems: ErrorDetail[] };
}) {
  const a = p.action;
  const mine = p.submitted?.action === a ? p.submitted : undefined;
  const v = mine?.values ?? {};
  const problems = mine?.problems ?? [];
  const id = (f: string) => `${a}-${f}`;
  const label = MESSAGE_STEPS[a].label;
  return (
    <form
      method="post"
      action={`/admin/messages/${p.m.id}/actions`}
      class="stack action-form"
      aria-labelledby={id("title")}
    >
      <h3 id={id("title")} safe>
        {label}
      </h3>
      <ErrorSummary title={`“${label}”未完成，请修改以下问题：`} problems={problems} />
      <CsrfField token={p.csrf} />
      <input type="hidden" name="action" value={a} />
      {a === "reject" ? (
        <>
          <Field
            as="select"
            id={id("reason")}
            name="reason"
            label="不予受理的理由"
            required
            value={v.reason}
            blank="请选择"
            choices={REJECT_REASONS.map((r) => ({ value: r, label: REJECT_REASON_LABELS[r] }))}
            problems={problems}
            field={id("reason")}
          />
          <Field
            id={id("duplicate_of")}
            name="duplicate_of"
            label="重复留言的原留言查询码（理由为重复留言时填写）"
            value={v.duplicate_of}
            maxlength={40}
            problems={problems}
            field={id("duplicate_of")}
          />
        </>
      ) : (
        ""
      )}
      {a === "transfer" ? (
        <Field
          as="select"
          id={id("org")}
          name="org"
          label="转办给"
          required
          value={v.org ?? p.m.hotline?.org_code ?? undefined}
          blank="请选择承办单位"
          choices={p.targets.map((t) => ({
            value: t.code,
            label: `${"　".repeat(Math.max(0, t.depth - 1))}${t.name}`,
          }))}
          problems={problems}
          field={id("org")}
        />
      ) : (
        ""
      )}
      {a === "return" ? (
        <Field
          as="textarea"
          id={id("reason")}
          name="reason"
          label="退回理由"
          required
          rows={3}
          value={v.reason}
          problems={problems}
          field={id("reason")}
        />
      ) : (
        ""
      )}
      {a === "draft_reply" ? (
        <Field
          as="textarea"
          id={id("body")}
          name="body"
          label="答复内容"
          required
          rows={8}
          value={v.body ?? p.m.draft?.body ?? ""}
          problems={problems}
          field={id("body")}
        />
      ) : (
        ""
      )}
      {a !== "publish" ? (
        <Field
          as="textarea"
          id={id("note")}
          name="note"
          label="内部备注（选填，留言人看不到）"
          rows={2}
          value={v.note}
          problems={problems}
          field={id("note")}
        />
      ) : (
        ""
      )}
      <button type="submit" id={id("submit")} safe>
        {label}
      </button>
    </form>
  );
}

/** The office's entry form for a call, letter or visit. */
export function OfficeEntryForm(p: {
  csrf: string;
  today: string;
  values: FormValues;
  problems: ErrorDetail[];
}) {
  const v = p.values;
  return (
    <>
      <ErrorSummary title="留言未登记，请修改以下问题：" problems={p.problems} />
      <form method="post" action="/admin/messages/new" class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <Field
          as="radios"
          name="channel"
          label="留言方式"
          required
          value={v.channel ?? "phone"}
          choices={OFFICE_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
          problems={p.problems}
        />
        <Field
          name="on"
          type="date"
          label="收到日期"
          required
          value={v.on ?? p.today}
          problems={p.problems}
        />
        <Field
          as="radios"
          name="type"
          label="留言类型"
          required
          value={v.type ?? "consult"}
          choices={MESSAGE_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
          problems={p.problems}
        />
        <Field name="title" label="标题" required value={v.title} maxlength={100} problems={p.problems} />
        <Field
          as="textarea"
          name="body"
          label="留言内容"
          required
          rows={6}
          value={v.body}
          problems={p.problems}
        />
        <Field name="name" label="留言人姓名" required value={v.name} maxlength={50} problems={p.problems} />
        <Field
          name="phone"
          type="tel"
          label="联系电话"
          hint="联系电话和电子邮箱至少填写一项。"
          value={v.phone}
          problems={p.problems}
        />
        <Field name="email" type="email" label="电子邮箱" value={v.email} problems={p.problems} />
        <Field
          as="radios"
          name="public"
          label="是否公开"
          value={v.public === "no" ? "no" : "yes"}
          choices={[
            { value: "yes", label: "留言人同意答复后公开（不公开姓名和联系方式）" },
            { value: "no", label: "不公开" },
          ]}
          problems={p.problems}
        />
        <button type="submit">登记留言</button>
      </form>
    </>
  );
}
