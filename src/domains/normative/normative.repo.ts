// Queries of the normative-document ledger (migration 0033). Items themselves are publishing's: read here
// joined to the ledger, written only through publishing's exported functions.
import type { Selectable, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Executor } from "../../deps";
import { type Engine, lockForUpdate } from "../../platform/workflow/locked-step";
import type {
  NormativeCleanupEntryTable,
  NormativeCleanupTable,
  NormativeEntryTable,
  NormativeLinkTable,
  NormativeSettingsTable,
} from "./normative.tables";

export type EntryRow = Selectable<NormativeEntryTable>;
export type CleanupRow = Selectable<NormativeCleanupTable>;
export type CleanupEntryRow = Selectable<NormativeCleanupEntryTable>;
export type LinkRow = Selectable<NormativeLinkTable>;
export type SettingsRow = Selectable<NormativeSettingsTable>;

const ENTRY_COLUMNS = [
  "item_id",
  "site_id",
  "org_id",
  "registration_number",
  "registered_at",
  "registered_by",
  "review_body",
  "reviewed_on",
  "review_opinion",
  "decision_body",
  "decided_on",
  "validity_years",
  "expires_on",
  "filing_due_on",
  "filed_on",
  "filed_with",
  "filing_number",
  "updated_at",
] as const;

const normEntry = (r: EntryRow): EntryRow => ({
  ...r,
  validity_years: r.validity_years === null ? null : Number(r.validity_years),
});

export async function findSettings(db: Executor, siteId: string): Promise<SettingsRow | undefined> {
  const r = await db
    .selectFrom("normative_settings")
    .select([
      "site_id",
      "number_pattern",
      "validity_years",
      "provisional_years",
      "filing_days",
      "alert_months",
      "updated_by",
      "updated_at",
    ])
    .where("site_id", "=", siteId)
    .executeTakeFirst();
  return (
    r && {
      ...r,
      validity_years: Number(r.validity_years),
      provisional_years: Number(r.provisional_years),
      filing_days: Number(r.filing_days),
      alert_months: Number(r.alert_months),
    }
  );
}

export async function saveSettings(db: Executor, row: SettingsRow): Promise<void> {
  const { site_id: _s, ...rest } = row;
  await db
    .insertInto("normative_settings")
    .values(row)
    .onConflict((oc) => oc.column("site_id").doUpdateSet(rest))
    .execute();
}

/** The next serial of a site's pattern prefix: one atomic upsert, so two registrations never share a number. */
export async function nextSerial(db: Executor, siteId: string, prefix: string): Promise<number> {
  const r = await db
    .insertInto("normative_counters")
    .values({ site_id: siteId, prefix, last_serial: 1 })
    .onConflict((oc) =>
      oc
        .columns(["site_id", "prefix"])
        .doUpdateSet((eb) => ({ last_serial: eb(eb.ref("normative_counters.last_serial"), "+", 1) })),
    )
    .returning("last_serial")
    .executeTakeFirstOrThrow();
  return Number(r.last_serial);
}

export async function findEntry(db: Executor, itemId: string): Promise<EntryRow | undefined> {
  const r = await db
    .selectFrom("normative_entries")
    .select(ENTRY_COLUMNS)
    .where("item_id", "=", itemId)
    .executeTakeFirst();
  return r && normEntry(r);
}

export async function entriesOf(db: Executor, itemIds: readonly string[]): Promise<Map<string, EntryRow>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("normative_entries")
    .select(ENTRY_COLUMNS)
    .where("item_id", "in", [...itemIds])
    .execute();
  return new Map(rows.map((r) => [r.item_id, normEntry(r)]));
}

export const insertEntry = (db: Executor, row: EntryRow) =>
  db.insertInto("normative_entries").values(row).execute();

export async function updateEntry(db: Executor, itemId: string, patch: Partial<EntryRow>): Promise<void> {
  await db.updateTable("normative_entries").set(patch).where("item_id", "=", itemId).execute();
}

export async function numberTaken(db: Executor, siteId: string, number: string): Promise<boolean> {
  const r = await db
    .selectFrom("normative_entries")
    .select("item_id")
    .where("site_id", "=", siteId)
    .where("registration_number", "=", number)
    .executeTakeFirst();
  return !!r;
}

/** A ledger row: the item's public metadata beside its entry (absent for a document not yet registered). */
export interface LedgerRow {
  id: string;
  site_id: string;
  org_id: string;
  org_name: string;
  org_code: string;
  title: string;
  status: string;
  doc_number: string | null;
  index_number: string | null;
  topic: string | null;
  formed_on: string;
  published_on: string | null;
  validity: string;
  validity_on: string | null;
  registration_number: string | null;
  reviewed_on: string | null;
  review_body: string | null;
  decided_on: string | null;
  expires_on: string | null;
  filing_due_on: string | null;
  filed_on: string | null;
  filed_with: string | null;
}

export interface LedgerFilter {
  siteId: string;
  /** Published only (the public register), or every status but withdrawn and superseded (staff). */
  publishedOnly: boolean;
  validity?: string;
  orgIds?: readonly string[];
  year?: number;
}

export async function listLedger(db: Executor, f: LedgerFilter): Promise<LedgerRow[]> {
  let q = db
    .selectFrom("items")
    .innerJoin("orgs", "orgs.id", "items.org_id")
    .leftJoin("normative_entries as e", "e.item_id", "items.id")
    .select([
      "items.id",
      "items.site_id",
      "items.org_id",
      "orgs.name as org_name",
      "orgs.code as org_code",
      "items.title",
      "items.status",
      "items.doc_number",
      "items.index_number",
      "items.topic",
      "items.formed_on",
      "items.published_on",
      "items.validity",
      "items.validity_on",
      "e.registration_number",
      "e.reviewed_on",
      "e.review_body",
      "e.decided_on",
      "e.expires_on",
      "e.filing_due_on",
      "e.filed_on",
      "e.filed_with",
    ])
    .where("items.site_id", "=", f.siteId)
    .where("items.kind", "=", "normative");
  q = f.publishedOnly
    ? q.where("items.status", "=", "published")
    : q.where("items.status", "not in", ["withdrawn", "superseded"]);
  if (f.validity) q = q.where("items.validity", "=", f.validity);
  if (f.orgIds)
    q = f.orgIds.length ? q.where("items.org_id", "in", [...f.orgIds]) : q.where((eb) => eb.or([]));
  if (f.year)
    q = q.where("items.formed_on", ">=", `${f.year}-01-01`).where("items.formed_on", "<=", `${f.year}-12-31`);
  return q.orderBy("items.formed_on", "desc").orderBy("items.id", "desc").limit(5000).execute();
}

// Links (修改、废止) between documents.
export async function linksOf(db: Executor, itemId: string): Promise<{ out: LinkRow[]; in: LinkRow[] }> {
  const cols = ["item_id", "target_id", "relation", "created_by", "created_at"] as const;
  const [out, inn] = await Promise.all([
    db.selectFrom("normative_links").select(cols).where("item_id", "=", itemId).execute(),
    db.selectFrom("normative_links").select(cols).where("target_id", "=", itemId).execute(),
  ]);
  return { out, in: inn };
}

export const insertLink = (db: Executor, row: LinkRow) =>
  db
    .insertInto("normative_links")
    .values(row)
    .onConflict((oc) => oc.columns(["item_id", "target_id"]).doUpdateSet({ relation: row.relation }))
    .execute();

// Clean-ups (清理).
const CLEANUP_COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "title",
  "status",
  "list_item_id",
  "created_by",
  "created_at",
  "released_at",
] as const;

export const insertCleanup = (db: Executor, row: CleanupRow) =>
  db.insertInto("normative_cleanups").values(row).execute();

export async function insertCleanupEntries(db: Executor, rows: CleanupEntryRow[]): Promise<void> {
  if (rows.length) await db.insertInto("normative_cleanup_entries").values(rows).execute();
}

export const findCleanup = (db: Executor, id: string) =>
  db.selectFrom("normative_cleanups").select(CLEANUP_COLUMNS).where("id", "=", id).executeTakeFirst();

export const findCleanupByItem = (db: Executor, itemId: string) =>
  db
    .selectFrom("normative_cleanups")
    .select(CLEANUP_COLUMNS)
    .where("list_item_id", "=", itemId)
    .executeTakeFirst();

/** Locks a clean-up's row for the rest of the transaction. */
export async function lockCleanup(trx: Transaction<Database>, engine: Engine, id: string) {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("normative_cleanups").select(CLEANUP_COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("normative_cleanups")
        .set((eb) => ({ status: eb.ref("status") }))
        .where("id", "=", id)
        .execute(),
  );
  return q.executeTakeFirst();
}

export async function updateCleanup(db: Executor, id: string, patch: Partial<CleanupRow>): Promise<void> {
  await db.updateTable("normative_cleanups").set(patch).where("id", "=", id).execute();
}

export const cleanupEntries = (db: Executor, id: string) =>
  db
    .selectFrom("normative_cleanup_entries")
    .select(["cleanup_id", "item_id", "outcome"])
    .where("cleanup_id", "=", id)
    .execute();

export const listCleanups = (db: Executor, siteId: string) =>
  db
    .selectFrom("normative_cleanups")
    .select(CLEANUP_COLUMNS)
    .where("site_id", "=", siteId)
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();

/** The published clean-ups that listed an item (its page shows by which one it was repealed). */
export const cleanupsListing = (db: Executor, itemId: string) =>
  db
    .selectFrom("normative_cleanup_entries as ce")
    .innerJoin("normative_cleanups as c", "c.id", "ce.cleanup_id")
    .select(["c.id", "c.title", "c.list_item_id", "c.released_at", "ce.outcome"])
    .where("ce.item_id", "=", itemId)
    .where("c.status", "=", "published")
    .orderBy("c.released_at", "desc")
    .execute();

// Imports from the document-management system.
export const findImport = (db: Executor, siteId: string, docKey: string) =>
  db
    .selectFrom("document_imports")
    .select(["item_id", "doc_key"])
    .where("site_id", "=", siteId)
    .where("doc_key", "=", docKey)
    .executeTakeFirst();

export const insertImport = (
  db: Executor,
  row: { site_id: string; doc_key: string; item_id: string; imported_by: string; imported_at: string },
) => db.insertInto("document_imports").values(row).execute();

/** The 文号 of a site's items that hold one (withdrawn ones too: a 文号 is never issued twice). */
export const docNumbersOfSite = (db: Executor, siteId: string) =>
  db
    .selectFrom("items")
    .select(["id", "doc_number"])
    .where("site_id", "=", siteId)
    .where("doc_number", "is not", null)
    .execute();

/**
 * Serialises one site's imports: PostgreSQL takes the site row FOR NO KEY UPDATE (it must not wait on the
 * KEY SHARE locks that inserting rows referencing the site take, or two imports deadlock), SQLite its write lock.
 */
export async function lockSite(trx: Transaction<Database>, engine: Engine, siteId: string): Promise<void> {
  const q = trx.selectFrom("sites").select("id").where("id", "=", siteId);
  if (engine === "postgres") {
    await q.forNoKeyUpdate().executeTakeFirst();
    return;
  }
  await trx
    .updateTable("sites")
    .set((eb) => ({ id: eb.ref("id") }))
    .where("id", "=", siteId)
    .execute();
}

/** Records an alert; false when it was raised before (the office is told once). */
export async function raiseAlert(
  db: Executor,
  row: { item_id: string; kind: string; site_id: string; about_on: string; raised_on: string },
): Promise<boolean> {
  const r = await db
    .insertInto("normative_alerts")
    .values(row)
    .onConflict((oc) => oc.columns(["item_id", "kind", "about_on"]).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function siteCodeOf(db: Executor, siteId: string): Promise<string | undefined> {
  const r = await db.selectFrom("sites").select("code").where("id", "=", siteId).executeTakeFirst();
  return r?.code;
}
