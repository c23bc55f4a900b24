import type { Kysely } from "kysely";

// Indexes of the gazette, meetings, consultation and services lists now paged by cursor (issue 19 part 7,
// src/platform/paging.ts, docs/decisions/0013-paging.md). Each list seeks on (filter columns…, sort key, id):
// - meetings by start time, public and staff (the site's, or one organisation's);
// - consultations by their first day, public and staff;
// - the services' implementation list by implementation code: published items of a site (the staff list of a
//   whole site reads the unique (site_id, impl_code) of 0031), and one organisation's;
// - gazette issues: the back office's by year, released ones by their running (total) number.
// Plain CREATE INDEX IF NOT EXISTS: a database that already has one of them keeps it.

const INDEXES: Array<[string, string, string[]]> = [
  ["meetings_list_idx", "meetings", ["site_id", "starts_at", "id"]],
  ["meetings_org_list_idx", "meetings", ["org_id", "starts_at", "id"]],
  ["consultations_list_idx", "consultations", ["site_id", "start_on", "id"]],
  ["consultations_org_list_idx", "consultations", ["org_id", "start_on", "id"]],
  ["service_items_list_idx", "service_items", ["site_id", "status", "impl_code", "id"]],
  ["service_items_org_list_idx", "service_items", ["org_id", "impl_code", "id"]],
  ["gazette_issues_list_idx", "gazette_issues", ["site_id", "year", "id"]],
  ["gazette_issues_released_idx", "gazette_issues", ["site_id", "status", "total_number", "id"]],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of INDEXES)
    await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of [...INDEXES].reverse()) await db.schema.dropIndex(name).ifExists().execute();
}
