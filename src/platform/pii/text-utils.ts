// Text helpers shared by the detectors. Detectors run on a width-normalised copy whose UTF-16 indexes are
// those of the original (every folded character is one code unit in both forms), so spans found on the
// copy slice the original exactly.

const FULL_WIDTH = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF20\uFF0B\uFF0D\uFF0E]/g;

/** Folds full-width digits, Latin letters, ＠ ＋ － ． to ASCII; same length as the input. */
export function normalizeWidth(text: string): string {
  FULL_WIDTH.lastIndex = 0;
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export const isDigitCode = (c: number) => c >= 48 && c <= 57;
export const isAsciiAlnumCode = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** CJK unified ideographs (basic block and extension A), enough for names and addresses. */
export const isHanCode = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);

/**
 * Converts UTF-16 indexes of `text` to code-point indexes. Text without astral characters (nearly all
 * Chinese government text) takes the identity path; otherwise a sorted list of surrogate-pair positions
 * is binary-searched.
 */
export function codePointMapper(text: string): (utf16: number) => number {
  const pairs: number[] = [];
  const re = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) pairs.push(m.index);
  if (pairs.length === 0) return (i) => i;
  return (i) => {
    let lo = 0;
    let hi = pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[mid]! < i) lo = mid + 1;
      else hi = mid;
    }
    // Each pair that starts before i counted two code units but is one code point.
    return i - lo;
  };
}

/** The start of the line holding index i, and its end (exclusive, before the newline). */
export function lineBounds(text: string, i: number): [number, number] {
  const s = text.lastIndexOf("\n", i - 1) + 1;
  const e = text.indexOf("\n", i);
  return [s, e < 0 ? text.length : e];
}

/** Only the digits of a span (separators dropped). */
export const digitsOf = (s: string) => s.replace(/[^0-9Xx]/g, "").toUpperCase();
