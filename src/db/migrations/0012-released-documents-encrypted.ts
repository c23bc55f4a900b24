import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Originals of released documents are now stored encrypted (AES-256-GCM, like applicants' files), under
  // the SHA-256 of the ciphertext: blob_sha256. `sha256` stays the fingerprint of the clear file. Rows from
  // before this migration have no blob_sha256 and keep their clear blob under `sha256`.
  await db.schema.alterTable("application_documents").addColumn("blob_sha256", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("application_documents").dropColumn("blob_sha256").execute();
}
