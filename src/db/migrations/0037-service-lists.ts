import type { Kysely } from "kysely";

// 权责清单 and 公共服务事项清单 (issue 15 item 4): one list per department (organisation) and kind, and its
// versions. A version holds the whole list as JSON entries; it is edited as a draft, submitted, and published by
// a reviewer other than the submitter; a published version never changes, and a new one starts as its copy.
// - service_lists: the list of an organisation and kind (`power` | `public_service`) and its published version;
// - service_list_versions: every version (editing, submitted, published) with its entries, decision and review.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("service_lists")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("service_lists_uq", ["site_id", "org_id", "kind"])
    .execute();
  await db.schema
    .createTable("service_list_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("list_id", "text", (c) => c.notNull().references("service_lists.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("entries_json", "text", (c) => c.notNull())
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
    .addUniqueConstraint("service_list_versions_uq", ["list_id", "number"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("service_list_versions").execute();
  await db.schema.dropTable("service_lists").execute();
}
