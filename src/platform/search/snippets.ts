// Highlighting, computed from the stored text of the page's hits only: where each term occurs (on the
// normalised text, mapped back to the original), the title with <mark>, and a window of the body.
import type { QueryTerm } from "./query";
import { normaliseWithMap, runsOf } from "./tokens";

export const SNIPPET_CHARS = 120;
/** Only this much of a body is scanned for the snippet; a match further in shows the body's start. */
const SCAN_CHARS = 200_000;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A regular expression finding a term in normalised text (separators allowed between its runs). */
function termPattern(term: QueryTerm): string | null {
  const runs = runsOf(term.text);
  if (!runs.length) return null;
  return runs.map((r) => escapeRe(r.text)).join("[^\\p{L}\\p{N}\\p{M}]*");
}

// Compiling a pattern with Unicode classes costs more than matching it against a body: a page's hits (a title,
// a body and a window each) share their query's few patterns.
const compiled = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    if (compiled.size >= 200) compiled.clear();
    re = new RegExp(source, "gu");
    compiled.set(source, re);
  }
  return re;
}

/** [start, end) ranges of the original text where any term occurs, sorted and merged. */
export function matchRanges(text: string, terms: QueryTerm[]): [number, number][] {
  const patterns = terms.map(termPattern).filter((p): p is string => !!p);
  if (!patterns.length || !text) return [];
  const { text: norm, origin } = normaliseWithMap(text);
  const re = patternOf(patterns.map((p) => `(?:${p})`).join("|"));
  const ranges: [number, number][] = [];
  for (const m of norm.matchAll(re)) {
    if (!m[0].length) continue;
    const s = origin[m.index]!;
    const lastOrigin = origin[m.index + m[0].length - 1]!;
    const cp = text.codePointAt(lastOrigin) ?? 0;
    ranges.push([s, lastOrigin + (cp > 0xffff ? 2 : 1)]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Escaped text with the ranges (relative to `offset`) wrapped in <mark>. */
function markUp(text: string, ranges: [number, number][], offset = 0): string {
  let out = "";
  let at = 0;
  for (const [s0, e0] of ranges) {
    const s = Math.max(0, s0 - offset);
    const e = Math.min(text.length, e0 - offset);
    if (e <= at || s >= text.length) continue;
    out += escapeHtml(text.slice(at, Math.max(at, s)));
    out += `<mark>${escapeHtml(text.slice(Math.max(at, s), e))}</mark>`;
    at = e;
  }
  return out + escapeHtml(text.slice(at));
}

export function highlightTitle(title: string, terms: QueryTerm[]): string {
  return markUp(title, matchRanges(title, terms));
}

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Where the first match of any term starts in `text`, looking at slices so a long body is not normalised whole. */
function firstMatch(text: string, terms: QueryTerm[]): number | null {
  const step = 10_000;
  for (let at = 0; at < Math.min(text.length, SCAN_CHARS); at += step) {
    const r = matchRanges(text.slice(at, at + step + 200), terms)[0];
    if (r) return at + r[0];
  }
  return null;
}

/** A window of about SNIPPET_CHARS characters around the first match (or the start), as HTML and plain text. */
export function bodySnippet(body: string, terms: QueryTerm[]): { html: string; text: string } {
  const flat = body.replace(/\s+/g, " ").trim();
  const first = firstMatch(flat, terms);
  let start = first === null ? 0 : Math.max(0, first - 30);
  if (start > 0 && isLow(flat.charCodeAt(start))) start--;
  let end = Math.min(flat.length, start + SNIPPET_CHARS);
  if (end < flat.length && isLow(flat.charCodeAt(end))) end++;
  const window = flat.slice(start, end);
  const pre = start > 0 ? "…" : "";
  const post = end < flat.length ? "…" : "";
  return { html: pre + markUp(window, matchRanges(window, terms)) + post, text: pre + window + post };
}
