import type { Kysely } from "kysely";

// Static publication (issue 19 item 1, docs/static-publication.md): the directories the public site is
// published to, and the manifest of every file written there with its SHA-256, checked on a schedule (防篡改).

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("static_targets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("out_dir", "text", (c) => c.notNull().unique())
    .addColumn("last_seq", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("checked_at", "text")
    .execute();
  await db.schema
    .createTable("static_files")
    .addColumn("target_id", "text", (c) => c.notNull().references("static_targets.id").onDelete("cascade"))
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("bytes", "integer", (c) => c.notNull())
    .addColumn("refs", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("written_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("static_files_pk", ["target_id", "path"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("static_files").execute();
  await db.schema.dropTable("static_targets").execute();
}
