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
import { type Engine, lockForUpdate } from "../../platform/workflow/locked-step";
import type { ApplicationDisputeTable, ApplicationStepTable, ApplicationTable } from "./applications.tables";

export type ApplicationRow = Selectable<ApplicationTable>;
export type StepRow = Selectable<ApplicationStepTable>;
export type DisputeRow = Selectable<ApplicationDisputeTable>;

const COLUMNS = [
  "id",
  "site_id",
  "tracking_code",
  "secret_hash",
  "channel",
  "status",
  "applicant_type",
  "applicant_name",
  "id_type",
  "id_number_enc",
  "id_index",
  "credit_code",
  "legal_rep",
  "phone_enc",
  "email_enc",
  "address_enc",
  "description",
  "delivery",
  "carrier",
  "submitted_at",
  "received_on",
  "org_id",
  "handler_id",
  "correction_deadline",
  "correction_used",
  "extended_days",
  "fee_yuan",
  "fee_method",
  "fee_deadline",
  "consult_party",
  "consult_deadline",
  "outcome",
  "outcome_note",
  "withheld_ground",
  "replied_on",
  "merged_into_id",
  "created_at",
  "updated_at",
] as const;

const norm = (r: ApplicationRow): ApplicationRow => ({
  ...r,
  correction_used: Number(r.correction_used),
  extended_days: Number(r.extended_days),
  fee_yuan: r.fee_yuan === null ? null : Number(r.fee_yuan),
});

export const insertApplication = (db: Executor, row: ApplicationRow) =>
  db.insertInto("applications").values(row).execute();

export async function updateApplication(
  db: Executor,
  id: string,
  patch: Partial<ApplicationRow>,
): Promise<void> {
  await db.updateTable("applications").set(patch).where("id", "=", id).execute();
}

export async function findApplication(db: Executor, id: string): Promise<ApplicationRow | undefined> {
  const r = await db.selectFrom("applications").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  return r && norm(r);
}

export async function findByTrackingCode(db: Executor, code: string): Promise<ApplicationRow | undefined> {
  const r = await db
    .selectFrom("applications")
    .select(COLUMNS)
    .where("tracking_code", "=", code)
    .executeTakeFirst();
  return r && norm(r);
}

export interface ApplicationFilter {
  siteId?: string;
  statuses?: string[];
  trackingCode?: string;
  idIndex?: string;
  applicantName?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** Only rows of these organisations, plus unassigned rows when `unassigned` (applications.policy.ts). */
  scope?: { orgIds: string[]; unassigned: boolean };
}

/** The one filter of application lists (queues, search, the staff API, exports, reminders). */
function applyApplicationFilter<O>(
  q: SelectQueryBuilder<Database, "applications", O>,
  f: ApplicationFilter,
): SelectQueryBuilder<Database, "applications", O> {
  if (f.siteId) q = q.where("site_id", "=", f.siteId);
  if (f.statuses) q = q.where("status", "in", f.statuses.length ? f.statuses : ["-"]);
  if (f.trackingCode) q = q.where("tracking_code", "=", f.trackingCode);
  if (f.idIndex) q = q.where("id_index", "=", f.idIndex);
  if (f.applicantName) q = q.where("applicant_name", "like", `%${f.applicantName.replace(/[%_\\]/g, "")}%`);
  if (f.receivedFrom) q = q.where("received_on", ">=", f.receivedFrom);
  if (f.receivedTo) q = q.where("received_on", "<=", f.receivedTo);
  const scope = f.scope;
  if (scope) {
    q = q.where((eb) => {
      const parts = [];
      if (scope.orgIds.length) parts.push(eb("org_id", "in", scope.orgIds));
      if (scope.unassigned) parts.push(eb("org_id", "is", null));
      // An empty list is `1 = 0` in Kysely: nothing.
      return eb.or(parts);
    });
  }
  return q;
}

/** Applications newest first by submission (ties by id), the first `limit` after `offset`. */
export async function listApplications(
  db: Executor,
  f: ApplicationFilter,
  limit = 200,
  offset = 0,
): Promise<ApplicationRow[]> {
  const rows = await applyApplicationFilter(db.selectFrom("applications").select(COLUMNS), f)
    .orderBy("submitted_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(norm);
}

/**
 * One page of applications, newest first by submission, by page number or cursor (src/platform/paging.ts),
 * read on the (…, submitted_at, id) indexes of migrations 0046 and 0047.
 */
export async function pageApplications(
  db: Executor,
  f: ApplicationFilter,
  req: PageRequest,
): Promise<Page<ApplicationRow>> {
  const page = await readPage(
    req,
    (r: ApplicationRow) => r.submitted_at,
    (r) => r.id,
    (seek) =>
      seekQuery(
        applyApplicationFilter(db.selectFrom("applications").select(COLUMNS), f),
        "submitted_at",
        "id",
        seek,
      ).execute(),
  );
  return { ...page, rows: page.rows.map(norm) };
}

/** How many applications match, exact up to COUNT_CAP. */
export const countApplicationsCapped = (db: Executor, f: ApplicationFilter): Promise<Total> =>
  countCapped(db, applyApplicationFilter(db.selectFrom("applications").select("id"), f));

/** How many applications one applicant (by identity blind index) made in a calendar month (按件 fees). */
export async function countByApplicantInMonth(db: Executor, idIndex: string, month: string): Promise<number> {
  const r = await db
    .selectFrom("applications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("id_index", "=", idIndex)
    .where("received_on", ">=", `${month}-01`)
    .where("received_on", "<=", `${month}-31`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const insertStep = (db: Executor, row: StepRow) =>
  db.insertInto("application_steps").values(row).execute();

export async function stepsOf(db: Executor, applicationId: string, publicOnly: boolean): Promise<StepRow[]> {
  let q = db
    .selectFrom("application_steps")
    .select([
      "id",
      "application_id",
      "at",
      "on_date",
      "action",
      "actor_label",
      "public",
      "public_text",
      "internal_note",
    ])
    .where("application_id", "=", applicationId);
  if (publicOnly) q = q.where("public", "=", 1);
  const rows = await q.orderBy("at").orderBy("id").execute();
  return rows.map((r) => ({ ...r, public: Number(r.public) }));
}

export const insertDispute = (db: Executor, row: DisputeRow) =>
  db.insertInto("application_disputes").values(row).execute();

export const disputesOf = (db: Executor, applicationId: string) =>
  db
    .selectFrom("application_disputes")
    .select(["id", "application_id", "kind", "filed_on", "result", "decided_on", "note", "created_at"])
    .where("application_id", "=", applicationId)
    .orderBy("filed_on")
    .execute();

/**
 * Takes the application row's lock for the rest of the transaction by touching it (PostgreSQL; SQLite has
 * a single writer anyway), so checks that count or look for related rows run one writer at a time.
 */
export async function lockApplication(trx: Executor, id: string, now: string): Promise<void> {
  await trx.updateTable("applications").set({ updated_at: now }).where("id", "=", id).execute();
}

/**
 * Loads an application with its row lock for the rest of the transaction (load, lock, check, write): a
 * second step on the same application waits here, then sees the first one's result.
 */
export async function lockApplicationRow(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<ApplicationRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("applications").select(COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("applications")
        .set((eb) => ({ updated_at: eb.ref("updated_at") }))
        .where("id", "=", id)
        .execute(),
  );
  const r = await q.executeTakeFirst();
  return r && norm(r);
}

/** Applications submitted since `since` (an instant): their description only, for the opinion domain's early warning. */
export async function applicationTextsSince(db: Executor, siteId: string, since: string, until: string) {
  return db
    .selectFrom("applications")
    .select(["id", "description", "submitted_at"])
    .where("site_id", "=", siteId)
    .where("submitted_at", ">=", since)
    .where("submitted_at", "<", until)
    .orderBy("submitted_at")
    .execute();
}
