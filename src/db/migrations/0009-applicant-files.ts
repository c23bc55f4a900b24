import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Files an applicant sends with an application (an ID card image, a business licence, a scanned letter
  // the office registers). The bytes are encrypted (AES-256-GCM) before they reach storage and stored
  // under the SHA-256 of the ciphertext; the file name may name the person, so it is encrypted too.
  await db.schema
    .createTable("application_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) => c.notNull().references("applications.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("filename_enc", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("blob_sha256", "text", (c) => c.notNull())
    // 'applicant' (sent with the online form or the API) or 'office' (scanned at registration).
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("application_files_app_idx")
    .unique()
    .on("application_files")
    .columns(["application_id", "position"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("application_files").execute();
}
