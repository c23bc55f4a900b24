import type { Kysely } from "kysely";

// Public consultation (征求意见, issue 13 item 5; 重大行政决策程序暂行条例 art. 15, 29, 32):
// - consultations: a draft decision opened for comment over a period (start_on..end_on, Asia/Shanghai dates),
//   with its workflow status, the reason when a major decision gets fewer than 30 days, the feedback report
//   (采纳情况) and the final policy (a published item) once there is one;
// - consultation_comments: what the public sent (name optional, contact encrypted), moderation, the
//   de-identified text shown once approved, and the adoption decision of the feedback report;
// - consultation_documents: the draft's documents (blobs in storage, text extracted in the file worker).

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("consultations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("draft_html", "text", (c) => c.notNull())
    .addColumn("draft_text", "text", (c) => c.notNull())
    .addColumn("major", "integer", (c) => c.notNull())
    .addColumn("start_on", "text", (c) => c.notNull())
    .addColumn("end_on", "text", (c) => c.notNull())
    .addColumn("short_reason", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("close_note", "text")
    .addColumn("report_summary", "text")
    .addColumn("final_item_id", "text", (c) => c.references("items.id"))
    .addColumn("comment_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("opened_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("reported_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("consultations_site_idx")
    .on("consultations")
    .columns(["site_id", "status", "start_on"])
    .execute();
  await db.schema
    .createIndex("consultations_final_item_idx")
    .on("consultations")
    .column("final_item_id")
    .execute();
  await db.schema
    .createTable("consultation_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id"))
    // 1, 2, 3… within the consultation: how the feedback report and the public page name a comment.
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("phone_enc", "text")
    .addColumn("email_enc", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("public_text", "text")
    .addColumn("public_name", "text")
    .addColumn("moderation_reason", "text")
    .addColumn("moderated_by", "text", (c) => c.references("users.id"))
    .addColumn("moderated_at", "text")
    .addColumn("decision", "text")
    .addColumn("decision_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("consultation_comments_number_uq", ["consultation_id", "number"])
    .execute();
  await db.schema
    .createTable("consultation_documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("extracted_text", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("consultation_documents_idx")
    .on("consultation_documents")
    .columns(["consultation_id", "position"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("consultation_documents").execute();
  await db.schema.dropTable("consultation_comments").execute();
  await db.schema.dropTable("consultations").execute();
}
