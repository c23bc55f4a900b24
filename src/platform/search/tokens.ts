// Tokens of the search index (docs/search.md). Text is normalised (NFKC, lower case, Mongolian folded) and split into runs of
// Han characters and runs of other letters/digits; everything else separates runs and is not indexed.
// A Han run is indexed as its overlapping character bigrams plus its last character on its own, so every
// substring of the text is found as a phrase of bigrams (two or more characters) or as a prefix (one
// character): recall equals exact substring matching whatever the dictionary knows. Other runs are one token.

import { foldMongolian, foldMongolianChar, isMongolianFoldable } from "./mongolian";

/** Marks a field so a token of one field never matches a query on another. Private-use characters: never typed. */
export const FILLER = "\uE000";
export const TITLE_MARK = "\uE001";
export const META_MARK = "\uE002";
export const DOCNUM_MARK = "\uE003";
export const SCOPE_MARK = "\uE004";
export const CHAR_MARK = "\uE005";

/** Longest token kept for a run of letters/digits (longer runs are cut, at index and query time alike). */
const MAX_WORD = 40;

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;

export type CharClass = "han" | "word" | "sep";

const CLASSES: CharClass[] = ["han", "word", "sep"];
/** Class of each BMP character, computed on first sight (0: not yet). */
const BMP = new Uint8Array(0x10000);

function classifyByRegex(ch: string): CharClass {
  if (HAN.test(ch)) return "han";
  if (WORD.test(ch)) return "word";
  return "sep";
}

/** Class of one character (a code point) of normalised text. */
export function classOf(ch: string): CharClass {
  const c = ch.charCodeAt(0);
  if (c >= 0xd800 && c <= 0xdfff) return classifyByRegex(ch);
  let k = BMP[c]!;
  if (!k) {
    k = CLASSES.indexOf(classifyByRegex(String.fromCharCode(c))) + 1;
    BMP[c] = k;
  }
  return CLASSES[k - 1]!;
}

export interface Normalised {
  /** NFKC, lower-cased text. */
  text: string;
  /** For each UTF-16 unit of `text`, the index in the original string of the character it came from. */
  origin: number[];
}

/** NFKC and lower case, one code point at a time so positions map back to the original text (snippets). */
export function normaliseWithMap(input: string): Normalised {
  let text = "";
  const origin: number[] = [];
  let i = 0;
  for (const cp of input) {
    const c = cp.charCodeAt(0);
    // ASCII and the main CJK block are their own NFKC form: no call for them.
    const n =
      c < 0x80
        ? c >= 0x41 && c <= 0x5a
          ? String.fromCharCode(c + 32)
          : cp
        : c >= 0x4e00 && c <= 0x9fff
          ? cp
          : isMongolianFoldable(c)
            ? foldMongolianChar(c)
            : cp.normalize("NFKC").toLowerCase();
    // Mongolian ᠶᠢ folds to ᠢ (mongolian.ts): the y already written is taken back.
    if (n === "\u1822" && text.endsWith("\u1836")) {
      text = text.slice(0, -1);
      origin.pop();
    }
    text += n;
    for (let k = 0; k < n.length; k++) origin.push(i);
    i += cp.length;
  }
  return { text, origin };
}

export const normalise = (input: string): string => foldMongolian(input.normalize("NFKC").toLowerCase());

export interface Run {
  kind: "han" | "word";
  text: string;
  /** Offset in the normalised text. */
  start: number;
}

/** Maximal runs of Han characters and of other letters/digits, in order. */
export function runsOf(normalised: string): Run[] {
  const runs: Run[] = [];
  let kind: CharClass = "sep";
  let start = 0;
  const n = normalised.length;
  for (let i = 0; i < n; ) {
    const c = normalised.charCodeAt(i);
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    const k = classOf(width === 1 ? normalised[i]! : normalised.slice(i, i + 2));
    if (k !== kind) {
      if (kind !== "sep") runs.push({ kind, text: normalised.slice(start, i), start });
      kind = k;
      start = i;
    }
    i += width;
  }
  if (kind !== "sep") runs.push({ kind, text: normalised.slice(start), start });
  return runs;
}

const chars = (s: string): string[] => Array.from(s);

function wordToken(w: string): string {
  const cs = chars(w);
  return cs.length > MAX_WORD ? cs.slice(0, MAX_WORD).join("") : w;
}

/** Index tokens of one run: bigrams and the last character for Han, the run itself otherwise. */
export function runTokens(run: Run): string[] {
  if (run.kind === "word") return [wordToken(run.text)];
  const t = run.text;
  if (!/[\uD800-\uDFFF]/.test(t)) {
    // Fast path: one UTF-16 unit per character.
    if (t.length === 1) return [t];
    const out: string[] = new Array(t.length);
    for (let k = 0; k + 1 < t.length; k++) out[k] = t.slice(k, k + 2);
    out[t.length - 1] = t[t.length - 1]!;
    return out;
  }
  const cs = chars(t);
  if (cs.length === 1) return [cs[0]!];
  const out: string[] = [];
  for (let k = 0; k + 1 < cs.length; k++) out.push(cs[k]! + cs[k + 1]!);
  out.push(cs[cs.length - 1]!);
  return out;
}

/** Index tokens of a text (already normalised or not: it is normalised here). */
export function textTokens(text: string): string[] {
  const out: string[] = [];
  for (const r of runsOf(normalise(text))) for (const t of runTokens(r)) out.push(t);
  return out;
}

/** A phrase: consecutive tokens; `prefix` marks the last one as a prefix. */
export interface Phrase {
  tokens: string[];
  prefix: boolean;
}

/**
 * The phrase that finds `text` as a substring of indexed text. `open` ends may continue in the document
 * (the query's start and end); boundaries inside the text between runs are closed (the document has a
 * run boundary there too). Returns null when the text has no run.
 */
export function phraseOf(text: string, open = { start: true, end: true }): Phrase | null {
  const runs = runsOf(normalise(text));
  if (!runs.length) return null;
  const tokens: string[] = [];
  let prefix = false;
  runs.forEach((run, i) => {
    const endOpen = open.end && i === runs.length - 1;
    if (run.kind === "word") {
      tokens.push(wordToken(run.text));
      prefix = endOpen;
      return;
    }
    const cs = chars(run.text);
    if (cs.length === 1) {
      tokens.push(cs[0]!);
      prefix = endOpen;
      return;
    }
    for (let k = 0; k + 1 < cs.length; k++) tokens.push(cs[k]! + cs[k + 1]!);
    if (!endOpen) tokens.push(cs[cs.length - 1]!);
    prefix = false;
  });
  return { tokens, prefix };
}

export const titlePhrase = (p: Phrase): Phrase => ({
  tokens: p.tokens.map((t) => TITLE_MARK + t),
  prefix: p.prefix,
});

// 文号: 机关代字〔年份〕序号号, written with any bracket, with or without spaces and 第.
const OPEN = "[\\[(【〔{〈《<［（]";
const CLOSE = "[\\])】〕}〉》>］）]";
const DOCNUM_BODY = `([\\p{Script=Han}a-z]{1,16})\\s*${OPEN}?\\s*((?:19|20)\\d{2})\\s*${CLOSE}?\\s*第?\\s*(\\d{1,6})\\s*号`;
/** Finds 文号 anywhere in (normalised) text. */
export const DOCNUM_IN_TEXT = new RegExp(DOCNUM_BODY, "gu");
const DOCNUM_WHOLE = new RegExp(`^\\s*${DOCNUM_BODY}\\s*$`, "u");

export interface DocNumberKey {
  /** Canonical form: 固政发〔2020〕1号. */
  canonical: string;
  /** The index token for the exact-number match. */
  token: string;
}

function docKeyOf(agency: string, year: string, no: string): DocNumberKey {
  const n = String(Number(no));
  return { canonical: `${agency}〔${year}〕${n}号`, token: `${DOCNUM_MARK}${agency}${year}n${n}` };
}

/** The canonical 文号 of a string that is one (any bracket style, spaces, 第), or null. */
export function docNumberKey(input: string | null | undefined): DocNumberKey | null {
  if (!input) return null;
  const m = DOCNUM_WHOLE.exec(normalise(input));
  if (!m) return null;
  return docKeyOf(m[1]!, m[2]!, m[3]!);
}

/** Canonical 文号 form for display and storage (e.g. "固政发[2020]01号" → "固政发〔2020〕1号"), or the input trimmed. */
export function normaliseDocNumber(input: string): string {
  return docNumberKey(input)?.canonical ?? input.trim();
}
