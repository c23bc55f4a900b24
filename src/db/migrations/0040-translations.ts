import type { Kysely } from "kysely";

// Issue 18 item 2: the county's own wording of the portal's UI strings. One row per site, language and catalog
// key: the text that replaces the shipped catalog's on that site's pages (src/domains/translations). A key with
// no row shows the shipped text; reverting deletes the row.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("translation_overrides")
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("translation_overrides_pk", ["site_id", "lang", "key"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("translation_overrides").execute();
}
