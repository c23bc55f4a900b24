// Holiday notices (国务院办公厅关于某年部分节假日安排的通知) and local closures, as data, with validation that
// reports every problem at once so a clerk importing a notice can fix the whole file in one pass.
import type { ErrorDetail } from "../errors";
import { fromDayNumber, type IsoDate, toDayNumber, tryParseIsoDate, weekday } from "./dates";

export interface NoticeDay {
  date: IsoDate;
  /** true: a day off (放假, on a weekday or a weekend alike); false: a make-up working day (调休上班). */
  off: boolean;
  /** The holiday it belongs to, e.g. "国庆节"; used to group days in explanations. */
  name?: string;
}

/** One year's holiday arrangement. Every date lies in `year`: a notice replaces its year as a whole. */
export interface Notice {
  year: number;
  document_number?: string;
  url?: string;
  title?: string;
  days: NoticeDay[];
}

/** A county's own day(s) off (e.g. a typhoon closure). Applies on top of the year's notice. */
export interface Closure {
  dates: IsoDate[];
  reason: string;
}

export type NoticeProblem = ErrorDetail;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: NoticeProblem[] };

const MIN_YEAR = 1949;
const MAX_YEAR = 2200;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function optionalString(
  obj: Record<string, unknown>,
  key: string,
  problems: NoticeProblem[],
  path = key,
): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") {
    problems.push({ field: path, code: "field_invalid", message: `${path} 应为文本` });
    return undefined;
  }
  const t = v.trim();
  return t === "" ? undefined : t;
}

/**
 * Validates a notice: `{year, days:[{date, off, name?}], document_number?, url?, title?}`.
 * Make-up working days must fall on a weekend: a "working" weekday changes nothing, so it is almost certainly
 * a typo (wrong date, or `off` flipped), and silently accepting it would hide a wrong deadline.
 * Dates must lie in the notice's own year (the calendar replaces whole years; a rare cross-year make-up day
 * such as 2011-12-31 from the 2012 notice belongs in that year's data).
 */
export function parseNotice(json: unknown): ParseResult<Notice> {
  const problems: NoticeProblem[] = [];
  if (!isRecord(json)) {
    return { ok: false, problems: [{ code: "notice_not_object", message: "节假日通知应为 JSON 对象" }] };
  }
  let year: number | undefined;
  if (json.year === undefined || json.year === null) {
    problems.push({ field: "year", code: "year_missing", message: "缺少年份（year）" });
  } else if (
    typeof json.year !== "number" ||
    !Number.isInteger(json.year) ||
    json.year < MIN_YEAR ||
    json.year > MAX_YEAR
  ) {
    problems.push({ field: "year", code: "year_invalid", message: `年份不正确：${String(json.year)}` });
  } else {
    year = json.year;
  }
  const document_number = optionalString(json, "document_number", problems);
  const url = optionalString(json, "url", problems);
  const title = optionalString(json, "title", problems);

  const days: NoticeDay[] = [];
  if (json.days === undefined || json.days === null) {
    problems.push({ field: "days", code: "days_missing", message: "缺少日期列表（days）" });
  } else if (!Array.isArray(json.days)) {
    problems.push({ field: "days", code: "days_invalid", message: "日期列表（days）应为数组" });
  } else if (json.days.length === 0) {
    problems.push({
      field: "days",
      code: "days_empty",
      message: "日期列表（days）为空：通知至少应包含一个放假日",
    });
  } else {
    const seen = new Map<string, number>();
    json.days.forEach((raw, i) => {
      const day = parseNoticeDay(raw, `days[${i}]`, year, problems);
      if (!day) return;
      const first = seen.get(day.date);
      if (first !== undefined) {
        problems.push({
          field: `days[${i}].date`,
          code: "date_duplicate",
          message: `日期 ${day.date} 重复出现（另见第 ${first + 1} 项）`,
        });
        return;
      }
      seen.set(day.date, i);
      days.push(day);
    });
    if (problems.length === 0 && !days.some((d) => d.off)) {
      problems.push({ field: "days", code: "no_days_off", message: "通知中没有任何放假日（off: true）" });
    }
  }
  if (problems.length > 0 || year === undefined) return { ok: false, problems };
  days.sort((a, b) => (a.date < b.date ? -1 : 1));
  const notice: Notice = { year, days };
  if (document_number) notice.document_number = document_number;
  if (url) notice.url = url;
  if (title) notice.title = title;
  return { ok: true, value: notice };
}

function parseNoticeDay(
  raw: unknown,
  path: string,
  year: number | undefined,
  problems: NoticeProblem[],
): NoticeDay | undefined {
  if (!isRecord(raw)) {
    problems.push({ field: path, code: "day_not_object", message: `${path} 应为对象 {date, off}` });
    return undefined;
  }
  let ok = true;
  let date: string | undefined;
  if (raw.date === undefined || raw.date === null) {
    problems.push({ field: `${path}.date`, code: "date_missing", message: `${path} 缺少日期（date）` });
    ok = false;
  } else {
    const parts = tryParseIsoDate(raw.date);
    if (!parts) {
      problems.push({
        field: `${path}.date`,
        code: "date_invalid",
        message: `${path} 的日期不正确：${String(raw.date)}（应为 YYYY-MM-DD 的有效日期）`,
      });
      ok = false;
    } else if (year !== undefined && parts.year !== year) {
      problems.push({
        field: `${path}.date`,
        code: "date_wrong_year",
        message: `日期 ${String(raw.date)} 不在通知年份 ${year} 年内`,
      });
      ok = false;
    } else {
      date = raw.date as string;
    }
  }
  if (raw.off === undefined || raw.off === null) {
    problems.push({ field: `${path}.off`, code: "off_missing", message: `${path} 缺少是否放假（off）` });
    ok = false;
  } else if (typeof raw.off !== "boolean") {
    problems.push({
      field: `${path}.off`,
      code: "off_invalid",
      message: `${path} 的 off 应为 true 或 false`,
    });
    ok = false;
  }
  const name = optionalString(raw, "name", problems, `${path}.name`);
  if (!ok || date === undefined) return undefined;
  const off = raw.off as boolean;
  const w = weekday(date);
  if (!off && w !== 0 && w !== 6) {
    problems.push({
      field: `${path}.off`,
      code: "makeup_not_weekend",
      message: `调休上班日 ${date} 不是周六或周日，请核对日期或 off 的取值`,
    });
    return undefined;
  }
  return name ? { date, off, name } : { date, off };
}

/**
 * Validates a closure. Accepts `{reason, date}`, `{reason, dates:[…]}` or `{reason, from, to}` (inclusive),
 * since a county may declare one day or a run of days.
 */
export function parseClosure(json: unknown): ParseResult<Closure> {
  const problems: NoticeProblem[] = [];
  if (!isRecord(json)) {
    return { ok: false, problems: [{ code: "closure_not_object", message: "停止办公安排应为 JSON 对象" }] };
  }
  const reason = optionalString(json, "reason", problems);
  if (!reason && !problems.some((p) => p.field === "reason")) {
    problems.push({ field: "reason", code: "reason_missing", message: "缺少停止办公的原因（reason）" });
  }
  const dates: IsoDate[] = [];
  const checkDate = (v: unknown, field: string): IsoDate | undefined => {
    if (tryParseIsoDate(v)) return v as IsoDate;
    problems.push({ field, code: "date_invalid", message: `${field} 的日期不正确：${String(v)}` });
    return undefined;
  };
  if (json.date !== undefined) {
    const d = checkDate(json.date, "date");
    if (d) dates.push(d);
  } else if (Array.isArray(json.dates)) {
    json.dates.forEach((v, i) => {
      const d = checkDate(v, `dates[${i}]`);
      if (d) dates.push(d);
    });
    if (json.dates.length === 0) {
      problems.push({ field: "dates", code: "dates_empty", message: "停止办公日期列表为空" });
    }
  } else if (json.from !== undefined || json.to !== undefined) {
    const from = checkDate(json.from, "from");
    const to = checkDate(json.to, "to");
    if (from && to) {
      if (to < from) {
        problems.push({
          field: "to",
          code: "range_reversed",
          message: `结束日期 ${to} 早于开始日期 ${from}`,
        });
      } else if (toDayNumber(to) - toDayNumber(from) > 366) {
        problems.push({ field: "to", code: "range_too_long", message: "停止办公期间超过一年，请核对" });
      } else {
        for (let n = toDayNumber(from); n <= toDayNumber(to); n++) dates.push(fromDayNumber(n));
      }
    }
  } else {
    problems.push({
      field: "dates",
      code: "dates_missing",
      message: "缺少停止办公日期（date、dates 或 from/to）",
    });
  }
  const unique = [...new Set(dates)];
  if (unique.length !== dates.length) {
    problems.push({ field: "dates", code: "date_duplicate", message: "停止办公日期有重复" });
  }
  if (problems.length > 0 || !reason) return { ok: false, problems };
  return { ok: true, value: { dates: unique.sort(), reason } };
}

export type CalendarImport = { kind: "notice"; notice: Notice } | { kind: "closure"; closure: Closure };

/**
 * For `gongkai calendar import-notice FILE`, which takes either a notice or a closure: a JSON with `days` is
 * a notice, one with `reason` is a closure.
 */
export function parseCalendarImport(json: unknown): ParseResult<CalendarImport> {
  if (isRecord(json) && json.days === undefined && json.reason !== undefined) {
    const r = parseClosure(json);
    return r.ok ? { ok: true, value: { kind: "closure", closure: r.value } } : r;
  }
  const r = parseNotice(json);
  return r.ok ? { ok: true, value: { kind: "notice", notice: r.value } } : r;
}
