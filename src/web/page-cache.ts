import type { Deps } from "../deps";

/**
 * Rendered public pages, per running app (keyed by its database handle). Public pages are the same for
 * every visitor, so a hit serves stored bytes with no database work. Entries live until `ttlMs` passes or
 * a change that could show on them clears the cache (publishing does on every transition: a few a day,
 * against thousands of reads). Bounded; least recently used out first.
 */
export class PageCache {
  private readonly map = new Map<string, { body: string; expires: number }>();
  constructor(private readonly max = 5000) {}

  get(key: string): string | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    if (v.expires < performance.now()) {
      this.map.delete(key);
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, v);
    return v.body;
  }

  set(key: string, body: string, ttlMs: number): void {
    this.map.delete(key);
    this.map.set(key, { body, expires: performance.now() + ttlMs });
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}

const caches = new WeakMap<object, PageCache>();

export function pageCache(deps: Pick<Deps, "db">): PageCache {
  let c = caches.get(deps.db);
  if (!c) {
    c = new PageCache();
    caches.set(deps.db, c);
  }
  return c;
}

/** Something visible on public pages changed: drop every cached page. */
export function invalidatePublicPages(deps: Pick<Deps, "db">): void {
  pageCache(deps).clear();
}
