import type {
  CalendarClosureTable,
  CalendarNoticeTable,
  StatutoryClockChangeTable,
  StatutoryClockTable,
} from "../../db/schema";
import type { Executor } from "../../deps";

export type NoticeRow = CalendarNoticeTable;
export type ClosureRow = CalendarClosureTable;
export type ClockRow = StatutoryClockTable;
export type ClockChangeRow = StatutoryClockChangeTable;

const NOTICE_COLUMNS = [
  "year",
  "document_number",
  "url",
  "title",
  "days",
  "imported_at",
  "imported_by",
] as const;
const CLOSURE_COLUMNS = [
  "id",
  "site_id",
  "dates",
  "first_date",
  "last_date",
  "reason",
  "created_at",
  "created_by",
] as const;
const CLOCK_COLUMNS = [
  "id",
  "owner_type",
  "owner_id",
  "kind",
  "site_id",
  "limit_days",
  "events",
  "due_on",
  "status",
  "explanation",
  "problem",
  "provisional",
  "created_at",
  "updated_at",
] as const;

const toNotice = (r: NoticeRow): NoticeRow => ({ ...r, year: Number(r.year) });
const toClock = (r: ClockRow): ClockRow => ({
  ...r,
  limit_days: Number(r.limit_days),
  provisional: Number(r.provisional),
});

// Notices

export async function listNotices(db: Executor): Promise<NoticeRow[]> {
  const rows = await db.selectFrom("calendar_notices").select(NOTICE_COLUMNS).orderBy("year").execute();
  return rows.map(toNotice);
}

export async function findNotice(db: Executor, year: number): Promise<NoticeRow | undefined> {
  const row = await db
    .selectFrom("calendar_notices")
    .select(NOTICE_COLUMNS)
    .where("year", "=", year)
    .executeTakeFirst();
  return row && toNotice(row);
}

export const insertNotice = (db: Executor, row: NoticeRow) =>
  db.insertInto("calendar_notices").values(row).execute();

export async function updateNotice(db: Executor, row: NoticeRow): Promise<void> {
  const { year, ...rest } = row;
  await db.updateTable("calendar_notices").set(rest).where("year", "=", year).execute();
}

// Closures

/** Closures that apply to a site: its own and the platform-wide ones (all of them when siteId is undefined). */
export async function listClosures(db: Executor, siteId?: string | null): Promise<ClosureRow[]> {
  let q = db.selectFrom("calendar_closures").select(CLOSURE_COLUMNS);
  if (siteId === null) q = q.where("site_id", "is", null);
  else if (siteId !== undefined)
    q = q.where((eb) => eb.or([eb("site_id", "is", null), eb("site_id", "=", siteId)]));
  return q.orderBy("first_date", "desc").orderBy("id").execute();
}

export const findClosure = (db: Executor, id: string) =>
  db.selectFrom("calendar_closures").select(CLOSURE_COLUMNS).where("id", "=", id).executeTakeFirst();

export const insertClosure = (db: Executor, row: ClosureRow) =>
  db.insertInto("calendar_closures").values(row).execute();

export const deleteClosure = (db: Executor, id: string) =>
  db.deleteFrom("calendar_closures").where("id", "=", id).execute();

// Clocks

export const insertClock = (db: Executor, row: ClockRow) =>
  db.insertInto("statutory_clocks").values(row).execute();

export async function findClock(db: Executor, id: string): Promise<ClockRow | undefined> {
  const row = await db
    .selectFrom("statutory_clocks")
    .select(CLOCK_COLUMNS)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toClock(row);
}

export async function findClockByOwner(
  db: Executor,
  ownerType: string,
  ownerId: string,
  kind: string,
): Promise<ClockRow | undefined> {
  const row = await db
    .selectFrom("statutory_clocks")
    .select(CLOCK_COLUMNS)
    .where("owner_type", "=", ownerType)
    .where("owner_id", "=", ownerId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return row && toClock(row);
}

export async function listOpenClocks(db: Executor): Promise<ClockRow[]> {
  const rows = await db
    .selectFrom("statutory_clocks")
    .select(CLOCK_COLUMNS)
    .where("status", "=", "open")
    // Ids are time-ordered and monotonic (platform/ids.ts): this is creation order.
    .orderBy("id")
    .execute();
  return rows.map(toClock);
}

export async function updateClock(
  db: Executor,
  id: string,
  set: Pick<
    ClockRow,
    "events" | "due_on" | "status" | "explanation" | "problem" | "provisional" | "updated_at"
  >,
): Promise<void> {
  await db.updateTable("statutory_clocks").set(set).where("id", "=", id).execute();
}

/** The columns a recompute or a new event may change. */
export const clockUpdateOf = (c: ClockRow) => ({
  events: c.events,
  due_on: c.due_on,
  status: c.status,
  explanation: c.explanation,
  problem: c.problem,
  provisional: c.provisional,
  updated_at: c.updated_at,
});

export const insertClockChange = (db: Executor, row: ClockChangeRow) =>
  db.insertInto("statutory_clock_changes").values(row).execute();

export interface ClockChangeView extends ClockChangeRow {
  owner_type: string;
  owner_id: string;
  kind: string;
}

export function listClockChanges(
  db: Executor,
  opts: { clockId?: string; cause?: ClockChangeRow["cause"]; siteId?: string; limit: number },
): Promise<ClockChangeView[]> {
  let q = db
    .selectFrom("statutory_clock_changes as c")
    .innerJoin("statutory_clocks as k", "k.id", "c.clock_id")
    .select([
      "c.id",
      "c.clock_id",
      "c.at",
      "c.cause",
      "c.old_due_on",
      "c.new_due_on",
      "c.reason",
      "k.owner_type",
      "k.owner_id",
      "k.kind",
    ]);
  if (opts.clockId) q = q.where("c.clock_id", "=", opts.clockId);
  if (opts.cause) q = q.where("c.cause", "=", opts.cause);
  // A site's own clocks, and those kept for no site in particular.
  if (opts.siteId) {
    const siteId = opts.siteId;
    q = q.where((eb) => eb.or([eb("k.site_id", "=", siteId), eb("k.site_id", "is", null)]));
  }
  return q.orderBy("c.at", "desc").orderBy("c.id", "desc").limit(opts.limit).execute();
}
