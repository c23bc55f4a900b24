// A document's index entry: the key that orders it, its token streams and its filter tokens.
import { createHash } from "node:crypto";
import type { SearchDoc } from "./search.types";
import {
  CHAR_MARK,
  docNumberKey,
  FILLER,
  META_MARK,
  normaliseDocNumber,
  type Phrase,
  SCOPE_MARK,
  TITLE_MARK,
  textTokens,
} from "./tokens";

/** Indexed length limits (characters): longer text is cut at index time on both engines alike. */
export const MAX_TITLE_CHARS = 300;
export const MAX_BODY_CHARS = 500_000;

const EPOCH_1800 = Date.UTC(1800, 0, 1);
const HASH_BITS = 2 ** 19;
const MAX_SECONDS = 2 ** 34 - 1;

const hashHex = (s: string, n = 16) => createHash("sha1").update(s).digest("hex").slice(0, n);

/**
 * The document's key in the index: seconds since 1800 of its publication × 2^19 + a stable hash of type:id.
 * Both engines return matches in descending key order, which is newest first with ties broken by the hash,
 * so the date order comes straight out of the index (no sort over all matches).
 */
export function naturalKey(doc: Pick<SearchDoc, "type" | "id" | "publishedAt">): number {
  const t = doc.publishedAt ? Date.parse(doc.publishedAt) : Number.NaN;
  const secs = Number.isFinite(t)
    ? Math.min(MAX_SECONDS, Math.max(0, Math.floor((t - EPOCH_1800) / 1000)))
    : 0;
  const h = Number.parseInt(hashHex(`${doc.type}:${doc.id}`, 5), 16) % HASH_BITS;
  return secs * HASH_BITS + h;
}

const shanghaiYear = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" });

/** Year of publication in Asia/Shanghai, or null. */
export function publicationYear(publishedAt: string | null): number | null {
  if (!publishedAt) return null;
  const t = Date.parse(publishedAt);
  return Number.isFinite(t) ? Number(shanghaiYear.format(t)) : null;
}

/**
 * Who may see a document, as the prefix of every one of its text tokens: the public of its site, or the staff
 * of its organisation. A query looks only at the prefixes it may see, so scoping costs the index nothing
 * (a filter token present in every document would double the work of every common word). 12 hex characters
 * (48 bits) of SHA-1 make two scopes sharing a prefix practically impossible.
 */
export const scopeOf = {
  public: (siteId: string) => `${SCOPE_MARK}${hashHex(`p|${siteId}`, 12)}`,
  staff: (siteId: string, orgId: string | null) =>
    `${SCOPE_MARK}${hashHex(`s|${siteId}|${orgId ?? ""}`, 12)}`,
};

/**
 * The token of a document of this scope that contains the character `c` (as the first character of one of its
 * tokens: any Han character, or the start of a letter/digit run), once per document and without position. A
 * one-character query is this one token instead of a prefix (merging every bigram that starts with it), so
 * its count is one read of the index's vocabulary. 11 of the scope's 12 hex digits keep the token under the
 * 14 characters of FTS5's prefix indexes (it is never looked up by prefix).
 */
export const charToken = (scope: string, c: string): string => `${CHAR_MARK}${scope.slice(1, 12)}${c}`;

/** Version of the token streams, in every fingerprint: a change of streams makes every entry stale (reindex). */
const STREAMS_VERSION = 2;

// Filter tokens: a letter for the field and a hash of the value (any id or code becomes index-safe).
export const meta = {
  org: (v: string) => `${META_MARK}o${hashHex(v)}`,
  kind: (v: string) => `${META_MARK}k${hashHex(v)}`,
  type: (v: string) => `${META_MARK}t${hashHex(v)}`,
  node: (v: string) => `${META_MARK}c${hashHex(v)}`,
  validity: (v: string) => `${META_MARK}v${hashHex(v)}`,
  year: (y: number) => `${META_MARK}y${y}`,
};

export interface DocStreams {
  /** Title, 文号 and body, with a filler between fields so a phrase never spans two of them; scoped tokens. */
  main: string[];
  /** The title again, marked: title matches rank first. */
  title: string[];
  /** Filter tokens, and the exact 文号 token. */
  meta: string[];
  /** The characters of the main stream (charToken), each once. */
  chars: string[];
}

const chars = (s: string, max: number) => {
  if (s.length <= max) return s;
  const a = Array.from(s);
  return a.length > max ? a.slice(0, max).join("") : s;
};

export function docStreams(doc: SearchDoc): DocStreams {
  const scope =
    doc.visibility === "public" ? scopeOf.public(doc.siteId) : scopeOf.staff(doc.siteId, doc.orgId);
  const titleTokens = textTokens(chars(doc.title, MAX_TITLE_CHARS));
  const text = [
    ...titleTokens,
    FILLER,
    ...textTokens(doc.docNumber ?? ""),
    FILLER,
    ...textTokens(chars(doc.body, MAX_BODY_CHARS)),
  ];
  const firsts = new Set<string>();
  for (const t of text) if (t !== FILLER) firsts.add(String.fromCodePoint(t.codePointAt(0)!));
  const main = text.map((t) => (t === FILLER ? t : scope + t));
  const m: string[] = [meta.type(doc.type)];
  if (doc.orgId) m.push(meta.org(doc.orgId));
  if (doc.kind) m.push(meta.kind(doc.kind));
  if (doc.validity) m.push(meta.validity(doc.validity));
  const year = publicationYear(doc.publishedAt);
  if (year !== null) m.push(meta.year(year));
  for (const n of [...new Set(doc.catalogNodeIds)].sort()) m.push(meta.node(n));
  const dn = docNumberKey(doc.docNumber);
  if (dn) m.push(dn.token);
  return {
    main,
    title: titleTokens.map((t) => scope + TITLE_MARK + t),
    meta: m,
    chars: [...firsts].sort().map((c) => charToken(scope, c)),
  };
}

/** A stable fingerprint of everything indexed: an unchanged document is not rewritten, and stale entries show. */
export function fingerprintDoc(doc: SearchDoc): string {
  const canonical = JSON.stringify([
    STREAMS_VERSION,
    doc.type,
    doc.id,
    doc.siteId,
    doc.orgId,
    doc.title,
    doc.body,
    doc.docNumber,
    doc.kind,
    [...new Set(doc.catalogNodeIds)].sort(),
    doc.publishedAt,
    doc.validity,
    doc.url,
    doc.visibility,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

export const canonicalDocNumber = (s: string | null): string | null => (s ? normaliseDocNumber(s) : null);

export type { Phrase };
