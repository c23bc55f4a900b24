// The SearchIndex over either engine: writing documents, and answering a query with the same total and
// order on both. Relevance is a few tiers evaluated by the index itself (exact 文号, every word in the title,
// the rest), each newest first by doc_key; no engine-specific score (bm25, ts_rank) is used.
import type { Db } from "../../db/connect";
import type { Executor } from "../../db/executor";
import { AppError } from "../errors";
import type { Clock } from "../time";
import { charToken, meta, scopeOf } from "./doc-tokens";
import { type DocSet, type Engine, type Expr, engineFor } from "./engines";
import { removeDocs, upsertDocs } from "./index-writer";
import { type ParsedQuery, parseQuery, type QueryTerm } from "./query";
import type { SearchHit, SearchIndex, SearchQuery, SearchResult } from "./search.types";
import { getJieba } from "./segment";
import { bodySnippet, highlightTitle } from "./snippets";
import { dictionaryOf } from "./terms";
import { type Phrase, titlePhrase } from "./tokens";

export const MAX_PER_PAGE = 100;
/** Pages past this are not served (a crawler walking page 10,000 of a common word costs a full scan). */
export const MAX_PAGE = 500;
/** Page 1 reads the keys of up to this many matches instead of counting them (see runQuery). */
const PROBE = 200;
/**
 * Matches are counted up to this many (or a page past the page asked for, when it is deeper): counting every one
 * of a frequent word's 100,000 matches costs 20 ms where its first page costs 0.2 ms. Past it the total is a
 * lower bound (`totalExact: false`, shown as "1,000 条以上"), and paging on still works page by page.
 */
export const COUNT_CAP = 1000;

const tok = (t: string): Expr => ({ phrase: { tokens: [t], prefix: false } });

/** Scope prefixes a query may see: its site's public records, and staff records of the given organisations. */
export function scopesOf(q: Pick<SearchQuery, "siteId" | "staffOrgIds">): string[] {
  const staff = [...new Set(q.staffOrgIds ?? [])].sort().map((org) => scopeOf.staff(q.siteId, org));
  return [scopeOf.public(q.siteId), ...staff];
}

/** One character typed alone (a prefix of one token): the document's character token, not a prefix merge. */
const oneChar = (p: Phrase): string | null =>
  p.prefix && p.tokens.length === 1 && Array.from(p.tokens[0]!).length === 1 ? p.tokens[0]! : null;

const scoped = (p: Phrase, scopes: string[]): Expr => {
  const c = oneChar(p);
  return {
    or: scopes.map((s) => ({
      phrase: c
        ? { tokens: [charToken(s, c)], prefix: false }
        : { tokens: p.tokens.map((t) => s + t), prefix: p.prefix },
    })),
  };
};

/** The filters asked for, as index tokens (null: none). */
export function filterExpr(q: SearchQuery): Expr | null {
  const and: Expr[] = [];
  if (q.org) and.push(tok(meta.org(q.org)));
  if (q.kind) and.push(tok(meta.kind(q.kind)));
  if (q.type) and.push(tok(meta.type(q.type)));
  if (q.catalogNode) and.push(tok(meta.node(q.catalogNode)));
  if (q.validity) and.push(tok(meta.validity(q.validity)));
  if (q.year !== null && q.year !== undefined) and.push(tok(meta.year(q.year)));
  return and.length ? { and } : null;
}

/** Relevance tiers, best first; every match is in exactly one. */
function tiersOf(
  parsed: ParsedQuery,
  scopes: string[],
  filter: Expr | null,
  sort: "relevance" | "date",
): DocSet[] {
  const terms: Expr[] = parsed.terms.map((t) => scoped(t.phrase, scopes));
  if (sort === "date") return [{ must: terms, filter }];
  const conds: { cond: Expr; impliesTerms: boolean }[] = [];
  const numbers = parsed.terms.flatMap((t) => (t.docNumber ? [tok(t.docNumber.token)] : []));
  if (numbers.length) conds.push({ cond: { or: numbers }, impliesTerms: false });
  conds.push({
    cond: { and: parsed.terms.map((t) => scoped(titlePhrase(t.phrase), scopes)) },
    impliesTerms: true,
  });
  const tiers: DocSet[] = conds.map((c, i) => {
    const before = conds.slice(0, i).map((x) => x.cond);
    return {
      must: c.impliesTerms ? [c.cond] : [...terms, c.cond],
      filter,
      not: before.length ? { or: before } : null,
    };
  });
  tiers.push({ must: terms, filter, not: { or: conds.map((c) => c.cond) } });
  return tiers;
}

async function runQuery(engine: Engine, db: Executor, q: SearchQuery): Promise<SearchResult> {
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(q.perPage) || 20));
  const page = Math.min(MAX_PAGE, Math.max(1, Math.floor(q.page) || 1));
  const dictionary = await dictionaryOf(db, q.siteId);
  const parsed = parseQuery(q.q, dictionary);
  if (!parsed.ok)
    throw new AppError(parsed.problems[0]!.code, 400, parsed.problems[0]!.message, parsed.problems);
  const filter = filterExpr(q);
  const scopes = scopesOf(q);
  const base: DocSet = { must: parsed.query.terms.map((t) => scoped(t.phrase, scopes)), filter };
  // Page 1 of a query with few matches (on PostgreSQL, any page of a query with up to `deepProbe`): their keys
  // in the one pass a count would make. Then they are the total, and the last tier needs no pass of its own
  // (it is what the earlier tiers leave, newest first).
  const limit = page === 1 ? Math.max(PROBE, engine.deepProbe) : engine.deepProbe;
  // Counted a page ahead (a client paging until it holds `total` hits never stops early), and one past the cap
  // tells "more than the cap" from "exactly the cap".
  const cap = Math.max(COUNT_CAP, (page + 1) * perPage) + 1;
  const probe =
    limit > 0
      ? await engine.probe(db, base, limit, cap)
      : { total: await engine.count(db, base, cap), keys: null };
  const totalExact = probe.total < cap;
  const total = Math.min(probe.total, cap - 1);
  const empty = {
    total,
    totalExact,
    page,
    perPage,
    hits: [] as SearchHit[],
    suggestion: null as string | null,
  };
  if (total === 0) {
    empty.suggestion = await suggest(engine, db, parsed.query, scopes, filter, dictionary);
    return empty;
  }
  // Walk the tiers: a tier is counted only when the page starts past its end (never on page 1).
  let offset = (page - 1) * perPage;
  let want = perPage;
  const keys: number[] = [];
  // Matches left from this page on: once the page holds them all, later tiers are not asked (a 文号 found in
  // its own document's tier needs no pass over the rest).
  const left = Math.min(perPage, total - offset);
  if (left <= 0) return empty;
  const tiers = tiersOf(parsed.query, scopes, filter, q.sort);
  // One match (a 文号 looked up): it is its own order, no tier need be asked.
  if (probe.keys && probe.keys.length <= 1)
    return { ...empty, hits: await hydrate(db, probe.keys.slice(offset, offset + left), parsed.query.terms) };
  if (probe.keys) {
    // The matches up to the end of the page, in tier order. A tier that returns less than asked has returned
    // all its matches, so the last one is the rest of the probe's keys.
    const end = offset + left;
    const upTo: number[] = [];
    for (const tier of tiers.slice(0, -1)) {
      if (upTo.length >= end) break;
      upTo.push(...(await engine.page(db, tier, end - upTo.length, 0)));
    }
    const seen = new Set(upTo);
    for (const k of probe.keys) if (upTo.length < end && !seen.has(k)) upTo.push(k);
    return { ...empty, hits: await hydrate(db, upTo.slice(offset, end), parsed.query.terms) };
  }
  for (const tier of tiers) {
    if (want <= 0 || keys.length >= left) break;
    const got = await engine.page(db, tier, want, offset);
    keys.push(...got);
    want -= got.length;
    if (got.length) offset = 0;
    // An empty answer at this offset: the tier holds at most `offset` matches, so counting to offset + 1 is exact.
    else if (offset > 0) offset = Math.max(0, offset - (await engine.count(db, tier, offset + 1)));
  }
  return { ...empty, hits: await hydrate(db, keys, parsed.query.terms) };
}

async function hydrate(db: Executor, keys: number[], terms: QueryTerm[]): Promise<SearchHit[]> {
  if (!keys.length) return [];
  const rows = await db
    .selectFrom("search_docs")
    .select(["doc_key", "type", "id", "title", "body", "url", "doc_number", "org_id", "kind", "published_at"])
    .where("doc_key", "in", keys)
    .execute();
  const byKey = new Map(rows.map((r) => [Number(r.doc_key), r]));
  return keys.flatMap((k) => {
    const r = byKey.get(k);
    if (!r) return [];
    const snip = bodySnippet(r.body, terms);
    return [
      {
        type: r.type,
        id: r.id,
        title: r.title,
        titleHtml: highlightTitle(r.title, terms),
        snippetHtml: snip.html,
        snippet: snip.text,
        url: r.url,
        docNumber: r.doc_number,
        orgId: r.org_id,
        kind: r.kind,
        publishedAt: r.published_at,
      },
    ];
  });
}

const bigramsOf = (s: string): Set<string> => {
  const cs = Array.from(s);
  const out = new Set<string>();
  for (let i = 0; i + 1 < cs.length; i++) out.add(cs[i]! + cs[i + 1]!);
  return out;
};

/**
 * A query that finds something when this one finds nothing: without one of its words (first that works,
 * in order), else a dictionary word or a jieba word close to a word typed. Deterministic: candidates are
 * tried in a fixed order and checked against the index.
 */
async function suggest(
  engine: Engine,
  db: Executor,
  parsed: ParsedQuery,
  scopes: string[],
  filter: Expr | null,
  dictionary: readonly string[],
): Promise<string | null> {
  const terms = parsed.terms;
  // Whether a query finds anything: a count that stops at the first match.
  const count = (ts: QueryTerm[]) =>
    engine.count(db, { must: ts.map((t) => scoped(t.phrase, scopes)), filter }, 1);
  const show = (ts: QueryTerm[]) => ts.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join(" ");
  // Fewer words: those that find something on their own, together if they do, else the first of them.
  const alive: QueryTerm[] = [];
  for (const t of terms) if ((await count([t])) > 0) alive.push(t);
  if (alive.length) return (await count(alive)) > 0 ? show(alive) : show([alive[0]!]);
  const finds = async (words: string): Promise<boolean> => {
    const p = parseQuery(words, dictionary);
    return p.ok && (await count(p.query.terms)) > 0;
  };
  const candidates: string[] = [];
  for (const t of terms) {
    const grams = bigramsOf(t.text);
    const scored = [...new Set(dictionary)]
      .map((w) => {
        const wg = bigramsOf(w);
        let shared = 0;
        for (const g of wg) if (grams.has(g)) shared++;
        return { w, shared, diff: Math.abs(w.length - t.text.length) };
      })
      .filter((x) => x.shared > 0 && x.w !== t.text)
      .sort((a, b) => b.shared - a.shared || a.diff - b.diff || (a.w < b.w ? -1 : a.w > b.w ? 1 : 0))
      .slice(0, 5)
      .map((x) => x.w);
    candidates.push(...scored);
    if (Array.from(t.text).length > 2) {
      const pieces = getJieba()
        .cut(t.text, false)
        .filter((p) => Array.from(p).length >= 2)
        .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
      candidates.push(...pieces);
    }
  }
  for (const c of [...new Set(candidates)].slice(0, 10)) if (await finds(c)) return c;
  return null;
}

/** The search index for this database's engine; `clock` (deps.clock) stamps what it writes (indexed_at). */
export function getSearchIndex(db: Db, clock: Clock): SearchIndex {
  const engine = engineFor(db.dialect);
  return {
    upsertDocs: (trx, docs) => upsertDocs(engine, clock, trx, docs),
    removeDocs: (trx, refs) => removeDocs(engine, trx, refs),
    query: (exec, q) => engine.session(exec, (db) => runQuery(engine, db, q)),
  };
}
