// What someone typed, made safe and turned into terms. Nothing typed can reach the index's own query syntax:
// terms become lists of index tokens (Han bigrams, letters/digits) that the engines quote themselves.
import type { ErrorDetail } from "../errors";
import { segmentQuery } from "./segment";
import {
  DOCNUM_IN_TEXT,
  type DocNumberKey,
  docNumberKey,
  normalise,
  type Phrase,
  phraseOf,
  runsOf,
} from "./tokens";

export const MAX_QUERY_LENGTH = 100;
/** More words than this are dropped (the first ones are kept): they only slow the search down. */
export const MAX_TERMS = 12;

export interface QueryTerm {
  /** The word as shown (normalised). */
  text: string;
  phrase: Phrase;
  /** A 文号 term: also matched exactly against documents' own numbers. */
  docNumber: DocNumberKey | null;
  quoted: boolean;
}

export interface ParsedQuery {
  /** The sanitised query (NFKC, lower case, single spaces). */
  text: string;
  /** All must match. */
  terms: QueryTerm[];
}

export type ParseResult = { ok: true; query: ParsedQuery } | { ok: false; problems: ErrorDetail[] };

export const QUERY_EMPTY: ErrorDetail = {
  field: "q",
  code: "search_query_empty",
  message: "请输入要查找的字词。",
};
export const QUERY_TOO_LONG: ErrorDetail = {
  field: "q",
  code: "search_query_too_long",
  message: `查找内容过长，请不超过 ${MAX_QUERY_LENGTH} 个字。`,
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g;
const QUOTES = /["“”「」『』]/;

/** Removes what cannot be searched for (lone surrogates, control and format characters). */
export function sanitiseQuery(input: unknown): string {
  const s = typeof input === "string" ? input : "";
  // ZWJ/ZWNJ inside a (Mongolian) word only shape it: dropped, never a word break (mongolian.ts does the same).
  return s
    .replace(LONE_SURROGATE, " ")
    .replace(/[\u200C\u200D]/g, "")
    .replace(CONTROL, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Parses a query: quoted parts ("…" or “…”) are phrases, 文号 in any bracket style are numbers, the rest is
 * split on separators and by jieba into words (`dictionary`: the site's own words). All terms must match.
 */
export function parseQuery(input: unknown, dictionary: readonly string[] = []): ParseResult {
  const clean = sanitiseQuery(input);
  if (Array.from(clean).length > MAX_QUERY_LENGTH) return { ok: false, problems: [QUERY_TOO_LONG] };
  const text = normalise(clean).replace(/\s+/g, " ").trim();
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const add = (t: QueryTerm) => {
    const key = `${t.phrase.tokens.join(" ")}${t.phrase.prefix ? "*" : ""}|${t.docNumber?.token ?? ""}`;
    if (seen.has(key) || terms.length >= MAX_TERMS) return;
    seen.add(key);
    terms.push(t);
  };

  // Quoted phrases first; an unclosed quote runs to the end.
  const loose: string[] = [];
  let rest = text;
  for (;;) {
    const open = rest.search(QUOTES);
    if (open < 0) break;
    loose.push(rest.slice(0, open));
    const after = rest.slice(open + 1);
    const close = after.search(QUOTES);
    const inside = close < 0 ? after : after.slice(0, close);
    const phrase = phraseOf(inside);
    if (phrase) add({ text: inside.trim(), phrase, docNumber: docNumberKey(inside), quoted: true });
    rest = close < 0 ? "" : after.slice(close + 1);
  }
  loose.push(rest);

  for (const part of loose) {
    // 文号 next, with their brackets and spaces.
    let remaining = "";
    let last = 0;
    for (const m of part.matchAll(DOCNUM_IN_TEXT)) {
      remaining += ` ${part.slice(last, m.index)} `;
      last = m.index + m[0].length;
      // Up to the serial number, closed there (1 is not 12): the final 号 would be a prefix query (号*) that
      // merges every word starting with 号, for nothing (a serial number is followed by 号).
      const phrase = phraseOf(m[0].replace(/\s*号$/u, ""), { start: true, end: false });
      const key = docNumberKey(m[0]);
      if (phrase) add({ text: key?.canonical ?? m[0], phrase, docNumber: key, quoted: false });
    }
    remaining += part.slice(last);
    // Words: each run of letters/digits/Han without separators, split by jieba and the dictionary.
    for (const chunk of chunksOf(remaining)) {
      for (const word of segmentQuery(chunk, dictionary)) {
        const phrase = phraseOf(word);
        if (phrase) add({ text: word, phrase, docNumber: null, quoted: false });
      }
    }
  }
  if (!terms.length) return { ok: false, problems: [QUERY_EMPTY] };
  return { ok: true, query: { text, terms } };
}

/** Maximal stretches of searchable characters (Han and letters/digits, adjacent ones together). */
function chunksOf(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let end = -1;
  for (const r of runsOf(s)) {
    if (cur && r.start === end) cur += r.text;
    else {
      if (cur) out.push(cur);
      cur = r.text;
    }
    end = r.start + r.text.length;
  }
  if (cur) out.push(cur);
  return out;
}
