import type { Selectable } from "kysely";
import type { Executor } from "../../../deps";
import {
  countCapped,
  type Page,
  type PageRequest,
  readPage,
  seekQuery,
  type Total,
} from "../../../platform/paging";
import type {
  ApplicationArchiveTable,
  ApplicationRepeatDecisionTable,
  ApplicationSuggestionTable,
} from "./archive.tables";

export type ArchiveRow = Selectable<ApplicationArchiveTable>;
export type DecisionRow = Selectable<ApplicationRepeatDecisionTable>;
export type SuggestionRow = Selectable<ApplicationSuggestionTable>;

const ARCHIVE = [
  "id",
  "application_id",
  "site_id",
  "status",
  "summary",
  "reply_summary",
  "applicant_type",
  "received_on",
  "replied_on",
  "outcome",
  "org_id",
  "org_name",
  "published_at",
  "published_by",
  "withdrawn_at",
  "withdrawn_by",
  "withdraw_reason",
  "created_at",
  "updated_at",
] as const;

export async function insertArchive(db: Executor, row: ArchiveRow): Promise<void> {
  await db.insertInto("application_archive").values(row).execute();
}

export async function updateArchive(db: Executor, id: string, patch: Partial<ArchiveRow>): Promise<void> {
  await db.updateTable("application_archive").set(patch).where("id", "=", id).execute();
}

export async function findArchiveByApplication(
  db: Executor,
  applicationId: string,
): Promise<ArchiveRow | undefined> {
  return db
    .selectFrom("application_archive")
    .select(ARCHIVE)
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
}

export async function findArchive(db: Executor, id: string): Promise<ArchiveRow | undefined> {
  return db.selectFrom("application_archive").select(ARCHIVE).where("id", "=", id).executeTakeFirst();
}

export interface ArchiveFilter {
  siteId: string;
  status?: string;
  /** Calendar year of the reply. */
  year?: number;
  outcome?: string;
  /** Only entries of these organisations, plus those of unassigned applications when `unassigned`. */
  scope?: { orgIds: string[]; unassigned: boolean };
}

function filtered(db: Executor, f: ArchiveFilter) {
  let q = db.selectFrom("application_archive").where("site_id", "=", f.siteId);
  const scope = f.scope;
  if (scope)
    q = q.where((eb) => {
      const parts = [];
      if (scope.orgIds.length) parts.push(eb("org_id", "in", scope.orgIds));
      if (scope.unassigned) parts.push(eb("org_id", "is", null));
      return eb.or(parts);
    });
  if (f.status) q = q.where("status", "=", f.status);
  if (f.year) q = q.where("replied_on", ">=", `${f.year}-01-01`).where("replied_on", "<=", `${f.year}-12-31`);
  if (f.outcome) {
    // A group prefix ("withhold") matches every outcome in it; a full outcome matches itself.
    q = f.outcome.includes(".")
      ? q.where("outcome", "=", f.outcome)
      : q.where((eb) => eb.or([eb("outcome", "=", f.outcome!), eb("outcome", "like", `${f.outcome}.%`)]));
  }
  return q;
}

export async function listArchive(
  db: Executor,
  f: ArchiveFilter,
  page: { limit: number; offset: number },
): Promise<ArchiveRow[]> {
  // The order of the paged lists (pageArchive): the reply date, then the id (UUIDv7, so by creation).
  return filtered(db, f)
    .select(ARCHIVE)
    .orderBy("replied_on", "desc")
    .orderBy("id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/**
 * One page of archive entries, newest reply first, by page number or cursor (src/platform/paging.ts), on the
 * (site_id[, status], replied_on, id) indexes of migration 0047.
 */
export const pageArchive = (db: Executor, f: ArchiveFilter, req: PageRequest): Promise<Page<ArchiveRow>> =>
  readPage(
    req,
    (r: ArchiveRow) => r.replied_on,
    (r) => r.id,
    (seek) => seekQuery(filtered(db, f).select(ARCHIVE), "replied_on", "id", seek).execute(),
  );

/** How many entries match, exact up to COUNT_CAP. */
export const countArchiveCapped = (db: Executor, f: ArchiveFilter): Promise<Total> =>
  countCapped(db, filtered(db, f).select("id"));

export async function countArchive(db: Executor, f: ArchiveFilter): Promise<number> {
  const r = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Applications considered for the Art. 44 list: not merged, received (or submitted) within the period. */
export async function applicationsForRepeats(db: Executor, siteId: string, from: string, to: string) {
  return db
    .selectFrom("applications")
    .select([
      "id",
      "tracking_code",
      "status",
      "applicant_type",
      "applicant_name",
      "id_index",
      "description",
      "submitted_at",
      "received_on",
      "org_id",
      "outcome",
      "replied_on",
    ])
    .where("site_id", "=", siteId)
    .where("status", "!=", "merged")
    .where("merged_into_id", "is", null)
    .where((eb) =>
      eb.or([
        eb.and([eb("received_on", ">=", from), eb("received_on", "<=", to)]),
        eb.and([
          eb("received_on", "is", null),
          eb("submitted_at", ">=", `${from}T00:00:00`),
          eb("submitted_at", "<=", `${to}T23:59:59.999Z`),
        ]),
      ]),
    )
    .orderBy("submitted_at")
    .orderBy("id")
    .limit(20_000)
    .execute();
}

const DECISION = [
  "id",
  "site_id",
  "decision",
  "title",
  "reason",
  "org_id",
  "item_id",
  "application_ids",
  "decided_by",
  "decided_at",
] as const;

export async function insertDecision(db: Executor, row: DecisionRow): Promise<void> {
  await db.insertInto("application_repeat_decisions").values(row).execute();
}

export async function listDecisions(db: Executor, siteId: string, decision?: string): Promise<DecisionRow[]> {
  let q = db.selectFrom("application_repeat_decisions").select(DECISION).where("site_id", "=", siteId);
  if (decision) q = q.where("decision", "=", decision);
  return q.orderBy("decided_at", "desc").orderBy("id").execute();
}

/** Status and title of the items Art. 44 decisions link to (read-only, for the public list). */
export async function itemsByIds(
  db: Executor,
  ids: string[],
): Promise<Map<string, { id: string; status: string; title: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("items")
    .select(["id", "status", "title"])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

const SUGGESTION = ["id", "application_id", "reason", "recorded_by", "recorded_at"] as const;

export async function insertSuggestion(db: Executor, row: SuggestionRow): Promise<void> {
  await db.insertInto("application_suggestions").values(row).execute();
}

export async function findSuggestion(
  db: Executor,
  applicationId: string,
): Promise<SuggestionRow | undefined> {
  return db
    .selectFrom("application_suggestions")
    .select(SUGGESTION)
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
}

/** The suggestions among these applications. */
export async function suggestionsFor(db: Executor, applicationIds: string[]): Promise<SuggestionRow[]> {
  if (applicationIds.length === 0) return [];
  const out: SuggestionRow[] = [];
  // Chunked: PostgreSQL and SQLite both cap bound parameters.
  for (let i = 0; i < applicationIds.length; i += 500)
    out.push(
      ...(await db
        .selectFrom("application_suggestions")
        .select(SUGGESTION)
        .where("application_id", "in", applicationIds.slice(i, i + 500))
        .execute()),
    );
  return out;
}
