import type { Kysely } from "kysely";

// Government services, the parts of issue 15 still missing:
// - service_reports: the 互联网+政务服务 implementation reports the office writes for a year or a quarter; the
//   online-service figures are taken from the statistics while the report is written and kept as they were
//   once it is published (figures_json is then never rewritten);
// - service_bundle_sets: what a 一件事 adds to its member items: the one combined application form (一表申请, a
//   material of the catalogue whose blank form is that form) and the materials of the member items a
//   bundle does not ask for (produced or shared inside the bundle: 减材料), so the one set of materials is
//   the member items' materials less those.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("service_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("quarter", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("figures_json", "text", (c) => c.notNull())
    .addColumn("figures_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("published_by", "text", (c) => c.references("users.id"))
    .addColumn("published_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("service_reports_period_uq", ["site_id", "year", "quarter"])
    .execute();
  await db.schema
    .createTable("service_bundle_sets")
    .addColumn("bundle_id", "text", (c) => c.primaryKey().references("service_bundles.id"))
    .addColumn("form_material_id", "text", (c) => c.references("service_materials.id"))
    .addColumn("dropped_json", "text", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("service_bundle_sets").execute();
  await db.schema.dropTable("service_reports").execute();
}
