import type { Kysely } from "kysely";

// The item lists filtered by organisation (issue 19 part 7; docs/decisions/0013-paging.md). Every list query also
// says `site_id = ?` (an organisation's id is checked against the site it is listed under), and the organisation
// indexes of 0046 began with org_id and had no site_id: each index entry of the organisation was checked against
// its table row. At 1,000,000 items the capped count of one busy department (10,001 entries) took 62 ms on SQLite
// and an OFFSET page near the top 80 ms. With site_id first the filter and the count read the index alone.

const REPLACED: Array<[string, string[], string[]]> = [
  [
    "items_pub_org_idx",
    ["org_id", "status", "published_at", "id"],
    ["site_id", "org_id", "status", "published_at", "id"],
  ],
  [
    "items_org_queue_idx",
    ["org_id", "status", "updated_at", "id"],
    ["site_id", "org_id", "status", "updated_at", "id"],
  ],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, , columns] of REPLACED) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on("items").columns(columns).execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of REPLACED) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on("items").columns(columns).execute();
  }
}
