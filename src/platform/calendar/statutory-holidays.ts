// The statutory holidays of 《全国年节及纪念日放假办法》, used to compute a PROVISIONAL calendar for a year
// whose State Council notice has not been published or entered yet (each December the next year's
// deadlines would otherwise go blank). Provisional means: the statutory days off that fall on working days
// are off; no 调休 make-up weekend and no bridging day is guessed, because only the notice can say which.
// When the notice is entered, open clocks are recomputed and the provisional mark goes away.
//
// Rules by version of the 办法:
// - revised 2024-11-10, in force 2025-01-01: 元旦 1 (1 Jan), 春节 4 from 除夕, 清明 1, 劳动节 2 (1–2 May),
//   端午 1 (五月初五), 中秋 1 (八月十五), 国庆 3 (1–3 Oct);
// - revised 2013, in force 2014-01-01 to 2024: 春节 3 from 初一, 劳动节 1; the others as above.
// Only the current rules are used for provisional years; the older ones let tests check the lunar and
// solar-term arithmetic against the bundled notices of 2014–2024 as well.
import { AppError } from "../errors";
import { addDays, formatIsoDate, type IsoDate } from "./dates";
import { lunarNewYearsEve, lunarToSolar } from "./lunar";
import type { Notice } from "./notice";

/** First year of the rules in force (2024 revision). */
export const CURRENT_RULES_FROM = 2025;
const OLDER_RULES_FROM = 2014;
/** The solar-term formula below holds for 2001–2099. */
const LAST_COMPUTABLE_YEAR = 2099;

export interface StatutoryHoliday {
  name: string;
  dates: IsoDate[];
}

/**
 * 清明: the day of the 清明 solar term (4 or 5 April, rarely 6). The classic 21st-century formula
 * day = ⌊Y·0.2422 + C⌋ − ⌊Y/4⌋ with Y = year mod 100 and C = 4.81, checked against chinese-days'
 * astronomical solar terms for every year 2001–2099 in statutory-holidays.test.ts.
 */
export function qingmingDate(year: number): IsoDate {
  if (!Number.isInteger(year) || year < 2001 || year > LAST_COMPUTABLE_YEAR) {
    throw new AppError("solar_term_out_of_range", 400, `清明节气只支持 2001 至 2099 年：${String(year)}`);
  }
  const y = year % 100;
  const day = Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4);
  return formatIsoDate(year, 4, day);
}

const run = (first: IsoDate, days: number): IsoDate[] =>
  Array.from({ length: days }, (_, i) => addDays(first, i));

/** The statutory days off of a year under the 办法 in force that year (2014 onwards). */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < OLDER_RULES_FROM || year > LAST_COMPUTABLE_YEAR) {
    throw new AppError(
      "statutory_year_out_of_range",
      400,
      `法定节假日只能计算 ${OLDER_RULES_FROM} 至 ${LAST_COMPUTABLE_YEAR} 年：${String(year)}`,
    );
  }
  const current = year >= CURRENT_RULES_FROM;
  const eve = lunarNewYearsEve(year);
  return [
    { name: "元旦", dates: [formatIsoDate(year, 1, 1)] },
    { name: "春节", dates: current ? run(eve, 4) : run(addDays(eve, 1), 3) },
    { name: "清明节", dates: [qingmingDate(year)] },
    { name: "劳动节", dates: run(formatIsoDate(year, 5, 1), current ? 2 : 1) },
    { name: "端午节", dates: [lunarToSolar(year, 5, 5)] },
    { name: "中秋节", dates: [lunarToSolar(year, 8, 15)] },
    { name: "国庆节", dates: run(formatIsoDate(year, 10, 1), 3) },
  ];
}

/** The explanation shown wherever a provisional due date appears. */
export function provisionalNote(years: readonly number[]): string {
  const list = years.map((y) => `${y}年`).join("、");
  return `${list}节假日安排尚未发布，按法定节假日暂定（未计入调休上班日），通知发布后自动重新计算`;
}

/**
 * A provisional notice for a year without one: the statutory days off (those on a weekend are listed too;
 * they change nothing for counting). A day that is both, e.g. 中秋 falling on 1–3 October, keeps both names.
 */
export function provisionalNotice(year: number): Notice {
  if (year < CURRENT_RULES_FROM) {
    throw new AppError(
      "provisional_year_out_of_range",
      400,
      `${year}年早于现行《全国年节及纪念日放假办法》的施行年份，不能暂定`,
    );
  }
  const names = new Map<IsoDate, string>();
  for (const h of statutoryHolidays(year)) {
    for (const d of h.dates) names.set(d, names.has(d) ? `${names.get(d)}、${h.name}` : h.name);
  }
  const days = [...names.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([date, name]) => ({ date, off: true, name }));
  return { year, title: `${year}年法定节假日（暂定，未含调休）`, days };
}
