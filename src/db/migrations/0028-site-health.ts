import type { Kysely } from "kysely";

// Site health against the national inspection indicators (国办秘函〔2019〕19号, issue 14 item 3):
// `health_runs` keeps every check of a site (the predicted verdict, its score and the indicators with their
// evidence as JSON) as its history; `health_links` the links found on published pages, each with the outcome of
// its last check, so the bounded background check moves through them a few at a time (least recently checked
// first) and a broken link stays flagged until it answers again or its page is withdrawn.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("health_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("checked_on", "text", (c) => c.notNull())
    .addColumn("verdict", "text", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("vetoes", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("alerted", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("health_runs_site_at")
    .on("health_runs")
    .columns(["site_id", "run_at"])
    .execute();
  await db.schema
    .createTable("health_links")
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("item_id", "text", (c) => c.notNull().references("items.id"))
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("internal", "integer", (c) => c.notNull())
    .addColumn("found_at", "text", (c) => c.notNull())
    .addColumn("checked_at", "text")
    .addColumn("ok", "integer")
    .addColumn("status", "integer")
    .addColumn("problem", "text")
    .addPrimaryKeyConstraint("health_links_pk", ["site_id", "item_id", "url"])
    .execute();
  await db.schema
    .createIndex("health_links_due")
    .on("health_links")
    .columns(["site_id", "checked_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("health_links").execute();
  await db.schema.dropTable("health_runs").execute();
}
