import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // 索引号 pattern per site; tokens are documented in src/domains/publishing/index-number.ts.
  await db.schema
    .alterTable("sites")
    .addColumn("index_pattern", "text", (c) => c.notNull().defaultTo("{credit}/{year}-{serial:5}"))
    .execute();

  await db.schema
    .createTable("items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("lineage_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("supersedes_id", "text", (c) => c.references("items.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("title_mn", "text")
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("body_mn_html", "text")
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("summary", "text")
    .addColumn("index_number", "text", (c) => c.unique())
    .addColumn("doc_number", "text")
    .addColumn("topic", "text")
    .addColumn("keywords", "text")
    .addColumn("disclosure_mode", "text", (c) => c.notNull().defaultTo("proactive"))
    .addColumn("formed_on", "text", (c) => c.notNull())
    .addColumn("scheduled_at", "text")
    .addColumn("published_at", "text")
    .addColumn("published_on", "text")
    .addColumn("validity", "text", (c) => c.notNull().defaultTo("valid"))
    .addColumn("validity_on", "text")
    .addColumn("replaced_by_id", "text")
    .addColumn("interprets_id", "text", (c) => c.references("items.id"))
    .addColumn("interpreter", "text")
    .addColumn("interpretation_form", "text")
    .addColumn("withdrawn_at", "text")
    .addColumn("withdraw_reason", "text")
    .addColumn("last_note", "text")
    .addColumn("late", "integer")
    .addColumn("late_working_days", "integer")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("items_public_idx")
    .on("items")
    .columns(["site_id", "status", "published_at"])
    .execute();
  await db.schema.createIndex("items_org_status_idx").on("items").columns(["org_id", "status"]).execute();
  await db.schema.createIndex("items_lineage_idx").on("items").columns(["lineage_id", "version"]).execute();
  await db.schema.createIndex("items_interprets_idx").on("items").column("interprets_id").execute();

  await db.schema
    .createTable("item_catalog_nodes")
    .addColumn("item_id", "text", (c) => c.notNull().references("items.id").onDelete("cascade"))
    .addColumn("node_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("item_catalog_nodes_pk", ["item_id", "node_id"])
    .execute();
  await db.schema
    .createIndex("item_catalog_nodes_node_idx")
    .on("item_catalog_nodes")
    .column("node_id")
    .execute();

  // Workflow history: every transition with who, when and why (the audit log has the same, chained).
  await db.schema
    .createTable("item_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("item_id", "text", (c) => c.notNull().references("items.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .execute();
  await db.schema.createIndex("item_events_item_idx").on("item_events").columns(["item_id", "at"]).execute();

  // One counter per index-number prefix (e.g. credit code + year); bumped with UPDATE … RETURNING.
  await db.schema
    .createTable("index_counters")
    .addColumn("prefix", "text", (c) => c.primaryKey())
    .addColumn("last_serial", "integer", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["index_counters", "item_events", "item_catalog_nodes", "items"])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable("sites").dropColumn("index_pattern").execute();
}
