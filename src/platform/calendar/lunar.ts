// The Chinese lunar calendar (农历), enough to place the lunar statutory holidays (春节, 端午, 中秋) on the
// Gregorian calendar. The data is the compact table shared by many open-source converters: one integer per
// lunar year 1900–2100. lunar.test.ts checks every year against ICU's Chinese calendar (Intl) and against
// the chinese-days package, so a wrong entry cannot go unnoticed.
//
// Encoding of each entry: bits 15..4 are the lengths of months 1..12 (bit 15 = 正月; 1 = 30 days, 0 = 29);
// bits 3..0 the leap month (0 = none); bit 16 the leap month's length (1 = 30 days).
import { AppError } from "../errors";
import { dayNumberOf, fromDayNumber, type IsoDate } from "./dates";

// prettier-ignore
const LUNAR_INFO: readonly number[] = [
  0x04bd8,
  0x04ae0,
  0x0a570,
  0x054d5,
  0x0d260,
  0x0d950,
  0x16554,
  0x056a0,
  0x09ad0,
  0x055d2, // 1900
  0x04ae0,
  0x0a5b6,
  0x0a4d0,
  0x0d250,
  0x1d255,
  0x0b540,
  0x0d6a0,
  0x0ada2,
  0x095b0,
  0x14977, // 1910
  0x04970,
  0x0a4b0,
  0x0b4b5,
  0x06a50,
  0x06d40,
  0x1ab54,
  0x02b60,
  0x09570,
  0x052f2,
  0x04970, // 1920
  0x06566,
  0x0d4a0,
  0x0ea50,
  0x16a95,
  0x05ad0,
  0x02b60,
  0x186e3,
  0x092e0,
  0x1c8d7,
  0x0c950, // 1930
  0x0d4a0,
  0x1d8a6,
  0x0b550,
  0x056a0,
  0x1a5b4,
  0x025d0,
  0x092d0,
  0x0d2b2,
  0x0a950,
  0x0b557, // 1940
  0x06ca0,
  0x0b550,
  0x15355,
  0x04da0,
  0x0a5b0,
  0x14573,
  0x052b0,
  0x0a9a8,
  0x0e950,
  0x06aa0, // 1950
  0x0aea6,
  0x0ab50,
  0x04b60,
  0x0aae4,
  0x0a570,
  0x05260,
  0x0f263,
  0x0d950,
  0x05b57,
  0x056a0, // 1960
  0x096d0,
  0x04dd5,
  0x04ad0,
  0x0a4d0,
  0x0d4d4,
  0x0d250,
  0x0d558,
  0x0b540,
  0x0b6a0,
  0x195a6, // 1970
  0x095b0,
  0x049b0,
  0x0a974,
  0x0a4b0,
  0x0b27a,
  0x06a50,
  0x06d40,
  0x0af46,
  0x0ab60,
  0x09570, // 1980
  0x04af5,
  0x04970,
  0x064b0,
  0x074a3,
  0x0ea50,
  0x06b58,
  0x05ac0,
  0x0ab60,
  0x096d5,
  0x092e0, // 1990
  0x0c960,
  0x0d954,
  0x0d4a0,
  0x0da50,
  0x07552,
  0x056a0,
  0x0abb7,
  0x025d0,
  0x092d0,
  0x0cab5, // 2000
  0x0a950,
  0x0b4a0,
  0x0baa4,
  0x0ad50,
  0x055d9,
  0x04ba0,
  0x0a5b0,
  0x15176,
  0x052b0,
  0x0a930, // 2010
  0x07954,
  0x06aa0,
  0x0ad50,
  0x05b52,
  0x04b60,
  0x0a6e6,
  0x0a4e0,
  0x0d260,
  0x0ea65,
  0x0d530, // 2020
  0x05aa0,
  0x076a3,
  0x096d0,
  0x04afb,
  0x04ad0,
  0x0a4d0,
  0x1d0b6,
  0x0d250,
  0x0d520,
  0x0dd45, // 2030
  0x0b5a0,
  0x056d0,
  0x055b2,
  0x049b0,
  0x0a577,
  0x0a4b0,
  0x0aa50,
  0x1b255,
  0x06d20,
  0x0ada0, // 2040
  0x14b63,
  0x09370,
  0x049f8,
  0x04970,
  0x064b0,
  0x168a6,
  0x0ea50,
  0x06b20,
  0x1a6c4,
  0x0aae0, // 2050
  0x092e0,
  0x0d2e3,
  0x0c960,
  0x0d557,
  0x0d4a0,
  0x0da50,
  0x05d55,
  0x056a0,
  0x0a6d0,
  0x055d4, // 2060
  0x052d0,
  0x0a9b8,
  0x0a950,
  0x0b4a0,
  0x0b6a6,
  0x0ad50,
  0x055a0,
  0x0aba4,
  0x0a5b0,
  0x052b0, // 2070
  0x0b273,
  0x06930,
  0x07337,
  0x06aa0,
  0x0ad50,
  0x14b55,
  0x04b60,
  0x0a570,
  0x054e4,
  0x0d160, // 2080
  0x0e968,
  0x0d520,
  0x0daa0,
  0x16aa6,
  0x056d0,
  0x04ae0,
  0x0a9d4,
  0x0a4d0,
  0x0d150,
  0x0f252, // 2090
  0x0d520, // 2100
];

export const LUNAR_FIRST_YEAR = 1900;
export const LUNAR_LAST_YEAR = 2100;
/** 正月初一 of lunar year 1900 was 1900-01-31. */
const EPOCH = dayNumberOf(1900, 1, 31);

function info(year: number): number {
  if (!Number.isInteger(year) || year < LUNAR_FIRST_YEAR || year > LUNAR_LAST_YEAR) {
    throw new AppError("lunar_year_out_of_range", 400, `农历换算只支持 1900 至 2100 年：${String(year)}`);
  }
  return LUNAR_INFO[year - LUNAR_FIRST_YEAR]!;
}

/** The leap month of a lunar year (1–12), or 0. */
export function leapMonthOf(year: number): number {
  return info(year) & 0xf;
}

/** Days in a lunar month (29 or 30); `leap` for the leap month that follows month `month`. */
export function lunarMonthDays(year: number, month: number, leap = false): number {
  const v = info(year);
  if (leap) {
    if ((v & 0xf) !== month) throw new AppError("lunar_no_leap_month", 400, `农历${year}年没有闰${month}月`);
    return v & 0x10000 ? 30 : 29;
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new AppError("lunar_month_invalid", 400, `农历月份不正确：${String(month)}`);
  }
  return v & (0x10000 >> month) ? 30 : 29;
}

/** Days in a lunar year (353–385). */
export function lunarYearDays(year: number): number {
  const v = info(year);
  let sum = 0;
  for (let m = 1; m <= 12; m++) sum += v & (0x10000 >> m) ? 30 : 29;
  if (v & 0xf) sum += v & 0x10000 ? 30 : 29;
  return sum;
}

// Day numbers of 正月初一 for every table year, computed once (201 additions).
let newYears: Int32Array | undefined;
function newYearDayNumber(year: number): number {
  info(year);
  if (!newYears) {
    newYears = new Int32Array(LUNAR_LAST_YEAR - LUNAR_FIRST_YEAR + 2);
    let n = EPOCH;
    for (let y = LUNAR_FIRST_YEAR; y <= LUNAR_LAST_YEAR + 1; y++) {
      newYears[y - LUNAR_FIRST_YEAR] = n;
      if (y <= LUNAR_LAST_YEAR) n += lunarYearDays(y);
    }
  }
  return newYears[year - LUNAR_FIRST_YEAR]!;
}

/** The Gregorian date of a lunar date (month 1–12, day 1–30; `leap` for the leap month). */
export function lunarToSolar(year: number, month: number, day: number, leap = false): IsoDate {
  const length = lunarMonthDays(year, month, leap);
  if (!Number.isInteger(day) || day < 1 || day > length) {
    throw new AppError("lunar_day_invalid", 400, `农历${year}年${month}月没有第${String(day)}天`);
  }
  const leapMonth = leapMonthOf(year);
  let n = newYearDayNumber(year);
  for (let m = 1; m < month; m++) {
    n += lunarMonthDays(year, m);
    if (m === leapMonth) n += lunarMonthDays(year, m, true);
  }
  if (leap) n += lunarMonthDays(year, month);
  return fromDayNumber(n + day - 1);
}

/** 除夕: the last day of the lunar year that ends in Gregorian `year` (腊月廿九 or 三十). */
export function lunarNewYearsEve(year: number): IsoDate {
  return fromDayNumber(newYearDayNumber(year) - 1);
}

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

/** The lunar date of a Gregorian date (1900-01-31 to the end of lunar year 2100). */
export function solarToLunar(date: IsoDate): LunarDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const n = dayNumberOf(y, m, d);
  let year = Math.min(Math.max(y, LUNAR_FIRST_YEAR), LUNAR_LAST_YEAR);
  if (n < newYearDayNumber(year)) year--;
  info(year);
  if (n >= newYearDayNumber(year) + lunarYearDays(year)) {
    throw new AppError("lunar_year_out_of_range", 400, `农历换算只支持 1900 至 2100 年：${date}`);
  }
  let offset = n - newYearDayNumber(year);
  const leapMonth = leapMonthOf(year);
  for (let month = 1; month <= 12; month++) {
    const len = lunarMonthDays(year, month);
    if (offset < len) return { year, month, day: offset + 1, leap: false };
    offset -= len;
    if (month === leapMonth) {
      const leapLen = lunarMonthDays(year, month, true);
      if (offset < leapLen) return { year, month, day: offset + 1, leap: true };
      offset -= leapLen;
    }
  }
  throw new Error(`lunar table inconsistent for ${year}`); // unreachable: offset < lunarYearDays(year)
}
