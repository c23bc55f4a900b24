import type { Kysely } from "kysely";

// The government gazette (政府公报, issue 16 items 1 and 2):
// - gazette_issues: one issue of a site's gazette. Compiled by the office (source 'compiled') and taken through
//   draft → submitted → reviewed → released, or a back issue imported from its PDF or Word file (source
//   'imported', released as it was printed). Numbered per year and in total (年第N期, 总第M期) at release; the
//   PDF of the printed layout (or the imported file) is stored by its SHA-256, which the page publishes.
// - gazette_entries: the documents of an issue in order, each under a table-of-contents category; the text is
//   snapshotted from the published item at release, so the gazette keeps what it printed.
// - gazette_corrections: a correction notice (更正) of a released issue or one of its documents.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("gazette_issues")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("number", "integer")
    .addColumn("total_number", "integer")
    .addColumn("published_on", "text")
    .addColumn("note", "text")
    .addColumn("file_sha256", "text")
    .addColumn("file_size", "integer")
    .addColumn("file_type", "text")
    .addColumn("file_name", "text")
    .addColumn("body_text", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("submitted_by", "text", (c) => c.references("users.id"))
    .addColumn("reviewed_by", "text", (c) => c.references("users.id"))
    .addColumn("released_by", "text", (c) => c.references("users.id"))
    .addColumn("submitted_at", "text")
    .addColumn("reviewed_at", "text")
    .addColumn("released_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("gazette_issues_number_uq")
    .on("gazette_issues")
    .columns(["site_id", "year", "number"])
    .unique()
    .execute();
  await db.schema
    .createIndex("gazette_issues_total_uq")
    .on("gazette_issues")
    .columns(["site_id", "total_number"])
    .unique()
    .execute();
  await db.schema
    .createIndex("gazette_issues_file_uq")
    .on("gazette_issues")
    .columns(["site_id", "file_sha256"])
    .unique()
    .execute();
  await db.schema
    .createIndex("gazette_issues_site_idx")
    .on("gazette_issues")
    .columns(["site_id", "status", "year"])
    .execute();
  await db.schema
    .createTable("gazette_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("issue_id", "text", (c) => c.notNull().references("gazette_issues.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.references("items.id"))
    .addColumn("org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("org_name", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("doc_number", "text")
    .addColumn("formed_on", "text")
    .addColumn("body_text", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("gazette_entries_issue_idx")
    .on("gazette_entries")
    .columns(["issue_id", "position"])
    .execute();
  await db.schema.createIndex("gazette_entries_item_idx").on("gazette_entries").column("item_id").execute();
  await db.schema
    .createTable("gazette_corrections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("issue_id", "text", (c) => c.notNull().references("gazette_issues.id"))
    .addColumn("entry_id", "text", (c) => c.references("gazette_entries.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("published_on", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("gazette_corrections_issue_idx")
    .on("gazette_corrections")
    .column("issue_id")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("gazette_corrections").execute();
  await db.schema.dropTable("gazette_entries").execute();
  await db.schema.dropTable("gazette_issues").execute();
}
