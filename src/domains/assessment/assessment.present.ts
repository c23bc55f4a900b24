// What the pages, the API, the Excel export and the CLI show of runs: the ranking with each organisation's points
// per indicator, and one organisation's scores with the evidence of each.
import type { Executor } from "../../db/executor";
import type { Deps } from "../../deps";
import type { CurrentUser } from "../accounts";
import { loadOrgTree, type OrgTree } from "../orgs";
import * as accountabilityRepo from "./accountability.repo";
import { scoreSubjectId } from "./accountability.subjects";
import { PERIOD_KIND_LABELS, parsePeriod } from "./assessment.periods";
import { authoriseAssessment, runNotFound } from "./assessment.policy";
import type { EvidenceLink } from "./assessment.registry";
import * as repo from "./assessment.repo";
import type { Deduction, IndicatorSnapshot } from "./assessment.runs";
import type { AssessmentRunTable } from "./assessment.tables";

export const RUN_STATUS_LABELS = { draft: "未确定（可重新考核）", final: "已确定" } as const;

export interface RunSummary {
  id: string;
  period: string;
  period_label: string;
  period_kind: string;
  from_on: string;
  to_on: string;
  status: "draft" | "final";
  status_label: string;
  version: number;
  computed_at: string;
  computed_by: string;
  finalised_at: string | null;
  finalised_by: string | null;
  url: string;
}

export interface ScoreCell {
  indicator_id: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  points: number;
  max_points: number;
  note: string | null;
}

export interface RankingRow {
  rank: number;
  org: { id: string; code: string; name: string; kind: string };
  score: number;
  max_score: number;
  deduction: number;
  total: number;
  deductions: Deduction[];
  scores: ScoreCell[];
  url: string;
}

export interface RunView extends RunSummary {
  indicators: IndicatorSnapshot[];
  ranking: RankingRow[];
}

export interface OrgScore extends ScoreCell {
  indicator: IndicatorSnapshot;
  evidence: EvidenceLink[];
  /** The score as a case for an accountability record ({type: "assessment_score", id}). */
  subject: { type: string; id: string };
}

export interface OrgRunView {
  run: RunSummary;
  org: { id: string; code: string; name: string };
  total: Omit<RankingRow, "scores" | "org" | "url"> | null;
  scores: OrgScore[];
  accountability: Array<{ id: string; kind: string; decided_on: string; url: string }>;
}

export const runUrl = (id: string) => `/admin/assessment/runs/${encodeURIComponent(id)}`;
export const runOrgUrl = (id: string, orgId: string) => `${runUrl(id)}/orgs/${encodeURIComponent(orgId)}`;

export function summaryOf(r: AssessmentRunTable): RunSummary {
  return {
    id: r.id,
    period: r.period,
    period_label: parsePeriod(r.period)?.label ?? r.period,
    period_kind: PERIOD_KIND_LABELS[r.period_kind],
    from_on: r.from_on,
    to_on: r.to_on,
    status: r.status,
    status_label: RUN_STATUS_LABELS[r.status],
    version: r.version,
    computed_at: r.computed_at,
    computed_by: r.computed_by,
    finalised_at: r.finalised_at,
    finalised_by: r.finalised_by,
    url: runUrl(r.id),
  };
}

const parse = <T>(json: string, fallback: T): T => {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
};

const orgOf = (tree: OrgTree, id: string) => {
  const o = tree.get(id);
  return { id, code: o?.code ?? "", name: o?.name ?? "", kind: o?.kind ?? "" };
};

export async function listRunsForUser(deps: Deps, user: CurrentUser): Promise<RunSummary[]> {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseAssessment(user, "assessment.view", user.siteId, tree);
  return (await repo.listRuns(deps.db.kysely, user.siteId)).map(summaryOf);
}

async function loadRun(deps: Deps, user: CurrentUser, id: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  const run = await repo.findRun(deps.db.kysely, id);
  if (!run || run.site_id !== user.siteId) throw runNotFound();
  authoriseAssessment(user, "assessment.view", run.site_id, tree);
  return { run, tree };
}

/** A run's ranking from the stored rows (no authorisation: the caller's). */
export async function rankingOf(db: Executor, run: AssessmentRunTable, tree: OrgTree): Promise<RunView> {
  const indicators = parse<IndicatorSnapshot[]>(run.indicators, []);
  const order = new Map(indicators.map((i, n) => [i.id, n]));
  const scores = await repo.listScores(db, run.id);
  const byOrg = new Map<string, ScoreCell[]>();
  for (const s of scores) {
    const list = byOrg.get(s.org_id) ?? [];
    list.push({
      indicator_id: s.indicator_id,
      value: s.value,
      numerator: s.numerator,
      denominator: s.denominator,
      points: s.points,
      max_points: s.max_points,
      note: s.note,
    });
    byOrg.set(s.org_id, list);
  }
  const ranking = (await repo.listTotals(db, run.id)).map((t) => ({
    rank: t.rank,
    org: orgOf(tree, t.org_id),
    score: t.score,
    max_score: t.max_score,
    deduction: t.deduction,
    total: t.total,
    deductions: parse<Deduction[]>(t.deductions, []),
    scores: (byOrg.get(t.org_id) ?? []).sort(
      (a, b) => (order.get(a.indicator_id) ?? 0) - (order.get(b.indicator_id) ?? 0),
    ),
    url: runOrgUrl(run.id, t.org_id),
  }));
  return { ...summaryOf(run), indicators, ranking };
}

export async function getRunView(deps: Deps, user: CurrentUser, id: string): Promise<RunView> {
  const { run, tree } = await loadRun(deps, user, id);
  return rankingOf(deps.db.kysely, run, tree);
}

/** One organisation of a run (by id or code): its scores, each with the records counted. */
export async function orgRunOf(db: Executor, run: AssessmentRunTable, tree: OrgTree, orgRef: string) {
  const org = tree.get(orgRef) ?? tree.flatten(run.site_id).find((o) => o.org.code === orgRef)?.org;
  if (!org || org.site_id !== run.site_id) return undefined;
  const indicators = parse<IndicatorSnapshot[]>(run.indicators, []);
  const scores = await repo.listScores(db, run.id, org.id);
  if (scores.length === 0) return undefined;
  const totals = (await repo.listTotals(db, run.id)).find((t) => t.org_id === org.id);
  const records = await accountabilityRepo.listRecords(db, {
    siteId: run.site_id,
    subject: { type: "assessment_run", id: run.id },
  });
  const bySubject = await Promise.all(
    scores.map((s) =>
      accountabilityRepo.listRecords(db, {
        siteId: run.site_id,
        subject: { type: "assessment_score", id: scoreSubjectId(run.id, org.id, s.indicator_id) },
      }),
    ),
  );
  const linked = new Map([...records, ...bySubject.flat()].map((r) => [r.id, r]));
  const view: OrgRunView = {
    run: summaryOf(run),
    org: { id: org.id, code: org.code, name: org.name },
    total: totals
      ? {
          rank: totals.rank,
          score: totals.score,
          max_score: totals.max_score,
          deduction: totals.deduction,
          total: totals.total,
          deductions: parse<Deduction[]>(totals.deductions, []),
        }
      : null,
    scores: indicators.flatMap((ind) => {
      const s = scores.find((x) => x.indicator_id === ind.id);
      if (!s) return [];
      return [
        {
          indicator_id: ind.id,
          indicator: ind,
          value: s.value,
          numerator: s.numerator,
          denominator: s.denominator,
          points: s.points,
          max_points: s.max_points,
          note: s.note,
          evidence: parse<EvidenceLink[]>(s.evidence, []),
          subject: { type: "assessment_score", id: scoreSubjectId(run.id, org.id, ind.id) },
        },
      ];
    }),
    accountability: [...linked.values()].map((r) => ({
      id: r.id,
      kind: r.kind,
      decided_on: r.decided_on,
      url: `/admin/accountability/${encodeURIComponent(r.id)}`,
    })),
  };
  return view;
}

export async function getOrgRunView(
  deps: Deps,
  user: CurrentUser,
  id: string,
  orgRef: string,
): Promise<OrgRunView> {
  const { run, tree } = await loadRun(deps, user, id);
  const view = await orgRunOf(deps.db.kysely, run, tree, orgRef);
  if (!view) throw runNotFound();
  return view;
}

export async function loadRunForExport(deps: Deps, user: CurrentUser, id: string) {
  return loadRun(deps, user, id);
}

/** A run's ranking by id, for the CLI (system use: no user to authorise). */
export async function rankingOfRun(deps: Deps, id: string, tree: OrgTree): Promise<RunView> {
  const run = await repo.findRun(deps.db.kysely, id);
  if (!run) throw runNotFound();
  return rankingOf(deps.db.kysely, run, tree);
}
