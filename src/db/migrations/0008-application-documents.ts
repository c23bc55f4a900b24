import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Documents the office releases with its reply to an information-disclosure application (依申请公开答复时
  // 提供的政府信息). The original bytes live in content-addressed storage under their SHA-256 and only staff
  // may download them; the applicant receives masked_text, the review engine's de-identified copy.
  await db.schema
    .createTable("application_documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) => c.notNull().references("applications.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("extracted_text", "text")
    .addColumn("masked_text", "text")
    // JSON object: how many matches of each personal-information kind were masked; never the matches.
    .addColumn("findings", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("application_documents_app_idx")
    .on("application_documents")
    .columns(["application_id", "position"])
    .execute();
  await db.schema
    .createIndex("application_documents_sha_idx")
    .on("application_documents")
    .column("sha256")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("application_documents").execute();
}
