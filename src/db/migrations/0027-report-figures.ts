import type { Kysely } from "kysely";

// The annual report's table 二 figures that gongkai does not hold itself (issue 14): 行政许可, 行政处罚 and
// 行政强制 decisions of the year, 行政事业性收费 collected (in 分, so sums stay exact), and 规章 made, repealed
// and in force for the few sites whose government makes rules. One row per organisation and year, entered by
// the office (PUT /api/v1/reports/annual/{year}/figures or the back-office form); a site's report sums them.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("report_figures")
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("licensing", "integer", (c) => c.notNull())
    .addColumn("penalty", "integer", (c) => c.notNull())
    .addColumn("coercion", "integer", (c) => c.notNull())
    .addColumn("fees_fen", "bigint", (c) => c.notNull())
    .addColumn("regulations_made", "integer", (c) => c.notNull())
    .addColumn("regulations_repealed", "integer", (c) => c.notNull())
    .addColumn("regulations_in_force", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_figures_pk", ["site_id", "org_id", "year"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("report_figures").execute();
}
