import type { Kysely } from "kysely";

// The disclosure catalogue (主动公开基本目录): per organisation, a tree of groups and columns, and the
// history of every change to it. Same conventions as 0001: text ids, ISO text instants, JSON as text, 0/1.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("catalog_nodes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("parent_id", "text", (c) => c.references("catalog_nodes.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("update_rule", "text", (c) => c.notNull())
    .addColumn("update_days", "integer")
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("standard", "text")
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("catalog_nodes_org_code_uq", ["org_id", "code"])
    .execute();
  await db.schema
    .createIndex("catalog_nodes_parent_idx")
    .on("catalog_nodes")
    .columns(["org_id", "parent_id", "sort_order"])
    .execute();
  await db.schema.createIndex("catalog_nodes_site_idx").on("catalog_nodes").column("site_id").execute();

  await db.schema
    .createTable("catalog_node_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("node_id", "text", (c) => c.notNull().references("catalog_nodes.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("change", "text", (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema
    .createIndex("catalog_node_changes_node_idx")
    .on("catalog_node_changes")
    .columns(["node_id", "at"])
    .execute();
  await db.schema
    .createIndex("catalog_node_changes_org_idx")
    .on("catalog_node_changes")
    .columns(["org_id", "at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["catalog_node_changes", "catalog_nodes"]) await db.schema.dropTable(t).execute();
}
