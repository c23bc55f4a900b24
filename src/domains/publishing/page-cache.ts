import type { Deps } from "../../deps";

/**
 * Rendered public pages of published items, per running app (keyed by its database handle). A published
 * page changes only on publication, withdrawal, revision or a validity change, each of which invalidates it,
 * so a hit serves stored bytes with no database work. Bounded, least recently used out first.
 */
export class PageCache {
  private readonly map = new Map<string, string>();
  constructor(private readonly max = 2000) {}

  get(key: string): string | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: string): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  clear(): void {
    this.map.clear();
  }
}

const caches = new WeakMap<object, PageCache>();

export function itemPageCache(deps: Pick<Deps, "db">): PageCache {
  let c = caches.get(deps.db);
  if (!c) {
    c = new PageCache();
    caches.set(deps.db, c);
  }
  return c;
}

/**
 * Item pages of these ids are stale, and so may be pages linking to them (a policy and its interpretations,
 * the versions of a document). Publishing changes are a few a day against thousands of reads, so the whole
 * cache is dropped rather than tracking every link; `ids` is kept for the audit of what triggered it.
 */
export function invalidateItemPages(deps: Pick<Deps, "db">, _ids: string[]): void {
  itemPageCache(deps).clear();
}
