import type { Selectable } from "kysely";
import type { Executor } from "../../deps";
import type { ReviewFindingTable } from "./review.tables";

export type FindingRow = Selectable<ReviewFindingTable>;

const COLUMNS = [
  "id",
  "item_id",
  "source",
  "kind",
  "category",
  "severity",
  "start_at",
  "end_at",
  "text",
  "masked",
  "message",
  "suggestion",
  "status",
  "decision",
  "decision_note",
  "decided_by",
  "decided_at",
  "scanned_at",
] as const;

const norm = (r: FindingRow): FindingRow => ({
  ...r,
  start_at: Number(r.start_at),
  end_at: Number(r.end_at),
});

export async function findingsOf(db: Executor, itemId: string): Promise<FindingRow[]> {
  const rows = await db
    .selectFrom("review_findings")
    .select(COLUMNS)
    .where("item_id", "=", itemId)
    .orderBy("source")
    .orderBy("start_at")
    .execute();
  return rows.map(norm);
}

export async function findFinding(db: Executor, id: string): Promise<FindingRow | undefined> {
  const r = await db.selectFrom("review_findings").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  return r && norm(r);
}

export async function deleteOpenFindings(db: Executor, itemId: string): Promise<void> {
  await db.deleteFrom("review_findings").where("item_id", "=", itemId).where("status", "=", "open").execute();
}

export async function deleteFindingsFrom(db: Executor, itemId: string, source: string): Promise<void> {
  await db.deleteFrom("review_findings").where("item_id", "=", itemId).where("source", "=", source).execute();
}

export async function insertFindings(db: Executor, rows: FindingRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto("review_findings")
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function updateFinding(db: Executor, id: string, patch: Partial<FindingRow>): Promise<void> {
  await db.updateTable("review_findings").set(patch).where("id", "=", id).execute();
}

/** Open findings that stop an item going further: secrecy markings and unmasked personal information. */
export async function openStoppers(db: Executor, itemIds: string[]): Promise<FindingRow[]> {
  if (itemIds.length === 0) return [];
  const rows = await db
    .selectFrom("review_findings")
    .select(COLUMNS)
    .where("item_id", "in", itemIds)
    .where("status", "=", "open")
    .where("severity", "in", ["blocking", "error"])
    .execute();
  return rows.map(norm);
}

export async function getSettings(db: Executor, siteId: string) {
  return db
    .selectFrom("review_settings")
    .select(["site_id", "allow_phones", "allow_emails", "allow_addresses", "sensitive_words", "updated_at"])
    .where("site_id", "=", siteId)
    .executeTakeFirst();
}

export async function saveSettings(
  db: Executor,
  row: {
    site_id: string;
    allow_phones: string;
    allow_emails: string;
    allow_addresses: string;
    sensitive_words: string;
    updated_at: string;
  },
): Promise<void> {
  const existing = await getSettings(db, row.site_id);
  if (existing) await db.updateTable("review_settings").set(row).where("site_id", "=", row.site_id).execute();
  else await db.insertInto("review_settings").values(row).execute();
}
