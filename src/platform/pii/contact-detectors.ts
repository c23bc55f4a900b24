// E-mail addresses, passports and travel permits, licence plates and landlines written as (0472)8123456.
import { isLandline } from "./checksums";
import { overlapsAny, type Span } from "./decoys";
import { isAsciiAlnumCode } from "./text-utils";
import type { RawFinding } from "./types";

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
const DOMAIN =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,10}$/;

/**
 * Grows each "@" outwards instead of running an e-mail regex from every position: a regex with a
 * repeated local part backtracks quadratically over long runs of letters (encoded blobs, URLs).
 */
export function detectEmails(norm: string, decoys: readonly Span[], out: RawFinding[]): void {
  for (let at = norm.indexOf("@"); at >= 0; at = norm.indexOf("@", at + 1)) {
    let s = at;
    while (s > 0 && at - s < 64 && LOCAL_CHAR.test(norm[s - 1]!)) s--;
    while (s < at && !isAsciiAlnumCode(norm.charCodeAt(s))) s++;
    if (s === at || (s > 0 && LOCAL_CHAR.test(norm[s - 1]!))) continue;
    let e = at + 1;
    while (e < norm.length && e - at < 255 && DOMAIN_CHAR.test(norm[e]!)) e++;
    while (e > at + 1 && (norm[e - 1] === "." || norm[e - 1] === "-")) e--;
    if (!DOMAIN.test(norm.slice(at + 1, e))) continue;
    if (overlapsAny(decoys, s, e)) continue;
    out.push({ kind: "email", start: s, end: e });
  }
}

const DOC = /(?<![0-9A-Za-z])([CEGDSPHMTL])([A-HJ-NP-Z]?)([0-9]{7,10})(?![0-9A-Za-z])/g;
const PASSPORT_CONTEXT = /护照|passport/i;
const PERMIT_CONTEXT = /通行证|回乡证|台胞证|港澳|台湾|证件/;
const TAIWAN_PERMIT =
  /(?:台胞证|台湾居民来往大陆通行证)(?:号码|号)?[:：\s]*([0-9]{8}(?:[0-9]{2})?)(?![0-9A-Za-z])/g;

/** Which document a letter-prefixed number is, or null when it is some other code. */
function documentKind(
  prefix: string,
  letter: string,
  digits: string,
  ctx: string,
): RawFinding["kind"] | null {
  const n = digits.length;
  const nine = n + letter.length === 8;
  // Ordinary e-passports: E + 8 digits or E + letter + 7 digits; older and official ones need context.
  if (prefix === "E" && nine) return "passport";
  if ("GDSP".includes(prefix) && !letter && n === 8) return PASSPORT_CONTEXT.test(ctx) ? "passport" : null;
  if (!PERMIT_CONTEXT.test(ctx)) return null;
  if (prefix === "C" && nine) return "travel_permit"; // 往来港澳通行证
  if ((prefix === "H" || prefix === "M") && !letter && (n === 8 || n === 10)) return "travel_permit"; // 回乡证
  if ((prefix === "T" || prefix === "L") && !letter && n === 8) return "travel_permit"; // 往来台湾通行证
  return null;
}

export function detectTravelDocuments(norm: string, decoys: readonly Span[], out: RawFinding[]): void {
  DOC.lastIndex = 0;
  for (let m = DOC.exec(norm); m; m = DOC.exec(norm)) {
    const ctx = norm.slice(Math.max(0, m.index - 30), m.index);
    const kind = documentKind(m[1]!, m[2]!, m[3]!, ctx);
    if (!kind || overlapsAny(decoys, m.index, m.index + m[0].length)) continue;
    out.push({ kind, start: m.index, end: m.index + m[0].length });
  }
  TAIWAN_PERMIT.lastIndex = 0;
  for (let m = TAIWAN_PERMIT.exec(norm); m; m = TAIWAN_PERMIT.exec(norm)) {
    const s = m.index + m[0].length - m[1]!.length;
    out.push({ kind: "travel_permit", start: s, end: s + m[1]!.length });
  }
}

const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•・]?[A-HJ-NP-Z0-9]{5,6}(?![0-9A-Za-z])/g;

export function detectPlates(norm: string, out: RawFinding[]): void {
  PLATE.lastIndex = 0;
  for (let m = PLATE.exec(norm); m; m = PLATE.exec(norm)) {
    const tail = m[0].replace(/^..[·•・]?/, "");
    const digits = tail.replace(/[^0-9]/g, "").length;
    // Ordinary plates have at most two letters after the city letter; new-energy ones (6) start or end in D/F.
    const ok = tail.length === 5 ? digits >= 3 : /^[DF][A-HJ-NP-Z0-9]\d{4}$|^\d{5}[DF]$/.test(tail);
    if (ok) out.push({ kind: "plate", start: m.index, end: m.index + m[0].length });
  }
}

const PAREN_LANDLINE = /[(（](0\d{2,3})[)）][ -]?([2-9]\d{6,7})(?![0-9])/g;

export function detectParenLandlines(norm: string, decoys: readonly Span[], out: RawFinding[]): void {
  PAREN_LANDLINE.lastIndex = 0;
  for (let m = PAREN_LANDLINE.exec(norm); m; m = PAREN_LANDLINE.exec(norm)) {
    if (!isLandline(m[1]!, m[2]!)) continue;
    const e = m.index + m[0].length;
    if (overlapsAny(decoys, m.index, e)) continue;
    out.push({ kind: "landline", start: m.index, end: e, meta: m[1]!.length });
  }
}
