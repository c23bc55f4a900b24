// Calendar dates as 'YYYY-MM-DD' strings. Statutory limits are about calendar dates in Asia/Shanghai, not
// instants, so all arithmetic happens on "day numbers" (days since 1970-01-01, computed with Date.UTC):
// no local time zone, no DST, no off-by-one at midnight.
import { AppError } from "../errors";

/** A calendar date, 'YYYY-MM-DD'. A plain string alias so values from JSON and the DB need no casts. */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidDateError extends AppError {
  constructor(readonly value: unknown) {
    super("invalid_date", 400, `日期格式不正确：${String(value)}（应为 YYYY-MM-DD 的有效日期）`);
    this.name = "InvalidDateError";
  }
}

export interface DateParts {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Parts of a valid date, or undefined (wrong shape, or a day that does not exist such as 2027-02-30). */
export function tryParseIsoDate(value: unknown): DateParts | undefined {
  if (typeof value !== "string") return undefined;
  const m = ISO_RE.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isIsoDate(value: unknown): value is IsoDate {
  return tryParseIsoDate(value) !== undefined;
}

/** Parts of a date; throws InvalidDateError so bad input never turns into a silently wrong deadline. */
export function parseIsoDate(value: unknown): DateParts {
  const parts = tryParseIsoDate(value);
  if (!parts) throw new InvalidDateError(value);
  return parts;
}

export function assertIsoDate(value: unknown): asserts value is IsoDate {
  parseIsoDate(value);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

/** Days since 1970-01-01 (UTC arithmetic on a date-only value, so no time-zone effects). */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return dayNumberOf(year, month, day);
}

export function dayNumberOf(year: number, month: number, day: number): number {
  // Date.UTC maps years 0-99 to 1900+; setUTCFullYear avoids that for completeness.
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return Math.round(d.getTime() / MS_PER_DAY);
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from a to b (negative when b is earlier). */
export function diffDays(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Sunday ... 6 = Saturday, as in JavaScript's getUTCDay. */
export function weekday(date: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

export function weekdayOfDayNumber(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** Negative, zero or positive; valid IsoDates compare correctly as strings, but we validate first. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  assertIsoDate(a);
  assertIsoDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareIsoDates(a, b) >= 0 ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareIsoDates(a, b) <= 0 ? a : b;
}

export function yearOf(date: IsoDate): number {
  return parseIsoDate(date).year;
}

// Intl with an explicit zone, so the server's own TZ setting can never shift "today".
const shanghaiFormatter = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date in Asia/Shanghai at the given instant (e.g. 2024-09-26T16:30Z is 2024-09-27 there). */
export function todayInShanghai(now: Date): IsoDate {
  const parts = Object.fromEntries(shanghaiFormatter.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** "10月1日", for explanations people read. */
export function formatMonthDay(date: IsoDate): string {
  const { month, day } = parseIsoDate(date);
  return `${month}月${day}日`;
}

const WEEKDAY_NAMES = ["日", "一", "二", "三", "四", "五", "六"] as const;

/** "星期六". */
export function weekdayName(date: IsoDate): string {
  return `星期${WEEKDAY_NAMES[weekday(date)]}`;
}
