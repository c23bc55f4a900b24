import type { Kysely } from "kysely";

// Indexes of the paged lists (issue 19 part 7, src/platform/paging.ts, docs/decisions/0013-paging.md): every
// list reads its page by seeking on (filter columns…, sort key, id), newest first, so page 1, a page 5,000 deep
// by cursor and the capped count read a few index entries each, however many rows the site has.
// - items, public lists (/gk/list, feeds, the open-data API): published items of a site by publication time,
//   alone or by kind, organisation or validity. The year filter uses the first (published_at range).
//   items_public_idx (site_id, status, published_at) and items_org_status_idx (org_id, status) are prefixes of
//   the new ones and are dropped.
// - items, back-office queues (/admin/items, GET /api/v1/items): a site's items of a status by last change,
//   and one organisation's.
// - applications, the staff list: a site's applications by submission time.

const INDEXES: Array<[string, string, string[]]> = [
  ["items_pub_list_idx", "items", ["site_id", "status", "published_at", "id"]],
  ["items_pub_kind_idx", "items", ["site_id", "status", "kind", "published_at", "id"]],
  ["items_pub_org_idx", "items", ["org_id", "status", "published_at", "id"]],
  ["items_pub_validity_idx", "items", ["site_id", "status", "validity", "published_at", "id"]],
  ["items_queue_idx", "items", ["site_id", "status", "updated_at", "id"]],
  ["items_org_queue_idx", "items", ["org_id", "status", "updated_at", "id"]],
  ["applications_list_idx", "applications", ["site_id", "submitted_at", "id"]],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of INDEXES)
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  await db.schema.dropIndex("items_public_idx").execute();
  await db.schema.dropIndex("items_org_status_idx").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("items_org_status_idx").on("items").columns(["org_id", "status"]).execute();
  await db.schema
    .createIndex("items_public_idx")
    .on("items")
    .columns(["site_id", "status", "published_at"])
    .execute();
  for (const [name] of [...INDEXES].reverse()) await db.schema.dropIndex(name).execute();
}
