import type { Kysely } from "kysely";

// Messages (互动交流, issue 13): questions, suggestions, complaints, requests for help and error reports
// (我为政府网站找错) in one table and one workflow; the organisations each was transferred to; the steps the
// asker's status page shows; each site's answer limits per type. Name and contacts only encrypted.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("tracking_code", "text", (c) => c.notNull().unique())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("name_enc", "text")
    .addColumn("phone_enc", "text")
    .addColumn("email_enc", "text")
    .addColumn("contact_enc", "text")
    .addColumn("wants_public", "integer", (c) => c.notNull())
    .addColumn("private", "integer", (c) => c.notNull())
    .addColumn("page_url", "text")
    .addColumn("error_kind", "text")
    .addColumn("received_on", "text", (c) => c.notNull())
    .addColumn("reject_reason", "text")
    .addColumn("duplicate_of_id", "text", (c) => c.references("messages.id"))
    .addColumn("draft_body", "text")
    .addColumn("draft_by_id", "text")
    .addColumn("draft_by_label", "text")
    .addColumn("draft_org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("drafted_at", "text")
    .addColumn("reply_body", "text")
    .addColumn("reply_org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("replied_on", "text")
    .addColumn("published_at", "text")
    .addColumn("qa_title", "text")
    .addColumn("qa_question", "text")
    .addColumn("qa_answer", "text")
    .addColumn("rating", "text")
    .addColumn("rated_at", "text")
    .addColumn("follow_up", "text")
    .addColumn("follow_up_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("messages_site_status_idx")
    .on("messages")
    .columns(["site_id", "status", "received_on"])
    .execute();
  await db.schema
    .createIndex("messages_site_published_idx")
    .on("messages")
    .columns(["site_id", "published_at"])
    .execute();
  await db.schema
    .createTable("message_holders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("message_id", "text", (c) => c.notNull().references("messages.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("since", "text", (c) => c.notNull())
    .addColumn("released_at", "text")
    .execute();
  await db.schema
    .createIndex("message_holders_message_idx")
    .on("message_holders")
    .column("message_id")
    .execute();
  await db.schema.createIndex("message_holders_org_idx").on("message_holders").column("org_id").execute();
  await db.schema
    .createTable("message_steps")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("message_id", "text", (c) => c.notNull().references("messages.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("on_date", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("public", "integer", (c) => c.notNull())
    .addColumn("public_text", "text", (c) => c.notNull())
    .addColumn("internal_note", "text")
    .execute();
  await db.schema.createIndex("message_steps_message_idx").on("message_steps").column("message_id").execute();
  await db.schema
    .createTable("message_deadlines")
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("days", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("message_deadlines_pk", ["site_id", "type"])
    .execute();
}
