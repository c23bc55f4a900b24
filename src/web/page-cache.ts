import { createHash } from "node:crypto";
import type { TObject, TSchema } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import type { Deps } from "../deps";

/**
 * What a cached public page declares on its route (`config.publicCache`): the query parameters its content
 * depends on. Every other parameter is left out of the cache key, so `?x=1` is served the canonical page
 * rather than a fresh render; integer parameters count by value (`page=01` is `page=1`).
 */
export interface PublicCacheSpec {
  params: readonly { name: string; int: boolean }[];
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** A cached public page: the query parameters its content depends on (page-cache.ts). */
    publicCache?: PublicCacheSpec;
  }
}

const isInt = (s: TSchema): boolean =>
  s.type === "integer" || (Array.isArray(s.anyOf) && (s.anyOf as TSchema[]).some(isInt));

/** The parameters a page's querystring schema declares (none without a schema). */
export function publicCacheSpec(querystring?: TObject): PublicCacheSpec {
  const props = (querystring?.properties ?? {}) as Record<string, TSchema>;
  return {
    params: Object.keys(props)
      .sort()
      .map((name) => ({ name, int: isInt(props[name]!) })),
  };
}

/**
 * The request as its cached page sees it: the route's path with its parameters re-encoded (so %-encoding
 * variants are one page) and the declared query parameters in a fixed order. Built from the route and the
 * parsed query only, never from the raw URL or the Host header: the site is added by the caller.
 */
export function canonicalRequest(req: FastifyRequest, spec: PublicCacheSpec): string {
  const route = req.routeOptions.url ?? "";
  const params = req.params as Record<string, string | undefined>;
  const path = route.includes(":")
    ? route.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? ""))
    : route;
  if (spec.params.length === 0) return path;
  const query = req.query as Record<string, unknown>;
  let out = "";
  for (const { name, int } of spec.params) {
    const v = query?.[name];
    if (v === undefined) continue;
    let text = Array.isArray(v) ? v.map(String).join("\u0000") : String(v);
    if (int && text !== "" && Number.isInteger(Number(text))) text = String(Number(text));
    out += `${out ? "&" : "?"}${name}=${encodeURIComponent(text)}`;
  }
  return path + out;
}

/** A strong validator for a body: the first 128 bits of its SHA-256. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
}

/** A whole answer kept for the fast path (fast-path.ts): the bytes and the headers the normal path sent. */
export interface CachedResponse {
  body: Buffer;
  headers: Record<string, string | string[]>;
  expires: number;
  /** The headers as the raw path sends them (with Content-Length), built on its first use. */
  raw?: Record<string, string | string[]>;
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
  /**
   * Every body in `map`, with how many keys hold it, until when, and its ETag (computed once when it is
   * stored): what the fast path may record, and the validator sent with it (http-caching.ts).
   */
  private readonly bodies = new Map<string, { n: number; expires: number; etag: string }>();
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
    } else this.bodies.set(body, { n: 1, expires, etag: etagOf(body) });
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

  /** The precomputed ETag of `body` if it is a page held now; undefined otherwise. */
  etagFor(body: string): string | undefined {
    return this.bodies.get(body)?.etag;
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

/**
 * Something visible on public pages changed (called after the change committed): drop every cached page, here
 * and, on PostgreSQL, in every other instance on the database (LISTEN/NOTIFY, src/db/events.ts).
 */
export function invalidatePublicPages(deps: Pick<Deps, "db">): void {
  pageCache(deps).clear();
  deps.db.events?.broadcast(PAGES_TOPIC);
}

const PAGES_TOPIC = "pages";

/**
 * Calls `listener` when another instance on the database changes something public (PostgreSQL; never on SQLite):
 * for caches that feed public pages and must not outlive the pages themselves. Returns an unsubscribe.
 */
export function onOtherInstanceChange(deps: Pick<Deps, "db">, listener: () => void): () => void {
  return deps.db.events?.subscribe(PAGES_TOPIC, listener) ?? (() => {});
}

/** Drops this instance's cached pages when another instance changes something public; returns an unsubscribe. */
export const followOtherInstances = (deps: Pick<Deps, "db">): (() => void) =>
  onOtherInstanceChange(deps, () => pageCache(deps).clear());
