import type { Insertable, Selectable, Transaction, Updateable } from "kysely";
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
import type {
  CommentDecision,
  CommentStatus,
  ConsultationCommentTable,
  ConsultationDocumentTable,
  ConsultationStatus,
  ConsultationTable,
} from "./consultation.tables";

export type ConsultationRow = Selectable<ConsultationTable>;
export type CommentRow = Selectable<ConsultationCommentTable>;
export type DocumentRow = Selectable<ConsultationDocumentTable>;

const COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "title",
  "draft_html",
  "draft_text",
  "major",
  "start_on",
  "end_on",
  "short_reason",
  "status",
  "close_note",
  "report_summary",
  "final_item_id",
  "comment_count",
  "created_by",
  "opened_at",
  "closed_at",
  "reported_at",
  "created_at",
  "updated_at",
] as const;

const COMMENT_COLUMNS = [
  "id",
  "consultation_id",
  "number",
  "name",
  "phone_enc",
  "email_enc",
  "body",
  "status",
  "public_text",
  "public_name",
  "moderation_reason",
  "moderated_by",
  "moderated_at",
  "decision",
  "decision_reason",
  "created_at",
] as const;

const DOCUMENT_COLUMNS = [
  "id",
  "consultation_id",
  "position",
  "filename",
  "mime",
  "size",
  "sha256",
  "extracted_text",
  "created_by",
  "created_at",
] as const;

// PostgreSQL returns integers of a count or a bigint as strings; the columns here are int4, kept as numbers.
const norm = (r: ConsultationRow): ConsultationRow => ({
  ...r,
  major: Number(r.major),
  comment_count: Number(r.comment_count),
});

/** Statuses the public sees: opened and everything after. */
export const PUBLIC_STATUSES: readonly ConsultationStatus[] = [
  "open",
  "closed",
  "report_submitted",
  "reported",
];

export async function insertConsultation(db: Executor, row: Insertable<ConsultationTable>): Promise<void> {
  await db.insertInto("consultations").values(row).execute();
}

export async function findConsultation(db: Executor, id: string): Promise<ConsultationRow | undefined> {
  const r = await db.selectFrom("consultations").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  return r && norm(r);
}

/** A write that changes nothing: on SQLite it takes the database's write lock (see lockForUpdate). */
const touch = (trx: Transaction<Database>, id: string) =>
  trx
    .updateTable("consultations")
    .set((eb) => ({ updated_at: eb.ref("updated_at") }))
    .where("id", "=", id)
    .execute();

/** Loads a consultation with its row lock: a step, a comment and closing serialise on it. */
export async function lockConsultation(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<ConsultationRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("consultations").select(COLUMNS).where("id", "=", id),
    () => touch(trx, id),
  );
  const r = await q.executeTakeFirst();
  return r && norm(r);
}

export async function updateConsultation(
  db: Executor,
  id: string,
  set: Updateable<ConsultationTable>,
): Promise<void> {
  await db.updateTable("consultations").set(set).where("id", "=", id).execute();
}

export interface ListFilter {
  siteId: string;
  statuses?: readonly ConsultationStatus[];
  /** Staff lists: only these organisations. */
  orgIds?: readonly string[];
}

function filtered(db: Executor, f: ListFilter) {
  let q = db.selectFrom("consultations").where("site_id", "=", f.siteId);
  if (f.statuses) q = q.where("status", "in", [...f.statuses]);
  if (f.orgIds) q = f.orgIds.length ? q.where("org_id", "in", [...f.orgIds]) : q.where("id", "=", "");
  return q;
}

/**
 * One page of the public or staff list, the latest first day first (ties: the latest made, ids being
 * time-ordered), by page number or cursor (src/platform/paging.ts).
 */
export async function pageConsultations(
  db: Executor,
  f: ListFilter,
  req: PageRequest,
): Promise<Page<ConsultationRow>> {
  const page = await readPage(
    req,
    (r: ConsultationRow) => r.start_on,
    (r) => r.id,
    (seek) =>
      seekQuery(
        filtered(db, f).select(COLUMNS),
        "consultations.start_on",
        "consultations.id",
        seek,
      ).execute(),
  );
  return { ...page, rows: page.rows.map(norm) };
}

/** How many consultations the list holds, exact up to COUNT_CAP. */
export const countConsultationsCapped = (db: Executor, f: ListFilter): Promise<Total> =>
  countCapped(db, filtered(db, f).select("consultations.id"));

export async function listConsultations(
  db: Executor,
  f: ListFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: ConsultationRow[]; total: number }> {
  const q = filtered(db, f);
  const [rows, count] = await Promise.all([
    q
      .select(COLUMNS)
      .orderBy("start_on", "desc")
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst(),
  ]);
  return { rows: rows.map(norm), total: Number(count?.n ?? 0) };
}

/** The consultations that name this item as their final policy (the item page's back-link). */
export async function consultationsOfItem(db: Executor, itemId: string) {
  return db
    .selectFrom("consultations")
    .select(["id", "title"])
    .where("final_item_id", "=", itemId)
    .where("status", "in", [...PUBLIC_STATUSES])
    .orderBy("created_at")
    .execute();
}

// Comments

export async function insertComment(db: Executor, row: Insertable<ConsultationCommentTable>): Promise<void> {
  await db.insertInto("consultation_comments").values(row).execute();
}

export async function listComments(
  db: Executor,
  consultationId: string,
  status?: CommentStatus,
): Promise<CommentRow[]> {
  let q = db
    .selectFrom("consultation_comments")
    .select(COMMENT_COLUMNS)
    .where("consultation_id", "=", consultationId);
  if (status) q = q.where("status", "=", status);
  const rows = await q.orderBy("number").execute();
  return rows.map((r) => ({ ...r, number: Number(r.number) }));
}

export async function findComment(
  db: Executor,
  consultationId: string,
  commentId: string,
): Promise<CommentRow | undefined> {
  const r = await db
    .selectFrom("consultation_comments")
    .select(COMMENT_COLUMNS)
    .where("consultation_id", "=", consultationId)
    .where("id", "=", commentId)
    .executeTakeFirst();
  return r && { ...r, number: Number(r.number) };
}

export async function updateComment(
  db: Executor,
  id: string,
  set: Updateable<ConsultationCommentTable>,
): Promise<void> {
  await db.updateTable("consultation_comments").set(set).where("id", "=", id).execute();
}

export async function setDecision(
  db: Executor,
  id: string,
  decision: CommentDecision | null,
  reason: string | null,
): Promise<void> {
  await db
    .updateTable("consultation_comments")
    .set({ decision, decision_reason: reason })
    .where("id", "=", id)
    .execute();
}

// Documents

export async function listDocuments(db: Executor, consultationId: string): Promise<DocumentRow[]> {
  const rows = await db
    .selectFrom("consultation_documents")
    .select(DOCUMENT_COLUMNS)
    .where("consultation_id", "=", consultationId)
    .orderBy("position")
    .execute();
  return rows.map((r) => ({ ...r, position: Number(r.position), size: Number(r.size) }));
}

export async function insertDocuments(
  db: Executor,
  rows: Insertable<ConsultationDocumentTable>[],
): Promise<void> {
  if (rows.length) await db.insertInto("consultation_documents").values(rows).execute();
}

/** An item as the consultation links to it: the final policy must be published on the same site. */
export async function findItemForLink(db: Executor, itemId: string) {
  return db
    .selectFrom("items")
    .select(["id", "site_id", "title", "status"])
    .where("id", "=", itemId)
    .executeTakeFirst();
}

// The daily job (consultation.jobs.ts)

/** Open consultations, of every site, whose last day lies before `today`. */
export async function listExpiredOpen(db: Executor, today: string): Promise<ConsultationRow[]> {
  const rows = await db
    .selectFrom("consultations")
    .select(COLUMNS)
    .where("status", "=", "open")
    .where("end_on", "<", today)
    .orderBy("end_on")
    .orderBy("id")
    .execute();
  return rows.map(norm);
}

/** Closed consultations whose feedback report is not yet submitted (also those sent back), every site. */
export async function listAwaitingReport(db: Executor): Promise<ConsultationRow[]> {
  const rows = await db
    .selectFrom("consultations")
    .select(COLUMNS)
    .where("status", "=", "closed")
    .orderBy("end_on")
    .orderBy("id")
    .execute();
  return rows.map(norm);
}

/** How many comments of each consultation still wait for moderation. */
export async function pendingCounts(db: Executor, ids: readonly string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom("consultation_comments")
    .select(["consultation_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("consultation_id", "in", [...ids])
    .where("status", "=", "pending")
    .groupBy("consultation_id")
    .execute();
  return new Map(rows.map((r) => [r.consultation_id, Number(r.n)]));
}

/** Comments on the site's consultations since `since` (an instant): their text only, for the opinion domain's early warning. */
export async function commentTextsSince(db: Executor, siteId: string, since: string, until: string) {
  return db
    .selectFrom("consultation_comments as cc")
    .innerJoin("consultations as c", "c.id", "cc.consultation_id")
    .select(["cc.id as id", "cc.body as body", "cc.created_at as created_at"])
    .where("c.site_id", "=", siteId)
    .where("cc.created_at", ">=", since)
    .where("cc.created_at", "<", until)
    .orderBy("cc.created_at")
    .execute();
}
