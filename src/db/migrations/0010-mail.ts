import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The mail outbox: every message is written here first (in the transaction of the change that causes
  // it) and a worker delivers it, retrying with backoff. Recipients are encrypted at rest (AES-256-GCM,
  // src/platform/crypto.ts) with a blind index to find them; the address is never stored in clear.
  await db.schema
    .createTable("mail_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    // The site whose staff see and manage the message in their outbox.
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("recipient_enc", "text", (c) => c.notNull())
    .addColumn("recipient_index", "text", (c) => c.notNull())
    .addColumn("recipient_user_id", "text", (c) => c.references("users.id"))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    // Set by the worker that claims the message for an attempt: only that worker may record the outcome,
    // so a late result of a worker whose claim expired (and was taken over) changes nothing.
    .addColumn("claim_id", "text")
    .addColumn("last_error", "text")
    .addColumn("sent_at", "text")
    .addColumn("smtp_message_id", "text")
    .addColumn("entity_type", "text")
    .addColumn("entity_id", "text")
    // Makes a message idempotent (one reminder per handler per day); null for ordinary messages.
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("mail_messages_due_idx")
    .on("mail_messages")
    .columns(["status", "next_attempt_at"])
    .execute();
  await db.schema
    .createIndex("mail_messages_site_idx")
    .on("mail_messages")
    .columns(["site_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("mail_messages_entity_idx")
    .on("mail_messages")
    .columns(["entity_type", "entity_id"])
    .execute();

  // Attachment bytes live under <dataDir>/mail, encrypted (encryptBlob) and addressed by the SHA-256 of
  // the encrypted bytes. They are deleted once the message is sent; the row stays as a record (purged_at).
  await db.schema
    .createTable("mail_attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("message_id", "text", (c) => c.notNull().references("mail_messages.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("purged_at", "text")
    .execute();
  await db.schema
    .createIndex("mail_attachments_message_idx")
    .on("mail_attachments")
    .columns(["message_id", "position"])
    .execute();

  // Staff accounts may give a work e-mail for reminders (待办提醒).
  await db.schema.alterTable("users").addColumn("email", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("email").execute();
  await db.schema.dropTable("mail_attachments").execute();
  await db.schema.dropTable("mail_messages").execute();
}
