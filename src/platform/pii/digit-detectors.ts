// One pass over runs of digits (optionally split by single spaces or dashes, as people type 138 1234 5678
// or 6222 0212 3456 7890) classifies IDs, mobiles, landlines and bank cards. Groups of a run are joined
// only in the shapes people actually write, so columns of figures in a table do not fuse into a "card".
import {
  isLandline,
  isMobileNumber,
  isValidBankCard,
  isValidOldResidentId,
  isValidResidentId,
  looksLikeResidentId,
} from "./checksums";
import { overlapsAny, type Span } from "./decoys";
import { isAsciiAlnumCode, isDigitCode } from "./text-utils";
import type { RawFinding } from "./types";

const RUN = /[0-9]+(?:[ \u00A0\u3000\-–—][0-9]+)*[Xx]?/g;
const PHONE_CONTEXT = /电话|座机|固话|手机|tel|联系方式|传真|fax/i;
// After a figure these mark an amount or a count, before it a decimal, currency or serial (第…号).
const AMOUNT_AFTER = new Set(["元", "万", "亿", "%", "‰", "."]);
const AMOUNT_BEFORE = new Set([".", "¥", "￥", "$", "#", "第"]);

interface Classified {
  kind: "id_card" | "id_card_invalid" | "mobile" | "landline" | "bank_card";
  /** Leading digits that belong to a country code and are not part of the span. */
  skip?: number;
  /** For landlines: digits of the area code. */
  area?: number;
}

const all = (xs: number[], f: (x: number) => boolean) => xs.every(f);

function classify(d: string, g: number[], context: () => string): Classified | null {
  const len = d.length;
  const single = g.length === 1;
  if (len === 18) {
    if (isValidResidentId(d)) return { kind: "id_card" };
    // The ID shape (province and a real birth date) is stronger evidence than Luhn's one-in-ten.
    if (looksLikeResidentId(d)) return { kind: "id_card_invalid" };
    if (!d.endsWith("X") && isValidBankCard(d) && cardShape(g)) return { kind: "bank_card" };
    return null;
  }
  if (d.endsWith("X")) return null;
  if (len === 15 && isValidOldResidentId(d)) return { kind: "id_card" };
  if (len === 11 && isMobileNumber(d) && (single || mobileShape(g))) return { kind: "mobile" };
  if (single && len === 13 && d.startsWith("86") && isMobileNumber(d.slice(2)))
    return { kind: "mobile", skip: 2 };
  if (single && len === 15 && d.startsWith("0086") && isMobileNumber(d.slice(4))) {
    return { kind: "mobile", skip: 4 };
  }
  if (d[0] === "0" && len >= 10 && len <= 12) {
    if (g.length === 2 && isLandline(d.slice(0, g[0]), d.slice(g[0])))
      return { kind: "landline", area: g[0] };
    if (g.length === 3 && g[0]! <= 4 && isLandline(d.slice(0, g[0]), d.slice(g[0]))) {
      return { kind: "landline", area: g[0] };
    }
    // Written without a separator, a number is a landline only where the text says it is a phone.
    if (single && PHONE_CONTEXT.test(context())) {
      for (const area of [3, 4]) {
        if (isLandline(d.slice(0, area), d.slice(area))) return { kind: "landline", area };
      }
    }
  }
  if (len >= 16 && len <= 19 && isValidBankCard(d) && cardShape(g)) return { kind: "bank_card" };
  return null;
}

// 6222 0212 3456 7890 123, or one unbroken run.
const cardShape = (g: number[]) => g.length === 1 || all(g.slice(0, -1), (n) => n === 4);
// 138 1234 5678, 138-12345678, 1381 234 5678.
const mobileShape = (g: number[]) => (g.length === 2 && g[0] === 3) || (g.length === 3 && g[0]! <= 4);

const MAX_DIGITS = 19;
const MAX_GROUPS = 5;

export function detectDigitRuns(norm: string, decoys: readonly Span[], out: RawFinding[]): void {
  RUN.lastIndex = 0;
  for (let m = RUN.exec(norm); m; m = RUN.exec(norm)) {
    let s = m.index;
    let e = s + m[0].length;
    // A trailing X is a check character only when it ends the word.
    if (
      (norm[e - 1] === "X" || norm[e - 1] === "x") &&
      e < norm.length &&
      isAsciiAlnumCode(norm.charCodeAt(e))
    )
      e--;
    const starts: number[] = [];
    const ends: number[] = [];
    let gs = s;
    for (let i = s; i < e; i++) {
      const c = norm.charCodeAt(i);
      if (!isDigitCode(c) && c !== 88 && c !== 120) {
        starts.push(gs);
        ends.push(i);
        gs = i + 1;
      }
    }
    starts.push(gs);
    ends.push(e);
    // Groups glued to letters or decimals are parts of codes or amounts, never identifiers.
    const before = s > 0 ? norm[s - 1]! : "";
    const after = e < norm.length ? norm[e]! : "";
    let first = 0;
    let last = starts.length - 1;
    if (before && (isAsciiAlnumCode(before.charCodeAt(0)) || AMOUNT_BEFORE.has(before))) first = 1;
    if (after && (isAsciiAlnumCode(after.charCodeAt(0)) || AMOUNT_AFTER.has(after))) last--;
    let i = first;
    while (i <= last) {
      const found = longestAt(norm, starts, ends, i, last, decoys, out);
      i = found >= 0 ? found + 1 : i + 1;
    }
    s = e;
  }
}

/** Tries groups i..j for the largest j first; records a finding and returns j, or -1. */
function longestAt(
  norm: string,
  starts: number[],
  ends: number[],
  i: number,
  last: number,
  decoys: readonly Span[],
  out: RawFinding[],
): number {
  const lens: number[] = [];
  let total = 0;
  for (let j = i; j <= last && j < i + MAX_GROUPS; j++) {
    const n = ends[j]! - starts[j]!;
    total += n;
    if (total > MAX_DIGITS) break;
    lens.push(n);
  }
  for (let k = lens.length; k >= 1; k--) {
    const g = lens.slice(0, k);
    // Joined groups must look like typed blocks: 3+ digits to start, 2-8 each.
    if (k > 1 && (g[0]! < 3 || !all(g, (n) => n >= 1 && n <= 8) || !all(g.slice(0, -1), (n) => n >= 2)))
      continue;
    const s = starts[i]!;
    const e = ends[i + k - 1]!;
    let d = "";
    for (let j = i; j < i + k; j++) d += norm.slice(starts[j], ends[j]);
    d = d.toUpperCase();
    const c = classify(d, g, () => norm.slice(Math.max(0, s - 12), s));
    if (!c) continue;
    if (overlapsAny(decoys, s, e)) return i + k - 1;
    out.push({ kind: c.kind, start: s + (c.skip ?? 0), end: e, meta: c.area });
    return i + k - 1;
  }
  return -1;
}
