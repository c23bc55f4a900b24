import type { Deps } from "../deps";

/** A whole answer kept for the fast path (fast-path.ts): the bytes and the headers the normal path sent. */
export interface CachedResponse {
  body: Buffer;
  headers: Record<string, string | string[]>;
  expires: number;
}

/**
 * Rendered public pages, per running app (keyed by its database handle). Public pages are the same for
 * every visitor, so a hit serves stored bytes with no database work. Entries live until `ttlMs` passes or
 * a change that could show on them clears the cache (publishing does on every transition: a few a day,
 * against thousands of reads). Bounded; least recently used out first.
 *
 * Beside the rendered pages it keeps whole answers by host and URL for anonymous visitors (fast-path.ts),
 * recorded only for a page that is itself in this cache, and cleared with it.
 */
export class PageCache {
  private readonly map = new Map<string, { body: string; expires: number }>();
  /** Every body in `map`, with how many keys hold it and until when: what the fast path may record. */
  private readonly bodies = new Map<string, { n: number; expires: number }>();
  private readonly responses = new Map<string, CachedResponse>();
  /** Bumped by clear(): an answer rendered before a change is not recorded after it. */
  private gen = 0;

  constructor(private readonly max = 5000) {}

  get(key: string): string | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    if (v.expires < performance.now()) {
      this.drop(key);
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, v);
    return v.body;
  }

  set(key: string, body: string, ttlMs: number): void {
    this.drop(key);
    const expires = performance.now() + ttlMs;
    this.map.set(key, { body, expires });
    const held = this.bodies.get(body);
    if (held) {
      held.n++;
      held.expires = Math.min(held.expires, expires);
    } else this.bodies.set(body, { n: 1, expires });
    if (this.map.size > this.max) this.drop(this.map.keys().next().value!);
  }

  private drop(key: string): void {
    const v = this.map.get(key);
    if (!v) return;
    this.map.delete(key);
    const held = this.bodies.get(v.body);
    if (held && --held.n <= 0) this.bodies.delete(v.body);
  }

  /**
   * When the page `body` leaves the cache, if it is held now (a cached page is the same for every visitor
   * of its URL); undefined if it is not.
   */
  heldUntil(body: string): number | undefined {
    const held = this.bodies.get(body);
    return held && held.expires >= performance.now() ? held.expires : undefined;
  }

  /** The generation: changes whenever the cache is cleared. */
  get generation(): number {
    return this.gen;
  }

  response(key: string): CachedResponse | undefined {
    const r = this.responses.get(key);
    if (r === undefined) return undefined;
    if (r.expires < performance.now()) {
      this.responses.delete(key);
      return undefined;
    }
    return r;
  }

  /** Records an answer for `key` if nothing was cleared since generation `gen` (when it was rendered). */
  setResponse(key: string, gen: number, response: CachedResponse): void {
    if (gen !== this.gen) return;
    this.responses.delete(key);
    this.responses.set(key, response);
    if (this.responses.size > this.max) this.responses.delete(this.responses.keys().next().value!);
  }

  clear(): void {
    this.map.clear();
    this.bodies.clear();
    this.responses.clear();
    this.gen++;
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
