// The holiday data shipped in the chinese-days package, turned into one Notice per year so bundled and
// database notices are handled the same way by the calendar.
//
// What the package (1.5.7) holds, checked by hand against the State Council notices:
// - years 2004 to 2026, each with its Spring Festival, so each is a full year's notice; no 2027 data;
// - `holidays`: every day off of a holiday block, weekdays and weekends alike ("English,中文,n");
// - `workdays`: the make-up working weekends (调休上班); `inLieuDays` is a subset of `holidays` (the
//   weekdays given in lieu) and adds nothing for counting;
// - 2020 already carries the Spring Festival extension (国办发明电〔2020〕1号): 1/31 to 2/2 are off and
//   2/1 is not a make-up Saturday any more, so no built-in correction is needed (bundled.test.ts checks it);
// - the 2012 notice's make-up day 2011-12-31 is filed under 2011, which is how our per-year tables want it.
import { createRequire } from "node:module";
import { type IsoDate, tryParseIsoDate } from "./dates";
import type { Notice, NoticeDay } from "./notice";

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays?: Record<string, string>;
}

// The package is CommonJS and Node's ESM loader needs an import attribute for JSON; createRequire works
// the same under Node, tsx and vitest without depending on either.
const require = createRequire(import.meta.url);

/** The package's short Chinese names, mapped to the names the notices use. */
const NAME_MAP: Record<string, string> = {
  清明: "清明节",
  端午: "端午节",
  中秋: "中秋节",
};

function chineseName(raw: string): string | undefined {
  // "National Day,国庆节,3": English name, Chinese name, statutory days.
  const zh = raw.split(",")[1]?.trim();
  if (!zh) return undefined;
  return NAME_MAP[zh] ?? zh;
}

function loadJson(): ChineseDaysJson {
  const data: unknown = require("chinese-days/dist/chinese-days.json");
  const ok =
    typeof data === "object" &&
    data !== null &&
    typeof (data as ChineseDaysJson).holidays === "object" &&
    typeof (data as ChineseDaysJson).workdays === "object";
  if (!ok) throw new Error("chinese-days: unexpected data format in dist/chinese-days.json");
  return data as ChineseDaysJson;
}

/** Builds per-year notices from the raw package data (exported for tests with synthetic input). */
export function noticesFromChineseDays(data: ChineseDaysJson): Map<number, Notice> {
  const byYear = new Map<number, NoticeDay[]>();
  const add = (date: IsoDate, off: boolean, raw: string) => {
    const parts = tryParseIsoDate(date);
    if (!parts) return;
    const name = chineseName(raw);
    const list = byYear.get(parts.year) ?? [];
    list.push(name ? { date, off, name } : { date, off });
    byYear.set(parts.year, list);
  };
  for (const [date, raw] of Object.entries(data.holidays)) add(date, true, raw);
  for (const [date, raw] of Object.entries(data.workdays)) {
    // A date listed both ways would be a data error; the day off wins (holidays were added first).
    if (data.holidays[date] === undefined) add(date, false, raw);
  }
  const notices = new Map<number, Notice>();
  for (const [year, days] of [...byYear.entries()].sort((a, b) => a[0] - b[0])) {
    // A year counts as covered only when its own notice is there. Every notice sets the Spring Festival,
    // so a year without 春节 days off is at most a stray date from a neighbouring notice, never a notice.
    if (!days.some((d) => d.off && d.name === "春节")) continue;
    days.sort((a, b) => (a.date < b.date ? -1 : 1));
    notices.set(year, { year, title: `${year}年部分节假日安排（chinese-days 数据）`, days });
  }
  return notices;
}

let cache: Map<number, Notice> | undefined;

/** The bundled notices by year, loaded once. */
export function bundledNotices(): ReadonlyMap<number, Notice> {
  cache ??= noticesFromChineseDays(loadJson());
  return cache;
}

/** Years the package covers with a full notice, ascending. */
export function bundledYears(): number[] {
  return [...bundledNotices().keys()];
}
