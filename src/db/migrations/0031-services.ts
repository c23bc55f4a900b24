import type { Kysely } from "kysely";

// Government services (政务服务, issue 15):
// - service_items: the implementation list (实施清单) entry in force of each service item, with the fields the
//   public lists filter by as columns and the whole entry as JSON; service_item_versions: every proposed
//   addition, change or cancellation, with its recorded decision and review (the history);
// - service_materials: the materials catalogue (办事材料目录), each defined once; service_item_materials: the
//   materials of the version in force;
// - service_bundles (一件事), service_halls and service_windows (halls, window units and the modes they
//   offer), service_modes (the site's list of convenience service modes).

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("service_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("impl_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("life_events", "text", (c) => c.notNull())
    .addColumn("online_depth", "integer", (c) => c.notNull())
    .addColumn("visits", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("content_json", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("service_items_impl_code_uq", ["site_id", "impl_code"])
    .execute();
  await db.schema
    .createIndex("service_items_site_idx")
    .on("service_items")
    .columns(["site_id", "status", "org_id"])
    .execute();
  await db.schema
    .createTable("service_item_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("item_id", "text", (c) => c.notNull().references("service_items.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("change_kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("content_json", "text", (c) => c.notNull())
    .addColumn("materials_json", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("review_note", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("submitted_by", "text", (c) => c.references("users.id"))
    .addColumn("submitted_at", "text")
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("service_item_versions_uq", ["item_id", "number"])
    .execute();
  await db.schema
    .createTable("service_materials")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("necessity", "text", (c) => c.notNull())
    .addColumn("form", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("copies", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("issuer_org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("notes", "text", (c) => c.notNull())
    .addColumn("standard", "text", (c) => c.notNull())
    .addColumn("basis", "text", (c) => c.notNull())
    .addColumn("blank_sha256", "text")
    .addColumn("blank_name", "text")
    .addColumn("sample_sha256", "text")
    .addColumn("sample_name", "text")
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("service_materials_name_uq", ["site_id", "name"])
    .execute();
  await db.schema
    .createTable("service_item_materials")
    .addColumn("item_id", "text", (c) => c.notNull().references("service_items.id"))
    .addColumn("material_id", "text", (c) => c.notNull().references("service_materials.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("condition", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("service_item_materials_pk", ["item_id", "material_id"])
    .execute();
  await db.schema
    .createIndex("service_item_materials_material_idx")
    .on("service_item_materials")
    .column("material_id")
    .execute();
  await db.schema
    .createTable("service_bundles")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("life_event", "text", (c) => c.notNull())
    .addColumn("notice", "text", (c) => c.notNull())
    .addColumn("window", "text", (c) => c.notNull())
    .addColumn("items_json", "text", (c) => c.notNull())
    .addColumn("promised_days", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("service_bundles_key_uq", ["site_id", "key"])
    .execute();
  await db.schema
    .createTable("service_halls")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("hours", "text", (c) => c.notNull())
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("service_windows")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("hall_id", "text", (c) => c.notNull().references("service_halls.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("org_ids_json", "text", (c) => c.notNull())
    .addColumn("modes_json", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("service_modes")
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("special", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("service_modes_pk", ["site_id", "key"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "service_modes",
    "service_windows",
    "service_halls",
    "service_bundles",
    "service_item_materials",
    "service_materials",
    "service_item_versions",
    "service_items",
  ])
    await db.schema.dropTable(t).execute();
}
