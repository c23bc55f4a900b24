// Keeping the index right: rebuild a site's index from its sources (the CLI's `search reindex`, the back
// office's rebuild button) and measure how far the index is from the sources (the dashboard's health check).
import type { Deps } from "../../deps";
import type { SearchDoc } from "../../platform/search/search.types";
import {
  fingerprintDoc,
  type IndexedEntry,
  indexedEntries,
  optimizeSearchIndex,
  searchIndexOf,
} from "./search.engine";
import { searchSources } from "./sources";

/** Documents written per transaction: small enough that the site stays responsive while it runs. */
export const REINDEX_BATCH = 200;

export interface ReindexProgress {
  source: string;
  label: string;
  /** Documents written so far, all sources together. */
  done: number;
}

export interface ReindexResult {
  indexed: number;
  removed: number;
  bySource: Record<string, number>;
}

const keyOf = (d: { type: string; id: string }) => `${d.type}:${d.id}`;

/**
 * Rebuilds the index of one site: every source's documents are written again in batches (each in its own
 * transaction), then whatever the index holds for the site that no source lists any more is removed.
 */
export async function reindexSite(
  deps: Deps,
  siteId: string,
  onProgress: (p: ReindexProgress) => void = () => {},
): Promise<ReindexResult> {
  const index = searchIndexOf(deps);
  const db = deps.db.kysely;
  const expected = new Set<string>();
  const bySource: Record<string, number> = {};
  let done = 0;
  for (const source of searchSources()) {
    bySource[source.type] = 0;
    for await (const batch of source.listAll(db, siteId)) {
      for (let i = 0; i < batch.length; i += REINDEX_BATCH) {
        const part = batch.slice(i, i + REINDEX_BATCH);
        await db.transaction().execute((trx) => index.upsertDocs(trx, part));
        for (const d of part) expected.add(keyOf(d));
        done += part.length;
        bySource[source.type] = (bySource[source.type] ?? 0) + part.length;
        onProgress({ source: source.type, label: source.label, done });
      }
    }
  }
  forgetIndexHealth(deps, siteId);
  const stale = (await indexedEntries(db, siteId)).filter((e) => !expected.has(keyOf(e)));
  for (let i = 0; i < stale.length; i += REINDEX_BATCH) {
    const part = stale.slice(i, i + REINDEX_BATCH).map(({ type, id }) => ({ type, id }));
    await db.transaction().execute((trx) => index.removeDocs(trx, part));
  }
  await optimizeSearchIndex(deps.db);
  return { indexed: done, removed: stale.length, bySource };
}

/** About how many documents a rebuild of the site writes (the progress bar's total). */
export async function countSiteDocs(deps: Deps, siteId: string): Promise<number> {
  let n = 0;
  for (const s of searchSources()) n += await s.count(deps.db.kysely, siteId);
  return n;
}

export interface IndexHealth {
  /** Documents the sources list that the index lacks (published but not findable). */
  missing: number;
  /** Index entries no source lists any more (withdrawn, superseded, archived…) or whose facts changed. */
  stale: number;
  /** Documents the sources list. */
  expected: number;
  /** Entries the index holds for the site. */
  indexed: number;
  /** A few examples of each, for the page. */
  examples: { missing: string[]; stale: string[] };
}

/** Compares the index of a site with what its sources list now. */
export async function indexHealth(deps: Deps, siteId: string): Promise<IndexHealth> {
  const db = deps.db.kysely;
  const expected = new Map<string, SearchDoc>();
  for (const source of searchSources())
    for await (const batch of source.listAll(db, siteId)) for (const d of batch) expected.set(keyOf(d), d);
  const entries = await indexedEntries(db, siteId);
  const indexed = new Map<string, IndexedEntry>(entries.map((e) => [keyOf(e), e]));
  const missing = [...expected.keys()].filter((k) => !indexed.has(k));
  const stale = entries
    .filter((e) => {
      const d = expected.get(keyOf(e));
      return !d || fingerprintDoc(d) !== e.fingerprint;
    })
    .map(keyOf);
  return {
    missing: missing.length,
    stale: stale.length,
    expected: expected.size,
    indexed: entries.length,
    examples: { missing: missing.slice(0, 5), stale: stale.slice(0, 5) },
  };
}

/**
 * The dashboard's numbers, kept a minute per database and site: computing them reads every source. Only a
 * finished result is kept: callers arriving while a run is under way wait for that run, and a failed run is
 * forgotten, so the next caller starts a new one. A rebuild forgets the result, and a run that started before
 * it does not store what it finds.
 */
interface HealthCache {
  done: Map<string, { at: number; health: IndexHealth }>;
  running: Map<string, { run: Promise<IndexHealth>; generation: number }>;
  generation: Map<string, number>;
}
const healthCaches = new WeakMap<object, HealthCache>();
export const HEALTH_TTL_MS = 60_000;

function healthCacheOf(deps: Pick<Deps, "db">): HealthCache {
  const found = healthCaches.get(deps.db);
  if (found) return found;
  const c: HealthCache = { done: new Map(), running: new Map(), generation: new Map() };
  healthCaches.set(deps.db, c);
  return c;
}

/** Drops a site's kept numbers (after a rebuild), and any run under way no longer stores its result. */
export function forgetIndexHealth(deps: Pick<Deps, "db">, siteId: string): void {
  const c = healthCacheOf(deps);
  c.done.delete(siteId);
  c.running.delete(siteId);
  c.generation.set(siteId, (c.generation.get(siteId) ?? 0) + 1);
}

export function recentIndexHealth(
  deps: Deps,
  siteId: string,
  compute: (deps: Deps, siteId: string) => Promise<IndexHealth> = indexHealth,
  now: () => number = Date.now,
): Promise<IndexHealth> {
  const c = healthCacheOf(deps);
  const hit = c.done.get(siteId);
  if (hit && now() - hit.at < HEALTH_TTL_MS) return Promise.resolve(hit.health);
  const running = c.running.get(siteId);
  if (running) return running.run;
  const generation = c.generation.get(siteId) ?? 0;
  const run = compute(deps, siteId).then((health) => {
    if ((c.generation.get(siteId) ?? 0) === generation) c.done.set(siteId, { at: now(), health });
    return health;
  });
  const entry = { run, generation };
  c.running.set(siteId, entry);
  const settle = () => {
    if (c.running.get(siteId) === entry) c.running.delete(siteId);
  };
  run.then(settle, settle);
  return run;
}
