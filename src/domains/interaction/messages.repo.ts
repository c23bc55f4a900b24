import type { Selectable, Transaction } from "kysely";
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
import type { MessageHolderTable, MessageStepTable, MessageTable } from "./interaction.tables";

export type MessageRow = Selectable<MessageTable>;
export type StepRow = Selectable<MessageStepTable>;
export type HolderRow = Selectable<MessageHolderTable>;

const COLUMNS = [
  "id",
  "site_id",
  "tracking_code",
  "secret_hash",
  "type",
  "channel",
  "status",
  "title",
  "body",
  "name_enc",
  "phone_enc",
  "email_enc",
  "contact_enc",
  "wants_public",
  "private",
  "page_url",
  "error_kind",
  "received_on",
  "reject_reason",
  "duplicate_of_id",
  "draft_body",
  "draft_by_id",
  "draft_by_label",
  "draft_org_id",
  "drafted_at",
  "reply_body",
  "reply_org_id",
  "replied_on",
  "published_at",
  "qa_title",
  "qa_question",
  "qa_answer",
  "rating",
  "rated_at",
  "follow_up",
  "follow_up_on",
  "created_at",
  "updated_at",
] as const;

const norm = (r: MessageRow): MessageRow => ({
  ...r,
  wants_public: Number(r.wants_public),
  private: Number(r.private),
});

export const insertMessage = (db: Executor, row: MessageRow) =>
  db.insertInto("messages").values(row).execute();

export async function updateMessage(db: Executor, id: string, patch: Partial<MessageRow>): Promise<void> {
  await db.updateTable("messages").set(patch).where("id", "=", id).execute();
}

export async function findMessage(db: Executor, id: string): Promise<MessageRow | undefined> {
  const r = await db.selectFrom("messages").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  return r && norm(r);
}

export async function findByTrackingCode(db: Executor, code: string): Promise<MessageRow | undefined> {
  const r = await db
    .selectFrom("messages")
    .select(COLUMNS)
    .where("tracking_code", "=", code)
    .executeTakeFirst();
  return r && norm(r);
}

/** Loads a message with its row lock for the rest of the transaction (load, lock, check, write). */
export async function lockMessageRow(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<MessageRow | undefined> {
  const q = await lockForUpdate(engine, trx.selectFrom("messages").select(COLUMNS).where("id", "=", id), () =>
    trx
      .updateTable("messages")
      .set((eb) => ({ updated_at: eb.ref("updated_at") }))
      .where("id", "=", id)
      .execute(),
  );
  const r = await q.executeTakeFirst();
  return r && norm(r);
}

export const insertStep = (db: Executor, row: StepRow) =>
  db.insertInto("message_steps").values(row).execute();

export async function stepsOf(db: Executor, messageId: string, publicOnly: boolean): Promise<StepRow[]> {
  let q = db
    .selectFrom("message_steps")
    .selectAll()
    .where("message_id", "=", messageId)
    .orderBy("at")
    .orderBy("id");
  if (publicOnly) q = q.where("public", "=", 1);
  return (await q.execute()).map((s) => ({ ...s, public: Number(s.public) }));
}

export const holdersOf = (db: Executor, messageId: string): Promise<HolderRow[]> =>
  db.selectFrom("message_holders").selectAll().where("message_id", "=", messageId).orderBy("since").execute();

export const insertHolder = (db: Executor, row: HolderRow) =>
  db.insertInto("message_holders").values(row).execute();

export async function releaseHolders(db: Executor, messageId: string, orgIds: readonly string[], at: string) {
  if (!orgIds.length) return;
  await db
    .updateTable("message_holders")
    .set({ released_at: at })
    .where("message_id", "=", messageId)
    .where("org_id", "in", orgIds)
    .where("released_at", "is", null)
    .execute();
}

export interface ListFilter {
  siteId: string;
  /** Restrict to messages ever held by these organisations (undefined: the whole site). */
  orgIds?: readonly string[];
  trackingCode?: string;
  status?: string;
  statuses?: readonly string[];
  type?: string;
  types?: readonly string[];
  ids?: readonly string[];
  /** online | phone | letter | visit | hotline */
  channel?: string;
}

function filtered(db: Executor, f: ListFilter) {
  let q = db.selectFrom("messages").where("site_id", "=", f.siteId);
  const orgIds = f.orgIds;
  if (orgIds)
    q = q.where("id", "in", (eb) =>
      eb
        .selectFrom("message_holders")
        .select("message_id")
        .where("org_id", "in", orgIds.length ? [...orgIds] : ["-"]),
    );
  if (f.trackingCode) q = q.where("tracking_code", "=", f.trackingCode);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.statuses) q = q.where("status", "in", f.statuses.length ? [...f.statuses] : ["-"]);
  if (f.type) q = q.where("type", "=", f.type);
  if (f.types) q = q.where("type", "in", f.types.length ? [...f.types] : ["-"]);
  if (f.ids) q = q.where("id", "in", f.ids.length ? [...f.ids] : ["-"]);
  if (f.channel) q = q.where("channel", "=", f.channel);
  return q;
}

export async function listMessages(
  db: Executor,
  f: ListFilter,
  page?: { limit: number; offset: number },
): Promise<MessageRow[]> {
  // The order of the paged list (pageMessages): the day received, then the id (UUIDv7, so by creation).
  let q = filtered(db, f).select(COLUMNS).orderBy("received_on", "desc").orderBy("id", "desc");
  if (page) q = q.limit(page.limit).offset(page.offset);
  return (await q.execute()).map(norm);
}

/**
 * One page of the staff list, newest first by the day received and then by id, by page number or cursor
 * (src/platform/paging.ts), on the (site_id[, status], received_on, id) indexes of migration 0047.
 */
export async function pageMessages(db: Executor, f: ListFilter, req: PageRequest): Promise<Page<MessageRow>> {
  const page = await readPage(
    req,
    (r: MessageRow) => r.received_on,
    (r) => r.id,
    (seek) => seekQuery(filtered(db, f).select(COLUMNS), "received_on", "id", seek).execute(),
  );
  return { ...page, rows: page.rows.map(norm) };
}

/** How many messages match, exact up to COUNT_CAP. */
export const countMessagesCapped = (db: Executor, f: ListFilter): Promise<Total> =>
  countCapped(db, filtered(db, f).select("id"));

export async function countMessages(db: Executor, f: ListFilter): Promise<number> {
  const r = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The active holders of many messages at once (list pages). */
export async function activeHoldersOf(
  db: Executor,
  messageIds: readonly string[],
): Promise<Array<{ message_id: string; org_id: string }>> {
  if (!messageIds.length) return [];
  return db
    .selectFrom("message_holders")
    .select(["message_id", "org_id"])
    .where("message_id", "in", [...messageIds])
    .where("released_at", "is", null)
    .orderBy("since")
    .execute();
}

export interface PublishedFilter {
  siteId: string;
  type?: string;
  orgId?: string;
}

function published(db: Executor, f: PublishedFilter) {
  let q = db
    .selectFrom("messages")
    .where("site_id", "=", f.siteId)
    .where("published_at", "is not", null)
    .where("private", "=", 0);
  if (f.type) q = q.where("type", "=", f.type);
  if (f.orgId) q = q.where("reply_org_id", "=", f.orgId);
  return q;
}

/**
 * One page of the published questions and answers, newest first by publication, by page number or cursor, on the
 * (site_id, private[, type], published_at, id) indexes of migration 0047.
 */
export async function pagePublished(
  db: Executor,
  f: PublishedFilter,
  req: PageRequest,
): Promise<Page<MessageRow>> {
  const page = await readPage(
    req,
    (r: MessageRow) => r.published_at ?? "",
    (r) => r.id,
    (seek) => seekQuery(published(db, f).select(COLUMNS), "published_at", "id", seek).execute(),
  );
  return { ...page, rows: page.rows.map(norm) };
}

/** How many published questions and answers match, exact up to COUNT_CAP. */
export const countPublishedCapped = (db: Executor, f: PublishedFilter): Promise<Total> =>
  countCapped(db, published(db, f).select("id"));

export async function countPublished(db: Executor, f: PublishedFilter): Promise<number> {
  const r = await published(db, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function deadlinesOf(
  db: Executor,
  siteId: string,
): Promise<Array<{ type: string; days: number }>> {
  const rows = await db
    .selectFrom("message_deadlines")
    .select(["type", "days"])
    .where("site_id", "=", siteId)
    .execute();
  return rows.map((r) => ({ type: r.type, days: Number(r.days) }));
}

export async function upsertDeadline(db: Executor, siteId: string, type: string, days: number, at: string) {
  await db
    .insertInto("message_deadlines")
    .values({ site_id: siteId, type, days, updated_at: at })
    .onConflict((oc) => oc.columns(["site_id", "type"]).doUpdateSet({ days, updated_at: at }))
    .execute();
}

/** Error reports of a site received in [from, to] (dates inclusive), by kind and status. */
export async function errorReportCounts(
  db: Executor,
  siteId: string,
  range: { from?: string; to?: string },
): Promise<Array<{ id: string; error_kind: string | null; status: string }>> {
  let q = db
    .selectFrom("messages")
    .select(["id", "error_kind", "status"])
    .where("site_id", "=", siteId)
    .where("type", "=", "error_report");
  if (range.from) q = q.where("received_on", ">=", range.from);
  if (range.to) q = q.where("received_on", "<=", range.to);
  return q.execute();
}

export interface Recipient {
  id: string;
  name: string;
  email: string;
  org_id: string;
  roles: string[];
}

/** Active staff of a site's organisations with a work e-mail, with their roles (reminder recipients). */
export async function recipientsOf(db: Executor, orgIds: readonly string[]): Promise<Recipient[]> {
  if (!orgIds.length) return [];
  const users = await db
    .selectFrom("users")
    .select(["id", "name", "email", "org_id"])
    .where("org_id", "in", [...orgIds])
    .where("disabled", "=", 0)
    .where("email", "is not", null)
    .where("email", "!=", "")
    .orderBy("username")
    .execute();
  if (!users.length) return [];
  const roles = await db
    .selectFrom("user_roles")
    .select(["user_id", "role"])
    .where(
      "user_id",
      "in",
      users.map((u) => u.id),
    )
    .execute();
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email ?? "",
    org_id: u.org_id,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role),
  }));
}

/**
 * Messages and 12345 tickets received since `since` (an instant), for the opinion domain's early warning
 * (issue 17): their text only, never the askers' contact fields; error reports left out.
 */
export async function messageTextsSince(db: Executor, siteId: string, since: string, until: string) {
  return db
    .selectFrom("messages")
    .select(["id", "channel", "title", "body", "created_at"])
    .where("site_id", "=", siteId)
    .where("type", "!=", "error_report")
    .where("created_at", ">=", since)
    .where("created_at", "<", until)
    .orderBy("created_at")
    .execute();
}
