import type { Kysely } from "kysely";

// The annual report's sections the office writes (issue 14): 一、总体情况, 五、存在的主要问题及改进情况 and
// 六、其他需要报告的事项, one row per site, organisation and year ('' for the site's report as a whole),
// saved in locked steps (`version`: a save names the version it edited; a stale one is refused); and which
// item (a draft in the catalogue's 政府信息公开工作年度报告 column, then the normal review → sign → publish)
// is the released report of a site or organisation and year.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("report_sections")
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("overview", "text", (c) => c.notNull())
    .addColumn("problems", "text", (c) => c.notNull())
    .addColumn("other", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_sections_pk", ["site_id", "org_id", "year"])
    .execute();
  await db.schema
    .createTable("report_releases")
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull().references("items.id"))
    .addColumn("released_by", "text", (c) => c.notNull())
    .addColumn("released_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_releases_pk", ["site_id", "org_id", "year"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("report_releases").execute();
  await db.schema.dropTable("report_sections").execute();
}
