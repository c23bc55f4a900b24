import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Files attached to an information item (附件). The bytes live in content-addressed storage
  // (src/platform/storage.ts) under their SHA-256; a row says which item shows them under which name.
  await db.schema
    .createTable("item_attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("item_id", "text", (c) => c.notNull().references("items.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("extracted_text", "text")
    .addColumn("extract_error", "text")
    // A de-identified copy of the text, written later by the review engine.
    .addColumn("masked_text", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("item_attachments_item_idx")
    .on("item_attachments")
    .columns(["item_id", "position"])
    .execute();
  // Blobs are shared by content: a blob may go only when no row names its hash any more.
  await db.schema.createIndex("item_attachments_sha_idx").on("item_attachments").column("sha256").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("item_attachments").execute();
}
