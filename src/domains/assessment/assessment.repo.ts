// SQL of the assessment: indicators, settings, hand-entered values, runs with their scores and totals.
import type { Transaction } from "kysely";
import type { Executor } from "../../db/executor";
import type { Database } from "../../db/schema";
import { type Engine, lockForUpdate } from "../../platform/workflow/locked-step";
import type {
  AssessmentIndicatorTable,
  AssessmentManualTable,
  AssessmentRunTable,
  AssessmentScoreTable,
  AssessmentSettingsTable,
  AssessmentTotalTable,
} from "./assessment.tables";

const INDICATOR_COLUMNS = [
  "id",
  "site_id",
  "source",
  "computed_key",
  "name",
  "points",
  "period_kind",
  "org_kinds",
  "org_ids",
  "position",
  "active",
  "created_at",
  "updated_at",
] as const;

const RUN_COLUMNS = [
  "id",
  "site_id",
  "period",
  "period_kind",
  "from_on",
  "to_on",
  "status",
  "version",
  "indicators",
  "computed_at",
  "computed_by",
  "finalised_at",
  "finalised_by",
  "created_at",
] as const;

/** Takes the site's row lock: runs, finalising and hand-entered values of one site go one at a time. */
export async function lockSite(trx: Transaction<Database>, engine: Engine, siteId: string): Promise<void> {
  const q = await lockForUpdate(engine, trx.selectFrom("sites").select("id").where("id", "=", siteId), () =>
    trx
      .updateTable("sites")
      .set((eb) => ({ id: eb.ref("id") }))
      .where("id", "=", siteId)
      .execute(),
  );
  await q.executeTakeFirst();
}

// ---------- indicators ----------

export const listIndicators = (db: Executor, siteId: string) =>
  db
    .selectFrom("assessment_indicators")
    .select(INDICATOR_COLUMNS)
    .where("site_id", "=", siteId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();

export const findIndicator = (db: Executor, id: string) =>
  db.selectFrom("assessment_indicators").select(INDICATOR_COLUMNS).where("id", "=", id).executeTakeFirst();

export const insertIndicators = (db: Executor, rows: AssessmentIndicatorTable[]) =>
  db.insertInto("assessment_indicators").values(rows).execute();

export const updateIndicator = (db: Executor, id: string, set: Partial<AssessmentIndicatorTable>) =>
  db.updateTable("assessment_indicators").set(set).where("id", "=", id).execute();

export async function nextPosition(db: Executor, siteId: string): Promise<number> {
  const r = await db
    .selectFrom("assessment_indicators")
    .select((eb) => eb.fn.max("position").as("p"))
    .where("site_id", "=", siteId)
    .executeTakeFirst();
  return Number(r?.p ?? 0) + 1;
}

// ---------- settings ----------

export const findSettings = (db: Executor, siteId: string) =>
  db
    .selectFrom("assessment_settings")
    .select(["site_id", "criticism_points", "interview_points", "updated_at"])
    .where("site_id", "=", siteId)
    .executeTakeFirst();

export async function saveSettings(db: Executor, row: AssessmentSettingsTable): Promise<void> {
  const done = await db
    .updateTable("assessment_settings")
    .set({
      criticism_points: row.criticism_points,
      interview_points: row.interview_points,
      updated_at: row.updated_at,
    })
    .where("site_id", "=", row.site_id)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) await db.insertInto("assessment_settings").values(row).execute();
}

// ---------- hand-entered values ----------

export const listManual = (db: Executor, indicatorIds: string[], period: string) =>
  indicatorIds.length === 0
    ? Promise.resolve([] as AssessmentManualTable[])
    : db
        .selectFrom("assessment_manual")
        .select(["indicator_id", "period", "org_id", "points", "note", "entered_by", "entered_at"])
        .where("indicator_id", "in", indicatorIds)
        .where("period", "=", period)
        .execute();

export async function saveManual(db: Executor, row: AssessmentManualTable): Promise<void> {
  const done = await db
    .updateTable("assessment_manual")
    .set({ points: row.points, note: row.note, entered_by: row.entered_by, entered_at: row.entered_at })
    .where("indicator_id", "=", row.indicator_id)
    .where("period", "=", row.period)
    .where("org_id", "=", row.org_id)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) await db.insertInto("assessment_manual").values(row).execute();
}

// ---------- runs ----------

export const findRun = (db: Executor, id: string) =>
  db.selectFrom("assessment_runs").select(RUN_COLUMNS).where("id", "=", id).executeTakeFirst();

export const listRuns = (db: Executor, siteId: string, limit = 100) =>
  db
    .selectFrom("assessment_runs")
    .select(RUN_COLUMNS)
    .where("site_id", "=", siteId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();

/** The runs of one period, newest first. */
export const runsOfPeriod = (db: Executor, siteId: string, period: string) =>
  db
    .selectFrom("assessment_runs")
    .select(RUN_COLUMNS)
    .where("site_id", "=", siteId)
    .where("period", "=", period)
    .orderBy("version", "desc")
    .execute();

export const insertRun = (db: Executor, row: AssessmentRunTable) =>
  db.insertInto("assessment_runs").values(row).execute();

/** Finalises a draft run; the number of rows changed (0: it was no longer a draft). */
export async function markFinal(db: Executor, id: string, at: string, by: string): Promise<number> {
  const r = await db
    .updateTable("assessment_runs")
    .set({ status: "final", finalised_at: at, finalised_by: by })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertScores(db: Executor, rows: AssessmentScoreTable[]): Promise<void> {
  // Chunks keep each statement under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto("assessment_scores")
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function insertTotals(db: Executor, rows: AssessmentTotalTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto("assessment_totals")
      .values(rows.slice(i, i + 200))
      .execute();
}

export const listTotals = (db: Executor, runId: string) =>
  db
    .selectFrom("assessment_totals")
    .select(["run_id", "org_id", "score", "max_score", "deduction", "total", "rank", "deductions"])
    .where("run_id", "=", runId)
    .orderBy("rank")
    .orderBy("org_id")
    .execute();

/** A run's scores without their evidence (the ranking); `orgId`: one organisation's, with evidence. */
export const listScores = (db: Executor, runId: string, orgId?: string) => {
  let q = db
    .selectFrom("assessment_scores")
    .select([
      "run_id",
      "org_id",
      "indicator_id",
      "value",
      "numerator",
      "denominator",
      "points",
      "max_points",
      "note",
      "evidence",
    ])
    .where("run_id", "=", runId);
  if (orgId) q = q.where("org_id", "=", orgId);
  return q.execute();
};
