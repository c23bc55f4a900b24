// Loading the working-day calendar: bundled package data, the notices entered here and local closures,
// cached per database and rebuilt after every change.

import type { Deps, Executor } from "../../deps";
import {
  type Closure,
  formatSpanParenthesis,
  type IsoDate,
  type Notice,
  parseIsoDate,
  provisionalNote,
  provisionalNotice,
  todayInShanghai,
  WorkingDayCalendar,
} from "../../platform/calendar";
import { invalidatePublicPages } from "../../web/page-cache";
import * as repo from "./calendar.repo";

export type CalDeps = Pick<Deps, "db" | "clock">;

/**
 * Another process (the CLI importing a notice while the server runs) cannot invalidate this cache, so
 * entries also expire after a minute; in-process changes invalidate at once.
 */
const CACHE_TTL_MS = 60_000;
const caches = new WeakMap<object, Map<string, { at: number; cal: WorkingDayCalendar }>>();

export function invalidateCalendar(deps: Pick<Deps, "db">): void {
  caches.delete(deps.db);
  // The public calendar page (and any deadline a public page shows) is cached with the other public pages.
  invalidatePublicPages(deps);
}

export const noticeFromRow = (r: repo.NoticeRow): Notice => {
  const n: Notice = { year: r.year, days: JSON.parse(r.days) };
  if (r.document_number) n.document_number = r.document_number;
  if (r.url) n.url = r.url;
  if (r.title) n.title = r.title;
  return n;
};

const closureFromRow = (r: repo.ClosureRow): Closure => ({ dates: JSON.parse(r.dates), reason: r.reason });

/**
 * How far ahead a year without a notice is counted provisionally (statutory holidays only, marked 暂定):
 * the current year and the next two. A deadline further ahead than that is absurd for this platform (the
 * longest statutory period is 20 + 20 working days) and stays an error naming the year.
 */
export const PROVISIONAL_YEARS_AHEAD = 2;

/** The last year counted provisionally, from the deps' clock when there is one. */
export function provisionalUntilOf(deps: { clock?: Deps["clock"] }): number {
  return Number(todayInShanghai(deps.clock?.now() ?? new Date()).slice(0, 4)) + PROVISIONAL_YEARS_AHEAD;
}

/** Uncached: used inside the transaction that changes notices or closures, so it sees the new data. */
export async function buildCalendar(
  db: Executor,
  siteId: string | null,
  provisionalUntil: number,
): Promise<WorkingDayCalendar> {
  const notices = await repo.listNotices(db);
  const closures = await repo.listClosures(db, siteId);
  return new WorkingDayCalendar({
    notices: notices.map(noticeFromRow),
    closures: closures.map(closureFromRow),
    provisionalUntil,
  });
}

/**
 * The calendar of a site (its closures plus platform-wide ones; no site: platform-wide closures only).
 * Pass `db` when calling inside a transaction: on SQLite a query outside it would wait for it forever.
 */
export async function loadCalendar(
  deps: Pick<Deps, "db"> & { clock?: Deps["clock"] },
  siteId?: string | null,
  db: Executor = deps.db.kysely,
): Promise<WorkingDayCalendar> {
  let cache = caches.get(deps.db);
  if (!cache) {
    cache = new Map();
    caches.set(deps.db, cache);
  }
  const until = provisionalUntilOf(deps);
  const key = `${siteId ?? "*"}:${until}`;
  const hit = cache.get(key);
  if (hit && performance.now() - hit.at < CACHE_TTL_MS) return hit.cal;
  // Built through the caller's own executor, and cached only once built: a caller never waits for a build
  // running on another connection. Sharing the build in flight deadlocked PostgreSQL under load: requests
  // holding every pool connection in their transactions waited for a build that needed a free pool connection
  // (bench/reliability.ts); and a build in one caller's transaction that failed would fail the others too.
  const at = performance.now();
  const cal = await buildCalendar(db, siteId ?? null, until);
  if (caches.get(deps.db) === cache) cache.set(key, { at, cal });
  return cal;
}

export const todayOf = (deps: Pick<Deps, "clock">): IsoDate => todayInShanghai(deps.clock.now());

/**
 * "2024-09-27 +20个工作日（国庆节 …）→ 2024-10-30": the answer and how it was reached; over a year without a
 * notice the answer is provisional and the explanation says so.
 */
export function explainWorkingDays(cal: WorkingDayCalendar, date: IsoDate, n: number) {
  parseIsoDate(date);
  const result = cal.addWorkingDays(date, n);
  const paren = n > 0 ? formatSpanParenthesis(cal.describeSpan(date, result)) : "";
  const years = cal.provisionalYearsBetween(date, result);
  const note = years.length ? `（暂定：${provisionalNote(years)}）` : "";
  return {
    date: result,
    explanation: `${date} +${n}个工作日${paren}${paren ? "" : " "}→ ${result}${note}`,
    // Only when true, so answers over entered years stay exactly as before.
    ...(years.length ? { provisional: true as const } : {}),
  };
}

export interface YearSource {
  year: number;
  source: "package" | "notice" | "provisional";
  document_number: string | null;
  title: string | null;
  url: string | null;
  imported_at: string | null;
  imported_by: string | null;
  days_off: number;
  makeup_days: number;
}

/** Every year the calendar covers, with where its data comes from. */
export async function listCoveredYears(deps: CalDeps): Promise<YearSource[]> {
  const cal = await loadCalendar(deps);
  const rows = new Map((await repo.listNotices(deps.db.kysely)).map((r) => [r.year, r]));
  return cal.coveredYears().map((year) => {
    const notice = cal.noticeFor(year)!;
    const row = rows.get(year);
    return {
      year,
      source: row ? "notice" : "package",
      document_number: notice.document_number ?? null,
      title: notice.title ?? null,
      url: notice.url ?? null,
      imported_at: row?.imported_at ?? null,
      imported_by: row?.imported_by ?? null,
      days_off: notice.days.filter((d) => d.off).length,
      makeup_days: notice.days.filter((d) => !d.off).length,
    };
  });
}

/** A provisional year's source line: the statutory holidays computed for it, no 调休. */
export function provisionalYearSource(cal: WorkingDayCalendar, year: number): YearSource | undefined {
  if (!cal.isProvisional(year)) return undefined;
  const days = provisionalNotice(year).days;
  return {
    year,
    source: "provisional",
    document_number: null,
    title: `${year}年法定节假日（暂定，未含调休）`,
    url: null,
    imported_at: null,
    imported_by: null,
    days_off: days.length,
    makeup_days: 0,
  };
}

/** From 1 November on, a warning when next year's notice has not been entered. */
export async function missingNextYearWarning(
  deps: CalDeps,
  today: IsoDate = todayOf(deps),
): Promise<{ year: number; message: string } | undefined> {
  const { year, month } = parseIsoDate(today);
  if (month < 11) return undefined;
  const cal = await loadCalendar(deps);
  if (cal.isCovered(year + 1)) return undefined;
  return {
    year: year + 1,
    message: `尚未录入${year + 1}年节假日安排。跨入${year + 1}年的答复期限暂按法定节假日计算并标明“暂定”；国务院办公厅的通知发布后请及时录入，系统将自动重新计算。`,
  };
}
