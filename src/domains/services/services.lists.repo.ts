// Kysely queries of the 权责清单 and 公共服务事项清单: lists, their versions, and the service items and
// organisations their entries and pages name.
import type { Insertable, Selectable, Transaction, Updateable } from "kysely";
import type { Database } from "../../db/schema";
import type { Executor } from "../../deps";
import { type Engine, lockForUpdate } from "../../platform/workflow/locked-step";
import type {
  ListKind,
  ListVersionStatus,
  ServiceListTable,
  ServiceListVersionTable,
} from "./services.lists.tables";

export type ListRow = Selectable<ServiceListTable>;
export type ListVersionRow = Selectable<ServiceListVersionTable>;

const LIST_COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "kind",
  "version",
  "published_at",
  "created_by",
  "created_at",
  "updated_at",
] as const;

const VERSION_COLUMNS = [
  "id",
  "list_id",
  "number",
  "status",
  "entries_json",
  "decision",
  "reason",
  "review_note",
  "created_by",
  "submitted_by",
  "submitted_at",
  "decided_by",
  "decided_at",
  "created_at",
  "updated_at",
] as const;

// PostgreSQL may return integers as strings.
const normList = (r: ListRow): ListRow => ({ ...r, version: Number(r.version) });
const normVersion = (r: ListVersionRow): ListVersionRow => ({ ...r, number: Number(r.number) });

export async function insertList(db: Executor, row: Insertable<ServiceListTable>): Promise<void> {
  await db.insertInto("service_lists").values(row).execute();
}

export async function findList(db: Executor, id: string): Promise<ListRow | undefined> {
  const r = await db.selectFrom("service_lists").select(LIST_COLUMNS).where("id", "=", id).executeTakeFirst();
  return r && normList(r);
}

export async function findListOf(db: Executor, siteId: string, orgId: string, kind: ListKind) {
  const r = await db
    .selectFrom("service_lists")
    .select(LIST_COLUMNS)
    .where("site_id", "=", siteId)
    .where("org_id", "=", orgId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return r && normList(r);
}

/** Loads a list with its row lock: every step on the list or its versions serialises on it. */
export async function lockList(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<ListRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("service_lists").select(LIST_COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("service_lists")
        .set((eb) => ({ updated_at: eb.ref("updated_at") }))
        .where("id", "=", id)
        .execute(),
  );
  const r = await q.executeTakeFirst();
  return r && normList(r);
}

/**
 * Locks the department's row while one of its lists is started, so two requests starting the same list
 * serialise and the second finds the first (rather than failing on the unique constraint).
 */
export async function lockOrg(trx: Transaction<Database>, engine: Engine, orgId: string) {
  const q = await lockForUpdate(engine, trx.selectFrom("orgs").select(["id"]).where("id", "=", orgId), () =>
    trx
      .updateTable("orgs")
      .set((eb) => ({ updated_at: eb.ref("updated_at") }))
      .where("id", "=", orgId)
      .execute(),
  );
  return q.executeTakeFirst();
}

export async function updateList(db: Executor, id: string, set: Updateable<ServiceListTable>): Promise<void> {
  await db.updateTable("service_lists").set(set).where("id", "=", id).execute();
}

export interface ListFilter {
  siteId: string;
  orgIds?: readonly string[];
  kind?: ListKind;
  /** Only lists with a published version. */
  published?: boolean;
}

export async function listLists(db: Executor, f: ListFilter): Promise<ListRow[]> {
  let q = db.selectFrom("service_lists").select(LIST_COLUMNS).where("site_id", "=", f.siteId);
  if (f.orgIds) q = f.orgIds.length ? q.where("org_id", "in", [...f.orgIds]) : q.where("id", "=", "");
  if (f.kind) q = q.where("kind", "=", f.kind);
  if (f.published) q = q.where("version", ">", 0);
  const rows = await q.orderBy("org_id").orderBy("kind").execute();
  return rows.map(normList);
}

export async function insertVersion(db: Executor, row: Insertable<ServiceListVersionTable>): Promise<void> {
  await db.insertInto("service_list_versions").values(row).execute();
}

export async function updateVersion(
  db: Executor,
  id: string,
  set: Updateable<ServiceListVersionTable>,
): Promise<void> {
  await db.updateTable("service_list_versions").set(set).where("id", "=", id).execute();
}

/** The versions of a list, newest first; `statuses` limits them (the public sees published ones only). */
export async function listVersions(
  db: Executor,
  listId: string,
  statuses?: readonly ListVersionStatus[],
): Promise<ListVersionRow[]> {
  let q = db.selectFrom("service_list_versions").select(VERSION_COLUMNS).where("list_id", "=", listId);
  if (statuses) q = q.where("status", "in", [...statuses]);
  const rows = await q.orderBy("number", "desc").execute();
  return rows.map(normVersion);
}

export async function findVersion(db: Executor, listId: string, number: number) {
  const r = await db
    .selectFrom("service_list_versions")
    .select(VERSION_COLUMNS)
    .where("list_id", "=", listId)
    .where("number", "=", number)
    .executeTakeFirst();
  return r && normVersion(r);
}

/** The version being edited or awaiting review (at most one per list). */
export async function findOpenVersion(db: Executor, listId: string): Promise<ListVersionRow | undefined> {
  const r = await db
    .selectFrom("service_list_versions")
    .select(VERSION_COLUMNS)
    .where("list_id", "=", listId)
    .where("status", "in", ["editing", "submitted"])
    .executeTakeFirst();
  return r && normVersion(r);
}

export async function lastVersionNumber(db: Executor, listId: string): Promise<number> {
  const r = await db
    .selectFrom("service_list_versions")
    .select((eb) => eb.fn.max("number").as("n"))
    .where("list_id", "=", listId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** A service item an entry may link to: in force on the site, found by its id or implementation code. */
export async function findItemForLink(db: Executor, siteId: string, ref: string) {
  return db
    .selectFrom("service_items")
    .select(["id", "impl_code", "name"])
    .where("site_id", "=", siteId)
    .where("status", "=", "published")
    .where((eb) => eb.or([eb("id", "=", ref), eb("impl_code", "=", ref)]))
    .executeTakeFirst();
}

/** The service items the entries link to (any status: a cancelled one still names the entry's history). */
export async function itemsByIds(db: Executor, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom("service_items")
    .select(["id", "impl_code", "name", "status"])
    .where("id", "in", [...new Set(ids)])
    .execute();
}

export async function findOrg(db: Executor, id: string) {
  return db.selectFrom("orgs").select(["id", "code", "name"]).where("id", "=", id).executeTakeFirst();
}
