// The two engines behind one index: SQLite FTS5 (one row per document) and PostgreSQL tsvector with GIN (one
// row per chunk of a document, because a tsvector keeps positions only up to 16,383 and 256 per word).
// Both receive the same token streams and the same boolean expressions, and both return document keys in
// descending order, so totals and order are identical by construction. Raw SQL lives here, behind the
// dialect check, and is tested on both engines (search.engines.db.test.ts).
import { sql } from "kysely";
import type { Dialect } from "../../db/connect";
import type { Executor } from "../../db/executor";
import type { DocStreams } from "./doc-tokens";
import { FILLER, type Phrase } from "./tokens";

export type Expr = { phrase: Phrase } | { and: Expr[] } | { or: Expr[] };

/** Documents matching every `must` expression and `filter` (a conjunction of filter tokens), and not `not`. */
export interface DocSet {
  must: Expr[];
  filter?: Expr | null;
  not?: Expr | null;
}

export interface Engine {
  insert(trx: Executor, entries: { key: number; streams: DocStreams }[]): Promise<void>;
  remove(trx: Executor, keys: number[]): Promise<void>;
  /** The number of matches, counted up to `cap` (the answer is min(matches, cap): a count stops there). */
  count(db: Executor, set: DocSet, cap: number): Promise<number>;
  /**
   * The number of matches up to `cap`, and all their keys in descending order when there are at most `limit`
   * (else null). SQLite: one pass over the index that stops after `limit + 1` matches, then a count that stops
   * at `cap`. PostgreSQL: one query (a set is evaluated whole for a page as for a count, so the keys come with
   * the count).
   */
  probe(
    db: Executor,
    set: DocSet,
    limit: number,
    cap: number,
  ): Promise<{ total: number; keys: number[] | null }>;
  /** Keys a probe reads on a page past the first, whose tiers are then walked in memory (0: count instead). */
  deepProbe: number;
  /** Runs the queries of one search (PostgreSQL: in a transaction where the planner is told to use the index). */
  session<T>(db: Executor, run: (db: Executor) => Promise<T>): Promise<T>;
  /** Keys in descending order. */
  page(db: Executor, set: DocSet, limit: number, offset: number): Promise<number[]>;
}

// ---- SQLite FTS5 ----

function fts(e: Expr): string {
  if ("phrase" in e) return `"${e.phrase.tokens.join(" ")}"${e.phrase.prefix ? " *" : ""}`;
  if ("and" in e) return e.and.length === 1 ? fts(e.and[0]!) : `(${e.and.map(fts).join(" AND ")})`;
  return e.or.length === 1 ? fts(e.or[0]!) : `(${e.or.map(fts).join(" OR ")})`;
}

function ftsSet(set: DocSet): string {
  const all = `(${[...set.must, ...(set.filter ? [set.filter] : [])].map(fts).join(" AND ")})`;
  return set.not ? `${all} NOT ${fts(set.not)}` : all;
}

const sqliteEngine: Engine = {
  async insert(trx, entries) {
    if (!entries.length) return;
    const values = entries.map(
      ({ key, streams: s }) =>
        sql`(${key}, ${[...s.main, FILLER, ...s.title, FILLER, ...s.meta, FILLER, ...s.chars].join(" ")})`,
    );
    await sql`INSERT INTO search_fts (rowid, tokens) VALUES ${sql.join(values)}`.execute(trx);
  },
  async remove(trx, keys) {
    if (!keys.length) return;
    await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(keys)})`.execute(trx);
  },
  // A count reads the index until `cap` matches (measured on 200,000 legal passages: 0.3 ms for a cap of 1,000
  // where counting all 126,946 matches of 条例 took 19 ms, through the vocabulary or a MATCH alike).
  async count(db, set, cap) {
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT rowid FROM search_fts
      WHERE search_fts MATCH ${ftsSet(set)} LIMIT ${cap}) m`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },
  async probe(db, set, limit, cap) {
    // Ascending, FTS5's own order: measured cheaper than a descending pass over the same matches.
    const r = await sql<{
      k: number;
    }>`SELECT rowid AS k FROM search_fts WHERE search_fts MATCH ${ftsSet(set)}
      ORDER BY rowid ASC LIMIT ${limit + 1}`.execute(db);
    if (r.rows.length <= limit)
      return { total: Math.min(cap, r.rows.length), keys: r.rows.map((x) => Number(x.k)).reverse() };
    return { total: await this.count(db, set, cap), keys: null };
  },
  // A deep page counts (one pass) and walks the tiers with OFFSET in the index: measured 3 to 5 ms.
  deepProbe: 0,
  session: (db, run) => run(db),
  async page(db, set, limit, offset) {
    const r = await sql<{ k: number }>`SELECT rowid AS k FROM search_fts WHERE search_fts MATCH ${ftsSet(set)}
      ORDER BY rowid DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
    return r.rows.map((x) => Number(x.k));
  },
};

// ---- PostgreSQL tsvector ----

/** Main-stream tokens per chunk, and the overlap that keeps any phrase of a query (≤ 100 tokens) in one chunk. */
export const CHUNK_TOKENS = 4000;
export const CHUNK_OVERLAP = 100;
/** PostgreSQL keeps at most 256 positions per word in a tsvector: a chunk ends before any word reaches it. */
const MAX_POSITIONS = 250;

const lexeme = (t: string) => `'${t.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

function tsquery(e: Expr): string {
  if ("phrase" in e) {
    const parts = e.phrase.tokens.map(lexeme);
    if (e.phrase.prefix) parts[parts.length - 1] += ":*";
    return parts.length === 1 ? parts[0]! : `(${parts.join(" <-> ")})`;
  }
  if ("and" in e) return e.and.length === 1 ? tsquery(e.and[0]!) : `(${e.and.map(tsquery).join(" & ")})`;
  return e.or.length === 1 ? tsquery(e.or[0]!) : `(${e.or.map(tsquery).join(" | ")})`;
}

/** Splits the main stream into overlapping chunks; returns [start, end) ranges. */
export function chunkRanges(main: string[]): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (;;) {
    const counts = new Map<string, number>();
    let end = start;
    while (end < main.length && end - start < CHUNK_TOKENS) {
      const c = (counts.get(main[end]!) ?? 0) + 1;
      if (c > MAX_POSITIONS) break;
      counts.set(main[end]!, c);
      end++;
    }
    ranges.push([start, end]);
    if (end >= main.length) return ranges;
    start = end - CHUNK_OVERLAP;
  }
}

/** tsvector literal of a list of tokens at positions 1…n (FILLER positions are left empty). */
function tsvectorLiteral(tokens: string[]): string {
  const pos = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    if (t === FILLER) return;
    const p = pos.get(t);
    if (p) p.push(i + 1);
    else pos.set(t, [i + 1]);
  });
  return [...pos].map(([t, ps]) => `${lexeme(t)}:${ps.join(",")}`).join(" ");
}

// Each expression is evaluated per document (some chunk matches it) and documents are intersected, as FTS5
// evaluates the whole document; filter tokens are in every chunk, so they join each expression.
function pgSet(set: DocSet) {
  const withFilter = (e: Expr) => tsquery(set.filter ? { and: [e, set.filter] } : e);
  const sub = (e: Expr) =>
    sql`SELECT doc_key FROM search_chunks WHERE tsv @@ CAST(${withFilter(e)} AS tsquery)`;
  const [first, ...others] = set.must;
  if (!first) throw new Error("a search needs at least one expression");
  let q =
    others.length || set.not
      ? sub(first)
      : sql`SELECT DISTINCT doc_key FROM search_chunks WHERE tsv @@ CAST(${withFilter(first)} AS tsquery)`;
  for (const o of others) q = sql`${q} INTERSECT ${sub(o)}`;
  if (set.not) q = sql`${q} EXCEPT ${sub(set.not)}`;
  return q;
}

const postgresEngine: Engine = {
  async insert(trx, entries) {
    const rows = entries.flatMap(({ key, streams: s }) =>
      chunkRanges(s.main).map(([a, b], i) => {
        const first = i === 0;
        const tokens = [
          ...s.main.slice(a, b),
          FILLER,
          ...(first ? s.title : []),
          FILLER,
          ...s.meta,
          ...(first ? [FILLER, ...s.chars] : []),
        ];
        return sql`(${key}, ${i}, CAST(${tsvectorLiteral(tokens)} AS tsvector))`;
      }),
    );
    for (let i = 0; i < rows.length; i += 100) {
      await sql`INSERT INTO search_chunks (doc_key, chunk_no, tsv) VALUES ${sql.join(rows.slice(i, i + 100))}`.execute(
        trx,
      );
    }
  },
  async remove(trx, keys) {
    if (!keys.length) return;
    await sql`DELETE FROM search_chunks WHERE doc_key IN (${sql.join(keys)})`.execute(trx);
  },
  async probe(db, set, limit, cap) {
    const r = await sql<{ k: string | number; n: string | number }>`SELECT doc_key AS k, count(*) OVER () AS n
      FROM (${pgSet(set)}) m ORDER BY doc_key DESC LIMIT ${limit + 1}`.execute(db);
    const total = Number(r.rows[0]?.n ?? 0);
    return { total: Math.min(cap, total), keys: total <= limit ? r.rows.map((x) => Number(x.k)) : null };
  },
  // Every page evaluates its set whole: reading up to this many keys once costs what counting them would, and
  // the page's tiers are then cut in memory instead of evaluated again with OFFSET.
  deepProbe: 5000,
  // A word found in most chunks makes the planner prefer a sequential scan, which reads and decompresses every
  // chunk's tsvector (EXPLAIN ANALYZE on 2,000 legal items: 274 ms for 应当, against 37 ms through the GIN
  // index, which needs no tsvector for a single word). The setting is local to the search's transaction (or
  // restored in the caller's).
  async session(db, run) {
    const off = sql`SELECT set_config('enable_seqscan', 'off', true)`;
    if (!db.isTransaction)
      return db.transaction().execute(async (trx) => {
        await off.execute(trx);
        return run(trx);
      });
    const prev = await sql<{ v: string }>`SELECT current_setting('enable_seqscan') AS v`.execute(db);
    await off.execute(db);
    try {
      return await run(db);
    } finally {
      await sql`SELECT set_config('enable_seqscan', ${prev.rows[0]?.v ?? "on"}, true)`.execute(db);
    }
  },
  async count(db, set, cap) {
    const r = await sql<{ n: string | number }>`SELECT count(*) AS n FROM (SELECT 1 FROM (${pgSet(set)}) m
      LIMIT ${cap}) c`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },
  async page(db, set, limit, offset) {
    const r = await sql<{ k: string | number }>`SELECT doc_key AS k FROM (${pgSet(set)}) m
      ORDER BY doc_key DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
    return r.rows.map((x) => Number(x.k));
  },
};

export const engineFor = (dialect: Dialect): Engine => (dialect === "sqlite" ? sqliteEngine : postgresEngine);
