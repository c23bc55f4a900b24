// Reminders pushed to handlers (待办提醒): once a working day each handler receives one e-mail listing
// their applications that are overdue, due within DUE_SOON_WORKING_DAYS working days, or whose correction
// or fee deadline has passed and need closing. An application goes to its handler (handler_id); when it
// has none, or the handler has no e-mail, to every 政务公开办 account (role `office`, the role that may
// handle applications) of its site. Idempotent: one message per user per day (dedupe key).
// The digest names tracking codes, dates and states only: never the applicant's identity or contacts.
import type { Deps } from "../../deps";
import { systemActor } from "../../deps";
import { can } from "../accounts";
import { getClockByOwner, loadCalendar, readClock, todayOf } from "../calendar";
import { enqueueMail } from "../mail";
import { loadOrgTree } from "../orgs";
import { DUE_SOON_WORKING_DAYS, OPEN_STATUSES } from "./applications.export";
import { ownerOrgOf } from "./applications.policy";
import * as recipients from "./applications.reminders.repo";
import * as repo from "./applications.repo";
import { STATUS_LABELS } from "./applications.schemas";

export const REMINDER_KIND = "handler_reminder";
/** The role whose staff receive reminders of unassigned applications (accounts.policy: application.handle). */
export const HANDLING_ROLE = "office";

export type ReminderReason = "overdue" | "due_soon" | "deadline_passed";
export const REASON_LABELS: Record<ReminderReason, string> = {
  overdue: "已逾期",
  due_soon: `${DUE_SOON_WORKING_DAYS}个工作日内到期`,
  deadline_passed: "补正或缴费期限已过，需要办结",
};

export interface ReminderItem {
  id: string;
  tracking_code: string;
  status: string;
  received_on: string | null;
  due_on: string | null;
  reason: ReminderReason;
  note: string;
}

/** Why an open application needs attention today, if it does. */
async function reasonFor(deps: Deps, row: repo.ApplicationRow, today: string): Promise<ReminderItem | null> {
  const clock = await getClockByOwner(deps, { ownerType: "application", ownerId: row.id });
  const reading = clock?.dueOn ? await readClock(deps, clock, today).catch(() => undefined) : undefined;
  const dueOn = reading?.dueOn ?? clock?.dueOn ?? null;
  const item = (reason: ReminderReason, note: string): ReminderItem => ({
    id: row.id,
    tracking_code: row.tracking_code,
    status: row.status,
    received_on: row.received_on,
    due_on: dueOn,
    reason,
    note,
  });
  if (row.status === "correction" && row.correction_deadline && row.correction_deadline < today)
    return item("deadline_passed", `补正期限 ${row.correction_deadline} 已过，可按逾期不补正办结`);
  if (row.status === "fee_pending" && row.fee_deadline && row.fee_deadline < today)
    return item("deadline_passed", `缴费期限 ${row.fee_deadline} 已过，可按逾期未缴费办结`);
  if (!reading) return null;
  if (reading.overdue) return item("overdue", "已超过答复期限");
  if (!reading.paused && reading.remainingWorkingDays <= DUE_SOON_WORKING_DAYS)
    return item("due_soon", `剩余 ${reading.remainingWorkingDays} 个工作日`);
  return null;
}

const linkTo = (deps: Deps, id: string) => `${deps.config.publicUrl ?? ""}/admin/applications/${id}`;

export function digestText(deps: Deps, name: string, today: string, items: ReminderItem[]): string {
  const lines = [
    `${name}，您好：`,
    "",
    `截至 ${today}，您有 ${items.length} 件政府信息公开申请需要及时办理：`,
  ];
  for (const reason of ["overdue", "due_soon", "deadline_passed"] as const) {
    const group = items.filter((i) => i.reason === reason);
    if (!group.length) continue;
    lines.push("", `【${REASON_LABELS[reason]}】（${group.length} 件）`);
    for (const i of group)
      lines.push(
        `- 查询码 ${i.tracking_code}｜收到 ${i.received_on ?? "未登记"}｜答复期限 ${i.due_on ?? "—"}｜${
          STATUS_LABELS[i.status] ?? i.status
        }｜${i.note}`,
        `  ${linkTo(deps, i.id)}`,
      );
  }
  lines.push("", "请登录政务公开管理后台办理。本邮件由系统每个工作日自动发送，请勿直接回复。");
  return lines.join("\n");
}

export interface RemindResult {
  date: string;
  working_day: boolean;
  applications: number;
  recipients: number;
  queued: number;
  already_sent: number;
  /** Applications nobody with an e-mail could be told about. */
  without_recipient: number;
}

/** Queues today's digests (or `date`'s). Safe to run more than once a day: each user gets one. */
export async function remindHandlers(deps: Deps, opts: { date?: string } = {}): Promise<RemindResult> {
  const today = opts.date ?? todayOf(deps);
  const db = deps.db.kysely;
  const open = await repo.listApplications(db, { statuses: OPEN_STATUSES }, 10_000);
  const items = (await Promise.all(open.map((r) => reasonFor(deps, r, today)))).filter(
    (x): x is ReminderItem => x !== null,
  );
  const byId = new Map(open.map((r) => [r.id, r]));
  const office = await recipients.listRecipientsWithRole(db, HANDLING_ROLE);
  const tree = await loadOrgTree(deps);
  const eligible = (u: recipients.ReminderRecipient, row: repo.ApplicationRow) => {
    const holder = ownerOrgOf(row, tree);
    return !!holder && can({ orgId: u.org_id, roles: [HANDLING_ROLE] }, "application.handle", holder, tree);
  };
  const digests = new Map<string, { who: recipients.ReminderRecipient; items: ReminderItem[] }>();
  let withoutRecipient = 0;
  for (const item of items) {
    const row = byId.get(item.id)!;
    const handler = row.handler_id ? await recipients.findRecipient(db, row.handler_id) : undefined;
    // Without a handler: the office staff who may handle the organisation holding it (applications.policy).
    const to = handler ? [handler] : office.filter((u) => u.site_id === row.site_id && eligible(u, row));
    if (!to.length) withoutRecipient++;
    for (const who of to) {
      const d = digests.get(who.id) ?? { who, items: [] };
      d.items.push(item);
      digests.set(who.id, d);
    }
  }
  const result: RemindResult = {
    date: today,
    working_day: (await loadCalendar(deps)).isWorkingDay(today),
    applications: items.length,
    recipients: digests.size,
    queued: 0,
    already_sent: 0,
    without_recipient: withoutRecipient,
  };
  const actor = systemActor("待办提醒");
  for (const { who, items: mine } of digests.values()) {
    mine.sort((a, b) => (a.due_on ?? "9999").localeCompare(b.due_on ?? "9999"));
    const id = await db.transaction().execute((trx) =>
      enqueueMail(deps, trx, actor, {
        kind: REMINDER_KIND,
        siteId: who.site_id,
        to: who.email,
        recipientUserId: who.id,
        subject: `【政务公开待办提醒】${today} 有 ${mine.length} 件依申请公开事项需要办理`,
        text: digestText(deps, who.name, today, mine),
        entity: { type: "user", id: who.id },
        dedupeKey: `${REMINDER_KIND}:${who.id}:${today}`,
      }),
    );
    if (id) result.queued++;
    else result.already_sent++;
  }
  return result;
}
