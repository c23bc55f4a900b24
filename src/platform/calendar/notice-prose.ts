// The State Council's holiday notice as published (国务院办公厅关于某年部分节假日安排的通知), read from its prose:
// "二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日
// （周六）上班。" Each numbered section gives a holiday's days off (a range or one day) and its make-up working
// days (上班). Everything the text states is cross-checked — the weekday in brackets, "共N天", make-up days on
// a weekend, no date twice — and every problem is reported at once; sentences with dates that are neither a
// day off nor a make-up day (e.g. 2024's "鼓励…在除夕（2月9日）休息") are listed as not imported, for the clerk
// to confirm. The text is untrusted: its length is capped and every pattern is linear (no nested or
// unbounded quantifiers over the same characters).
import { addDays, formatIsoDate, type IsoDate, toDayNumber, tryParseIsoDate, weekday } from "./dates";
import { type Notice, type NoticeDay, type NoticeProblem, type ParseResult, parseNotice } from "./notice";

export const NOTICE_TEXT_MAX_CHARS = 20_000;
const MAX_SECTIONS = 20;

export interface ProseHoliday {
  /** The section's heading, e.g. "春节" or "国庆节、中秋节". */
  name: string;
  off: IsoDate[];
  makeup: IsoDate[];
  /** The section as written (normalised), for showing beside the parse. */
  text: string;
}

export interface ProseNotice {
  notice: Notice;
  holidays: ProseHoliday[];
  /** Days the notice gives in a neighbouring year (e.g. 2022-12-31 in the 2023 notice): not imported. */
  outsideYear: NoticeDay[];
  /** Sentences with dates that are neither a day off nor a make-up day: shown, not imported. */
  ignored: string[];
}

const WEEKDAY_CHARS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const WEEKDAY_NAMES = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

// One date mention: optional year, optional month (a range's end may omit it), day, optional bracket.
const DATE_TOKEN = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^()]{0,40})\))?/g;
const SECTION = /([一二三四五六七八九十]{1,3})、([^:\n。]{1,20}):/g;

interface Token {
  year?: number;
  month?: number;
  day: number;
  bracket?: string;
  start: number;
  end: number;
}

function tokens(sentence: string): Token[] {
  const out: Token[] = [];
  for (const m of sentence.matchAll(DATE_TOKEN)) {
    const t: Token = { day: Number(m[3]), start: m.index, end: m.index + m[0].length };
    if (m[1]) t.year = Number(m[1]);
    if (m[2]) t.month = Number(m[2]);
    if (m[4]) t.bracket = m[4];
    out.push(t);
  }
  return out;
}

/** Normalises full-width digits and punctuation (NFKC) and line ends; keeps 。、〔〕. */
function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u3000]+/g, " ");
}

function findYear(text: string): number | undefined {
  const m =
    /关于 ?(\d{4}) ?年部分节假日安排/.exec(text) ??
    /现将 ?(\d{4}) ?年/.exec(text) ??
    /(\d{4}) ?年部分节假日安排/.exec(text);
  return m ? Number(m[1]) : undefined;
}

export function parseNoticeProse(input: unknown): ParseResult<ProseNotice> {
  const problems: NoticeProblem[] = [];
  const fail = (code: string, message: string, field = "text") => problems.push({ field, code, message });
  if (typeof input !== "string" || input.trim() === "") {
    return {
      ok: false,
      problems: [{ field: "text", code: "text_missing", message: "请粘贴或上传通知原文" }],
    };
  }
  if (input.length > NOTICE_TEXT_MAX_CHARS) {
    return {
      ok: false,
      problems: [
        {
          field: "text",
          code: "text_too_long",
          message: `通知原文过长（${input.length} 字），最多 ${NOTICE_TEXT_MAX_CHARS} 字：请只粘贴通知本身`,
        },
      ],
    };
  }
  const text = normalise(input.replace(/^\uFEFF/, ""));
  const year = findYear(text);
  if (year === undefined)
    fail("year_missing", "未找到通知的年份（如“国务院办公厅关于2027年部分节假日安排的通知”）");
  else if (year < 2000 || year > 2200) fail("year_invalid", `通知年份不正确：${year}`);
  const docMatch = /国办发明电 ?〔 ?(\d{4}) ?〕 ?(\d{1,3}) ?号/.exec(text);
  const document_number = docMatch ? `国办发明电〔${docMatch[1]}〕${docMatch[2]}号` : undefined;
  const titleMatch = /国务院办公厅关于 ?\d{4} ?年部分节假日安排的通知/.exec(text);

  const heads = [...text.matchAll(SECTION)];
  if (heads.length === 0) {
    fail("sections_missing", "未找到“一、元旦：……”这样的分节内容，无法识别放假安排");
  } else if (heads.length > MAX_SECTIONS) {
    fail("sections_too_many", `分节过多（${heads.length} 节），这不像一份节假日通知`);
  }
  const holidays: ProseHoliday[] = [];
  const outsideYear: NoticeDay[] = [];
  const ignored: string[] = [];
  const seen = new Map<IsoDate, string>();
  if (year !== undefined && problems.length === 0) {
    heads.forEach((h, i) => {
      const from = h.index + h[0].length;
      let body = text.slice(from, i + 1 < heads.length ? heads[i + 1]!.index : text.length);
      // The last section ends with its paragraph (the closing paragraph and signature follow).
      if (i + 1 === heads.length) body = body.replace(/^\s+/, "").split("\n")[0]!;
      const name = h[2]!.trim();
      const holiday: ProseHoliday = { name, off: [], makeup: [], text: `${h[1]}、${name}：${body.trim()}` };
      parseSection(year, holiday, body, problems, ignored);
      for (const date of [...holiday.off, ...holiday.makeup]) {
        const other = seen.get(date);
        if (other !== undefined) {
          fail("date_duplicate", `${date} 同时出现在“${other}”和“${name}”中`);
        }
        seen.set(date, name);
      }
      holidays.push(holiday);
    });
  }
  if (problems.length > 0 || year === undefined) return { ok: false, problems };

  const days: NoticeDay[] = [];
  for (const h of holidays) {
    const add = (date: IsoDate, off: boolean) => {
      const day = { date, off, name: h.name };
      if (Number(date.slice(0, 4)) === year) days.push(day);
      else outsideYear.push(day);
    };
    for (const d of h.off) add(d, true);
    for (const d of h.makeup) add(d, false);
  }
  const json: Record<string, unknown> = { year, days };
  if (document_number) json.document_number = document_number;
  json.title = titleMatch ? titleMatch[0].replace(/ /g, "") : `${year}年部分节假日安排`;
  // The same validation as a JSON notice (make-up days on weekends, dates in the year, at least one day off).
  const checked = parseNotice(json);
  if (!checked.ok) return checked;
  return { ok: true, value: { notice: checked.value, holidays, outsideYear, ignored } };
}

function parseSection(
  year: number,
  holiday: ProseHoliday,
  body: string,
  problems: NoticeProblem[],
  ignored: string[],
): void {
  const where = `“${holiday.name}”`;
  const fail = (code: string, message: string) =>
    problems.push({ field: "text", code, message: `${where}：${message}` });
  let understood = false;
  for (const raw of body.split(/[。;\n]/)) {
    const sentence = raw.trim();
    if (!sentence) continue;
    const ts = tokens(sentence);
    const isOff = sentence.includes("放假");
    const isWork = sentence.includes("上班");
    if (ts.length === 0) continue;
    if (isOff && isWork) {
      fail("sentence_ambiguous", `无法识别“${sentence}”：同一句中既有放假又有上班`);
      continue;
    }
    if (!isOff && !isWork) {
      ignored.push(`${holiday.name}：${sentence}`);
      continue;
    }
    // Resolve year and month of each mention: a missing month or year is the previous mention's, and a
    // range's end in an earlier month than its start lies in the next year (12月31日至1月2日).
    let curYear = year;
    let curMonth: number | undefined;
    const dates: IsoDate[] = [];
    for (const t of ts) {
      if (t.year !== undefined) curYear = t.year;
      else if (t.month !== undefined && curMonth !== undefined && t.month < curMonth) curYear += 1;
      if (t.month !== undefined) curMonth = t.month;
      if (curMonth === undefined) {
        fail("date_unreadable", `“${sentence}”中的日期缺少月份`);
        return;
      }
      const iso = formatIsoDate(curYear, curMonth, t.day);
      if (!tryParseIsoDate(iso)) {
        fail("date_invalid", `日期不存在：${curYear}年${curMonth}月${t.day}日`);
        return;
      }
      const stated = /(?:周|星期) ?([一二三四五六日天])/.exec(t.bracket ?? "");
      if (stated && WEEKDAY_CHARS[stated[1]!] !== weekday(iso)) {
        fail(
          "weekday_mismatch",
          `${iso} 是${WEEKDAY_NAMES[weekday(iso)]}，通知写的是（${stated[0]}），请核对日期`,
        );
      }
      dates.push(iso);
    }
    understood = true;
    if (isWork) {
      holiday.makeup.push(...dates);
      continue;
    }
    // A day off: "A至B放假" (a range) or "A放假" (one day), then "共N天" / "放假N天" if stated.
    const between = ts.length >= 2 ? sentence.slice(ts[0]!.end, ts[1]!.start).trim() : "";
    let off: IsoDate[];
    if (ts.length >= 2 && between === "至") {
      const [a, b] = [dates[0]!, dates[1]!];
      const n = toDayNumber(b) - toDayNumber(a) + 1;
      if (n < 1 || n > 31) {
        fail("range_invalid", `放假期间 ${a} 至 ${b} 不正确`);
        return;
      }
      off = Array.from({ length: n }, (_, k) => addDays(a, k));
      if (ts.length > 2) fail("sentence_unreadable", `无法识别“${sentence}”：放假期间之外还有其他日期`);
    } else if (ts.length === 1) {
      off = [dates[0]!];
    } else {
      fail("sentence_unreadable", `无法识别“${sentence}”：应为“某月某日至某日放假”或“某月某日放假”`);
      return;
    }
    const count = /(?:共|放假) ?(\d{1,2}) ?天/.exec(sentence);
    if (count && Number(count[1]) !== off.length) {
      fail(
        "count_mismatch",
        `通知写“共${count[1]}天”，但 ${off[0]} 至 ${off[off.length - 1]} 是 ${off.length} 天`,
      );
    }
    holiday.off.push(...off);
  }
  if (!understood) fail("section_unreadable", "没有识别出放假日期");
}
