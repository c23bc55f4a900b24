// The one search over everything public (issue 12). Domain-free: the engine (segmentation, the index on
// SQLite FTS5 or PostgreSQL tsvector/GIN, query parsing, ranking, snippets) lives in src/platform/search;
// each domain that has public records declares a SearchSource in its own folder and registers it in
// src/domains/search/sources.ts, and writes its documents with `upsertDocs`/`removeDocs` inside the same
// transaction that publishes, revises or withdraws them.
import type { Executor } from "../../db/executor";

/** What kind of public record a search document is. Later domains add theirs (message, service, gazette…). */
export type SearchDocType = "item" | "interpretation" | "catalog" | "archive" | "art44" | (string & {});

/** One searchable record, as its domain describes it. Only public records are indexed with `visibility: "public"`;
 * staff-only drafts are indexed with `visibility: "staff"` and found only with scope=staff and a policy filter. */
export interface SearchDoc {
  /** `${type}:${id}`: unique in the index. */
  type: SearchDocType;
  id: string;
  siteId: string;
  /** The organisation the record belongs to (for the org filter and staff scoping). */
  orgId: string | null;
  title: string;
  /** Plain text: body, attachment text, anything the record should be found by. */
  body: string;
  docNumber: string | null;
  /** A finer kind within the type (publishing kinds: policy normative interpretation notice…). */
  kind: string | null;
  catalogNodeIds: string[];
  /** ISO timestamp; year filter and date sort use it. */
  publishedAt: string | null;
  /** 'valid' | 'amended' | 'repealed' | null (normative documents' validity). */
  validity: string | null;
  /** Public path of the record (portal URL), e.g. /gk/items/{id}. */
  url: string;
  visibility: "public" | "staff";
}

export interface SearchQuery {
  siteId: string;
  q: string;
  org?: string | null;
  kind?: string | null;
  type?: string | null;
  catalogNode?: string | null;
  year?: number | null;
  validity?: string | null;
  sort: "relevance" | "date";
  page: number;
  perPage: number;
  /** Staff search: also staff-visible docs, limited to these organisation ids (the policy's scope). */
  staffOrgIds?: string[] | null;
}

export interface SearchHit {
  type: string;
  id: string;
  title: string;
  /** Title with matched terms wrapped in <mark>…</mark>; everything else HTML-escaped. */
  titleHtml: string;
  /** Up to ~120 characters around the first match, escaped, matches in <mark>. */
  snippetHtml: string;
  /** The same snippet as plain text (API `snippet`). */
  snippet: string;
  url: string;
  docNumber: string | null;
  orgId: string | null;
  kind: string | null;
  publishedAt: string | null;
}

export interface SearchResult {
  /** The number of matches, counted up to a cap (COUNT_CAP, or just past the page asked for when deeper). */
  total: number;
  /** False when there are more matches than `total` (the count stopped at its cap). */
  totalExact: boolean;
  page: number;
  perPage: number;
  hits: SearchHit[];
  /** When nothing is found: a nearby query that finds something (dictionary words, fewer terms), or null. */
  suggestion: string | null;
}

/** Both engines implement this with identical results (same total, same order). */
export interface SearchIndex {
  upsertDocs(trx: Executor, docs: SearchDoc[]): Promise<void>;
  removeDocs(trx: Executor, refs: { type: string; id: string }[]): Promise<void>;
  query(db: Executor, q: SearchQuery): Promise<SearchResult>;
}
