import type { Kysely } from "kysely";

// Statistics of messages (互动交流统计, issue 13 item 8), stored for the annual report and the assessment
// (issue 14): one row per site, period (a year, month 0; or one of its months), handling organisation,
// message type and channel, with the counts as computed at `computed_at`. `answer_days` holds the working
// days each answered message took (a JSON array), so medians stay exact when cells are added up.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("message_statistics")
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("month", "integer", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("received", "integer", (c) => c.notNull())
    .addColumn("answered", "integer", (c) => c.notNull())
    .addColumn("answered_on_time", "integer", (c) => c.notNull())
    .addColumn("answered_late", "integer", (c) => c.notNull())
    .addColumn("overdue_open", "integer", (c) => c.notNull())
    .addColumn("alarm_open", "integer", (c) => c.notNull())
    .addColumn("rejected", "integer", (c) => c.notNull())
    .addColumn("returned", "integer", (c) => c.notNull())
    .addColumn("published", "integer", (c) => c.notNull())
    .addColumn("satisfied", "integer", (c) => c.notNull())
    .addColumn("basic", "integer", (c) => c.notNull())
    .addColumn("unsatisfied", "integer", (c) => c.notNull())
    .addColumn("answer_days", "text", (c) => c.notNull())
    .addColumn("computed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("message_statistics_pk", [
      "site_id",
      "year",
      "month",
      "org_id",
      "type",
      "channel",
    ])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("message_statistics").execute();
}
