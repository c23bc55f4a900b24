import type { Kysely } from "kysely";

// Indexes for the annual report's counting queries (src/domains/reports/reports.repo.ts), found with
// `npm run bench -- reports` (1,000,000 items, 100,000 applications in the year): without them the county's
// report read every published item of the site to find the normative documents (items_public_idx matches only
// site and status: 4 s of the 6.5 s on SQLite) and sorted every application of the site in a temporary b-tree.
// - items (site_id, kind, status, formed_on): table 二's normative documents (kind `normative`, published,
//   formed by the year's end), and any other listing of one kind of a site;
// - applications (site_id, received_on, id): table 三's applications received by the year's end, read in the
//   report's order (received_on, id) without a sort, the history after it left out;
// - application_disputes (filed_on): table 四's disputes filed in the year.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("items_site_kind_idx")
    .on("items")
    .columns(["site_id", "kind", "status", "formed_on"])
    .execute();
  await db.schema
    .createIndex("applications_received_idx")
    .on("applications")
    .columns(["site_id", "received_on", "id"])
    .execute();
  await db.schema
    .createIndex("application_disputes_filed_idx")
    .on("application_disputes")
    .column("filed_on")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("application_disputes_filed_idx").execute();
  await db.schema.dropIndex("applications_received_idx").execute();
  await db.schema.dropIndex("items_site_kind_idx").execute();
}
