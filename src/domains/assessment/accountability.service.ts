// Accountability records (问责): the inspection office's 通报批评 (public criticism) and 约谈整改 (an interview
// with a rectification order) against an organisation, with the cases behind them and the rectification.
// `recordAccountability` runs in the caller's transaction so other domains (opinion cases) record one in the same
// transaction as their own change; the routes authorise first (assessment.policy.ts) and call it.
import type { Transaction } from "kysely";
import type { Executor } from "../../db/executor";
import type { Database } from "../../db/schema";
import type { Actor, Deps } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { type Clock, isRealDate, shanghaiDateOf } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { actorOf, type CurrentUser, canAny, orgIdsWhereCan } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import * as repo from "./accountability.repo";
import { presentSubject, SUBJECT_ID, SUBJECT_TYPE } from "./accountability.subjects";
import {
  ACCOUNTABILITY_VIEW_ACTIONS,
  authoriseAccountability,
  mayListAccountability,
  mayViewRecord,
  recordNotFound,
} from "./assessment.policy";
import type { AccountabilityKind, AccountabilityRecordTable } from "./assessment.tables";

export const ACCOUNTABILITY_KINDS: readonly AccountabilityKind[] = ["criticism", "interview"];
export const ACCOUNTABILITY_KIND_LABELS: Record<AccountabilityKind, string> = {
  criticism: "通报批评",
  interview: "约谈整改",
};
export const ACCOUNTABILITY_STATUS_LABELS: Record<string, string> = {
  open: "整改中",
  rectified: "已整改",
};

export const REASON_MAX = 2000;
export const OUTCOME_MAX = 4000;
export const SUBJECTS_MAX = 50;

export interface RecordAccountabilityInput {
  siteId: string;
  orgId: string;
  kind: AccountabilityKind;
  reason: string;
  /** YYYY-MM-DD, not after today */
  decidedOn: string;
  subjects: Array<{ type: string; id: string }>;
  /** YYYY-MM-DD, on or after decidedOn */
  rectifyBy?: string | null;
}

export interface AccountabilityView extends AccountabilityRecordTable {
  kind_label: string;
  status_label: string;
  org_name: string;
  subjects: Array<{ type: string; id: string; label: string; url: string | null }>;
  /** Past its rectification deadline and not yet rectified. */
  overdue: boolean;
}

/** Every problem with a new record's fields (org checked by the caller against its tree or the database). */
export function accountabilityProblems(
  input: Partial<RecordAccountabilityInput>,
  today: string,
  problems = new Problems(),
): Problems {
  if (!input.kind || !ACCOUNTABILITY_KINDS.includes(input.kind))
    problems.add("kind", "invalid_kind", "请选择问责方式（通报批评或约谈整改）。");
  const reason = (input.reason ?? "").trim();
  if (!reason) problems.add("reason", "required", "请填写问责事由。");
  else if (reason.length > REASON_MAX)
    problems.add("reason", "too_long", `问责事由不能超过${REASON_MAX}字（现为${reason.length}字）。`);
  const decided = input.decidedOn ?? "";
  if (!decided) problems.add("decided_on", "required", "请填写决定日期。");
  else if (!isRealDate(decided)) problems.add("decided_on", "invalid_date", "决定日期不是有效的日期。");
  else if (decided > today) problems.add("decided_on", "date_in_future", "决定日期不能晚于今天。");
  const by = input.rectifyBy ?? "";
  if (by) {
    if (!isRealDate(by)) problems.add("rectify_by", "invalid_date", "整改期限不是有效的日期。");
    else if (isRealDate(decided) && by < decided)
      problems.add("rectify_by", "rectify_before_decided", "整改期限不能早于决定日期。");
  } else if (input.kind === "interview") problems.add("rectify_by", "required", "约谈整改须填写整改期限。");
  const subjects = input.subjects ?? [];
  if (!Array.isArray(subjects)) problems.add("subjects", "invalid_subject", "关联案件格式不正确。");
  else {
    if (subjects.length > SUBJECTS_MAX)
      problems.add("subjects", "too_many_subjects", `关联案件不能超过${SUBJECTS_MAX}个。`);
    subjects.forEach((s, i) => {
      if (!s || typeof s.type !== "string" || !SUBJECT_TYPE.test(s.type))
        problems.add(`subjects[${i}].type`, "invalid_subject", `第${i + 1}个关联案件的类型不正确。`);
      if (!s || typeof s.id !== "string" || !SUBJECT_ID.test(s.id))
        problems.add(`subjects[${i}].id`, "invalid_subject", `第${i + 1}个关联案件的编号不正确。`);
    });
  }
  return problems;
}

/**
 * Records a 通报批评 or 约谈整改 in the caller's transaction (audited). The caller has authorised the actor
 * (authoriseAccountability with "accountability.record"); the organisation must belong to the site. Bad input is a
 * 400 listing every problem, and nothing is written.
 */
export async function recordAccountability(
  trx: Executor,
  actor: Actor,
  input: RecordAccountabilityInput,
  clock: Clock,
): Promise<AccountabilityRecordTable> {
  const now = clock.now();
  const problems = accountabilityProblems(input, shanghaiDateOf(now));
  const org = input.orgId ? await repo.findOrg(trx, input.orgId) : undefined;
  if (!org || org.site_id !== input.siteId)
    problems.add("org", "org_not_found", "请选择本站点的被问责单位。");
  problems.throwIfAny();
  // Each case once, in the order given.
  const seen = new Set<string>();
  const subjects = input.subjects.filter((s) => {
    const k = `${s.type}\u0000${s.id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const at = now.toISOString();
  const row: AccountabilityRecordTable = {
    id: newId(),
    site_id: input.siteId,
    org_id: input.orgId,
    kind: input.kind,
    reason: input.reason.trim(),
    decided_on: input.decidedOn,
    rectify_by: input.rectifyBy || null,
    status: "open",
    rectification: null,
    rectified_on: null,
    created_by: actor.id,
    created_by_label: actor.label,
    created_at: at,
    updated_at: at,
  };
  await repo.insertRecord(trx, row, subjects);
  await recordAudit(trx, clock, actor, {
    action: "accountability.record",
    entityType: "accountability",
    entityId: row.id,
    orgId: row.org_id,
    businessDate: row.decided_on,
    summary: {
      kind: ACCOUNTABILITY_KIND_LABELS[row.kind],
      org: org?.name,
      rectify_by: row.rectify_by,
      subjects: subjects.length,
    },
  });
  return row;
}

export interface ListAccountabilityFilter extends repo.RecordFilter {}

/** Records of a site (newest first) with their cases as links; scope by `orgIds`. */
export async function listAccountability(
  db: Executor,
  filter: ListAccountabilityFilter,
  today?: string,
): Promise<AccountabilityView[]> {
  const rows = await repo.listRecords(db, filter);
  return present(db, rows, today);
}

async function present(
  db: Executor,
  rows: AccountabilityRecordTable[],
  today?: string,
): Promise<AccountabilityView[]> {
  const subjects = await repo.subjectsOf(
    db,
    rows.map((r) => r.id),
  );
  const orgNames = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.org_id)))
    orgNames.set(id, (await repo.findOrg(db, id))?.name ?? "");
  return rows.map((r) => ({
    ...r,
    kind_label: ACCOUNTABILITY_KIND_LABELS[r.kind] ?? r.kind,
    status_label: ACCOUNTABILITY_STATUS_LABELS[r.status] ?? r.status,
    org_name: orgNames.get(r.org_id) ?? "",
    subjects: (subjects.get(r.id) ?? []).map(presentSubject),
    overdue: !!(today && r.status === "open" && r.rectify_by && r.rectify_by < today),
  }));
}

// ---------- for staff (routes) ----------

export interface CreateAccountabilityBody {
  org: string;
  kind: string;
  reason: string;
  decided_on: string;
  rectify_by?: string | null;
  subjects?: Array<{ type: string; id: string }>;
}

/** A record entered by a user of the inspection office: authorised, validated and recorded in one transaction. */
export async function createAccountability(
  deps: Deps,
  user: CurrentUser,
  body: CreateAccountabilityBody,
): Promise<AccountabilityView> {
  const tree = await loadOrgTree(deps, user.siteId);
  const org = tree.flatten(user.siteId).find((o) => o.org.code === body.org || o.org.id === body.org)?.org;
  // An unknown organisation is one of the input's problems (listed with the others), not a refusal.
  if (org)
    authoriseAccountability(user, "accountability.record", { site_id: user.siteId, org_id: org.id }, tree);
  else if (!canAny(user, "accountability.record"))
    throw new AppError("role_not_allowed", 403, "只有督查室可以登记问责和整改情况。");
  const input: RecordAccountabilityInput = {
    siteId: user.siteId,
    orgId: org?.id ?? "",
    kind: body.kind as AccountabilityKind,
    reason: body.reason ?? "",
    decidedOn: body.decided_on ?? "",
    rectifyBy: body.rectify_by || null,
    subjects: body.subjects ?? [],
  };
  const row = await deps.db.kysely
    .transaction()
    .execute((trx) => recordAccountability(trx, actorOf(user), input, deps.clock));
  return (await present(deps.db.kysely, [row], shanghaiDateOf(deps.clock.now())))[0]!;
}

export async function getAccountability(
  deps: Deps,
  user: CurrentUser,
  id: string,
): Promise<AccountabilityView> {
  const row = await repo.findRecord(deps.db.kysely, id);
  const tree = await loadOrgTree(deps, user.siteId);
  if (!row || !mayViewRecord(user, row, tree)) {
    if (row) authoriseAccountability(user, "accountability.view", row, tree);
    throw recordNotFound();
  }
  return (await present(deps.db.kysely, [row], shanghaiDateOf(deps.clock.now())))[0]!;
}

export interface RectifyBody {
  outcome: string;
  rectified_on: string;
}

/** Records the rectification's outcome (整改情况): open → rectified, once, under the row's lock. */
export async function recordRectification(
  deps: Deps,
  user: CurrentUser,
  id: string,
  body: RectifyBody,
): Promise<AccountabilityView> {
  const tree = await loadOrgTree(deps, user.siteId);
  const now = deps.clock.now();
  const today = shanghaiDateOf(now);
  const row = await lockedStep(deps.db.kysely, {
    load: (trx: Transaction<Database>) => repo.lockRecord(trx, deps.db.dialect, id),
    missing: recordNotFound,
    check: (_trx, row) => {
      authoriseAccountability(user, "accountability.record", row, tree);
      const p = new Problems();
      const outcome = (body.outcome ?? "").trim();
      if (!outcome) p.add("outcome", "required", "请填写整改情况。");
      else if (outcome.length > OUTCOME_MAX)
        p.add("outcome", "too_long", `整改情况不能超过${OUTCOME_MAX}字（现为${outcome.length}字）。`);
      const on = body.rectified_on ?? "";
      if (!on) p.add("rectified_on", "required", "请填写整改完成日期。");
      else if (!isRealDate(on)) p.add("rectified_on", "invalid_date", "整改完成日期不是有效的日期。");
      else if (on > today) p.add("rectified_on", "date_in_future", "整改完成日期不能晚于今天。");
      else if (on < row.decided_on)
        p.add("rectified_on", "rectified_before_decided", "整改完成日期不能早于决定日期。");
      p.throwIfAny();
      if (row.status !== "open")
        throw new AppError("accountability_already_rectified", 409, "该问责记录已登记整改情况。");
      return { outcome, on };
    },
    write: async (trx, row, plan) => {
      const set = {
        status: "rectified" as const,
        rectification: plan.outcome,
        rectified_on: plan.on,
        updated_at: now.toISOString(),
      };
      await repo.updateRecord(trx, row.id, set);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "accountability.rectify",
        entityType: "accountability",
        entityId: row.id,
        orgId: row.org_id,
        businessDate: plan.on,
        summary: {
          kind: ACCOUNTABILITY_KIND_LABELS[row.kind],
          rectify_by: row.rectify_by,
          late: !!(row.rectify_by && plan.on > row.rectify_by),
        },
      });
      return { ...row, ...set };
    },
  });
  return (await present(deps.db.kysely, [row], today))[0]!;
}

export interface StaffListQuery {
  org?: string;
  kind?: AccountabilityKind;
  status?: "open" | "rectified";
  subject_type?: string;
  subject_id?: string;
}

/** The records the user may see (the organisations where their roles reach), newest first. */
export async function listAccountabilityForUser(
  deps: Deps,
  user: CurrentUser,
  q: StaffListQuery = {},
): Promise<AccountabilityView[]> {
  if (!mayListAccountability(user)) throw new AppError("role_not_allowed", 403, "您的角色不能查看问责记录。");
  const tree = await loadOrgTree(deps, user.siteId);
  let orgIds = orgIdsWhereCan(user, ACCOUNTABILITY_VIEW_ACTIONS, tree);
  if (q.org) {
    const org = tree.flatten(user.siteId).find((o) => o.org.code === q.org || o.org.id === q.org)?.org;
    orgIds = org ? orgIds.filter((id) => id === org.id) : [];
  }
  return listAccountability(
    deps.db.kysely,
    {
      siteId: user.siteId,
      orgIds,
      kind: q.kind,
      status: q.status,
      subject: q.subject_type && q.subject_id ? { type: q.subject_type, id: q.subject_id } : undefined,
    },
    shanghaiDateOf(deps.clock.now()),
  );
}
