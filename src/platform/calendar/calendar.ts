// Working days (工作日) per the State Council's yearly notice, its 调休 make-up weekends and county closures.
// Each covered year is turned once into a day table with a cumulative working-day index, so counting N
// working days is a binary search rather than a day-by-day walk. A year nobody has entered is, within
// `provisionalUntil`, counted provisionally from the statutory holidays (statutory-holidays.ts) and reported
// as such (isProvisional), so deadlines are marked 暂定 rather than going blank; before 2025 (the rules in
// force) or beyond that bound it is an error naming the year: guessing further would be no better than
// "weekends only".
import { AppError } from "../errors";
import { bundledNotices } from "./bundled";
import {
  dayNumberOf,
  daysInMonth,
  daysInYear,
  fromDayNumber,
  type IsoDate,
  parseIsoDate,
  toDayNumber,
  weekdayOfDayNumber,
} from "./dates";
import { type Closure, type Notice, parseClosure, parseNotice } from "./notice";
import { describeSpanFromDays, type SpanDay, type SpanDescription } from "./span-format";
import { CURRENT_RULES_FROM, provisionalNotice } from "./statutory-holidays";

export type DayKind = "workday" | "weekend" | "holiday" | "makeup_workday" | "closure";

const KINDS: readonly DayKind[] = ["workday", "weekend", "holiday", "makeup_workday", "closure"];
const WORKDAY = 0;
const WEEKEND = 1;
const HOLIDAY = 2;
const MAKEUP = 3;
const CLOSURE = 4;
const isWorkingCode = (k: number) => k === WORKDAY || k === MAKEUP;

export interface CalendarDay {
  date: IsoDate;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  working: boolean;
  kind: DayKind;
  /** Holiday name for holiday / makeup_workday, the reason for a closure. */
  name?: string;
}

export interface CalendarOptions {
  /** Notices from the database; each replaces the bundled data of its year entirely (later ones win). */
  notices?: readonly Notice[];
  closures?: readonly Closure[];
  /** Use the chinese-days package for years no notice covers (default true). */
  useBundled?: boolean;
  /**
   * Whether the start date itself counts in addWorkingDays (default false: 民法典 art. 201, the day of
   * receipt is not counted). Configurable per county; workingDaysBetween is always over (a, b].
   */
  countStartDay?: boolean;
  /**
   * Last year (inclusive) a year without a notice is counted provisionally from the statutory holidays;
   * the loader passes the current year + 2. Absent: no provisional years (a missing year is an error).
   */
  provisionalUntil?: number;
}

export class CalendarYearMissingError extends AppError {
  override readonly code = "calendar_year_missing";
  constructor(readonly year: number) {
    super("calendar_year_missing", 409, `尚未录入${year}年的节假日安排（国务院办公厅通知），无法计算工作日`);
    this.name = "CalendarYearMissingError";
  }
}

interface YearTable {
  year: number;
  /** Day number of 1 January. */
  start: number;
  kinds: Uint8Array;
  names: (string | undefined)[];
  /** cum[i] = working days from 1 January to day i inclusive. */
  cum: Int32Array;
  total: number;
}

export class WorkingDayCalendar {
  private readonly notices = new Map<number, Notice>();
  private readonly closures = new Map<number, string>(); // day number -> reason
  private readonly tables = new Map<number, YearTable>();
  private readonly countStartDay: boolean;
  private readonly provisionalUntil: number;
  private lastTable: YearTable | undefined;

  constructor(options: CalendarOptions = {}) {
    this.countStartDay = options.countStartDay ?? false;
    this.provisionalUntil = options.provisionalUntil ?? CURRENT_RULES_FROM - 1;
    if (options.useBundled ?? true) {
      for (const [year, notice] of bundledNotices()) this.notices.set(year, notice);
    }
    for (const notice of options.notices ?? []) {
      // Re-validate: notices come from storage, and a bad one must fail loudly, not skew deadlines.
      const parsed = parseNotice(notice);
      if (!parsed.ok)
        throw new AppError("notice_invalid", 400, `${notice.year}年节假日通知有误`, parsed.problems);
      this.notices.set(parsed.value.year, parsed.value);
    }
    for (const closure of options.closures ?? []) {
      const parsed = parseClosure(closure);
      if (!parsed.ok) throw new AppError("closure_invalid", 400, "停止办公安排有误", parsed.problems);
      for (const d of parsed.value.dates) {
        const n = toDayNumber(d);
        const prev = this.closures.get(n);
        this.closures.set(
          n,
          prev && prev !== parsed.value.reason ? `${prev}；${parsed.value.reason}` : parsed.value.reason,
        );
      }
    }
  }

  /** Years a notice covers (bundled or database), ascending. */
  coveredYears(): number[] {
    return [...this.notices.keys()].sort((a, b) => a - b);
  }

  isCovered(year: number): boolean {
    return this.notices.has(year);
  }

  /** Whether a year is counted provisionally (no notice, statutory holidays only, no 调休). */
  isProvisional(year: number): boolean {
    return !this.notices.has(year) && year >= CURRENT_RULES_FROM && year <= this.provisionalUntil;
  }

  /** The provisional years among those of dates a..b (inclusive, any order). */
  provisionalYearsBetween(a: IsoDate, b: IsoDate): number[] {
    const [from, to] = a <= b ? [a, b] : [b, a];
    const out: number[] = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
      if (this.isProvisional(y)) out.push(y);
    }
    return out;
  }

  /** The notice in force for a year (for showing its document number and link). */
  noticeFor(year: number): Notice | undefined {
    return this.notices.get(year);
  }

  isWorkingDay(date: IsoDate): boolean {
    const n = toDayNumber(date);
    const t = this.tableForDay(n);
    return isWorkingCode(t.kinds[n - t.start]!);
  }

  dayInfo(date: IsoDate): CalendarDay {
    return this.dayInfoOf(toDayNumber(date));
  }

  /**
   * The nth working day after `date` (the date itself not counted unless countStartDay). n = 0 returns
   * `date` unchanged, even on a day off: "0 more days" is the identity, which keeps add(add(d, a), b) equal
   * to add(d, a + b) and lets callers treat a zero extension as a no-op.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) {
      throw new AppError("invalid_working_days", 400, `工作日天数应为非负整数：${String(n)}`);
    }
    const start = toDayNumber(date);
    const t0 = this.tableForDay(start); // the start's year must be known even for n = 0
    if (n === 0) return date;
    if (this.countStartDay && isWorkingCode(t0.kinds[start - t0.start]!)) {
      return n === 1 ? date : fromDayNumber(this.addAfter(start, n - 1));
    }
    return fromDayNumber(this.addAfter(start, n));
  }

  /** Working days in (a, b]; negative when b is before a (so between(a, b) + between(b, c) = between(a, c)). */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    return this.cumulativeBetween(toDayNumber(a), toDayNumber(b));
  }

  /** Holidays, make-up days and closures in (a, b], grouped for explanations (see span-format.ts). */
  describeSpan(a: IsoDate, b: IsoDate): SpanDescription {
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    const days: SpanDay[] = [];
    for (let n = from + 1; n <= to; n++) {
      const t = this.tableForDay(n);
      const k = t.kinds[n - t.start]!;
      if (k === HOLIDAY || k === MAKEUP || k === CLOSURE) {
        days.push({ date: fromDayNumber(n), kind: KINDS[k]!, name: t.names[n - t.start] });
      }
    }
    return describeSpanFromDays(a, b, days);
  }

  /** Every day of a month, for the public calendar page. */
  monthGrid(year: number, month: number): CalendarDay[] {
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      throw new AppError("invalid_month", 400, `月份不正确：${String(month)}`);
    }
    const first = dayNumberOf(year, month, 1);
    const out: CalendarDay[] = [];
    for (let i = 0; i < daysInMonth(year, month); i++) out.push(this.dayInfoOf(first + i));
    return out;
  }

  private dayInfoOf(n: number): CalendarDay {
    const t = this.tableForDay(n);
    const k = t.kinds[n - t.start]!;
    const name = t.names[n - t.start];
    const day: CalendarDay = {
      date: fromDayNumber(n),
      weekday: weekdayOfDayNumber(n),
      working: isWorkingCode(k),
      kind: KINDS[k]!,
    };
    if (name) day.name = name;
    return day;
  }

  /** Day number of the nth (n >= 1) working day strictly after day `start`. */
  private addAfter(start: number, n: number): number {
    let t = this.tableForDay(start);
    let target = t.cum[start - t.start]! + n;
    let lo = start - t.start + 1;
    while (target > t.total) {
      target -= t.total;
      t = this.table(t.year + 1);
      lo = 0;
    }
    // First index with cum >= target; cum only rises on working days, so that index is a working day.
    let hi = t.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t.cum[mid]! >= target) hi = mid;
      else lo = mid + 1;
    }
    return t.start + lo;
  }

  private cumulativeBetween(a: number, b: number): number {
    if (b < a) return -this.cumulativeBetween(b, a);
    let ta = this.tableForDay(a);
    const tb = this.tableForDay(b);
    let count = -ta.cum[a - ta.start]!;
    while (ta.year < tb.year) {
      count += ta.total;
      ta = this.table(ta.year + 1);
    }
    return count + tb.cum[b - tb.start]!;
  }

  private tableForDay(n: number): YearTable {
    // Fast path: consecutive calls almost always stay within one year.
    const last = this.lastTable;
    if (last && n >= last.start && n < last.start + last.kinds.length) return last;
    const year = Number(fromDayNumber(n).slice(0, 4));
    this.lastTable = this.table(year);
    return this.lastTable;
  }

  private table(year: number): YearTable {
    const cached = this.tables.get(year);
    if (cached) return cached;
    const notice = this.notices.get(year) ?? (this.isProvisional(year) ? provisionalNotice(year) : undefined);
    if (!notice) throw new CalendarYearMissingError(year);
    const start = dayNumberOf(year, 1, 1);
    const len = daysInYear(year);
    const kinds = new Uint8Array(len);
    const names: (string | undefined)[] = new Array(len);
    for (let i = 0; i < len; i++) {
      const w = weekdayOfDayNumber(start + i);
      kinds[i] = w === 0 || w === 6 ? WEEKEND : WORKDAY;
    }
    for (const day of notice.days) {
      const { year: y } = parseIsoDate(day.date);
      if (y !== year) continue; // guarded by parseNotice; bundled data is bucketed by year
      const i = toDayNumber(day.date) - start;
      kinds[i] = day.off ? HOLIDAY : MAKEUP;
      names[i] = day.name;
    }
    for (const [n, reason] of this.closures) {
      const i = n - start;
      // A closure only matters on a day that would otherwise be worked; on a weekend or holiday the day
      // keeps its own kind, so explanations list only closures that actually moved a deadline.
      if (i >= 0 && i < len && isWorkingCode(kinds[i]!)) {
        kinds[i] = CLOSURE;
        names[i] = reason;
      }
    }
    const cum = new Int32Array(len);
    let c = 0;
    for (let i = 0; i < len; i++) {
      if (isWorkingCode(kinds[i]!)) c++;
      cum[i] = c;
    }
    const table: YearTable = { year, start, kinds, names, cum, total: c };
    this.tables.set(year, table);
    return table;
  }
}
