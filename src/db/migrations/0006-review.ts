import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Findings of the pre-publication review of an item (title, body, each attachment's text).
  await db.schema
    .createTable("review_findings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("item_id", "text", (c) => c.notNull().references("items.id").onDelete("cascade"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("start_at", "integer", (c) => c.notNull())
    .addColumn("end_at", "integer", (c) => c.notNull())
    // The found text, cleared once masked so the findings table keeps no personal data.
    .addColumn("text", "text")
    .addColumn("masked", "text")
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("suggestion", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decision", "text")
    .addColumn("decision_note", "text")
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("scanned_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("review_findings_item_idx")
    .on("review_findings")
    .columns(["item_id", "status"])
    .execute();

  // Per-site review settings: published office phones and e-mails, and the site's sensitive words.
  await db.schema
    .createTable("review_settings")
    .addColumn("site_id", "text", (c) => c.primaryKey().references("sites.id"))
    .addColumn("allow_phones", "text", (c) => c.notNull())
    .addColumn("allow_emails", "text", (c) => c.notNull())
    .addColumn("sensitive_words", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("review_settings").execute();
  await db.schema.dropTable("review_findings").execute();
}
