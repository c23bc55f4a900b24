// Reminders of messages (互动交流待办提醒): once a working day, staff receive one e-mail listing the open
// messages they answer for that are overdue, due within WARN_REMAINING_DAYS working days, or unanswered for
// ALARM_MONTHS months (the hard alarm: RULES.md §5, three months unanswered fails the national
// inspection). A message held by departments goes to their staff who may handle it; one the office holds,
// and every alarm, to the office at the site root. Names tracking codes, dates and states only.
import type { Deps } from "../../deps";
import { systemActor } from "../../deps";
import { can } from "../accounts";
import { todayOf } from "../calendar";
import { enqueueMail } from "../mail";
import { listSites, loadOrgTree } from "../orgs";
import { type MessageStatus, type MessageType, STATUS_LABELS, TYPE_LABELS } from "./interaction.schemas";
import { clockStateOf } from "./messages.clock";
import * as repo from "./messages.repo";
import { ALARM_MONTHS, OPEN_STATUSES, WARN_REMAINING_DAYS } from "./messages.steps";

export const MESSAGE_REMINDER_KIND = "message_reminder";

export type MessageReminderReason = "alarm" | "overdue" | "due_soon";
export const MESSAGE_REASON_LABELS: Record<MessageReminderReason, string> = {
  alarm: `超过${ALARM_MONTHS}个月未答复（满3个月未答复的，政府网站检查单项否决）`,
  overdue: "已超过办理期限",
  due_soon: `${WARN_REMAINING_DAYS}个工作日内到期`,
};

export interface MessageReminder {
  id: string;
  site_id: string;
  tracking_code: string;
  type: string;
  status: string;
  received_on: string;
  due_on: string | null;
  reason: MessageReminderReason;
  /** The organisations answering for it now (empty: the office). */
  holders: string[];
}

/** The open messages of a site that need attention (alarms first, then overdue, then due soon). */
export async function messageReminders(deps: Deps, siteId: string): Promise<MessageReminder[]> {
  const db = deps.db.kysely;
  const open = await repo.listMessages(db, { siteId, statuses: OPEN_STATUSES });
  const holders = await repo.activeHoldersOf(
    db,
    open.map((r) => r.id),
  );
  const out: MessageReminder[] = [];
  for (const r of open) {
    const c = await clockStateOf(deps, r);
    const reason: MessageReminderReason | null = c.alarm
      ? "alarm"
      : c.overdue
        ? "overdue"
        : c.warning
          ? "due_soon"
          : null;
    if (!reason) continue;
    out.push({
      id: r.id,
      site_id: r.site_id,
      tracking_code: r.tracking_code,
      type: r.type,
      status: r.status,
      received_on: r.received_on,
      due_on: c.due_on,
      reason,
      holders: holders.filter((h) => h.message_id === r.id).map((h) => h.org_id),
    });
  }
  const order: MessageReminderReason[] = ["alarm", "overdue", "due_soon"];
  return out.sort(
    (a, b) => order.indexOf(a.reason) - order.indexOf(b.reason) || a.received_on.localeCompare(b.received_on),
  );
}

const linkTo = (deps: Deps, id: string) => `${deps.config.publicUrl ?? ""}/admin/messages/${id}`;

export function messageDigestText(deps: Deps, name: string, today: string, items: MessageReminder[]): string {
  const lines = [`${name}，您好：`, "", `截至 ${today}，您有 ${items.length} 件网民留言需要及时办理：`];
  for (const reason of ["alarm", "overdue", "due_soon"] as const) {
    const group = items.filter((i) => i.reason === reason);
    if (!group.length) continue;
    lines.push("", `【${MESSAGE_REASON_LABELS[reason]}】（${group.length} 件）`);
    for (const i of group)
      lines.push(
        `- 查询码 ${i.tracking_code}｜${TYPE_LABELS[i.type as MessageType] ?? i.type}｜收到 ${i.received_on}｜办理期限 ${
          i.due_on ?? "—"
        }｜${STATUS_LABELS[i.status as MessageStatus] ?? i.status}`,
        `  ${linkTo(deps, i.id)}`,
      );
  }
  lines.push("", "请登录政务公开管理后台办理。本邮件由系统每个工作日自动发送，请勿直接回复。");
  return lines.join("\n");
}

export interface MessageRemindResult {
  date: string;
  messages: number;
  recipients: number;
  queued: number;
  already_sent: number;
  without_recipient: number;
}

/** Queues today's message digests (or `date`'s); one per user per day, safe to run again. */
export async function remindMessageHandlers(
  deps: Deps,
  opts: { date?: string } = {},
): Promise<MessageRemindResult> {
  const today = opts.date ?? todayOf(deps);
  const result: MessageRemindResult = {
    date: today,
    messages: 0,
    recipients: 0,
    queued: 0,
    already_sent: 0,
    without_recipient: 0,
  };
  const actor = systemActor("待办提醒");
  for (const site of await listSites(deps)) {
    const items = await messageReminders(deps, site.id);
    if (!items.length) continue;
    result.messages += items.length;
    const tree = await loadOrgTree(deps, site.id);
    const root = tree.roots(site.id)[0]?.id;
    const staff = await repo.recipientsOf(
      deps.db.kysely,
      tree.flatten(site.id).map(({ org }) => org.id),
    );
    const office = staff.filter(
      (u) => root && can({ orgId: u.org_id, roles: u.roles }, "message.manage", root, tree),
    );
    const digests = new Map<string, { who: repo.Recipient; items: MessageReminder[] }>();
    for (const item of items) {
      const handlers = staff.filter((u) =>
        item.holders.some((h) => can({ orgId: u.org_id, roles: u.roles }, "message.handle", h, tree)),
      );
      const to = new Set([
        ...(item.holders.length ? handlers : office),
        ...(item.reason === "alarm" ? office : []),
      ]);
      if (!to.size) result.without_recipient++;
      for (const who of to) {
        const d = digests.get(who.id) ?? { who, items: [] };
        d.items.push(item);
        digests.set(who.id, d);
      }
    }
    result.recipients += digests.size;
    for (const { who, items: mine } of digests.values()) {
      const id = await deps.db.kysely.transaction().execute((trx) =>
        enqueueMail(deps, trx, actor, {
          kind: MESSAGE_REMINDER_KIND,
          siteId: site.id,
          to: who.email,
          recipientUserId: who.id,
          subject: `【互动交流待办提醒】${today} 有 ${mine.length} 件网民留言需要办理`,
          text: messageDigestText(deps, who.name, today, mine),
          entity: { type: "user", id: who.id },
          dedupeKey: `${MESSAGE_REMINDER_KIND}:${who.id}:${today}`,
        }),
      );
      if (id) result.queued++;
      else result.already_sent++;
    }
  }
  return result;
}
