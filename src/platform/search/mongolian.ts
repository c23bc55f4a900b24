// Mongolian (traditional script) folding for the site search, applied to indexed text and to queries alike
// (tokens.ts calls it from `normalise` and `normaliseWithMap`). The same word reaches the index in many
// encodings: the script shapes letters by position, so writers pick variant selectors, separators and even
// letters by what looks right in their font. Folding maps every spelling that looks the same to one form:
// - FVS1–FVS4 (U+180B–U+180D, U+180F), ZWJ and ZWNJ only choose glyphs: removed;
// - MVS (U+180E, before a final a/e) is removed, joining the vowel to its word as most typists write it;
// - NNBSP (U+202F, before case suffixes) becomes a space, as NFKC would make it: suffix typed apart or attached
//   by NNBSP match alike;
// - letters whose shapes coincide inside a word are one letter: a/e (ᠠ ᠡ), o/u/ö/ü (ᠣ ᠤ ᠥ ᠦ), t/d (ᠲ ᠳ),
//   q/ɣ (ᠬ ᠭ); and y before i (ᠶᠢ, as in ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ / ᠪᠠᠢᠭᠤᠯᠤᠮᠵᠢ) is dropped;
// - Mongolian digits (U+1810–U+1819) become ASCII digits.
// Recall wins over precision here (a/e words that differ only by harmony meet); ranking and the snippet, which
// show the original text, let a reader tell them apart.

const REMOVED = new Set([0x180b, 0x180c, 0x180d, 0x180e, 0x180f, 0x200c, 0x200d]);

const LETTERS: Record<number, string> = {
  6177: "\u1820", // e → a
  6179: "\u1824", // o → u
  6181: "\u1824", // ö → u
  6182: "\u1824", // ü → u
  6195: "\u1832", // d → t
  6189: "\u182c", // ɣ/g → q/k
};

const Y = "\u1836";
const I = "\u1822";

/** Whether a code point is one the folding may change (quick test before the per-character work). */
export const isMongolianFoldable = (c: number): boolean =>
  (c >= 0x1800 && c <= 0x18af) || c === 0x200c || c === 0x200d || c === 0x202f;

/** The folded form of one code point ("" when removed). */
export function foldMongolianChar(c: number): string {
  if (REMOVED.has(c)) return "";
  if (c === 0x202f) return " ";
  if (c >= 0x1810 && c <= 0x1819) return String.fromCharCode(0x30 + c - 0x1810);
  return LETTERS[c] ?? String.fromCodePoint(c);
}

const FOLDABLE = /[\u1800-\u18AF\u202F]|\u200C|\u200D/;

/** Folds Mongolian in a string (other text is returned as it is). */
export function foldMongolian(input: string): string {
  if (!FOLDABLE.test(input)) return input;
  let out = "";
  for (const ch of input) {
    const c = ch.codePointAt(0)!;
    if (!isMongolianFoldable(c)) {
      out += ch;
      continue;
    }
    const f = foldMongolianChar(c);
    // ᠶᠢ → ᠢ: the y is written or not by habit.
    if (f === I && out.endsWith(Y)) out = out.slice(0, -1);
    out += f;
  }
  return out;
}
