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
  AttendanceStatus,
  MeetingAttendanceTable,
  MeetingStatus,
  MeetingTable,
} from "./meetings.tables";

export type MeetingRow = Selectable<MeetingTable>;
export type AttendanceRow = Selectable<MeetingAttendanceTable>;

/** One entry of the agenda: a topic, optionally linking a published item or a consultation. */
export interface AgendaEntry {
  topic: string;
  item_id?: string;
  consultation_id?: string;
}

const COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "title",
  "kind",
  "starts_at",
  "place",
  "agenda_json",
  "apply_opens_on",
  "apply_closes_on",
  "seats",
  "stream_url",
  "status",
  "cancel_reason",
  "minutes",
  "decision_item_id",
  "application_count",
  "approved_count",
  "created_by",
  "announced_at",
  "held_at",
  "minutes_published_at",
  "cancelled_at",
  "created_at",
  "updated_at",
] as const;

const ATTENDANCE_COLUMNS = [
  "id",
  "meeting_id",
  "tracking_code",
  "secret_hash",
  "name_enc",
  "phone_enc",
  "identity",
  "reason",
  "status",
  "decision_reason",
  "decided_by",
  "decided_at",
  "created_at",
] as const;

// PostgreSQL may return integers as strings; the columns here are kept as numbers.
const norm = (r: MeetingRow): MeetingRow => ({
  ...r,
  seats: Number(r.seats),
  application_count: Number(r.application_count),
  approved_count: Number(r.approved_count),
});

export const agendaOf = (row: Pick<MeetingRow, "agenda_json">): AgendaEntry[] => {
  try {
    const v = JSON.parse(row.agenda_json) as unknown;
    return Array.isArray(v) ? (v as AgendaEntry[]) : [];
  } catch {
    return [];
  }
};

export async function insertMeeting(db: Executor, row: Insertable<MeetingTable>): Promise<void> {
  await db.insertInto("meetings").values(row).execute();
}

export async function findMeeting(db: Executor, id: string): Promise<MeetingRow | undefined> {
  const r = await db.selectFrom("meetings").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  return r && norm(r);
}

/** A write that changes nothing: on SQLite it takes the database's write lock (see lockForUpdate). */
const touch = (trx: Transaction<Database>, id: string) =>
  trx
    .updateTable("meetings")
    .set((eb) => ({ updated_at: eb.ref("updated_at") }))
    .where("id", "=", id)
    .execute();

/** Loads a meeting with its row lock: steps, applications and decisions serialise on it. */
export async function lockMeeting(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<MeetingRow | undefined> {
  const q = await lockForUpdate(engine, trx.selectFrom("meetings").select(COLUMNS).where("id", "=", id), () =>
    touch(trx, id),
  );
  const r = await q.executeTakeFirst();
  return r && norm(r);
}

export async function updateMeeting(db: Executor, id: string, set: Updateable<MeetingTable>): Promise<void> {
  await db.updateTable("meetings").set(set).where("id", "=", id).execute();
}

export interface ListFilter {
  siteId: string;
  statuses?: readonly MeetingStatus[];
  /** Staff lists: only these organisations. */
  orgIds?: readonly string[];
  /** Public lists: only notices once announced (a draft cancelled before that never was public). */
  announcedOnly?: boolean;
}

function filtered(db: Executor, f: ListFilter) {
  let q = db.selectFrom("meetings").where("site_id", "=", f.siteId);
  if (f.statuses) q = q.where("status", "in", [...f.statuses]);
  if (f.announcedOnly) q = q.where("announced_at", "is not", null);
  if (f.orgIds) q = f.orgIds.length ? q.where("org_id", "in", [...f.orgIds]) : q.where("id", "=", "");
  return q;
}

/** One page of the public or staff list, latest start first, by page number or cursor (src/platform/paging.ts). */
export async function pageMeetings(db: Executor, f: ListFilter, req: PageRequest): Promise<Page<MeetingRow>> {
  const page = await readPage(
    req,
    (r: MeetingRow) => r.starts_at,
    (r) => r.id,
    (seek) => seekQuery(filtered(db, f).select(COLUMNS), "meetings.starts_at", "meetings.id", seek).execute(),
  );
  return { ...page, rows: page.rows.map(norm) };
}

/** How many meetings the list holds, exact up to COUNT_CAP. */
export const countMeetingsCapped = (db: Executor, f: ListFilter): Promise<Total> =>
  countCapped(db, filtered(db, f).select("meetings.id"));

export async function listMeetings(
  db: Executor,
  f: ListFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: MeetingRow[]; total: number }> {
  const q = filtered(db, f);
  const [rows, count] = await Promise.all([
    q
      .select(COLUMNS)
      .orderBy("starts_at", "desc")
      .orderBy("id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst(),
  ]);
  return { rows: rows.map(norm), total: Number(count?.n ?? 0) };
}

// Applications to attend

export async function insertAttendance(db: Executor, row: Insertable<MeetingAttendanceTable>): Promise<void> {
  await db.insertInto("meeting_attendance").values(row).execute();
}

export async function listAttendance(db: Executor, meetingId: string): Promise<AttendanceRow[]> {
  return db
    .selectFrom("meeting_attendance")
    .select(ATTENDANCE_COLUMNS)
    .where("meeting_id", "=", meetingId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function findAttendance(
  db: Executor,
  meetingId: string,
  id: string,
): Promise<AttendanceRow | undefined> {
  return db
    .selectFrom("meeting_attendance")
    .select(ATTENDANCE_COLUMNS)
    .where("meeting_id", "=", meetingId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function findAttendanceByCode(db: Executor, code: string): Promise<AttendanceRow | undefined> {
  return db
    .selectFrom("meeting_attendance")
    .select(ATTENDANCE_COLUMNS)
    .where("tracking_code", "=", code)
    .executeTakeFirst();
}

/** How many applications to attend a meeting are in one status. */
export async function countAttendance(
  db: Executor,
  meetingId: string,
  status: AttendanceStatus,
): Promise<number> {
  const r = await db
    .selectFrom("meeting_attendance")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("meeting_id", "=", meetingId)
    .where("status", "=", status)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function updateAttendance(
  db: Executor,
  id: string,
  set: Updateable<MeetingAttendanceTable>,
): Promise<void> {
  await db.updateTable("meeting_attendance").set(set).where("id", "=", id).execute();
}

/** An item as the meeting links to it (an agenda topic or the published decision). */
export async function findItemForLink(db: Executor, itemId: string) {
  return db
    .selectFrom("items")
    .select(["id", "site_id", "title", "status"])
    .where("id", "=", itemId)
    .executeTakeFirst();
}

/** A consultation as an agenda topic links to it. */
export async function findConsultationForLink(db: Executor, id: string) {
  return db
    .selectFrom("consultations")
    .select(["id", "site_id", "title", "status"])
    .where("id", "=", id)
    .executeTakeFirst();
}
