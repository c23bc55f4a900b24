import type { Kysely } from "kysely";

// Indexes of the second set of paged lists (issue 19 part 7, src/platform/paging.ts,
// docs/decisions/0013-paging.md): each list seeks on (filter columns…, sort key, id), newest first.
// - applications, the staff queues: a site's applications of one status by submission time (pending, replied;
//   applications_list_idx of 0046 serves "all"), and one organisation's (a department's own queue).
// - messages, the staff list: a site's messages by the day received, alone or of one status.
// - messages, the public list of answered messages (/hd/messages): published and not private, alone or of one
//   type, by publication time.
// - application_archive: a site's archive entries of a status (the public list) or of any (the back office) by
//   reply date; application_archive_list_idx (site_id, status, replied_on) is a prefix of the first and is dropped.
// The audit log pages by its primary key (seq) and needs none.

const INDEXES: Array<[string, string, string[]]> = [
  ["applications_status_list_idx", "applications", ["site_id", "status", "submitted_at", "id"]],
  ["applications_org_list_idx", "applications", ["org_id", "submitted_at", "id"]],
  ["messages_list_idx", "messages", ["site_id", "received_on", "id"]],
  ["messages_status_list_idx", "messages", ["site_id", "status", "received_on", "id"]],
  ["messages_pub_list_idx", "messages", ["site_id", "private", "published_at", "id"]],
  ["messages_pub_type_idx", "messages", ["site_id", "private", "type", "published_at", "id"]],
  ["application_archive_page_idx", "application_archive", ["site_id", "status", "replied_on", "id"]],
  ["application_archive_site_idx", "application_archive", ["site_id", "replied_on", "id"]],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of INDEXES)
    await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
  await db.schema.dropIndex("application_archive_list_idx").ifExists().execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("application_archive_list_idx")
    .ifNotExists()
    .on("application_archive")
    .columns(["site_id", "status", "replied_on"])
    .execute();
  for (const [name] of [...INDEXES].reverse()) await db.schema.dropIndex(name).ifExists().execute();
}
