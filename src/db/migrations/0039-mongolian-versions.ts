import type { Kysely } from "kysely";

// Issue 18 part 1: Mongolian versions of public content (src/domains/mongolian). One row per revision of the
// Mongolian text of a subject (an information item's lineage, so every version of the Chinese shares its
// translation history; or a catalogue node). Each revision goes draft → submitted → approved through its own
// review; a newer approved revision supersedes the older one. `source_*` records which Chinese it translates
// (the item version and a SHA-256 of the Chinese title, summary and body): when the Chinese changes, the
// approved Mongolian is shown as outdated.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("mn_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text")
    .addColumn("body_html", "text")
    .addColumn("body_text", "text")
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("source_version", "integer")
    .addColumn("source_sha256", "text", (c) => c.notNull())
    .addColumn("last_note", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("submitted_by", "text", (c) => c.references("users.id"))
    .addColumn("approved_by", "text", (c) => c.references("users.id"))
    .addColumn("approved_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("mn_versions_revision_uq", ["subject_type", "subject_id", "revision"])
    .execute();
  await db.schema
    .createIndex("mn_versions_queue_idx")
    .on("mn_versions")
    .columns(["site_id", "status", "updated_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("mn_versions_queue_idx").execute();
  await db.schema.dropTable("mn_versions").execute();
}
