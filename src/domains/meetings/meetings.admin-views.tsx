// Back-office views of meetings: the notice form (new, and edit while a draft), the actions the step table
// offers, and the applications to attend with their decision forms. Every field through the shared Field.
import type { ErrorDetail } from "../../platform/errors";
import { type Choice, Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { ATTENDANCE_STATUS_LABELS } from "./meetings.attendance";
import { type AgendaEntry, agendaOf, type MeetingRow } from "./meetings.repo";
import { IDENTITY_LABELS, KIND_LABELS, KINDS, STEPS, type StepAction } from "./meetings.steps";
import type { AttendanceStatus, AttendeeIdentity } from "./meetings.tables";

export type Values = Record<string, string | undefined>;

/** Agenda rows offered on the form: the entries so far and two empty ones (at least five). */
export const agendaRows = (n: number) => Math.min(30, Math.max(5, n + 2));

/** A stored notice as the form's values. */
export function valuesOf(row: MeetingRow, orgCode: string): Values {
  const v: Values = {
    title: row.title,
    kind: row.kind,
    org: orgCode,
    starts_at: row.starts_at,
    place: row.place,
    apply_opens_on: row.apply_opens_on,
    apply_closes_on: row.apply_closes_on,
    seats: String(row.seats),
    stream_url: row.stream_url ?? "",
  };
  agendaOf(row).forEach((a, i) => {
    v[`agenda_${i + 1}_topic`] = a.topic;
    v[`agenda_${i + 1}_item`] = a.item_id ?? "";
    v[`agenda_${i + 1}_consultation`] = a.consultation_id ?? "";
  });
  return v;
}

/** The form's values as the service's input (agenda rows kept in place, so problems name the right row). */
export function inputOfForm(v: Values) {
  const agenda: AgendaEntry[] = [];
  for (let n = 1; n <= 30; n++) {
    if (!(`agenda_${n}_topic` in v)) break;
    agenda.push({
      topic: v[`agenda_${n}_topic`] ?? "",
      item_id: v[`agenda_${n}_item`] ?? "",
      consultation_id: v[`agenda_${n}_consultation`] ?? "",
    });
  }
  const seats = (v.seats ?? "").trim();
  return {
    title: v.title ?? "",
    kind: v.kind ?? "",
    ...(v.org ? { org: v.org } : {}),
    starts_at: (v.starts_at ?? "").trim(),
    place: v.place ?? "",
    agenda,
    apply_opens_on: (v.apply_opens_on ?? "").trim(),
    apply_closes_on: (v.apply_closes_on ?? "").trim(),
    seats: /^\d{1,6}$/.test(seats) ? Number(seats) : Number.NaN,
    stream_url: v.stream_url?.trim() || null,
  };
}

export function MeetingForm(p: {
  action: string;
  submit: string;
  csrf: string;
  values: Values;
  orgs: readonly Choice[];
  problems: readonly ErrorDetail[];
}) {
  const v = p.values;
  let filled = 0;
  for (let n = 1; n <= 30; n++) if (v[`agenda_${n}_topic`]?.trim()) filled = n;
  const rows = agendaRows(filled);
  return (
    <>
      <ErrorSummary title="会议信息未保存，请修改：" problems={[...p.problems]} />
      <form method="post" action={p.action} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <Field name="title" label="会议名称" required value={v.title} maxlength={200} problems={p.problems} />
        <Field
          as="select"
          name="kind"
          label="会议类型"
          required
          value={v.kind}
          blank="请选择"
          choices={KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          problems={p.problems}
        />
        <Field
          as="select"
          name="org"
          label="组织单位"
          required
          value={v.org}
          choices={p.orgs}
          problems={p.problems}
        />
        <Field
          name="starts_at"
          type="datetime-local"
          label="会议时间"
          hint="北京时间，例如 2026-12-28T09:00。"
          required
          value={v.starts_at}
          problems={p.problems}
        />
        <Field name="place" label="会议地点" required value={v.place} maxlength={200} problems={p.problems} />
        <fieldset id="agenda">
          <legend>会议议题</legend>
          <p class="hint">每行一项议题；可填写相关的已发布信息编号或征求意见编号，公开页面将链接到它们。</p>
          {Array.from({ length: rows }, (_, i) => {
            const n = i + 1;
            return (
              <div class="agenda-row">
                <Field
                  name={`agenda_${n}_topic`}
                  label={`第${n}项议题`}
                  value={v[`agenda_${n}_topic`]}
                  maxlength={300}
                  problems={p.problems}
                />
                <Field
                  name={`agenda_${n}_item`}
                  label={`第${n}项议题的相关信息编号（选填）`}
                  value={v[`agenda_${n}_item`]}
                  maxlength={40}
                  problems={p.problems}
                />
                <Field
                  name={`agenda_${n}_consultation`}
                  label={`第${n}项议题的相关征求意见编号（选填）`}
                  value={v[`agenda_${n}_consultation`]}
                  maxlength={40}
                  problems={p.problems}
                />
              </div>
            );
          })}
        </fieldset>
        <Field
          name="apply_opens_on"
          type="date"
          label="列席报名开始日期"
          required
          value={v.apply_opens_on}
          problems={p.problems}
        />
        <Field
          name="apply_closes_on"
          type="date"
          label="列席报名截止日期"
          hint="应早于会议召开日期。"
          required
          value={v.apply_closes_on}
          problems={p.problems}
        />
        <Field
          name="seats"
          type="number"
          label="公众列席名额"
          required
          value={v.seats}
          min="1"
          max="500"
          problems={p.problems}
        />
        <Field
          name="stream_url"
          type="url"
          label="网络直播地址（选填）"
          hint="以 https:// 开头；会议当天起在公开页面显示。"
          value={v.stream_url}
          maxlength={500}
          problems={p.problems}
        />
        <button type="submit" safe>
          {p.submit}
        </button>
      </form>
    </>
  );
}

export function StepForms(p: {
  id: string;
  csrf: string;
  actions: StepAction[];
  problems: readonly ErrorDetail[];
}) {
  if (!p.actions.length) return "";
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">办理</h2>
      {p.actions.map((a) => (
        <form method="post" action={`/admin/meetings/${p.id}/actions`} class="stack step-form">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="action" value={a} />
          {a === "cancel" ? (
            <Field
              name="reason"
              id="reason-cancel"
              as="textarea"
              rows={2}
              label="取消原因（将向社会公布）"
              problems={p.problems}
            />
          ) : (
            ""
          )}
          {a === "publish_minutes" ? (
            <>
              <Field
                name="minutes"
                id="minutes"
                as="textarea"
                rows={10}
                label="会议纪要或决定"
                hint="将在会议的公开页面全文公开；不要写入列席人员的联系方式。"
                problems={p.problems}
              />
              <Field
                name="decision_item_id"
                id="decision_item_id"
                label="决定文件的信息编号（选填）"
                hint="已发布的决定或政策文件；公开页面将链接到它。"
                problems={p.problems}
              />
            </>
          ) : (
            ""
          )}
          <button type="submit" safe>
            {STEPS[a].label}
          </button>
        </form>
      ))}
    </section>
  );
}

export interface StaffAttendance {
  id: string;
  tracking_code: string;
  name: string | null;
  phone: string | null;
  identity: AttendeeIdentity;
  reason: string;
  status: AttendanceStatus;
  decision_reason: string | null;
  created_at: string;
}

export function AttendanceTable(p: {
  id: string;
  csrf: string;
  items: readonly StaffAttendance[];
  mayDecide: boolean;
  problems: readonly ErrorDetail[];
}) {
  return (
    <section aria-labelledby="attendance-title">
      <h2 id="attendance-title">列席申请</h2>
      {p.items.length === 0 ? (
        <p>暂无列席申请。</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">查询码</th>
              <th scope="col">姓名</th>
              <th scope="col">联系电话</th>
              <th scope="col">身份</th>
              <th scope="col">理由</th>
              <th scope="col">审核</th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((a) => (
              <tr>
                <td safe>{a.tracking_code}</td>
                <td safe>{a.name ?? "（仅政务公开办可见）"}</td>
                <td safe>{a.phone ?? "（仅政务公开办可见）"}</td>
                <td safe>{IDENTITY_LABELS[a.identity]}</td>
                <td safe>{a.reason}</td>
                <td>
                  {a.status !== "pending" || !p.mayDecide ? (
                    <span safe>
                      {ATTENDANCE_STATUS_LABELS[a.status] +
                        (a.decision_reason ? `：${a.decision_reason}` : "")}
                    </span>
                  ) : (
                    <form method="post" action={`/admin/meetings/${p.id}/attendance/${a.id}`} class="stack">
                      <CsrfField token={p.csrf} />
                      <Field
                        as="radios"
                        name="decision"
                        id={`decision-${a.id}`}
                        label="审核意见"
                        choices={[
                          { value: "approve", label: "同意列席" },
                          { value: "decline", label: "不同意列席" },
                        ]}
                        field={`decision-${a.id}`}
                        problems={p.problems}
                      />
                      <Field
                        name="reason"
                        id={`reason-${a.id}`}
                        label="理由（不同意时必填，将告知申请人）"
                        maxlength={1000}
                        field={`reason-${a.id}`}
                        problems={p.problems}
                      />
                      <button type="submit">提交审核</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
