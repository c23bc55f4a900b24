import type { Kysely } from "kysely";

// Masking that keeps the document (issue 11): a de-identified attachment or released document is kept as a
// masked file of its own format (Word, Excel, PDF), stored beside the original; and the office's own
// published addresses join its phones and e-mails as contacts that are never personal information.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The masked file's address in the attachment store (the SHA-256 of its bytes) and its size.
  await db.schema.alterTable("item_attachments").addColumn("masked_sha256", "text").execute();
  await db.schema.alterTable("item_attachments").addColumn("masked_size", "integer").execute();
  // Released documents: the masked file, encrypted like the original (blob address of the ciphertext),
  // with the fingerprint and size of the clear masked file the applicant downloads.
  await db.schema.alterTable("application_documents").addColumn("masked_blob_sha256", "text").execute();
  await db.schema.alterTable("application_documents").addColumn("masked_sha256", "text").execute();
  await db.schema.alterTable("application_documents").addColumn("masked_size", "integer").execute();
  await db.schema
    .alterTable("review_settings")
    .addColumn("allow_addresses", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("review_settings").dropColumn("allow_addresses").execute();
  for (const c of ["masked_size", "masked_sha256", "masked_blob_sha256"])
    await db.schema.alterTable("application_documents").dropColumn(c).execute();
  for (const c of ["masked_size", "masked_sha256"])
    await db.schema.alterTable("item_attachments").dropColumn(c).execute();
}
