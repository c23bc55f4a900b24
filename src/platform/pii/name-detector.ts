// Personal names where the text lists people: 姓名 columns of tables, "姓名：张三" fields, names right
// before an ID or phone number, and names under a 名单 heading. Names are found by context rather than
// by word segmentation: the context is what makes a name personal information worth masking, and it
// keeps the pass linear (no per-character jieba calls).
import { NOT_NAMES, surnameLength } from "./surnames";
import { isHanCode } from "./text-utils";
import type { RawFinding } from "./types";

// Characters that end place, unit and other words but rarely a given name.
const NOT_FINAL = new Set(
  "镇乡村县区市省局委办所站队组部社室院校司厂店户元人名岁年月日号男女族级班地款费金额份亩".split(""),
);

const HONORIFIC = /(?:先生|女士|同志|老师|师傅|大爷|大妈|阿姨|老汉)$/;

/** Whether a whole token is shaped like a Chinese name (surname + 1-2 characters). */
export function isNameToken(w: string): boolean {
  const sl = surnameLength(w);
  if (!sl || w.length < sl + 1 || w.length > sl + 2) return false;
  for (let i = 0; i < w.length; i++) if (!isHanCode(w.charCodeAt(i))) return false;
  if (w.includes("某") || NOT_NAMES.has(w) || NOT_FINAL.has(w[w.length - 1]!)) return false;
  // "王先生", "李女士": a surname with a form of address already hides who it is.
  if (HONORIFIC.test(w)) return false;
  return true;
}

const COLUMN_NAME = /^[\u4e00-\u9fff]{2,6}(?:[·•][\u4e00-\u9fff]{1,6})?$/;
const NOT_COLUMN_NAME = /合计|小计|总计|以下|空白|某/;

/** A cell of a 姓名 column: a name of any origin, not a total row or an already masked name. */
const isColumnName = (w: string) => COLUMN_NAME.test(w) && !NOT_COLUMN_NAME.test(w);

// Titles and words that may follow a name in running text without a separator.
const AFTER_NAME = /^(?:[^\u4e00-\u9fff]|男|女|先生|女士|同志|老师|等|户|之|$)/;

/** The name starting at i in running text (after 姓名：), preferring the longer reading. */
function nameAt(text: string, i: number): number {
  for (const len of [4, 3, 2]) {
    const w = text.slice(i, i + len);
    if (w.length === len && isNameToken(w) && AFTER_NAME.test(text.slice(i + len, i + len + 2))) return len;
  }
  return 0;
}

const KEY =
  /(?:申请人姓名|户主姓名|姓名|申请人|被申请人|被处罚人|当事人|户主|来信人|举报人|投诉人|持卡人|持有人|收款人|委托人|受益人|驾驶人|车主)\s*[:：]\s*/g;

function detectKeyed(text: string, out: RawFinding[]): void {
  KEY.lastIndex = 0;
  for (let m = KEY.exec(text); m; m = KEY.exec(text)) {
    const s = m.index + m[0].length;
    const len = nameAt(text, s);
    if (len) out.push({ kind: "name", start: s, end: s + len });
  }
}

const BEFORE_NUMBER_SEP = /[\s,，、:：(（]/;
const NUMBER_CUES = [
  "居民身份证号码",
  "公民身份号码",
  "身份证号码",
  "身份证号",
  "身份证",
  "证件号码",
  "手机号码",
  "手机号",
  "手机",
  "联系电话",
  "电话",
  "联系方式",
  "银行卡号",
  "卡号",
  "账号",
];
const CUE_CHARS = new Set("人主民员为是由和及与".split(""));

/** A name standing right before a number that identifies its holder: "张三 150222…", "李四（手机：138…）". */
function nameBefore(text: string, at: number): [number, number] | null {
  let p = at;
  while (p > 0 && at - p < 6 && BEFORE_NUMBER_SEP.test(text[p - 1]!)) p--;
  if (text[p - 1] === "为" || text[p - 1] === "是") p--;
  for (const cue of NUMBER_CUES) {
    if (text.endsWith(cue, p)) {
      p -= cue.length;
      break;
    }
  }
  while (p > 0 && at - p < 16 && BEFORE_NUMBER_SEP.test(text[p - 1]!)) p--;
  let s = p;
  while (s > 0 && p - s < 8 && isHanCode(text.charCodeAt(s - 1))) s--;
  const run = text.slice(s, p);
  if (run.length < 2) return null;
  if (run.length <= 3 && isNameToken(run)) return [s, p];
  if (run.length === 4 && surnameLength(run) === 2 && isNameToken(run)) return [s, p];
  const three = run.slice(-3);
  const two = run.slice(-2);
  const cueBeforeThree = CUE_CHARS.has(run[run.length - 4] ?? "");
  if (isNameToken(three) && (cueBeforeThree || !isNameToken(two))) return [p - 3, p];
  if (isNameToken(two) && CUE_CHARS.has(run[run.length - 3] ?? "")) return [p - 2, p];
  return null;
}

export function detectNamesBeforeNumbers(
  text: string,
  numbers: readonly RawFinding[],
  out: RawFinding[],
): void {
  for (const f of numbers) {
    if (f.kind !== "id_card" && f.kind !== "id_card_invalid" && f.kind !== "mobile" && f.kind !== "bank_card")
      continue;
    const span = nameBefore(text, f.start);
    if (span) out.push({ kind: "name", start: span[0], end: span[1] });
  }
}

type Cell = [number, number];

/** Cells of a table row with their offsets: split on |, tabs, or runs of spaces. */
function cellsOf(text: string, ls: number, le: number): Cell[] {
  const line = text.slice(ls, le);
  const sep = line.includes("|") ? /\|/g : line.includes("\t") ? /\t/g : /[ \u3000\u00A0]+/g;
  const cells: Cell[] = [];
  let from = 0;
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(line[a]!)) a++;
    while (b > a && /\s/.test(line[b - 1]!)) b--;
    if (b > a) cells.push([ls + a, ls + b]);
  };
  sep.lastIndex = 0;
  for (let m = sep.exec(line); m; m = sep.exec(line)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, line.length);
  return cells;
}

const NAME_HEADER =
  /^(?:户主|申请人|获奖人|考生|人员|收款人|持卡人|被处罚人|当事人|救助对象|补贴对象|困难群众)?姓名$/;
const LIST_HEADING = /名单|名册|花名册/;
const MAX_TABLE_ROWS = 5000;

/** Walks lines once: a 姓名 header opens a table, a 名单 heading opens a list; rows end at a blank line. */
function detectTablesAndLists(text: string, out: RawFinding[]): void {
  if (!text.includes("姓名") && !LIST_HEADING.test(text)) return;
  let ls = 0;
  let mode: "none" | "table" | "list" = "none";
  let nameCol = -1;
  let cols = 0;
  let rows = 0;
  while (ls <= text.length) {
    let le = text.indexOf("\n", ls);
    if (le < 0) le = text.length;
    const line = text.slice(ls, le);
    const blank = line.trim() === "";
    if (mode === "table") {
      const cells = cellsOf(text, ls, le);
      if (blank || cells.length < 2 || ++rows > MAX_TABLE_ROWS) mode = "none";
      else if (!/^[\s|:-]+$/.test(line)) {
        // In the 姓名 column any name counts, also those without a Han surname (巴特尔, 阿不都·热合曼).
        const inColumn = cells.length === cols ? cells[nameCol] : undefined;
        const c =
          inColumn && isColumnName(text.slice(inColumn[0], inColumn[1]))
            ? inColumn
            : cells.find(([a, b]) => isNameToken(text.slice(a, b)));
        if (c) out.push({ kind: "name", start: c[0], end: c[1] });
      }
    } else if (mode === "list") {
      // Notes such as （按姓氏笔画排序） sit between the heading and the names.
      const note = /^\s*[（(]/.test(line);
      if (!blank && !note && !listLine(text, ls, le, out)) mode = "none";
    }
    if (mode === "none" && line.length < 300) {
      const cells = line.includes("姓名") ? cellsOf(text, ls, le) : [];
      const idx = cells.findIndex(([a, b]) => NAME_HEADER.test(text.slice(a, b)));
      if (cells.length >= 2 && idx >= 0) {
        mode = "table";
        nameCol = idx;
        cols = cells.length;
        rows = 0;
      } else if (line.length < 60 && LIST_HEADING.test(line) && !line.includes("。")) {
        mode = "list";
      }
    }
    ls = le + 1;
  }
}

/** Records the names of a list line ("张三、李四、王五", "一等奖：张三 李四"); false when it is prose. */
function listLine(text: string, ls: number, le: number, out: RawFinding[]): boolean {
  const line = text.slice(ls, le);
  if (line.includes("。") || line.length > 400) return false;
  const colon = Math.max(line.lastIndexOf("："), line.lastIndexOf(":"));
  const body = colon >= 0 && colon < 20 ? colon + 1 : 0;
  const tokens: Cell[] = [];
  const re = /[^、，,；;\s]+/g;
  re.lastIndex = body;
  for (let m = re.exec(line); m; m = re.exec(line)) tokens.push([ls + m.index, ls + m.index + m[0].length]);
  const names = tokens.filter(([a, b]) => isNameToken(text.slice(a, b)));
  if (tokens.length === 0 || names.length / tokens.length < 0.5) return false;
  // In a line that is mostly names, the other short words are names too (巴特尔, 乌云其木格).
  for (const [a, b] of tokens)
    if (isColumnName(text.slice(a, b))) out.push({ kind: "name", start: a, end: b });
  return true;
}

// A salutation on its own line, as replies to applicants and letters open: "张三：" or "李四同志：".
const SALUTATION = /^[ \t\u3000]*([\u4e00-\u9fff]{2,4}?)(?:先生|女士|同志)?[:：][ \t\u3000]*$/gm;

function detectSalutations(text: string, out: RawFinding[]): void {
  SALUTATION.lastIndex = 0;
  for (let m = SALUTATION.exec(text); m; m = SALUTATION.exec(text)) {
    const s = m.index + m[0].indexOf(m[1]!);
    if (isNameToken(m[1]!)) out.push({ kind: "name", start: s, end: s + m[1]!.length });
  }
}

// Before a name in running text: a non-Han character or one of these ("当事人张三", "对李四作出").
const LEFT_OK = new Set("人主民员为是由和及与对向给被让请经将把称系即".split(""));
// After a name in running text: a non-Han character or a word that starts the predicate.
const NEXT_OK = new Set("于在的是为因被将向与和等及已未曾系对从经所自涉同先女家户男，".split(""));

/**
 * A name found by its context is personal wherever it recurs ("当事人张三于2023年…"), so each distinct
 * name is searched again; an occurrence glued to Han characters that could make it part of a longer word
 * is skipped.
 */
function propagate(text: string, found: RawFinding[], out: RawFinding[]): void {
  const names = new Set(found.filter((f) => f.kind === "name").map((f) => text.slice(f.start, f.end)));
  for (const name of names) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
      const next = text.charCodeAt(i + name.length);
      if (isHanCode(next) && !NEXT_OK.has(text[i + name.length]!)) continue;
      if (isHanCode(text.charCodeAt(i - 1)) && !LEFT_OK.has(text[i - 1]!)) continue;
      out.push({ kind: "name", start: i, end: i + name.length });
    }
  }
}

export function detectNames(text: string, numbers: readonly RawFinding[], out: RawFinding[]): void {
  const found: RawFinding[] = [];
  detectKeyed(text, found);
  detectSalutations(text, found);
  detectNamesBeforeNumbers(text, numbers, found);
  detectTablesAndLists(text, found);
  out.push(...found);
  if (found.length) propagate(text, found, out);
}
