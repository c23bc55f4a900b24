import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // 申请公开答复选登: replied applications the office chose to publish, de-identified. One row per
  // application: withdrawing keeps the row (status withdrawn) and publishing again reuses it. Holds no
  // applicant identity at all: the applicant's type only, the summaries are rescanned before saving.
  await db.schema
    .createTable("application_archive")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) =>
      c.notNull().unique().references("applications.id").onDelete("cascade"),
    )
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("reply_summary", "text")
    .addColumn("applicant_type", "text", (c) => c.notNull())
    .addColumn("received_on", "text")
    .addColumn("replied_on", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("org_name", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("published_by", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .addColumn("withdrawn_by", "text")
    .addColumn("withdraw_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("application_archive_list_idx")
    .on("application_archive")
    .columns(["site_id", "status", "replied_on"])
    .execute();

  // Art. 44 (多次申请的政府信息): the office's decision on a group of applications for the same
  // information: include it in proactive disclosure (a draft item, linked) or not, with a reason.
  await db.schema
    .createTable("application_repeat_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("item_id", "text")
    // JSON array of the application ids the group had when decided; later groups match by any member.
    .addColumn("application_ids", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("application_repeat_decisions_site_idx")
    .on("application_repeat_decisions")
    .columns(["site_id", "decided_at"])
    .execute();

  // Art. 44 para. 2: the applicant suggested the information be disclosed proactively (public interest,
  // wide concern, public participation); the office records it and the request joins the Art. 44 list.
  await db.schema
    .createTable("application_suggestions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) =>
      c.notNull().unique().references("applications.id").onDelete("cascade"),
    )
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("application_suggestions").execute();
  await db.schema.dropTable("application_repeat_decisions").execute();
  await db.schema.dropTable("application_archive").execute();
}
