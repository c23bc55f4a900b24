import type { Kysely } from "kysely";

// The normative-document ledger (规范性文件台账, issue 16 items 3 and 4): each 规范性文件's uniform registration
// number (三统一) and its legality review, collective decision, filing and validity; links between documents
// (修改、废止); the alerts raised (filing late, expiring); clean-ups (清理) listing documents 继续有效 / 废止 / 失效; per-site settings; and the 文号 of
// drafts pushed by the document-management system (公文管理系统), one per site.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("normative_settings")
    .addColumn("site_id", "text", (c) => c.primaryKey().references("sites.id"))
    .addColumn("number_pattern", "text", (c) => c.notNull())
    .addColumn("validity_years", "integer", (c) => c.notNull())
    .addColumn("provisional_years", "integer", (c) => c.notNull())
    .addColumn("filing_days", "integer", (c) => c.notNull())
    .addColumn("alert_months", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("normative_counters")
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("last_serial", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("normative_counters_pk", ["site_id", "prefix"])
    .execute();
  await db.schema
    .createTable("normative_entries")
    .addColumn("item_id", "text", (c) => c.primaryKey().references("items.id"))
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("registration_number", "text", (c) => c.notNull())
    .addColumn("registered_at", "text", (c) => c.notNull())
    .addColumn("registered_by", "text")
    .addColumn("review_body", "text", (c) => c.notNull())
    .addColumn("reviewed_on", "text", (c) => c.notNull())
    .addColumn("review_opinion", "text", (c) => c.notNull())
    .addColumn("decision_body", "text")
    .addColumn("decided_on", "text")
    .addColumn("validity_years", "integer")
    .addColumn("expires_on", "text")
    .addColumn("filing_due_on", "text")
    .addColumn("filed_on", "text")
    .addColumn("filed_with", "text")
    .addColumn("filing_number", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("normative_entries_number_uq", ["site_id", "registration_number"])
    .execute();
  await db.schema
    .createTable("normative_links")
    .addColumn("item_id", "text", (c) => c.notNull().references("items.id"))
    .addColumn("target_id", "text", (c) => c.notNull().references("items.id"))
    .addColumn("relation", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("normative_links_pk", ["item_id", "target_id"])
    .execute();
  await db.schema
    .createIndex("normative_links_target_idx")
    .on("normative_links")
    .column("target_id")
    .execute();
  await db.schema
    .createTable("normative_cleanups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("list_item_id", "text", (c) => c.references("items.id"))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("released_at", "text")
    .execute();
  await db.schema
    .createIndex("normative_cleanups_item_idx")
    .on("normative_cleanups")
    .column("list_item_id")
    .execute();
  await db.schema
    .createTable("normative_cleanup_entries")
    .addColumn("cleanup_id", "text", (c) => c.notNull().references("normative_cleanups.id"))
    .addColumn("item_id", "text", (c) => c.notNull().references("items.id"))
    .addColumn("outcome", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("normative_cleanup_entries_pk", ["cleanup_id", "item_id"])
    .execute();
  await db.schema
    .createTable("normative_alerts")
    .addColumn("item_id", "text", (c) => c.notNull().references("items.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("about_on", "text", (c) => c.notNull())
    .addColumn("raised_on", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("normative_alerts_pk", ["item_id", "kind", "about_on"])
    .execute();
  await db.schema
    .createTable("document_imports")
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("doc_key", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull().references("items.id"))
    .addColumn("imported_by", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("document_imports_pk", ["site_id", "doc_key"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "document_imports",
    "normative_alerts",
    "normative_cleanup_entries",
    "normative_cleanups",
    "normative_links",
    "normative_entries",
    "normative_counters",
    "normative_settings",
  ])
    await db.schema.dropTable(t).execute();
}
