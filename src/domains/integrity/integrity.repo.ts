import type { Selectable, Transaction } from "kysely";
import type { Executor } from "../../db/executor";
import type { Database } from "../../db/schema";
import { type Page, type PageRequest, readPage, seekQuery } from "../../platform/paging";
import { type Engine, lockForUpdate } from "../../platform/workflow/locked-step";
import type { CanonicalAttachmentInput, CanonicalItemInput } from "./integrity.canonical";
import type { IntegrityAlertTable, IntegrityDayTable } from "./integrity.tables";

export type DayRow = Selectable<IntegrityDayTable>;
export type AlertRow = Selectable<IntegrityAlertTable>;

/** Statuses of an item that was published: what the public has seen (withdrawn and superseded included). */
export const PUBLISHED_ONCE = ["published", "withdrawn", "superseded"] as const;

export type HashedItem = CanonicalItemInput & {
  site_id: string;
  status: string;
  published_on: string | null;
  content_sha256?: string | null;
};

const ITEM_COLUMNS = [
  "id",
  "site_id",
  "status",
  "kind",
  "title",
  "title_mn",
  "doc_number",
  "index_number",
  "formed_on",
  "published_at",
  "published_on",
  "body_html",
  "body_mn_html",
  "content_sha256",
] as const;

export async function findHashedItem(db: Executor, id: string): Promise<HashedItem | undefined> {
  return db.selectFrom("items").select(ITEM_COLUMNS).where("id", "=", id).executeTakeFirst();
}

/** Items published (at least once) on a Shanghai day or in a range of days, by publication time. */
export async function listPublishedItems(
  db: Executor,
  siteId: string,
  range: { from?: string; to?: string; ids?: string[] },
): Promise<HashedItem[]> {
  let q = db
    .selectFrom("items")
    .select(ITEM_COLUMNS)
    .where("site_id", "=", siteId)
    .where("status", "in", [...PUBLISHED_ONCE])
    .where("published_on", "is not", null);
  if (range.from) q = q.where("published_on", ">=", range.from);
  if (range.to) q = q.where("published_on", "<=", range.to);
  if (range.ids) q = q.where("id", "in", range.ids.length ? range.ids : [""]);
  return q.orderBy("published_at").orderBy("id").execute();
}

export type AttachmentHashRow = CanonicalAttachmentInput & { id: string; item_id: string; filename: string };

export async function attachmentsOf(
  db: Executor,
  itemIds: string[],
): Promise<Map<string, AttachmentHashRow[]>> {
  const out = new Map<string, AttachmentHashRow[]>();
  if (itemIds.length === 0) return out;
  // Bounded chunks: PostgreSQL and SQLite both cap bound parameters.
  for (let i = 0; i < itemIds.length; i += 500) {
    const rows = await db
      .selectFrom("item_attachments")
      .select(["id", "item_id", "position", "filename", "sha256", "masked_sha256", "masked_text"])
      .where("item_id", "in", itemIds.slice(i, i + 500))
      .orderBy("item_id")
      .orderBy("position")
      .execute();
    for (const r of rows) out.set(r.item_id, [...(out.get(r.item_id) ?? []), r]);
  }
  return out;
}

export async function setContentSha(db: Executor, id: string, sha: string): Promise<void> {
  await db.updateTable("items").set({ content_sha256: sha }).where("id", "=", id).execute();
}

/** Items that were published but carry no hash yet (published before migration 0021 ran elsewhere). */
export async function listUnhashedIds(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom("items")
    .select("id")
    .where("status", "in", [...PUBLISHED_ONCE])
    .where("published_at", "is not", null)
    .where("content_sha256", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

export interface ItemMatch {
  id: string;
  site_id: string;
  title: string;
  status: string;
  published_at: string | null;
}

/** Items whose content hash is `sha`; only what was published. */
export async function itemsByContentSha(db: Executor, sha: string): Promise<ItemMatch[]> {
  return db
    .selectFrom("items")
    .select(["id", "site_id", "title", "status", "published_at"])
    .where("content_sha256", "=", sha)
    .where("status", "in", [...PUBLISHED_ONCE])
    .orderBy("published_at")
    .execute();
}

export interface AttachmentMatch extends ItemMatch {
  attachment_id: string;
  filename: string;
}

/** Published files whose bytes hash to `sha` (the file the public downloads, masked where it was masked). */
export async function attachmentsBySha(db: Executor, sha: string): Promise<AttachmentMatch[]> {
  return db
    .selectFrom("published_files as f")
    .innerJoin("items as i", "i.id", "f.item_id")
    .innerJoin("item_attachments as a", "a.id", "f.attachment_id")
    .select(["f.attachment_id", "a.filename", "i.id", "i.site_id", "i.title", "i.status", "i.published_at"])
    .where("f.sha256", "=", sha)
    .where("i.status", "in", [...PUBLISHED_ONCE])
    .orderBy("i.published_at")
    .orderBy("f.position")
    .execute();
}

export interface PublishedFileRow {
  attachment_id: string;
  item_id: string;
  position: number;
  sha256: string;
}

/** Records the published files of an item (publication); a republished id replaces its rows. */
export async function replacePublishedFiles(
  db: Executor,
  itemId: string,
  rows: PublishedFileRow[],
): Promise<void> {
  await db.deleteFrom("published_files").where("item_id", "=", itemId).execute();
  if (rows.length) await db.insertInto("published_files").values(rows).execute();
}

export async function publishedFilesOf(
  db: Executor,
  itemIds: string[],
): Promise<Map<string, PublishedFileRow[]>> {
  const out = new Map<string, PublishedFileRow[]>();
  for (let i = 0; i < itemIds.length; i += 500) {
    const rows = await db
      .selectFrom("published_files")
      .select(["attachment_id", "item_id", "position", "sha256"])
      .where("item_id", "in", itemIds.slice(i, i + 500))
      .orderBy("item_id")
      .orderBy("position")
      .execute();
    for (const r of rows)
      out.set(r.item_id, [...(out.get(r.item_id) ?? []), { ...r, position: Number(r.position) }]);
  }
  return out;
}

// The chain.

export async function lastDay(db: Executor, siteId: string): Promise<DayRow | undefined> {
  return db
    .selectFrom("integrity_days")
    .selectAll()
    .where("site_id", "=", siteId)
    .orderBy("day", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function listDays(
  db: Executor,
  siteId: string,
  range: { from?: string; to?: string; limit?: number; desc?: boolean },
): Promise<DayRow[]> {
  let q = db.selectFrom("integrity_days").selectAll().where("site_id", "=", siteId);
  if (range.from) q = q.where("day", ">=", range.from);
  if (range.to) q = q.where("day", "<=", range.to);
  q = q.orderBy("day", range.desc ? "desc" : "asc");
  if (range.limit) q = q.limit(range.limit);
  return q.execute();
}

export async function insertDay(db: Executor, row: DayRow): Promise<boolean> {
  const res = await db
    .insertInto("integrity_days")
    .values(row)
    .onConflict((oc) => oc.columns(["site_id", "day"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function firstPublishedDay(db: Executor, siteId: string): Promise<string | null> {
  const row = await db
    .selectFrom("items")
    .select((eb) => eb.fn.min("published_on").as("first"))
    .where("site_id", "=", siteId)
    .where("status", "in", [...PUBLISHED_ONCE])
    .executeTakeFirst();
  return (row?.first as string | null | undefined) ?? null;
}

export async function listSiteIds(db: Executor): Promise<{ id: string; contact_email: string | null }[]> {
  return db.selectFrom("sites").select(["id", "contact_email"]).orderBy("code").execute();
}

// Alerts.

export async function openAlerts(db: Executor, siteId: string): Promise<AlertRow[]> {
  return db
    .selectFrom("integrity_alerts")
    .selectAll()
    .where("site_id", "=", siteId)
    .where("status", "=", "open")
    .orderBy("detected_at", "desc")
    .execute();
}

export const alertWithFingerprint = (db: Executor, siteId: string, fingerprint: string) =>
  db
    .selectFrom("integrity_alerts")
    .select("id")
    .where("site_id", "=", siteId)
    .where("fingerprint", "=", fingerprint)
    .executeTakeFirst();

export const findAlert = (db: Executor, id: string) =>
  db.selectFrom("integrity_alerts").selectAll().where("id", "=", id).executeTakeFirst();

export async function insertAlert(db: Executor, row: AlertRow): Promise<void> {
  await db.insertInto("integrity_alerts").values(row).execute();
}

/**
 * Loads an alert with its row lock for the rest of the transaction (load, lock, check, write): a second
 * acknowledgement waits here and then finds the alert already acknowledged.
 */
export async function lockAlert(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<AlertRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("integrity_alerts").selectAll().where("id", "=", id),
    // SQLite: a write that changes nothing takes the database's write lock before the read.
    () =>
      trx
        .updateTable("integrity_alerts")
        .set((eb) => ({ status: eb.ref("status") }))
        .where("id", "=", id)
        .execute(),
  );
  return q.executeTakeFirst();
}

/** Marks a locked, open alert acknowledged. */
export async function acknowledgeAlert(
  db: Executor,
  id: string,
  patch: { acknowledged_by: string; acknowledged_at: string; note: string | null },
): Promise<void> {
  await db
    .updateTable("integrity_alerts")
    .set({ status: "acknowledged", ...patch })
    .where("id", "=", id)
    .execute();
}

/**
 * A batch of every item a site ever published, oldest publication first, for the check: the first batch, then
 * each from the cursor of the one before (src/platform/paging.ts), a seek instead of an OFFSET over the rows
 * already checked.
 */
export async function pagePublishedItems(
  db: Executor,
  siteId: string,
  req: PageRequest,
): Promise<Page<HashedItem>> {
  return readPage(
    req,
    (r: HashedItem) => r.published_at ?? "",
    (r) => r.id,
    (seek) =>
      seekQuery(
        db
          .selectFrom("items")
          .select(ITEM_COLUMNS)
          .where("site_id", "=", siteId)
          .where("status", "in", [...PUBLISHED_ONCE])
          .where("published_at", "is not", null),
        "items.published_at",
        "items.id",
        seek,
        "asc",
      ).execute(),
  );
}
