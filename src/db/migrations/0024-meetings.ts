import type { Kysely } from "kysely";

// Government meetings opened to the public (政府会议 / 开门决策, issue 13 item 6):
// - meetings: a notice of a meeting (常务会议, 专题会议, 听证会…) by its organising organisation, with date and
//   time, place, agenda (JSON: topics, each optionally linking a published item or a consultation), the period
//   in which the public may apply to attend (列席), the seats for them, an optional live stream, its workflow
//   status, and the minutes or decisions published afterwards (optionally linking the published decision);
// - meeting_attendance: the applications to attend: tracking code and secret hash, name and phone encrypted
//   at rest, the applicant's identity and reason, and the office's decision with its reason.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("agenda_json", "text", (c) => c.notNull())
    .addColumn("apply_opens_on", "text", (c) => c.notNull())
    .addColumn("apply_closes_on", "text", (c) => c.notNull())
    .addColumn("seats", "integer", (c) => c.notNull())
    .addColumn("stream_url", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("cancel_reason", "text")
    .addColumn("minutes", "text")
    .addColumn("decision_item_id", "text", (c) => c.references("items.id"))
    .addColumn("application_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("approved_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("announced_at", "text")
    .addColumn("held_at", "text")
    .addColumn("minutes_published_at", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meetings_site_idx")
    .on("meetings")
    .columns(["site_id", "status", "starts_at"])
    .execute();
  await db.schema
    .createTable("meeting_attendance")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("tracking_code", "text", (c) => c.notNull().unique())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("name_enc", "text", (c) => c.notNull())
    .addColumn("phone_enc", "text", (c) => c.notNull())
    .addColumn("identity", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decision_reason", "text")
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meeting_attendance_meeting_idx")
    .on("meeting_attendance")
    .columns(["meeting_id", "status"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("meeting_attendance").execute();
  await db.schema.dropTable("meetings").execute();
}
