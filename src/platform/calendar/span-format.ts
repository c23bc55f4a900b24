// Turns the holidays, make-up days and closures inside a counted span into the short Chinese text a clerk
// checks a deadline against, e.g. "国庆节 10月1日至7日 休息，9月29日、10月12日 上班".
import { fromDayNumber, type IsoDate, parseIsoDate, toDayNumber } from "./dates";

export interface SpanDay {
  date: IsoDate;
  kind: "workday" | "weekend" | "holiday" | "makeup_workday" | "closure";
  /** Holiday name, or the closure's reason. */
  name?: string | undefined;
}

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export interface SpanHoliday {
  /** "国庆节", or "国庆节、中秋节" when one block of days off carries both (2023, 2025). */
  name: string;
  offRanges: DateRange[];
  makeupDays: IsoDate[];
}

export interface SpanClosure {
  reason: string;
  ranges: DateRange[];
}

/** What lies in (from, to]: only days that changed the count compared with an ordinary week. */
export interface SpanDescription {
  from: IsoDate;
  to: IsoDate;
  holidays: SpanHoliday[];
  closures: SpanClosure[];
}

const UNNAMED = "节假日";

function toRanges(dayNumbers: number[]): DateRange[] {
  const ranges: DateRange[] = [];
  let runStart: number | undefined;
  let prev: number | undefined;
  for (const n of dayNumbers) {
    if (prev !== undefined && n === prev + 1) {
      prev = n;
      continue;
    }
    if (runStart !== undefined && prev !== undefined) {
      ranges.push({ from: fromDayNumber(runStart), to: fromDayNumber(prev) });
    }
    runStart = n;
    prev = n;
  }
  if (runStart !== undefined && prev !== undefined) {
    ranges.push({ from: fromDayNumber(runStart), to: fromDayNumber(prev) });
  }
  return ranges;
}

/** Groups the notable days of a span (in any order) by holiday; see SpanDescription. */
export function describeSpanFromDays(from: IsoDate, to: IsoDate, days: readonly SpanDay[]): SpanDescription {
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  // Runs of consecutive days off. A run is named after every holiday it contains, so the 2025 block
  // 10/1-10/8 (中秋 on 10/6 inside 国庆) reads "国庆节、中秋节 10月1日至8日" as the notice itself does.
  interface Group {
    name: string;
    names: Set<string>;
    offDays: number[];
    makeupDays: number[];
    first: number;
  }
  const groups = new Map<string, Group>();
  const groupFor = (key: string, names: string[], first: number): Group => {
    let g = groups.get(key);
    if (!g) {
      g = { name: key, names: new Set(names), offDays: [], makeupDays: [], first };
      groups.set(key, g);
    }
    g.first = Math.min(g.first, first);
    return g;
  };

  let run: { days: number[]; names: string[] } | undefined;
  const flush = () => {
    if (!run) return;
    const first = run.days[0]!;
    groupFor(run.names.join("、"), run.names, first).offDays.push(...run.days);
    run = undefined;
  };
  for (const d of sorted) {
    if (d.kind !== "holiday") continue;
    const n = toDayNumber(d.date);
    const name = d.name ?? UNNAMED;
    if (run && run.days[run.days.length - 1] === n - 1) {
      run.days.push(n);
      if (!run.names.includes(name)) run.names.push(name);
    } else {
      flush();
      run = { days: [n], names: [name] };
    }
  }
  flush();

  for (const d of sorted) {
    if (d.kind !== "makeup_workday") continue;
    const n = toDayNumber(d.date);
    const name = d.name ?? UNNAMED;
    const existing = [...groups.values()].find((g) => g.names.has(name));
    (existing ?? groupFor(name, [name], n)).makeupDays.push(n);
    if (existing) existing.first = Math.min(existing.first, n);
  }

  const closureDays = new Map<string, number[]>();
  for (const d of sorted) {
    if (d.kind !== "closure") continue;
    const reason = d.name ?? "";
    closureDays.set(reason, [...(closureDays.get(reason) ?? []), toDayNumber(d.date)]);
  }

  return {
    from,
    to,
    holidays: [...groups.values()]
      .sort((a, b) => a.first - b.first)
      .map((g) => ({
        name: g.name,
        offRanges: toRanges(g.offDays.sort((a, b) => a - b)),
        makeupDays: g.makeupDays.sort((a, b) => a - b).map(fromDayNumber),
      })),
    closures: [...closureDays.entries()].map(([reason, ns]) => ({ reason, ranges: toRanges(ns) })),
  };
}

/** "10月1日", "10月1日至7日", "1月31日至2月2日". */
export function formatRange(range: DateRange): string {
  const a = parseIsoDate(range.from);
  const b = parseIsoDate(range.to);
  if (range.from === range.to) return `${a.month}月${a.day}日`;
  if (a.year === b.year && a.month === b.month) return `${a.month}月${a.day}日至${b.day}日`;
  return `${a.month}月${a.day}日至${b.month}月${b.day}日`;
}

const monthDay = (d: IsoDate) => formatRange({ from: d, to: d });

/** The text inside the parenthesis, or "" when the span crosses no holiday, make-up day or closure. */
export function formatSpan(desc: SpanDescription): string {
  const parts: string[] = [];
  for (const h of desc.holidays) {
    const bits: string[] = [];
    if (h.offRanges.length > 0) bits.push(`${h.offRanges.map(formatRange).join("、")} 休息`);
    if (h.makeupDays.length > 0) bits.push(`${h.makeupDays.map(monthDay).join("、")} 上班`);
    parts.push(`${h.name} ${bits.join("，")}`);
  }
  for (const c of desc.closures) {
    const why = c.reason ? `（${c.reason}）` : "";
    parts.push(`本县停止办公 ${c.ranges.map(formatRange).join("、")}${why}`);
  }
  return parts.join("；");
}

/** "（国庆节 …）" or "" — ready to follow "+20个工作日". */
export function formatSpanParenthesis(desc: SpanDescription): string {
  const text = formatSpan(desc);
  return text ? `（${text}）` : "";
}
