// Confidentiality markings, curated wording errors, document-number brackets, punctuation width and
// date style. These run on the original text: the width of a character is exactly what some of them check.
import { lineBounds } from "../../../platform/pii";
import type { RawFinding } from "./types";
import { WordMatcher } from "./word-matcher";
import { RENAMED_AGENCIES, SERIOUS_ERRORS } from "./wording-data";

// A marking is the level with its star (机密★1年, ★绝密) or the 内部资料/注意保存 legend; the bare words
// also occur in laws about secrecy ("国家秘密的密级分为绝密、机密、秘密三级") and are not markings.
const SECRECY =
  /(?:绝密|机密|秘密)\s*[★☆]\s*(?:[0-9０-９一二三四五六七八九十]+\s*年|长期)?|[★☆]\s*(?:绝密|机密|秘密)|内部资料(?!性)|注意保存/g;

export function detectSecrecy(text: string, out: RawFinding[]): void {
  SECRECY.lastIndex = 0;
  for (let m = SECRECY.exec(text); m; m = SECRECY.exec(text)) {
    // 内部资料 and 注意保存 are markings where they stand alone (a short line of their own, or together);
    // in running text ("内部刊物和内部资料所载内容") they are words.
    if (!m[0].includes("密")) {
      const [ls, le] = lineBounds(text, m.index);
      const together = /内部资料[，,、\s]*注意保存/.test(text.slice(ls, le));
      if (!together && text.slice(ls, le).trim().length > 20) continue;
    }
    out.push({
      kind: "secrecy_mark",
      start: m.index,
      end: m.index + m[0].length,
      severity: "blocking",
      message: `含有密级或内部标识“${m[0]}”，涉密或内部材料不得公开发布。`,
    });
  }
}

const seriousMatcher = new WordMatcher(SERIOUS_ERRORS.map((e) => e.wrong));
const seriousRight = new Map(SERIOUS_ERRORS.map((e) => [e.wrong, e.right]));
const agencyMatcher = new WordMatcher(RENAMED_AGENCIES.map((a) => a.old));
const agencyByOld = new Map(RENAMED_AGENCIES.map((a) => [a.old, a]));

export function detectCuratedWording(text: string, out: RawFinding[]): void {
  for (const m of seriousMatcher.findAll(text)) {
    const right = seriousRight.get(m.word)!;
    out.push({
      kind: "serious_error",
      start: m.start,
      end: m.end,
      severity: "error",
      message: `严重表述错误：“${m.word}”应为“${right}”。`,
      suggestion: right,
    });
  }
  for (const m of agencyMatcher.findAll(text)) {
    const a = agencyByOld.get(m.word)!;
    if (a.notAfter?.includes(text[m.start - 1] ?? "\0")) continue;
    if (a.notBefore?.includes(text[m.end] ?? "\0")) continue;
    out.push({
      kind: "outdated_agency",
      start: m.start,
      end: m.end,
      severity: "warning",
      message: `“${a.old}”已在${a.since}后更名为“${a.current}”，现行表述请核实。`,
      suggestion: a.current,
    });
  }
}

// 发文字号 per GB/T 9704-2012 §7.2.5: 〔YYYY〕 with U+3014/U+3015, serial without leading zeros or 第.
const DOC_NUMBER =
  /(?<=[\u4e00-\u9fff])([〔[【(（［﹝])\s*((?:19|20)[0-9]{2})\s*([〕\]】)）］﹞])\s*(第?)\s*(0*)([0-9]{1,6})\s*号/g;

export function detectDocNumbers(text: string, out: RawFinding[]): void {
  DOC_NUMBER.lastIndex = 0;
  for (let m = DOC_NUMBER.exec(text); m; m = DOC_NUMBER.exec(text)) {
    const right = `〔${m[2]}〕${m[6]}号`;
    if (m[0] === right) continue;
    const what = m[1] !== "〔" || m[3] !== "〕" ? "年份应使用六角括号〔〕" : "序号不加“第”、不编虚位";
    out.push({
      kind: "doc_number_format",
      start: m.index,
      end: m.index + m[0].length,
      severity: "warning",
      message: `发文字号格式不规范：${what}（GB/T 9704-2012）。`,
      suggestion: right,
    });
  }
}

const HALF_PUNCT = /(?<=[\u4e00-\u9fff])[,;:?!](?=[\u4e00-\u9fff“”‘’\s]|$)/g;
const HALF_PARENS =
  /(?<=[\u4e00-\u9fff])\(([\u4e00-\u9fff][^()\n]{0,40})\)|\(([\u4e00-\u9fff][^()\n]{0,40})\)(?=[\u4e00-\u9fff])/g;
const FULL_OF: Record<string, string> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！" };

export function detectPunctuation(text: string, out: RawFinding[]): void {
  HALF_PUNCT.lastIndex = 0;
  for (let m = HALF_PUNCT.exec(text); m; m = HALF_PUNCT.exec(text)) {
    out.push({
      kind: "mixed_punctuation",
      start: m.index,
      end: m.index + 1,
      severity: "warning",
      message: `中文语句中使用了半角标点“${m[0]}”，应使用全角“${FULL_OF[m[0]]}”。`,
      suggestion: FULL_OF[m[0]],
    });
  }
  HALF_PARENS.lastIndex = 0;
  for (let m = HALF_PARENS.exec(text); m; m = HALF_PARENS.exec(text)) {
    const inner = m[1] ?? m[2] ?? "";
    out.push({
      kind: "mixed_punctuation",
      start: m.index,
      end: m.index + m[0].length,
      severity: "warning",
      message: "中文语句中使用了半角括号，应使用全角括号（）。",
      suggestion: `（${inner}）`,
    });
  }
}

const CN_DIGIT: Record<string, number> = {
  〇: 0,
  零: 0,
  "○": 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_DATE =
  /(?:一九|二[〇零○])[〇零○一二三四五六七八九]{2}年(?:([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?)?/g;

/** 一 to 三十一 written with 十. */
function smallNumber(s: string): number {
  if (!s.includes("十")) return CN_DIGIT[s] ?? Number.NaN;
  const [tens, ones] = s.split("十");
  return (tens ? (CN_DIGIT[tens] ?? Number.NaN) : 1) * 10 + (ones ? (CN_DIGIT[ones] ?? Number.NaN) : 0);
}

export function detectChineseNumeralDates(text: string, out: RawFinding[]): void {
  CN_DATE.lastIndex = 0;
  for (let m = CN_DATE.exec(text); m; m = CN_DATE.exec(text)) {
    const year = [...m[0].slice(0, 4)].map((c) => CN_DIGIT[c]).join("");
    let suggestion = `${year}年`;
    if (m[1]) suggestion += `${smallNumber(m[1])}月`;
    if (m[2]) suggestion += `${smallNumber(m[2])}日`;
    out.push({
      kind: "chinese_numeral_date",
      start: m.index,
      end: m.index + m[0].length,
      severity: "warning",
      message: "正文日期应使用阿拉伯数字（GB/T 9704-2012），如“2020年1月1日”。",
      suggestion,
    });
  }
}

const FULL_DIGITS = /[０-９]+/g;

export function detectFullWidthDigits(text: string, out: RawFinding[]): void {
  FULL_DIGITS.lastIndex = 0;
  for (let m = FULL_DIGITS.exec(text); m; m = FULL_DIGITS.exec(text)) {
    out.push({
      kind: "fullwidth_digits",
      start: m.index,
      end: m.index + m[0].length,
      severity: "warning",
      message: "数字应使用半角阿拉伯数字。",
      suggestion: m[0].replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)),
    });
  }
}

let cachedWords: readonly string[] | undefined;
let cachedMatcher: WordMatcher | undefined;

/** The site's own list; the matcher is kept while the same list object is passed again. */
export function detectSensitiveWords(text: string, words: readonly string[], out: RawFinding[]): void {
  if (words.length === 0) return;
  if (words !== cachedWords) {
    cachedWords = words;
    cachedMatcher = new WordMatcher(words);
  }
  for (const m of cachedMatcher!.findAll(text)) {
    out.push({
      kind: "sensitive_word",
      start: m.start,
      end: m.end,
      severity: "error",
      message: `含有本站敏感词“${m.word}”，请修改或删除后再发布。`,
    });
  }
}
