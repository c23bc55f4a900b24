// An assessment run (考核): for one site and period, every active indicator of the period's kind scored per
// organisation it applies to, with the records it counted as evidence; the accountability records of the period
// deducted; a total and a ranking. Runs are kept as history; a period is re-run (a new version) until the office
// finalises its latest run, a locked step after which the period's results and hand-entered values are fixed.
import type { Actor, Deps } from "../../deps";
import { minDate } from "../../platform/calendar";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { shanghaiDateOf } from "../../platform/time";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadCalendar } from "../calendar";
import { loadOrgTree, type OrgTree } from "../orgs";
import * as accountabilityRepo from "./accountability.repo";
import { ACCOUNTABILITY_KIND_LABELS } from "./accountability.service";
import "./assessment.defaults";
import { DEFAULT_DEDUCTIONS, orgsOfIndicator } from "./assessment.config";
import { type Period, parsePeriod } from "./assessment.periods";
import { authoriseAssessment, runNotFound } from "./assessment.policy";
import { type EvidenceLink, type IndicatorValue, indicatorDefinition } from "./assessment.registry";
import * as repo from "./assessment.repo";
import type { AssessmentRunTable, AssessmentScoreTable, AssessmentTotalTable } from "./assessment.tables";

/** The indicators as they were when a run was computed (its JSON column). */
export interface IndicatorSnapshot {
  id: string;
  name: string;
  source: "computed" | "manual";
  key: string | null;
  points: number;
}

export interface Deduction {
  record_id: string;
  kind: string;
  kind_label: string;
  decided_on: string;
  points: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function periodOrProblem(code: string | undefined, today: string): Period {
  const p = new Problems();
  const period = parsePeriod(code ?? "");
  if (!period) p.add("period", "invalid_period", "考核期格式应为 2025、2025-H1、2025-Q1 或 2025-01。");
  else if (period.from > today) p.add("period", "period_not_started", `${period.label}尚未开始。`);
  p.throwIfAny();
  return period!;
}

/** Runs the assessment of a site's period as `actor` (authorised by the caller); returns the new run's id. */
export async function computeRun(
  deps: Deps,
  actor: Actor,
  siteId: string,
  periodCode: string | undefined,
  tree: OrgTree,
): Promise<string> {
  const today = shanghaiDateOf(deps.clock.now());
  const period = periodOrProblem(periodCode, today);
  // A period not yet over is assessed up to today (freshness is judged on the last day assessed).
  const to = minDate(period.to, today);
  const calendar = await loadCalendar(deps, siteId);
  const at = deps.clock.now().toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    await repo.lockSite(trx, deps.db.dialect, siteId);
    const previous = await repo.runsOfPeriod(trx, siteId, period.code);
    if (previous.some((r) => r.status === "final"))
      throw new AppError("assessment_period_final", 409, `${period.label}的考核结果已确定，不能重新考核。`);
    const indicators = (await repo.listIndicators(trx, siteId)).filter(
      (i) => i.active === 1 && i.period_kind === period.kind,
    );
    if (indicators.length === 0)
      throw new AppError(
        "assessment_no_indicators",
        409,
        `没有按${period.label.includes("年度") ? "年度" : "该周期"}考核的启用指标，请先设置考核指标。`,
      );
    const settings = (await repo.findSettings(trx, siteId)) ?? DEFAULT_DEDUCTIONS;
    const manual = new Map(
      (
        await repo.listManual(
          trx,
          indicators.map((i) => i.id),
          period.code,
        )
      ).map((m) => [`${m.indicator_id}/${m.org_id}`, m]),
    );
    const runId = newId();
    const scores: AssessmentScoreTable[] = [];
    const assessed = new Map<string, { score: number; max: number }>();
    for (const ind of indicators) {
      const orgs = orgsOfIndicator(ind, tree, siteId);
      if (orgs.length === 0) continue;
      const def = ind.computed_key ? indicatorDefinition(ind.computed_key) : undefined;
      let values = new Map<string, IndicatorValue>();
      if (ind.source === "computed" && def) {
        const got = await def.compute(trx, {
          siteId,
          orgIds: orgs.map((o) => o.id),
          from: period.from,
          to,
          clock: deps.clock,
          calendar,
          dialect: deps.db.dialect,
        });
        values = new Map(got.map((v) => [v.orgId, v]));
      }
      for (const org of orgs) {
        let row: AssessmentScoreTable;
        if (ind.source === "manual") {
          const m = manual.get(`${ind.id}/${org.id}`);
          row = {
            run_id: runId,
            org_id: org.id,
            indicator_id: ind.id,
            value: m ? round2(m.points / ind.points) : null,
            numerator: null,
            denominator: null,
            points: m ? m.points : 0,
            max_points: ind.points,
            note: m ? m.note : "未录入得分",
            evidence: "[]",
          };
        } else if (!def) {
          row = {
            run_id: runId,
            org_id: org.id,
            indicator_id: ind.id,
            value: null,
            numerator: null,
            denominator: null,
            points: ind.points,
            max_points: ind.points,
            note: "该指标尚未在本系统中登记计算方法，暂按满分计",
            evidence: "[]",
          };
        } else {
          const v = values.get(org.id);
          const value = v?.value ?? null;
          row = {
            run_id: runId,
            org_id: org.id,
            indicator_id: ind.id,
            value,
            numerator: v ? v.numerator : null,
            denominator: v ? v.denominator : null,
            points: value === null ? ind.points : round2(ind.points * value),
            max_points: ind.points,
            note:
              value === null ? "考核期内无相关事项，不涉及（计满分）" : `${v!.numerator}/${v!.denominator}`,
            evidence: JSON.stringify(v?.evidence ?? []),
          };
        }
        scores.push(row);
        const a = assessed.get(org.id) ?? { score: 0, max: 0 };
        a.score = round2(a.score + row.points);
        a.max = round2(a.max + row.max_points);
        assessed.set(org.id, a);
      }
    }
    // Accountability records decided in the period deduct from the organisations assessed.
    const records = await accountabilityRepo.listRecords(trx, {
      siteId,
      orgIds: [...assessed.keys()],
      from: period.from,
      to,
    });
    const deductions = new Map<string, Deduction[]>();
    for (const r of records) {
      const points = r.kind === "interview" ? settings.interview_points : settings.criticism_points;
      const list = deductions.get(r.org_id) ?? [];
      list.push({
        record_id: r.id,
        kind: r.kind,
        kind_label: ACCOUNTABILITY_KIND_LABELS[r.kind],
        decided_on: r.decided_on,
        points,
      });
      deductions.set(r.org_id, list);
    }
    const totals: AssessmentTotalTable[] = [...assessed].map(([orgId, a]) => {
      const d = deductions.get(orgId) ?? [];
      const deduction = round2(d.reduce((s, x) => s + x.points, 0));
      return {
        run_id: runId,
        org_id: orgId,
        score: a.score,
        max_score: a.max,
        deduction,
        total: Math.max(0, round2(a.score - deduction)),
        rank: 0,
        deductions: JSON.stringify(d),
      };
    });
    // Competition ranking (1, 1, 3) by total, then the share of the maximum.
    totals.sort((x, y) => y.total - x.total || y.total / (y.max_score || 1) - x.total / (x.max_score || 1));
    totals.forEach((t, i) => {
      const prev = totals[i - 1];
      t.rank = prev && prev.total === t.total ? prev.rank : i + 1;
    });
    const snapshot: IndicatorSnapshot[] = indicators.map((i) => ({
      id: i.id,
      name: i.name,
      source: i.source,
      key: i.computed_key,
      points: i.points,
    }));
    const run: AssessmentRunTable = {
      id: runId,
      site_id: siteId,
      period: period.code,
      period_kind: period.kind,
      from_on: period.from,
      to_on: to,
      status: "draft",
      version: (previous[0]?.version ?? 0) + 1,
      indicators: JSON.stringify(snapshot),
      computed_at: at,
      computed_by: actor.label,
      finalised_at: null,
      finalised_by: null,
      created_at: at,
    };
    await repo.insertRun(trx, run);
    await repo.insertScores(trx, scores);
    await repo.insertTotals(trx, totals);
    await recordAudit(trx, deps.clock, actor, {
      action: "assessment.run",
      entityType: "assessment_run",
      entityId: runId,
      orgId: null,
      siteId,
      businessDate: to,
      summary: {
        period: period.code,
        version: run.version,
        orgs: totals.length,
        indicators: indicators.length,
      },
    });
    return runId;
  });
}

/** The office runs the assessment of its site for a period. */
export async function runAssessment(
  deps: Deps,
  user: CurrentUser,
  periodCode: string | undefined,
): Promise<string> {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseAssessment(user, "assessment.manage", user.siteId, tree);
  return computeRun(deps, actorOf(user), user.siteId, periodCode, tree);
}

/**
 * Finalises a run (确定考核结果): under the site's lock, only a draft that is still its period's latest run; once
 * final, the period is neither re-run nor its hand-entered values changed.
 */
export async function finaliseRun(deps: Deps, user: CurrentUser, runId: string): Promise<AssessmentRunTable> {
  const tree = await loadOrgTree(deps, user.siteId);
  const at = deps.clock.now().toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    await repo.lockSite(trx, deps.db.dialect, user.siteId);
    const run = await repo.findRun(trx, runId);
    if (!run || run.site_id !== user.siteId) throw runNotFound();
    authoriseAssessment(user, "assessment.manage", run.site_id, tree);
    if (run.status === "final") throw new AppError("assessment_run_final", 409, "该次考核结果已确定。");
    const latest = (await repo.runsOfPeriod(trx, run.site_id, run.period))[0];
    if (latest && latest.id !== run.id)
      throw new AppError(
        "assessment_run_superseded",
        409,
        `该次考核之后已重新考核（第${latest.version}次），请确定最新一次的结果。`,
      );
    if ((await repo.markFinal(trx, run.id, at, user.name)) !== 1)
      throw new AppError("assessment_run_final", 409, "该次考核结果已确定。");
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "assessment.finalise",
      entityType: "assessment_run",
      entityId: run.id,
      orgId: null,
      siteId: run.site_id,
      businessDate: run.to_on,
      summary: { period: run.period, version: run.version },
    });
    return { ...run, status: "final" as const, finalised_at: at, finalised_by: user.name };
  });
}

export type { EvidenceLink };
