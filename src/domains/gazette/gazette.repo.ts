import type { Insertable, Selectable, Transaction, Updateable } from "kysely";
import type { Database } from "../../db/schema";
import type { Executor } from "../../deps";
import {
  badCursor,
  countCapped,
  type Page,
  type PageRequest,
  readPage,
  seekQuery,
  type Total,
} from "../../platform/paging";
import { type Engine, lockForUpdate } from "../../platform/workflow/locked-step";
import type { GazetteEntryTable, GazetteIssueTable, IssueStatus } from "./gazette.tables";

export type IssueRow = Selectable<GazetteIssueTable>;
export type EntryRow = Selectable<GazetteEntryTable>;

const ISSUE_COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "source",
  "status",
  "year",
  "number",
  "total_number",
  "published_on",
  "note",
  "file_sha256",
  "file_size",
  "file_type",
  "file_name",
  "body_text",
  "created_by",
  "submitted_by",
  "reviewed_by",
  "released_by",
  "submitted_at",
  "reviewed_at",
  "released_at",
  "created_at",
  "updated_at",
] as const;

const ENTRY_COLUMNS = [
  "id",
  "issue_id",
  "position",
  "category",
  "item_id",
  "org_id",
  "org_name",
  "title",
  "doc_number",
  "formed_on",
  "body_text",
] as const;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

// PostgreSQL may return integers as strings; they are kept as numbers here.
const normIssue = (r: IssueRow): IssueRow => ({
  ...r,
  year: Number(r.year),
  number: num(r.number),
  total_number: num(r.total_number),
  file_size: num(r.file_size),
});
const normEntry = (r: EntryRow): EntryRow => ({ ...r, position: Number(r.position) });

export async function insertIssue(db: Executor, row: Insertable<GazetteIssueTable>): Promise<void> {
  await db.insertInto("gazette_issues").values(row).execute();
}

export async function findIssue(db: Executor, id: string): Promise<IssueRow | undefined> {
  const r = await db
    .selectFrom("gazette_issues")
    .select(ISSUE_COLUMNS)
    .where("id", "=", id)
    .executeTakeFirst();
  return r && normIssue(r);
}

export async function findIssueByFile(
  db: Executor,
  siteId: string,
  sha256: string,
): Promise<IssueRow | undefined> {
  const r = await db
    .selectFrom("gazette_issues")
    .select(ISSUE_COLUMNS)
    .where("site_id", "=", siteId)
    .where("file_sha256", "=", sha256)
    .executeTakeFirst();
  return r && normIssue(r);
}

/** Released issues with this file hash on any site (the verify page filters by site). */
export async function releasedIssuesByFile(db: Executor, sha256: string): Promise<IssueRow[]> {
  const rows = await db
    .selectFrom("gazette_issues")
    .select(ISSUE_COLUMNS)
    .where("file_sha256", "=", sha256)
    .where("status", "=", "released")
    .execute();
  return rows.map(normIssue);
}

/** Loads an issue with its row lock: every step and every edit of its documents serialise on it. */
export async function lockIssue(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<IssueRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("gazette_issues").select(ISSUE_COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("gazette_issues")
        .set((eb) => ({ updated_at: eb.ref("updated_at") }))
        .where("id", "=", id)
        .execute(),
  );
  const r = await q.executeTakeFirst();
  return r && normIssue(r);
}

/** Locks the site's row: numbers of the gazette are allocated under it, so two releases never share one. */
export async function lockSite(trx: Transaction<Database>, engine: Engine, siteId: string): Promise<void> {
  const q = await lockForUpdate(engine, trx.selectFrom("sites").select("id").where("id", "=", siteId), () =>
    trx
      .updateTable("sites")
      .set((eb) => ({ id: eb.ref("id") }))
      .where("id", "=", siteId)
      .execute(),
  );
  await q.executeTakeFirst();
}

/** The numbers the next released issue of `year` takes: 年第N期 and 总第M期 (run under lockSite). */
export async function nextNumbers(
  db: Executor,
  siteId: string,
  year: number,
): Promise<{ number: number; total: number }> {
  const [inYear, total] = await Promise.all([
    db
      .selectFrom("gazette_issues")
      .select((eb) => eb.fn.max("number").as("n"))
      .where("site_id", "=", siteId)
      .where("year", "=", year)
      .executeTakeFirst(),
    db
      .selectFrom("gazette_issues")
      .select((eb) => eb.fn.max("total_number").as("n"))
      .where("site_id", "=", siteId)
      .executeTakeFirst(),
  ]);
  return { number: (num(inYear?.n) ?? 0) + 1, total: (num(total?.n) ?? 0) + 1 };
}

export async function updateIssue(
  db: Executor,
  id: string,
  set: Updateable<GazetteIssueTable>,
): Promise<void> {
  await db.updateTable("gazette_issues").set(set).where("id", "=", id).execute();
}

export interface IssueFilter {
  siteId: string;
  statuses?: readonly IssueStatus[];
  year?: number;
}

export async function listIssues(
  db: Executor,
  f: IssueFilter,
  page: { limit: number; offset: number } = { limit: 10_000, offset: 0 },
): Promise<{ rows: IssueRow[]; total: number }> {
  const q = issuesOf(db, f);
  const [rows, count] = await Promise.all([
    q
      .select(ISSUE_COLUMNS)
      .orderBy("year", "desc")
      .orderBy("total_number", "desc")
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst(),
  ]);
  return { rows: rows.map(normIssue), total: Number(count?.n ?? 0) };
}

/** One page of the back office's list: latest year first, then the latest made (ids are time-ordered). */
export async function pageIssues(db: Executor, f: IssueFilter, req: PageRequest): Promise<Page<IssueRow>> {
  const page = await readPage(
    req,
    (r: IssueRow) => Number(r.year),
    (r) => r.id,
    (seek) =>
      seekQuery(
        issuesOf(db, f).select(ISSUE_COLUMNS),
        "gazette_issues.year",
        "gazette_issues.id",
        seek,
      ).execute(),
  );
  return { ...page, rows: page.rows.map(normIssue) };
}

export const countIssuesCapped = (db: Executor, f: IssueFilter): Promise<Total> =>
  countCapped(db, issuesOf(db, f).select("gazette_issues.id"));

function issuesOf(db: Executor, f: IssueFilter) {
  let q = db.selectFrom("gazette_issues").where("site_id", "=", f.siteId);
  if (f.statuses) q = q.where("status", "in", [...f.statuses]);
  if (f.year) q = q.where("year", "=", f.year);
  return q;
}

/** The years that have a released issue, latest first. */
export async function releasedYears(db: Executor, siteId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("gazette_issues")
    .select("year")
    .distinct()
    .where("site_id", "=", siteId)
    .where("status", "=", "released")
    .orderBy("year", "desc")
    .execute();
  return rows.map((r) => Number(r.year));
}

// Entries

export async function listEntries(db: Executor, issueIds: readonly string[]): Promise<EntryRow[]> {
  if (!issueIds.length) return [];
  const rows = await db
    .selectFrom("gazette_entries")
    .select(ENTRY_COLUMNS)
    .where("issue_id", "in", [...issueIds])
    .orderBy("issue_id")
    .orderBy("position")
    .execute();
  return rows.map(normEntry);
}

export async function countEntries(db: Executor, issueId: string): Promise<number> {
  const r = await db
    .selectFrom("gazette_entries")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("issue_id", "=", issueId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertEntries(db: Executor, rows: Insertable<GazetteEntryTable>[]): Promise<void> {
  if (rows.length) await db.insertInto("gazette_entries").values(rows).execute();
}

export async function deleteEntries(db: Executor, issueId: string): Promise<void> {
  await db.deleteFrom("gazette_entries").where("issue_id", "=", issueId).execute();
}

export async function updateEntry(
  db: Executor,
  id: string,
  set: Updateable<GazetteEntryTable>,
): Promise<void> {
  await db.updateTable("gazette_entries").set(set).where("id", "=", id).execute();
}

/** The items already carried by another issue, with that issue's status (one document, one issue). */
export async function issuesCarrying(
  db: Executor,
  itemIds: readonly string[],
  exceptIssueId: string,
): Promise<Array<{ item_id: string | null; issue_id: string; status: string }>> {
  if (!itemIds.length) return [];
  return db
    .selectFrom("gazette_entries")
    .innerJoin("gazette_issues", "gazette_issues.id", "gazette_entries.issue_id")
    .select(["gazette_entries.item_id", "gazette_entries.issue_id", "gazette_issues.status"])
    .where("gazette_entries.item_id", "in", [...itemIds])
    .where("gazette_entries.issue_id", "!=", exceptIssueId)
    .execute();
}

export interface ReleasedEntryFilter {
  siteId: string;
  year?: number;
  issueId?: string;
  orgId?: string;
}

export type ReleasedEntryRow = EntryRow & {
  year: number;
  number: number | null;
  total_number: number | null;
  published_on: string | null;
};

function releasedEntriesOf(db: Executor, f: ReleasedEntryFilter) {
  let q = db
    .selectFrom("gazette_entries")
    .innerJoin("gazette_issues", "gazette_issues.id", "gazette_entries.issue_id")
    .where("gazette_issues.site_id", "=", f.siteId)
    .where("gazette_issues.status", "=", "released");
  if (f.year) q = q.where("gazette_issues.year", "=", f.year);
  if (f.issueId) q = q.where("gazette_issues.id", "=", f.issueId);
  if (f.orgId) q = q.where("gazette_entries.org_id", "=", f.orgId);
  return q;
}

// The database's order is the latest issue first, then each issue's documents in their order: the cursor's key
// packs (total number, position) into one integer, as a released issue's total number and a position are both
// whole numbers and a position stays far below POSITION_SPAN.
const POSITION_SPAN = 1_000_000;

/**
 * One page of the released documents by issue (latest first) and position, by page number or cursor: the seek
 * reads the issues from their (site_id, status, total_number) index and each issue's documents from
 * (issue_id, position).
 */
export async function pageReleasedEntries(
  db: Executor,
  f: ReleasedEntryFilter,
  req: PageRequest,
): Promise<Page<ReleasedEntryRow>> {
  return readPage(
    req,
    (r: ReleasedEntryRow) => (r.total_number ?? 0) * POSITION_SPAN + r.position,
    (r) => r.id,
    async (seek) => {
      let q = releasedEntriesOf(db, f)
        .select(ENTRY_COLUMNS.map((c) => `gazette_entries.${c}` as const))
        .select([
          "gazette_issues.year",
          "gazette_issues.number",
          "gazette_issues.total_number",
          "gazette_issues.published_on",
        ]);
      const c = seek.cursor;
      if (c) {
        if (typeof c.key !== "number") throw badCursor();
        const total = Math.floor(c.key / POSITION_SPAN);
        const position = c.key % POSITION_SPAN;
        const after = c.dir === "after";
        q = q.where((eb) =>
          eb.or([
            eb("gazette_issues.total_number", after ? "<" : ">", total),
            eb.and([
              eb("gazette_issues.total_number", "=", total),
              eb.or([
                eb("gazette_entries.position", after ? ">" : "<", position),
                eb.and([
                  eb("gazette_entries.position", "=", position),
                  eb("gazette_entries.id", after ? ">" : "<", c.id),
                ]),
              ]),
            ]),
          ]),
        );
      }
      // Forwards: latest issue first, its documents in order; backwards from a cursor: all of it turned round.
      const forward = seek.desc;
      q = q
        .orderBy("gazette_issues.total_number", forward ? "desc" : "asc")
        .orderBy("gazette_entries.position", forward ? "asc" : "desc")
        .orderBy("gazette_entries.id", forward ? "asc" : "desc")
        .limit(seek.limit);
      if (seek.offset) q = q.offset(seek.offset);
      const rows = await q.execute();
      return rows.map((r) => ({
        ...normEntry(r as EntryRow),
        year: Number(r.year),
        number: num(r.number),
        total_number: num(r.total_number),
        published_on: r.published_on,
      }));
    },
  );
}

export const countReleasedEntriesCapped = (db: Executor, f: ReleasedEntryFilter): Promise<Total> =>
  countCapped(db, releasedEntriesOf(db, f).select("gazette_entries.id"));

export * from "./gazette-links.repo";
