// The gazette's queries on what it links to: published items it may carry, the site and its organisations, and
// correction notices (re-exported by gazette.repo.ts).
import type { Insertable, Selectable } from "kysely";
import type { Executor } from "../../deps";
import type { GazetteCorrectionTable } from "./gazette.tables";

export type CorrectionRow = Selectable<GazetteCorrectionTable>;

const CORRECTION_COLUMNS = [
  "id",
  "site_id",
  "issue_id",
  "entry_id",
  "text",
  "published_on",
  "created_by",
  "created_at",
] as const;

// Items the gazette may carry

export interface GazetteItem {
  id: string;
  site_id: string;
  org_id: string;
  kind: string;
  status: string;
  title: string;
  doc_number: string | null;
  formed_on: string;
  published_on: string | null;
  body_text: string;
}

const ITEM_COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "kind",
  "status",
  "title",
  "doc_number",
  "formed_on",
  "published_on",
  "body_text",
] as const;

export async function findItems(db: Executor, ids: readonly string[]): Promise<GazetteItem[]> {
  if (!ids.length) return [];
  return db
    .selectFrom("items")
    .select(ITEM_COLUMNS)
    .where("id", "in", [...ids])
    .execute();
}

/** Published policies and normative documents of these organisations, latest first (the compile form's list). */
export async function candidateItems(
  db: Executor,
  siteId: string,
  orgIds: readonly string[],
  kinds: readonly string[],
  limit = 200,
): Promise<GazetteItem[]> {
  if (!orgIds.length) return [];
  return db
    .selectFrom("items")
    .select(ITEM_COLUMNS)
    .where("site_id", "=", siteId)
    .where("status", "=", "published")
    .where("kind", "in", [...kinds])
    .where("org_id", "in", [...orgIds])
    .orderBy("published_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

// Corrections

export async function insertCorrection(db: Executor, row: Insertable<GazetteCorrectionTable>): Promise<void> {
  await db.insertInto("gazette_corrections").values(row).execute();
}

export async function listCorrections(
  db: Executor,
  f: { siteId: string; issueId?: string },
): Promise<CorrectionRow[]> {
  let q = db.selectFrom("gazette_corrections").select(CORRECTION_COLUMNS).where("site_id", "=", f.siteId);
  if (f.issueId) q = q.where("issue_id", "=", f.issueId);
  return q.orderBy("published_on").orderBy("created_at").orderBy("id").execute();
}

export async function findCorrection(db: Executor, id: string): Promise<CorrectionRow | undefined> {
  return db
    .selectFrom("gazette_corrections")
    .select(CORRECTION_COLUMNS)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The site's name (the government whose gazette it is). */
export async function siteNameOf(db: Executor, siteId: string): Promise<string> {
  const r = await db.selectFrom("sites").select("name").where("id", "=", siteId).executeTakeFirst();
  return r?.name ?? "";
}

/** Organisations of the site that answer to a higher level (vertically managed organs, a city bureau's branch). */
export async function higherLevelOrgIds(db: Executor, siteId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("orgs")
    .select("id")
    .where("site_id", "=", siteId)
    .where("review_route", "in", ["vertical", "branch"])
    .execute();
  return new Set(rows.map((r) => r.id));
}
