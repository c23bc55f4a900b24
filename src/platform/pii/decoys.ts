// Spans that look like personal numbers but identify documents, organisations or standards. Personal
// information detectors drop any candidate overlapping one of these, so the rules live in one place.
import { isValidCreditCode } from "../credit-code";
import { isValidResidentId } from "./checksums";

export type Span = readonly [number, number];

const DECOY_PATTERNS: RegExp[] = [
  // 发文字号 with any bracket style: 固政发〔2020〕1号, [2020], 【2020】, (2020).
  /[〔[【(（［﹝]\s*(?:19|20)\d{2}\s*[〕\]】)）］﹞]\s*第?\s*\d{1,6}\s*号/g,
  // 索引号: <credit or organisation code>/<year>-<serial>, e.g. 11441700007280420Y/2021-00050.
  /(?<![0-9A-Za-z])[0-9A-Z]{9,18}\/(?:19|20)\d{2}-\d{2,8}/g,
  // Web addresses: digits in paths are not phone numbers.
  /(?:https?:\/\/|www\.)[^\s<>"'，。；、）)】]+/gi,
  // Standards and their years: GB 11643-1999, GB/T 9704-2012, DB15/T 1234-2017.
  /(?<![A-Za-z])(?:GB|GA|DB\d{2}|[A-Z]{2,4})(?:\/[TZ])?\s?\d{1,6}(?:\.\d+)*[-—](?:19|20)\d{2}/g,
];

const CREDIT = /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{18}(?![0-9A-Za-z])/g;
const CREDIT_CONTEXT = /信用代码|社会信用|机构代码|纳税人识别号|税号|注册号|索引号/;

/** Sorted, disjoint decoy spans of the (width-normalised) text. */
export function findDecoys(norm: string): Span[] {
  const spans: Span[] = [];
  for (const re of DECOY_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(norm); m; m = re.exec(norm)) spans.push([m.index, m.index + m[0].length]);
  }
  CREDIT.lastIndex = 0;
  for (let m = CREDIT.exec(norm); m; m = CREDIT.exec(norm)) {
    const code = m[0];
    if (!isValidCreditCode(code)) continue;
    // A code that is also a valid resident ID is a person unless the text says it is a credit code:
    // failing safe towards privacy costs a reviewer one click, the other way leaks an ID.
    if (isValidResidentId(code) && !CREDIT_CONTEXT.test(norm.slice(Math.max(0, m.index - 30), m.index)))
      continue;
    spans.push([m.index, m.index + code.length]);
  }
  return mergeSpans(spans);
}

/** Sorted, disjoint union of spans. */
export function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of spans) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Whether [s, e) overlaps any span; spans sorted and disjoint (mergeSpans). */
export function overlapsAny(spans: readonly Span[], s: number, e: number): boolean {
  // The last span starting before e is the only one that can reach past s.
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]![0] < e) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && spans[lo - 1]![1] > s;
}
