import type { Kysely } from "kysely";

// Assessment (考核, issue 14 item 2) and the inspection office's accountability records (通报批评, 约谈整改):
//   assessment_indicators   what the office assesses, per site: computed (a registered indicator's key) or
//                           entered by hand, with its points, period and the organisations it applies to;
//   assessment_settings     per site: the points deducted for each accountability record in the period;
//   assessment_manual       hand-entered values (points earned, with a note) per indicator, period, organisation;
//   assessment_runs         one run per site and period (history), draft until the office finalises it;
//   assessment_scores       a run's score per organisation and indicator, with its evidence (JSON);
//   assessment_totals       a run's total, deduction and rank per organisation;
//   accountability_records  a 通报批评 or 约谈整改 against an organisation, its rectification;
//   accountability_subjects the cases behind a record ({type, id}: applications, messages, items, scores…).

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("assessment_indicators")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("computed_key", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("points", "double precision", (c) => c.notNull())
    .addColumn("period_kind", "text", (c) => c.notNull())
    .addColumn("org_kinds", "text", (c) => c.notNull())
    .addColumn("org_ids", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("assessment_indicators_site")
    .on("assessment_indicators")
    .columns(["site_id", "position"])
    .execute();
  await db.schema
    .createTable("assessment_settings")
    .addColumn("site_id", "text", (c) => c.primaryKey().references("sites.id"))
    .addColumn("criticism_points", "double precision", (c) => c.notNull())
    .addColumn("interview_points", "double precision", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("assessment_manual")
    .addColumn("indicator_id", "text", (c) => c.notNull().references("assessment_indicators.id"))
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("points", "double precision", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("entered_by", "text")
    .addColumn("entered_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("assessment_manual_pk", ["indicator_id", "period", "org_id"])
    .execute();
  await db.schema
    .createTable("assessment_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("period_kind", "text", (c) => c.notNull())
    .addColumn("from_on", "text", (c) => c.notNull())
    .addColumn("to_on", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("indicators", "text", (c) => c.notNull())
    .addColumn("computed_at", "text", (c) => c.notNull())
    .addColumn("computed_by", "text", (c) => c.notNull())
    .addColumn("finalised_at", "text")
    .addColumn("finalised_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("assessment_runs_site_period")
    .on("assessment_runs")
    .columns(["site_id", "period", "created_at"])
    .execute();
  await db.schema
    .createTable("assessment_scores")
    .addColumn("run_id", "text", (c) => c.notNull().references("assessment_runs.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("indicator_id", "text", (c) => c.notNull())
    .addColumn("value", "double precision")
    .addColumn("numerator", "integer")
    .addColumn("denominator", "integer")
    .addColumn("points", "double precision", (c) => c.notNull())
    .addColumn("max_points", "double precision", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("evidence", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("assessment_scores_pk", ["run_id", "org_id", "indicator_id"])
    .execute();
  await db.schema
    .createTable("assessment_totals")
    .addColumn("run_id", "text", (c) => c.notNull().references("assessment_runs.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("score", "double precision", (c) => c.notNull())
    .addColumn("max_score", "double precision", (c) => c.notNull())
    .addColumn("deduction", "double precision", (c) => c.notNull())
    .addColumn("total", "double precision", (c) => c.notNull())
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("deductions", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("assessment_totals_pk", ["run_id", "org_id"])
    .execute();
  await db.schema
    .createTable("accountability_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("decided_on", "text", (c) => c.notNull())
    .addColumn("rectify_by", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("rectification", "text")
    .addColumn("rectified_on", "text")
    .addColumn("created_by", "text")
    .addColumn("created_by_label", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("accountability_records_site")
    .on("accountability_records")
    .columns(["site_id", "decided_on"])
    .execute();
  await db.schema
    .createTable("accountability_subjects")
    .addColumn("record_id", "text", (c) => c.notNull().references("accountability_records.id"))
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("accountability_subjects_pk", ["record_id", "subject_type", "subject_id"])
    .execute();
  await db.schema
    .createIndex("accountability_subjects_subject")
    .on("accountability_subjects")
    .columns(["subject_type", "subject_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "accountability_subjects",
    "accountability_records",
    "assessment_totals",
    "assessment_scores",
    "assessment_runs",
    "assessment_manual",
    "assessment_settings",
    "assessment_indicators",
  ])
    await db.schema.dropTable(t).execute();
}
