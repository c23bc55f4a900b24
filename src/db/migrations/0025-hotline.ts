import type { Kysely } from "kysely";

// The 12345 hotline (issue 13 item 7, RULES.md §10): a ticket is a message of channel `hotline` (migration 0022,
// the same workflow) with its row here: 12345's ticket number (unique per site), the date 12345 dispatched it,
// the 承办单位 12345 named, the caller's satisfaction as 12345 reported it, and a hash of what was pushed (the
// same ticket pushed again is answered with the same message; a different one under its number is refused).
// An upload of 12345's export waits here, encrypted, between its preview and its confirmation. The register
// of the county's hotline numbers (政务服务便民热线归并): merged into 12345, kept (with the reason) or withdrawn.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("hotline_tickets")
    .addColumn("message_id", "text", (c) => c.primaryKey().references("messages.id"))
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("ticket_no", "text", (c) => c.notNull())
    .addColumn("dispatched_on", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("satisfaction", "text")
    .addColumn("satisfaction_on", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("payload_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("hotline_tickets_site_no_idx")
    .on("hotline_tickets")
    .columns(["site_id", "ticket_no"])
    .unique()
    .execute();
  await db.schema
    .createTable("hotline_imports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("rows_enc", "text", (c) => c.notNull())
    .addColumn("row_count", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("imported_at", "text")
    .execute();
  await db.schema
    .createTable("hotline_numbers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("merged_on", "text")
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("hotline_numbers_site_number_idx")
    .on("hotline_numbers")
    .columns(["site_id", "number"])
    .unique()
    .execute();
}
