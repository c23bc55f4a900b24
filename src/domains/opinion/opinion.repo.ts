// SQL of the opinion domain: settings, keywords, feed entries, cases with their events, warnings, and the
// 12345 supervision notices. Explicit column lists; callers pass db or a transaction.
import type { Insertable, Selectable, Transaction, Updateable } from "kysely";
import type { Database } from "../../db/schema";
import type { Executor } from "../../deps";
import { type Engine, lockForUpdate } from "../../platform/workflow/locked-step";
import type {
  CaseStatus,
  HotlineSupervisionTable,
  OpinionCaseEventTable,
  OpinionCaseTable,
  OpinionFeedEntryTable,
  OpinionSettingsTable,
  OpinionWarningTable,
} from "./opinion.tables";

export type CaseRow = Selectable<OpinionCaseTable>;
export type EventRow = Selectable<OpinionCaseEventTable>;
export type WarningRow = Selectable<OpinionWarningTable>;
export type SettingsRow = Selectable<OpinionSettingsTable>;
export type SupervisionRow = Selectable<HotlineSupervisionTable>;

const CASE_COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "title",
  "summary",
  "level",
  "category",
  "status",
  "warning_id",
  "discovered_at",
  "info_released_at",
  "press_held_at",
  "response_item_id",
  "response_published_at",
  "effect",
  "evaluation",
  "evaluated_at",
  "dismiss_reason",
  "created_by",
  "created_at",
  "updated_at",
] as const;

const WARNING_COLUMNS = [
  "id",
  "site_id",
  "kind",
  "topic",
  "topic_key",
  "count",
  "baseline",
  "window_hours",
  "evidence_json",
  "raised_at",
  "case_id",
] as const;

const SUPERVISION_COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "ticket_no",
  "subject",
  "requirement",
  "due_on",
  "status",
  "outcome",
  "closed_on",
  "issued_by",
  "created_at",
  "updated_at",
] as const;

// ------------------------------------------------------------------------------------------ settings

export const findSettings = (db: Executor, siteId: string) =>
  db
    .selectFrom("opinion_settings")
    .select([
      "site_id",
      "info_hours",
      "press_hours",
      "response_hours",
      "window_hours",
      "baseline_days",
      "burst_ratio",
      "burst_min",
      "updated_at",
    ])
    .where("site_id", "=", siteId)
    .executeTakeFirst();

export async function upsertSettings(db: Executor, row: SettingsRow): Promise<void> {
  const { site_id, ...rest } = row;
  const n = await db
    .updateTable("opinion_settings")
    .set(rest)
    .where("site_id", "=", site_id)
    .executeTakeFirst();
  if (Number(n.numUpdatedRows) === 0) await db.insertInto("opinion_settings").values(row).execute();
}

// ------------------------------------------------------------------------------------------ keywords

export const listKeywords = (db: Executor, siteId: string) =>
  db
    .selectFrom("opinion_keywords")
    .select(["id", "word", "created_at"])
    .where("site_id", "=", siteId)
    .orderBy("word")
    .execute();

export const insertKeyword = (
  db: Executor,
  row: { id: string; site_id: string; word: string; created_by: string | null; created_at: string },
) => db.insertInto("opinion_keywords").values(row).execute();

export const findKeyword = (db: Executor, siteId: string, id: string) =>
  db
    .selectFrom("opinion_keywords")
    .select(["id", "word"])
    .where("site_id", "=", siteId)
    .where("id", "=", id)
    .executeTakeFirst();

export const deleteKeyword = (db: Executor, id: string) =>
  db.deleteFrom("opinion_keywords").where("id", "=", id).execute();

// ------------------------------------------------------------------------------------------ feed entries

/** Inserts an entry unless the same one (fingerprint) is there already; true when inserted. */
export async function insertFeedEntry(
  db: Executor,
  row: Insertable<OpinionFeedEntryTable>,
): Promise<boolean> {
  const known = await db
    .selectFrom("opinion_feed_entries")
    .select("id")
    .where("site_id", "=", row.site_id)
    .where("fingerprint", "=", row.fingerprint)
    .executeTakeFirst();
  if (known) return false;
  await db.insertInto("opinion_feed_entries").values(row).execute();
  return true;
}

export const feedTextsSince = (db: Executor, siteId: string, since: string, until: string) =>
  db
    .selectFrom("opinion_feed_entries")
    .select(["id", "source", "title", "body", "published_at"])
    .where("site_id", "=", siteId)
    .where("published_at", ">=", since)
    .where("published_at", "<", until)
    .orderBy("published_at")
    .execute();

// ------------------------------------------------------------------------------------------ cases

export const insertCase = (db: Executor, row: CaseRow) =>
  db.insertInto("opinion_cases").values(row).execute();

export const findCase = (db: Executor, id: string) =>
  db.selectFrom("opinion_cases").select(CASE_COLUMNS).where("id", "=", id).executeTakeFirst();

/** Loads a case with its row lock: every step on it serialises here. */
export async function lockCase(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<CaseRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("opinion_cases").select(CASE_COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("opinion_cases")
        .set((eb) => ({ updated_at: eb.ref("updated_at") }))
        .where("id", "=", id)
        .execute(),
  );
  return q.executeTakeFirst();
}

export const updateCase = (db: Executor, id: string, set: Updateable<OpinionCaseTable>) =>
  db.updateTable("opinion_cases").set(set).where("id", "=", id).execute();

export interface CaseFilter {
  siteId: string;
  orgIds?: readonly string[];
  statuses?: readonly CaseStatus[];
}

export async function listCases(db: Executor, f: CaseFilter, limit = 200): Promise<CaseRow[]> {
  let q = db.selectFrom("opinion_cases").select(CASE_COLUMNS).where("site_id", "=", f.siteId);
  if (f.orgIds) {
    if (!f.orgIds.length) return [];
    q = q.where("org_id", "in", [...f.orgIds]);
  }
  if (f.statuses?.length) q = q.where("status", "in", [...f.statuses]);
  return q.orderBy("discovered_at", "desc").orderBy("id").limit(limit).execute();
}

/** Cases of a site that surfaced in [from, to) (instants), for the assessment's indicator. */
export const casesSurfacedIn = (db: Executor, siteId: string, from: string, to: string) =>
  db
    .selectFrom("opinion_cases")
    .select(CASE_COLUMNS)
    .where("site_id", "=", siteId)
    .where("discovered_at", ">=", from)
    .where("discovered_at", "<", to)
    .where("status", "not in", ["draft", "dismissed"])
    .execute();

export const insertEvent = (db: Executor, row: EventRow) =>
  db.insertInto("opinion_case_events").values(row).execute();

export const eventsOf = (db: Executor, caseId: string) =>
  db
    .selectFrom("opinion_case_events")
    .select(["id", "case_id", "at", "kind", "party", "text", "actor_label"])
    .where("case_id", "=", caseId)
    .orderBy("at")
    .orderBy("id")
    .execute();

// ------------------------------------------------------------------------------------------ warnings

export const insertWarning = (db: Executor, row: WarningRow) =>
  db.insertInto("opinion_warnings").values(row).execute();

export const findWarning = (db: Executor, id: string) =>
  db.selectFrom("opinion_warnings").select(WARNING_COLUMNS).where("id", "=", id).executeTakeFirst();

export const listWarnings = (db: Executor, siteId: string, limit = 200) =>
  db
    .selectFrom("opinion_warnings")
    .select(WARNING_COLUMNS)
    .where("site_id", "=", siteId)
    .orderBy("raised_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();

/** The topic keys of warnings raised since `since`: a topic already warned of in the window is not raised again. */
export async function warnedKeysSince(db: Executor, siteId: string, since: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("opinion_warnings")
    .select("topic_key")
    .where("site_id", "=", siteId)
    .where("raised_at", ">=", since)
    .execute();
  return new Set(rows.map((r) => r.topic_key));
}

export const setWarningCase = (db: Executor, id: string, caseId: string) =>
  db.updateTable("opinion_warnings").set({ case_id: caseId }).where("id", "=", id).execute();

// ------------------------------------------------------------------------------------------ supervision

export const insertSupervision = (db: Executor, row: SupervisionRow) =>
  db.insertInto("hotline_supervisions").values(row).execute();

export const findSupervision = (db: Executor, id: string) =>
  db.selectFrom("hotline_supervisions").select(SUPERVISION_COLUMNS).where("id", "=", id).executeTakeFirst();

export async function lockSupervision(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<SupervisionRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("hotline_supervisions").select(SUPERVISION_COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("hotline_supervisions")
        .set((eb) => ({ updated_at: eb.ref("updated_at") }))
        .where("id", "=", id)
        .execute(),
  );
  return q.executeTakeFirst();
}

export const updateSupervision = (db: Executor, id: string, set: Updateable<HotlineSupervisionTable>) =>
  db.updateTable("hotline_supervisions").set(set).where("id", "=", id).execute();

export async function listSupervisions(db: Executor, siteId: string, orgIds?: readonly string[]) {
  let q = db.selectFrom("hotline_supervisions").select(SUPERVISION_COLUMNS).where("site_id", "=", siteId);
  if (orgIds) {
    if (!orgIds.length) return [];
    q = q.where("org_id", "in", [...orgIds]);
  }
  return q.orderBy("created_at", "desc").orderBy("id").limit(500).execute();
}

/** The site's row lock: two scans of one site serialise, so a topic is raised once. */
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
