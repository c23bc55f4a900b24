// Art. 44 of the Regulations (多次申请的政府信息): information that several applicants asked the same agency
// for may be moved into proactive disclosure. The office sees groups of applications (merged ones left out)
// for the same or near-same information from at least two distinct applicants within a period, and records
// a decision per group: include it (a draft item of the holding organisation, which then goes through the
// normal review workflow, and is linked here) or not, with a reason.
import type { Deps, Executor } from "../../../deps";
import { AppError, notFound, Problems } from "../../../platform/errors";
import { newId } from "../../../platform/ids";
import { maskText } from "../../../platform/pii";
import { isRealDate, shanghaiDateOf } from "../../../platform/time";
import { invalidatePublicPages } from "../../../web/page-cache";
import { actorOf, type CurrentUser } from "../../accounts";
import { recordAudit } from "../../audit";
import { loadOrgTree } from "../../orgs";
import { createItem, ITEM_KINDS, type ItemKind } from "../../publishing";
import { scanOptionsFor } from "../../review/review.service";
import { applicationScope, inScope, loadApplicationFor } from "../applications.policy";
import * as apps from "../applications.repo";
import * as repo from "./archive.repo";
import { ARCHIVE_MASK_KINDS, maskIdentifiers, outcomeLabel } from "./archive.service";
import { clusterRequests } from "./repeats.match";

export const MIN_APPLICANTS = 2;
/** Kinds an Art. 44 item may take (an interpretation needs a policy to explain, so not here). */
export const REPEAT_ITEM_KINDS = ITEM_KINDS.filter((k) => k !== "interpretation");

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The default period: the last 12 months up to today (Asia/Shanghai). */
export function defaultPeriod(now: Date): { from: string; to: string } {
  const to = shanghaiDateOf(now);
  const [y, m, d] = to.split("-").map(Number) as [number, number, number];
  const from = new Date(Date.UTC(y - 1, m - 1, d + 1)).toISOString().slice(0, 10);
  return { from, to };
}

export interface RepeatApplication {
  id: string;
  tracking_code: string;
  status: string;
  received_on: string | null;
  outcome: string | null;
  org_id: string | null;
}

export interface RepeatGroup {
  /** The first application of the group (by submission): how forms name the group. */
  key: string;
  /** The request, de-identified: of the member whose text needed the least masking. */
  summary: string;
  applications: RepeatApplication[];
  count: number;
  applicants: number;
  outcomes: Array<{ outcome: string; label: string; count: number }>;
  orgs: Array<{ id: string; name: string }>;
  /** The organisation most of the group was assigned to, else the site's root government. */
  holding_org_id: string | null;
  latest_on: string;
  /** How many of the applications carry the applicant's Art. 44 para. 2 suggestion. */
  suggestions: number;
  decision?: repo.DecisionRow & { covers_all: boolean };
}

function checkPeriod(deps: Deps, q: { from?: string; to?: string }) {
  const d = defaultPeriod(deps.clock.now());
  const from = q.from || d.from;
  const to = q.to || d.to;
  const p = new Problems();
  const real = (v: string) => DATE.test(v) && isRealDate(v);
  if (!real(from)) p.add("from", "invalid_date", "起始日期不存在，请按 年-月-日 填写真实日期。");
  if (!real(to)) p.add("to", "invalid_date", "截止日期不存在，请按 年-月-日 填写真实日期。");
  if (real(from) && real(to) && from > to) p.add("from", "invalid_period", "起始日期不能晚于截止日期。");
  p.throwIfAny("查询期间有误。");
  return { from, to };
}

/** The request with the least masked (the one that names fewest people), the later one on a tie. */
function cleanest(texts: string[]): string {
  const stars = (t: string) => (t.match(/\*/g) ?? []).length;
  return texts.reduce((best, t) => (stars(t) <= stars(best) ? t : best));
}

/** Groups for the period (default: the last 12 months), with the latest decision on each. */
export async function findRepeatedGroups(
  deps: Deps,
  user: CurrentUser,
  q: { from?: string; to?: string } = {},
): Promise<{ from: string; to: string; groups: RepeatGroup[] }> {
  const { from, to } = checkPeriod(deps, q);
  const db = deps.db.kysely;
  const [all, options, tree, decisions] = await Promise.all([
    repo.applicationsForRepeats(db, user.siteId, from, to),
    scanOptionsFor(db, user.siteId),
    loadOrgTree(deps, user.siteId),
    repo.listDecisions(db, user.siteId),
  ]);
  // A department sees the repeated requests among the applications it holds, not the whole county's.
  const scope = applicationScope(user, tree);
  const rows = all.filter((r) => inScope(scope, r.org_id));
  const suggested = new Set(
    (
      await repo.suggestionsFor(
        db,
        rows.map((r) => r.id),
      )
    ).map((x) => x.application_id),
  );
  // Compare what people asked for, not who they are: personal information masked first.
  const masked = rows.map(
    (r) =>
      maskText(
        maskIdentifiers(
          r.description,
          [r.applicant_name.trim(), r.tracking_code].filter((x) => x.length >= 2),
        ),
        {
          ...options,
          maskKinds: ARCHIVE_MASK_KINDS,
        },
      ).text,
  );
  const root = tree.roots(user.siteId)[0];
  const groups: RepeatGroup[] = [];
  for (const idx of clusterRequests(masked)) {
    const members = idx.map((i) => rows[i]!);
    // Distinct applicants: the identity blind index, else name and type.
    const applicants = new Set(
      members.map((m) => m.id_index ?? `${m.applicant_type}:${m.applicant_name.trim()}`),
    );
    const suggestions = members.filter((m) => suggested.has(m.id)).length;
    // Several applicants (para. 1), or one who suggested proactive disclosure (para. 2).
    if (applicants.size < MIN_APPLICANTS && suggestions === 0) continue;
    const outcomes = new Map<string, number>();
    const orgCounts = new Map<string, number>();
    for (const m of members) {
      const o = m.outcome ?? (m.status === "replied" ? "other.other" : `pending:${m.status}`);
      outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
      if (m.org_id) orgCounts.set(m.org_id, (orgCounts.get(m.org_id) ?? 0) + 1);
    }
    const dateOf = (m: (typeof members)[number]) => m.received_on ?? m.submitted_at.slice(0, 10);
    const latest = members.reduce((a, b) => (dateOf(b) > dateOf(a) ? b : a));
    const holding = [...orgCounts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? root?.id ?? null;
    const ids = members.map((m) => m.id);
    const decision = decisions.find((d) =>
      (JSON.parse(d.application_ids) as string[]).some((x) => ids.includes(x)),
    );
    groups.push({
      key: members[0]!.id,
      summary: cleanest(idx.map((i) => masked[i]!)),
      applications: members.map((m) => ({
        id: m.id,
        tracking_code: m.tracking_code,
        status: m.status,
        received_on: m.received_on,
        outcome: m.outcome,
        org_id: m.org_id,
      })),
      count: members.length,
      applicants: applicants.size,
      outcomes: [...outcomes].map(([outcome, count]) => ({
        outcome,
        label: outcome.startsWith("pending:") ? "尚未答复" : outcomeLabel(outcome),
        count,
      })),
      orgs: [...orgCounts.keys()].map((id) => ({ id, name: tree.get(id)?.name ?? id })),
      holding_org_id: holding,
      latest_on: dateOf(latest),
      suggestions,
      decision: decision && {
        ...decision,
        covers_all: ids.every((x) => (JSON.parse(decision.application_ids) as string[]).includes(x)),
      },
    });
  }
  groups.sort((a, b) => b.applicants - a.applicants || b.latest_on.localeCompare(a.latest_on));
  return { from, to, groups };
}

export interface DecisionInput {
  key: string;
  from?: string;
  to?: string;
  decision: "include" | "exclude";
  reason?: string;
  title?: string;
  body?: string;
  kind?: string;
  /** Organisation code of the holding organisation (include). */
  org?: string;
}

/**
 * Records the office's decision on a group, found again from its key and period (the client never says
 * which applications belong). Include creates a draft item of the holding organisation through the
 * publishing service and links it; exclude needs a reason. Refused when a decision already covers every
 * application now in the group.
 */
export async function decideRepeatedGroup(
  deps: Deps,
  user: CurrentUser,
  input: DecisionInput,
): Promise<repo.DecisionRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  if (!applicationScope(user, tree).handlesAny)
    throw new AppError("role_not_allowed", 403, "只有政务公开办工作人员可以作出决定。");
  const { groups } = await findRepeatedGroups(deps, user, { from: input.from, to: input.to });
  const group = groups.find((g) => g.applications.some((a) => a.id === input.key));
  if (!group) throw notFound("多次申请的信息", "repeat_group_not_found");
  if (group.decision?.covers_all)
    throw new AppError("repeat_already_decided", 409, "已对这组申请作出决定；有新的申请加入后才能再次决定。");
  const p = new Problems();
  const title = (input.title ?? "").trim();
  const reason = (input.reason ?? "").trim();
  let orgCode: string | undefined;
  if (input.decision === "include") {
    if (!title) p.add("title", "required", "请填写拟主动公开信息的标题。");
    if (title.length > 200) p.add("title", "too_long", "标题不能超过 200 字。");
    if (!(input.body ?? "").trim()) p.add("body", "required", "请填写正文（可在草稿中继续修改）。");
    const org = input.org
      ? tree.flatten(user.siteId).find((o) => o.org.code === input.org)?.org
      : group.holding_org_id
        ? tree.get(group.holding_org_id)
        : undefined;
    if (!org) p.add("org", "org_not_found", "请选择掌握该信息的机关。");
    orgCode = org?.code;
    if (input.kind && !(REPEAT_ITEM_KINDS as readonly string[]).includes(input.kind))
      p.add("kind", "invalid", "信息类别不正确。");
  } else if (input.decision === "exclude") {
    if (!reason) p.add("reason", "required", "请填写不纳入主动公开的理由。");
  } else p.add("decision", "invalid", "请选择“纳入主动公开”或“不纳入”。");
  if (reason.length > 1000) p.add("reason", "too_long", "理由不能超过 1000 字。");
  p.throwIfAny("未记录决定，请按提示修改。");

  const decided = (item: { id: string; org_id: string } | undefined): repo.DecisionRow => ({
    id: newId(),
    site_id: user.siteId,
    decision: input.decision,
    title: title || group.summary.slice(0, 200),
    reason: reason || null,
    org_id: item?.org_id ?? null,
    item_id: item?.id ?? null,
    application_ids: JSON.stringify(group.applications.map((a) => a.id)),
    decided_by: user.id,
    decided_at: deps.clock.now().toISOString(),
  });
  const record = async (trx: Executor, row: repo.DecisionRow) => {
    await repo.insertDecision(trx, row);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "application.repeat_decide",
      entityType: "application_repeat",
      entityId: row.id,
      orgId: row.org_id,
      siteId: row.site_id,
      // Ids and counts only: the texts may hold what people asked in their own words.
      summary: {
        decision: row.decision,
        item: row.item_id,
        applications: group.applications.map((a) => a.id),
        applicants: group.applicants,
      },
    });
  };
  let row: repo.DecisionRow;
  if (input.decision === "include") {
    // The draft goes through the publishing service (validation, events, audit); the decision is written in
    // the same transaction, so there is never a draft without its decision or the other way round.
    let written: repo.DecisionRow | undefined;
    await createItem(
      deps,
      user,
      {
        title,
        body: input.body!.trim(),
        kind: (input.kind as ItemKind | undefined) ?? "other",
        org: orgCode,
      },
      {
        within: async (trx, item) => {
          written = decided(item);
          await record(trx, written);
        },
      },
    );
    row = written!;
  } else {
    row = decided(undefined);
    await deps.db.kysely.transaction().execute((trx) => record(trx, row));
  }
  invalidatePublicPages(deps);
  return row;
}

/**
 * Public: the groups the office included whose item is published (a draft has not passed review yet, so
 * neither its title nor the group shows before then), newest decision first.
 */
export async function includedRepeats(deps: Pick<Deps, "db">, siteId: string) {
  const decisions = await repo.listDecisions(deps.db.kysely, siteId, "include");
  const items = await repo.itemsByIds(
    deps.db.kysely,
    decisions.flatMap((d) => (d.item_id ? [d.item_id] : [])),
  );
  return decisions.flatMap((d) => {
    const item = d.item_id ? items.get(d.item_id) : undefined;
    if (item?.status !== "published") return [];
    return [
      {
        id: d.id,
        title: item.title,
        count: (JSON.parse(d.application_ids) as string[]).length,
        decided_on: d.decided_at.slice(0, 10),
        item_id: item.id,
      },
    ];
  });
}

export const MAX_SUGGESTION = 1000;

/**
 * Art. 44 para. 2: records the applicant's suggestion (made in the application or later) that the
 * information be disclosed proactively, with their reason; the request then shows in the Art. 44 list.
 */
export async function recordSuggestion(
  deps: Deps,
  user: CurrentUser,
  applicationId: string,
  reason: string,
): Promise<repo.SuggestionRow> {
  const { row: app } = await loadApplicationFor(deps, user, "handle", applicationId);
  const why = (reason ?? "").trim();
  const p = new Problems();
  if (!why) p.add("suggestion", "required", "请填写申请人建议纳入主动公开的理由。");
  if (why.length > MAX_SUGGESTION) p.add("suggestion", "too_long", `理由不能超过 ${MAX_SUGGESTION} 字。`);
  p.throwIfAny("未记录建议，请按提示修改。");
  const row: repo.SuggestionRow = {
    id: newId(),
    application_id: app.id,
    reason: why,
    recorded_by: user.id,
    recorded_at: deps.clock.now().toISOString(),
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await apps.lockApplication(trx, app.id, deps.clock.now().toISOString());
    if (await repo.findSuggestion(trx, app.id))
      throw new AppError("suggestion_exists", 409, "已记录过申请人的建议。");
    await repo.insertSuggestion(trx, row);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "application.suggest_proactive",
      entityType: "application",
      entityId: app.id,
      orgId: app.org_id,
      siteId: app.site_id,
      // Not the reason itself (the applicant's own words may name people).
      summary: { suggestion: row.id, reason_chars: why.length },
    });
  });
  return row;
}

export const suggestionOf = (deps: Pick<Deps, "db">, applicationId: string) =>
  repo.findSuggestion(deps.db.kysely, applicationId);
