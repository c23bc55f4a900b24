// The consultation's daily job (run by the mail worker with the other daily jobs, src/cli/mail.ts):
// 1. A consultation still open after its last day is closed, one locked transaction each, with an audit entry
//    by the system; the public page and API already show it ended from the day after (effectiveStatus), so
//    state and display agree whatever hour the job runs.
// 2. The drafting department is reminded that the feedback report (意见采纳情况反馈报告, RULES.md §13 art.
//    29/32) is due: one e-mail per member of staff per day listing every closed consultation of theirs whose
//    report is not yet submitted (or was sent back), with the comments still to moderate. The office of the
//    site gets those of a department without anyone to write to.
import type { Deps } from "../../deps";
import { systemActor } from "../../deps";
import { lockedStep } from "../../platform/workflow/locked-step";
import { invalidatePublicPages } from "../../web/page-cache";
import { can } from "../accounts";
import { recordAudit } from "../audit";
import { recipientsOf } from "../interaction";
import { enqueueMail } from "../mail";
import { loadOrgTree } from "../orgs";
import * as repo from "./consultation.repo";
import { syncConsultationInIndex } from "./consultation.search";
import { todayOf } from "./consultation.service";
import { STATUS_LABELS } from "./consultation.steps";

export const REPORT_REMINDER_KIND = "consultation_report_reminder";
const CLOSER = systemActor("征求意见期满自动结束");
const REMINDER = systemActor("待办提醒");

/** Closes every open consultation whose last day is before `date` (default today); the ids closed. */
export async function closeExpiredConsultations(deps: Deps, opts: { date?: string } = {}): Promise<string[]> {
  const today = opts.date ?? todayOf(deps);
  const closed: string[] = [];
  for (const candidate of await repo.listExpiredOpen(deps.db.kysely, today)) {
    const now = deps.clock.now().toISOString();
    const done = await lockedStep(deps.db.kysely, {
      load: (trx) => repo.lockConsultation(trx, deps.db.dialect, candidate.id),
      missing: () => new Error(`consultation ${candidate.id} vanished`),
      // Closed by the department meanwhile, or its period changed: nothing to do.
      check: (_trx, row) => row.status === "open" && row.end_on < today,
      write: async (trx, row, due) => {
        if (!due) return false;
        await repo.updateConsultation(trx, row.id, { status: "closed", closed_at: now, updated_at: now });
        await recordAudit(trx, deps.clock, CLOSER, {
          action: "consultation.auto_close",
          entityType: "consultation",
          entityId: row.id,
          orgId: row.org_id,
          siteId: row.site_id,
          summary: {
            from: STATUS_LABELS.open,
            to: STATUS_LABELS.closed,
            end_on: row.end_on,
            comments: row.comment_count,
          },
        });
        await syncConsultationInIndex(deps, trx, {
          ...row,
          status: "closed",
          closed_at: now,
          updated_at: now,
        });
        return true;
      },
    });
    if (done) closed.push(candidate.id);
  }
  if (closed.length) invalidatePublicPages(deps);
  return closed;
}

interface Due {
  row: repo.ConsultationRow;
  pending: number;
}

const linkTo = (deps: Deps, id: string) => `${deps.config.publicUrl ?? ""}/admin/consultations/${id}`;

export function reportDigestText(deps: Deps, name: string, today: string, items: readonly Due[]): string {
  const lines = [
    `${name}，您好：`,
    "",
    `截至 ${today}，以下 ${items.length} 个征求意见已结束，尚未提交意见采纳情况反馈报告：`,
  ];
  for (const { row, pending } of items)
    lines.push(
      "",
      `- ${row.title}`,
      `  征求意见期限 ${row.start_on} 至 ${row.end_on}｜收到意见 ${row.comment_count} 条${
        pending ? `，其中 ${pending} 条尚未审核` : ""
      }`,
      `  ${linkTo(deps, row.id)}`,
    );
  lines.push(
    "",
    "请审核全部意见，逐条说明采纳情况和理由，填写反馈报告并提交审核（《重大行政决策程序暂行条例》第二十九条、第三十二条）。",
    "本邮件由系统每个工作日自动发送，请勿直接回复。",
  );
  return lines.join("\n");
}

export interface ConsultationJobResult {
  date: string;
  closed: number;
  awaiting_report: number;
  queued: number;
  already_sent: number;
  without_recipient: number;
}

/** Queues today's report reminders (one per member of staff per day; safe to run again). */
export async function remindReportsDue(
  deps: Deps,
  today: string,
): Promise<Omit<ConsultationJobResult, "date" | "closed">> {
  const result = { awaiting_report: 0, queued: 0, already_sent: 0, without_recipient: 0 };
  const due = await repo.listAwaitingReport(deps.db.kysely);
  result.awaiting_report = due.length;
  const pending = await repo.pendingCounts(
    deps.db.kysely,
    due.map((r) => r.id),
  );
  for (const siteId of new Set(due.map((r) => r.site_id))) {
    const tree = await loadOrgTree(deps, siteId);
    const staff = await recipientsOf(
      deps.db.kysely,
      tree.flatten(siteId).map(({ org }) => org.id),
    );
    const digests = new Map<string, { who: (typeof staff)[number]; items: Due[] }>();
    for (const row of due.filter((r) => r.site_id === siteId)) {
      const drafts = (u: (typeof staff)[number]) =>
        can({ orgId: u.org_id, roles: u.roles }, "consultation.draft", row.org_id, tree);
      // The drafting department's own staff; else whoever above it may draft for it (the office).
      const own = staff.filter((u) => u.org_id === row.org_id && drafts(u));
      const to = own.length ? own : staff.filter(drafts);
      if (!to.length) result.without_recipient++;
      for (const who of to) {
        const d = digests.get(who.id) ?? { who, items: [] };
        d.items.push({ row, pending: pending.get(row.id) ?? 0 });
        digests.set(who.id, d);
      }
    }
    for (const { who, items } of digests.values()) {
      const id = await deps.db.kysely.transaction().execute((trx) =>
        enqueueMail(deps, trx, REMINDER, {
          kind: REPORT_REMINDER_KIND,
          siteId,
          to: who.email,
          recipientUserId: who.id,
          subject: `【征求意见待办提醒】${today} 有 ${items.length} 个征求意见待提交反馈报告`,
          text: reportDigestText(deps, who.name, today, items),
          entity: { type: "user", id: who.id },
          dedupeKey: `${REPORT_REMINDER_KIND}:${who.id}:${today}`,
        }),
      );
      if (id) result.queued++;
      else result.already_sent++;
    }
  }
  return result;
}

/** The daily job: closes what has expired, then reminds of the reports due. Prints as JSON counts. */
export async function runConsultationDaily(
  deps: Deps,
  opts: { date?: string } = {},
): Promise<ConsultationJobResult> {
  const date = opts.date ?? todayOf(deps);
  const closed = await closeExpiredConsultations(deps, { date });
  return { date, closed: closed.length, ...(await remindReportsDue(deps, date)) };
}
