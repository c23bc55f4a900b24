import type { Selectable, SelectQueryBuilder, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Executor } from "../../deps";
import {
  countCapped,
  type Page,
  type PageRequest,
  readPage,
  seekQuery,
  type Total,
} from "../../platform/paging";
import { shanghaiDayStartIso } from "../../platform/time";
import { type Engine, lockForUpdate } from "../../platform/workflow/locked-step";
import type { ItemEventTable, ItemTable } from "./publishing.tables";

export type ItemRow = Selectable<ItemTable>;
export type ItemEventRow = Selectable<ItemEventTable>;

const ITEM_COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "lineage_id",
  "version",
  "supersedes_id",
  "kind",
  "status",
  "title",
  "title_mn",
  "body_html",
  "body_mn_html",
  "body_text",
  "summary",
  "index_number",
  "doc_number",
  "topic",
  "keywords",
  "disclosure_mode",
  "formed_on",
  "scheduled_at",
  "published_at",
  "published_on",
  "validity",
  "validity_on",
  "replaced_by_id",
  "interprets_id",
  "interpreter",
  "interpretation_form",
  "withdrawn_at",
  "withdraw_reason",
  "last_note",
  "late",
  "late_working_days",
  "submitted_by",
  "reviewed_by",
  "signed_by",
  "published_by",
  "content_sha256",
  "created_by",
  "created_at",
  "updated_at",
] as const;

const norm = (r: ItemRow): ItemRow => ({
  ...r,
  version: Number(r.version),
  late: r.late === null ? null : Number(r.late),
  late_working_days: r.late_working_days === null ? null : Number(r.late_working_days),
});

export const insertItem = (db: Executor, row: ItemRow) => db.insertInto("items").values(row).execute();

export async function updateItem(db: Executor, id: string, patch: Partial<ItemRow>): Promise<void> {
  await db.updateTable("items").set(patch).where("id", "=", id).execute();
}

export async function findItem(db: Executor, id: string): Promise<ItemRow | undefined> {
  const r = await db.selectFrom("items").select(ITEM_COLUMNS).where("id", "=", id).executeTakeFirst();
  return r && norm(r);
}

/** A write that changes nothing: on SQLite it takes the database's write lock (see lockForUpdate). */
const touchItem = (trx: Transaction<Database>, id: string) =>
  trx
    .updateTable("items")
    .set((eb) => ({ updated_at: eb.ref("updated_at") }))
    .where("id", "=", id)
    .execute();

/**
 * Loads an item with its row lock for the rest of the transaction (load, lock, check, write: a double-clicked
 * publish waits here and then finds the item already published).
 */
export async function lockItem(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<ItemRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("items").select(ITEM_COLUMNS).where("id", "=", id),
    () => touchItem(trx, id),
  );
  const r = await q.executeTakeFirst();
  return r && norm(r);
}

/** Interpretations of a policy, locked like `lockItem` (they move with it). */
export async function lockInterpretationsOf(
  trx: Transaction<Database>,
  engine: Engine,
  policyId: string,
): Promise<ItemRow[]> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("items").select(ITEM_COLUMNS).where("interprets_id", "=", policyId).orderBy("created_at"),
    () => touchItem(trx, policyId),
  );
  return (await q.execute()).map(norm);
}

/** Whether a site relaxed the four-eyes rule (publishing_settings, migration 0016). */
export async function isFourEyesRelaxed(db: Executor, siteId: string): Promise<boolean> {
  const r = await db
    .selectFrom("publishing_settings")
    .select("four_eyes_relaxed")
    .where("site_id", "=", siteId)
    .executeTakeFirst();
  return Number(r?.four_eyes_relaxed ?? 0) === 1;
}

export async function saveFourEyes(
  db: Executor,
  row: { site_id: string; four_eyes_relaxed: number; reason: string; updated_by: string; updated_at: string },
): Promise<void> {
  await db
    .insertInto("publishing_settings")
    .values(row)
    .onConflict((oc) =>
      oc.column("site_id").doUpdateSet({
        four_eyes_relaxed: row.four_eyes_relaxed,
        reason: row.reason,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function findItemsByIds(db: Executor, ids: string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("items").select(ITEM_COLUMNS).where("id", "in", ids).execute();
  return rows.map(norm);
}

/** Interpretations (解读) attached to a policy, oldest first. */
export async function interpretationsOf(db: Executor, policyId: string): Promise<ItemRow[]> {
  const rows = await db
    .selectFrom("items")
    .select(ITEM_COLUMNS)
    .where("interprets_id", "=", policyId)
    .orderBy("created_at")
    .execute();
  return rows.map(norm);
}

export async function versionsOf(db: Executor, lineageId: string): Promise<ItemRow[]> {
  const rows = await db
    .selectFrom("items")
    .select(ITEM_COLUMNS)
    .where("lineage_id", "=", lineageId)
    .orderBy("version")
    .execute();
  return rows.map(norm);
}

export interface ItemFilter {
  siteId?: string;
  orgIds?: string[];
  statuses?: string[];
  kinds?: string[];
  nodeId?: string;
  year?: number;
  validity?: string;
  dueBefore?: string;
  text?: string;
}

/**
 * The one filter of item lists (back office, public list, open-data API, exports, feeds): publishing owns it,
 * other domains use it through the domain's index. An empty list of organisations or kinds matches nothing.
 */
export function applyItemFilter<O>(
  q: SelectQueryBuilder<Database, "items", O>,
  f: ItemFilter,
): SelectQueryBuilder<Database, "items", O> {
  if (f.siteId) q = q.where("items.site_id", "=", f.siteId);
  if (f.orgIds) q = q.where("items.org_id", "in", f.orgIds.length ? f.orgIds : ["-"]);
  if (f.statuses) q = q.where("items.status", "in", f.statuses);
  if (f.kinds) q = q.where("items.kind", "in", f.kinds.length ? f.kinds : ["-"]);
  if (f.validity) q = q.where("items.validity", "=", f.validity);
  if (f.year)
    // published_on is published_at's date in Shanghai, both set together at publication (workflow.service.ts):
    // the year is the published_at range from its first Shanghai midnight to the next year's, which the lists'
    // (…, published_at, id) indexes answer alone (a condition on published_on read every row of the year).
    q = q
      .where("items.published_at", ">=", shanghaiDayStartIso(`${f.year}-01-01`))
      .where("items.published_at", "<", shanghaiDayStartIso(`${f.year + 1}-01-01`));
  if (f.dueBefore) q = q.where("items.scheduled_at", "<=", f.dueBefore);
  if (f.text) q = q.where("items.title", "like", `%${f.text.replace(/[%_\\]/g, "")}%`);
  const nodeId = f.nodeId;
  if (nodeId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("item_catalog_nodes")
          .select("item_catalog_nodes.item_id")
          .whereRef("item_catalog_nodes.item_id", "=", "items.id")
          .where("item_catalog_nodes.node_id", "=", nodeId),
      ),
    );
  }
  return q;
}

export async function listItems(
  db: Executor,
  f: ItemFilter,
  page: { limit: number; offset: number; order: "published" | "updated" },
): Promise<ItemRow[]> {
  let q = applyItemFilter(db.selectFrom("items").select(ITEM_COLUMNS.map((c) => `items.${c}` as const)), f);
  q =
    page.order === "published"
      ? q.orderBy("items.published_at", "desc").orderBy("items.id", "desc")
      : q.orderBy("items.updated_at", "desc").orderBy("items.id", "desc");
  const rows = await q.limit(page.limit).offset(page.offset).execute();
  return rows.map(norm);
}

/** One page of a list of items, newest first by publication or by last change, by page number or cursor. */
export async function pageItems(
  db: Executor,
  f: ItemFilter,
  req: PageRequest,
  order: "published" | "updated",
): Promise<Page<ItemRow>> {
  const key = order === "published" ? "items.published_at" : "items.updated_at";
  const page = await readPage(
    req,
    (r: ItemRow) => (order === "published" ? (r.published_at ?? "") : r.updated_at),
    (r) => r.id,
    (seek) =>
      seekQuery(
        applyItemFilter(db.selectFrom("items").select(ITEM_COLUMNS.map((c) => `items.${c}` as const)), f),
        key,
        "items.id",
        seek,
      ).execute(),
  );
  return { ...page, rows: page.rows.map(norm) };
}

/** How many items match, exact up to COUNT_CAP (src/platform/paging.ts). */
export const countItemsCapped = (db: Executor, f: ItemFilter): Promise<Total> =>
  countCapped(db, applyItemFilter(db.selectFrom("items").select("items.id"), f));

export async function countItems(db: Executor, f: ItemFilter): Promise<number> {
  const q = applyItemFilter(
    db.selectFrom("items").select((eb) => eb.fn.countAll<number>().as("n")),
    f,
  );
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function setNodes(db: Executor, itemId: string, nodeIds: string[]): Promise<void> {
  await db.deleteFrom("item_catalog_nodes").where("item_id", "=", itemId).execute();
  if (nodeIds.length) {
    await db
      .insertInto("item_catalog_nodes")
      .values([...new Set(nodeIds)].map((node_id) => ({ item_id: itemId, node_id })))
      .execute();
  }
}

export async function nodesOf(db: Executor, itemIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .selectFrom("item_catalog_nodes")
    .select(["item_id", "node_id"])
    .where("item_id", "in", itemIds)
    .execute();
  for (const r of rows) out.set(r.item_id, [...(out.get(r.item_id) ?? []), r.node_id]);
  return out;
}

export const insertEvent = (db: Executor, e: ItemEventRow) =>
  db.insertInto("item_events").values(e).execute();

export const eventsOf = (db: Executor, itemId: string) =>
  db
    .selectFrom("item_events")
    .select(["id", "item_id", "at", "actor_id", "actor_label", "action", "from_status", "to_status", "note"])
    .where("item_id", "=", itemId)
    .orderBy("at")
    .orderBy("id")
    .execute();

/** Takes the next serial of an index-number prefix; the row lock (PostgreSQL) or the write lock (SQLite) makes it safe. */
export async function nextSerial(db: Executor, prefix: string): Promise<number> {
  const r = await db
    .insertInto("index_counters")
    .values({ prefix, last_serial: 1 })
    .onConflict((oc) =>
      oc.column("prefix").doUpdateSet((eb) => ({ last_serial: eb("index_counters.last_serial", "+", 1) })),
    )
    .returning("last_serial")
    .executeTakeFirstOrThrow();
  return Number(r.last_serial);
}
