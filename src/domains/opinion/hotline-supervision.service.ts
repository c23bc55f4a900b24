// 12345 supervision (督办, RULES.md §10): the hotline's figures by department — tickets dispatched, answered on
// time, called back (回访) and the callers' satisfaction — computed from the interaction domain's tickets (its
// statistics, channel hotline), and the supervision notices the office or the inspectors issue to a department
// with their outcome (closed on the locked row).
import type { Deps } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { isRealDate, shanghaiDateOf } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { actorOf, type CurrentUser, orgIdsWhereCan } from "../accounts";
import { recordAudit } from "../audit";
import { computeCells, groupRows } from "../interaction";
import { loadOrgTree } from "../orgs";
import { authoriseRow, maySiteWide, SUPERVISION_VIEW_ACTIONS, supervisionNotFound } from "./opinion.policy";
import * as repo from "./opinion.repo";

export const OUTCOMES = ["resolved", "rectified", "unresolved"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  resolved: "问题已解决",
  rectified: "已整改到位",
  unresolved: "未解决，转问责",
};
export const SUPERVISION_STATUS_LABELS: Record<string, string> = { open: "督办中", closed: "已办结" };

export interface HotlineFigure {
  org_id: string;
  org_name: string;
  dispatched: number;
  answered: number;
  answered_on_time: number;
  on_time_rate: number | null;
  overdue_open: number;
  callback: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  satisfaction_rate: number | null;
  supervisions_open: number;
  supervisions_total: number;
}

function scopeOf(user: CurrentUser, tree: Awaited<ReturnType<typeof loadOrgTree>>) {
  const all = maySiteWide(user, "supervision.view", tree) || maySiteWide(user, "supervision.manage", tree);
  const orgIds = orgIdsWhereCan(user, SUPERVISION_VIEW_ACTIONS, tree);
  if (!all && !orgIds.length) throw new AppError("role_not_allowed", 403, "您的角色不能查看12345热线督办。");
  return { all, orgIds };
}

/** The period's problems; the defaults: this year to today. */
export function periodOf(deps: Pick<Deps, "clock">, q: { from?: string; to?: string }) {
  const today = shanghaiDateOf(deps.clock.now());
  const from = q.from?.trim() || `${today.slice(0, 4)}-01-01`;
  const to = q.to?.trim() || today;
  const p = new Problems();
  if (!isRealDate(from)) p.add("from", "invalid_date", "开始日期应为 YYYY-MM-DD 格式的真实日期。");
  if (!isRealDate(to)) p.add("to", "invalid_date", "结束日期应为 YYYY-MM-DD 格式的真实日期。");
  if (isRealDate(from) && isRealDate(to) && to < from)
    p.add("to", "range_reversed", "结束日期不能早于开始日期。");
  p.throwIfAny("统计期间有误，请按提示修改。");
  return { from, to };
}

/** The 12345 figures by department for a period (a department's staff: their own rows). */
export async function hotlineFigures(deps: Deps, user: CurrentUser, q: { from?: string; to?: string }) {
  const tree = await loadOrgTree(deps, user.siteId);
  const scope = scopeOf(user, tree);
  const period = periodOf(deps, q);
  const cells = (await computeCells(deps, user.siteId, period)).filter(
    (c) => c.channel === "hotline" && (scope.all || scope.orgIds.includes(c.org_id)),
  );
  const notices = await repo.listSupervisions(
    deps.db.kysely,
    user.siteId,
    scope.all ? undefined : scope.orgIds,
  );
  const rows = groupRows(cells, "org", tree, user.siteId);
  const orgs = new Set([...rows.map((r) => r.key), ...notices.map((n) => n.org_id)]);
  const items: HotlineFigure[] = [...orgs].map((orgId) => {
    const r = rows.find((x) => x.key === orgId);
    const mine = notices.filter((n) => n.org_id === orgId);
    return {
      org_id: orgId,
      org_name: tree.get(orgId)?.name ?? "",
      dispatched: r?.received ?? 0,
      answered: r?.answered ?? 0,
      answered_on_time: r?.answered_on_time ?? 0,
      on_time_rate: r?.on_time_rate ?? null,
      overdue_open: r?.overdue_open ?? 0,
      callback: r?.rated ?? 0,
      satisfied: r?.satisfied ?? 0,
      basic: r?.basic ?? 0,
      unsatisfied: r?.unsatisfied ?? 0,
      satisfaction_rate: r?.satisfaction_rate ?? null,
      supervisions_open: mine.filter((n) => n.status === "open").length,
      supervisions_total: mine.length,
    };
  });
  const order = tree.flatten(user.siteId).map(({ org }) => org.id);
  items.sort((a, b) => order.indexOf(a.org_id) - order.indexOf(b.org_id));
  return { period, items, notices };
}

export interface SupervisionInput {
  org?: string;
  ticket_no?: string | null;
  subject?: string;
  requirement?: string;
  due_on?: string;
}

export async function issueSupervision(deps: Deps, user: CurrentUser, input: SupervisionInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const p = new Problems();
  const org = tree
    .flatten(user.siteId)
    .find(({ org }) => org.code === input.org?.trim() || org.id === input.org?.trim())?.org;
  if (!org) p.add("org", "org_not_found", "请选择被督办单位。");
  const subject = input.subject?.trim() ?? "";
  const requirement = input.requirement?.trim() ?? "";
  const ticketNo = input.ticket_no?.trim() || null;
  if (!subject) p.add("subject", "subject_required", "请填写督办事项。");
  else if (Array.from(subject).length > 200) p.add("subject", "too_long", "督办事项不能超过200字。");
  if (!requirement) p.add("requirement", "requirement_required", "请填写督办要求。");
  else if (Array.from(requirement).length > 5000)
    p.add("requirement", "too_long", "督办要求不能超过5000字。");
  if (ticketNo && Array.from(ticketNo).length > 60) p.add("ticket_no", "too_long", "工单编号不能超过60字。");
  const today = shanghaiDateOf(deps.clock.now());
  if (!isRealDate(input.due_on ?? ""))
    p.add("due_on", "invalid_date", "办结期限应为 YYYY-MM-DD 格式的真实日期。");
  else if (input.due_on! < today) p.add("due_on", "date_in_past", "办结期限不能早于今天。");
  p.throwIfAny("督办通知未发出，请按提示修改。");
  authoriseRow(user, "supervision.manage", { site_id: user.siteId, org_id: org!.id }, tree, "supervision");
  const now = deps.clock.now().toISOString();
  const row: repo.SupervisionRow = {
    id: newId(),
    site_id: user.siteId,
    org_id: org!.id,
    ticket_no: ticketNo,
    subject,
    requirement,
    due_on: input.due_on!,
    status: "open",
    outcome: null,
    closed_on: null,
    issued_by: user.id,
    created_at: now,
    updated_at: now,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.insertSupervision(trx, row);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "supervision.issue",
      entityType: "hotline_supervision",
      entityId: row.id,
      orgId: row.org_id,
      summary: { subject, due_on: row.due_on, ...(ticketNo ? { ticket_no: ticketNo } : {}) },
    });
  });
  return row;
}

/** Records the outcome of a notice and closes it, on the locked row (409 once closed). */
export async function closeSupervision(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: { outcome?: string; text?: string },
) {
  const tree = await loadOrgTree(deps, user.siteId);
  const today = shanghaiDateOf(deps.clock.now());
  return lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockSupervision(trx, deps.db.dialect, id),
    missing: supervisionNotFound,
    check: (_trx, row) => {
      authoriseRow(user, "supervision.manage", row, tree, "supervision");
      if (row.status !== "open") throw new AppError("supervision_closed", 409, "该督办通知已办结。");
      const p = new Problems();
      if (!OUTCOMES.includes(input.outcome as Outcome))
        p.add("outcome", "invalid_outcome", "请选择督办结果。");
      const text = input.text?.trim() ?? "";
      if (!text) p.add("text", "text_required", "请填写办理情况。");
      else if (Array.from(text).length > 5000) p.add("text", "too_long", "办理情况不能超过5000字。");
      p.throwIfAny("督办结果未保存，请按提示修改。");
      return { outcome: input.outcome as Outcome, text };
    },
    write: async (trx, row, { outcome, text }) => {
      const set = {
        status: "closed",
        outcome: `${OUTCOME_LABELS[outcome]}：${text}`,
        closed_on: today,
        updated_at: deps.clock.now().toISOString(),
      };
      await repo.updateSupervision(trx, row.id, set);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "supervision.close",
        entityType: "hotline_supervision",
        entityId: row.id,
        orgId: row.org_id,
        summary: { subject: row.subject, outcome: OUTCOME_LABELS[outcome] },
      });
      return { ...row, ...set };
    },
  });
}
