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
  healthCache.delete(siteId);
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

/** The dashboard's numbers, kept a minute per site: computing them reads every source. A rebuild clears them. */
const healthCache = new Map<string, { at: number; health: Promise<IndexHealth> }>();
const HEALTH_TTL_MS = 60_000;

export function recentIndexHealth(deps: Deps, siteId: string): Promise<IndexHealth> {
  const now = Date.now();
  const hit = healthCache.get(siteId);
  if (hit && now - hit.at < HEALTH_TTL_MS) return hit.health;
  const health = indexHealth(deps, siteId);
  healthCache.set(siteId, { at: now, health });
  health.catch(() => healthCache.delete(siteId));
  return health;
}
