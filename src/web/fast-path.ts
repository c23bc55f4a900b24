import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../deps";
import { hostsOf, listSites, normaliseHost, SITE_CACHE_MS } from "../domains/orgs/sites.service";
import { compileTrust } from "./client-address";
import { hasElderCookie } from "./elder-mode";
import { type CachedResponse, canonicalRequest, type PageCache, pageCache } from "./page-cache";
import { logRequest, requestLines } from "./request-log";

/** The session cookie (app.ts); a request carrying it takes the normal path, with its user and header. */
const SESSION_COOKIE = "gongkai_session=";

/** Headers that belong to one answer or one connection, never replayed. */
const PER_ANSWER = new Set(["content-length", "date", "connection", "keep-alive", "transfer-encoding"]);

declare module "fastify" {
  interface FastifyRequest {
    /** Fast path: the page cache's generation when this anonymous GET arrived (-1: not recordable). */
    fastPathGen: number;
    /** Fast path: the page sent, when it is one held in the page cache. */
    fastPathBody: string | null;
    /** Fast path: the key this request's answer is kept under (resolved site and canonical request). */
    fastPathKey: string | null;
  }
}

/**
 * Which site a Host header names, answered from memory: the same rule as `siteForHost` (a site whose host
 * names include it, else the default site), over a copy of the sites refreshed as often as that function's
 * and whenever the page cache is cleared (creating a site clears it). Any host that names no site is the
 * default site's, so a made-up Host header shares the default site's answers instead of adding its own.
 */
class SiteHosts {
  private byHost = new Map<string, string>();
  private fallback: string | undefined;
  private at = Number.NEGATIVE_INFINITY;
  private gen = -1;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly deps: Pick<Deps, "db">,
    private readonly cache: PageCache,
  ) {}

  /** The site id for `host`; "" when there is no site; undefined when the copy must be refreshed first. */
  lookup(host: string | undefined): string | undefined {
    if (this.gen !== this.cache.generation || performance.now() - this.at > SITE_CACHE_MS) return undefined;
    return this.byHost.get(normaliseHost(host)) ?? this.fallback ?? "";
  }

  refresh(): Promise<void> {
    this.loading ??= (async () => {
      const gen = this.cache.generation;
      try {
        const sites = await listSites(this.deps);
        const byHost = new Map<string, string>();
        for (const s of sites) for (const h of hostsOf(s)) if (!byHost.has(h)) byHost.set(h, s.id);
        this.byHost = byHost;
        this.fallback = sites[0]?.id;
        this.at = performance.now();
        this.gen = gen;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}

/**
 * The fast path for anonymous visitors of cached public pages. The first onRequest hook: a GET of a route
 * that declares itself a cached public page (`config.publicCache`, page-cache.ts), with no session cookie
 * and no Authorization header, whose site and canonical request (route, path parameters and the declared
 * query parameters only) were answered before with a page held in the public page cache, is answered at
 * once with the bytes and headers the normal path sent then (security headers, Content-Type, ETag and
 * Cache-Control): no rate-limit counter, session decryption, CSRF work, database query or rendering.
 * Anything else goes on to the normal path, which records its answer for the next visitor when the page
 * it sent is one held in the page cache, it was a 200 and it set no cookie. The key never holds the raw
 * Host header or query parameters the page does not declare, so made-up ones neither add answers nor
 * push real ones out. The answers are cleared with the page cache (every change that shows on public
 * pages) and expire with the page they hold. Request logging (onResponse) and the conditional-request
 * hook (http-caching.ts: If-None-Match → 304) still see every request.
 */
export function registerFastPath(app: FastifyInstance, deps: Pick<Deps, "db" | "config">): void {
  const cache = pageCache(deps);
  const sites = new SiteHosts(deps, cache);
  app.decorateRequest("fastPathGen", -1);
  app.decorateRequest("fastPathBody", null);
  app.decorateRequest("fastPathKey", null);

  /** Answers from memory if it can (true), else marks the request for recording (false). */
  const answer = (req: FastifyRequest, reply: FastifyReply, siteId: string): boolean => {
    if (siteId === "") return false;
    const key = `${siteId}|${canonicalRequest(req, req.routeOptions.config.publicCache!)}`;
    const hit = cache.response(key);
    if (hit !== undefined) {
      reply.headers(hit.headers);
      reply.send(hit.body);
      return true;
    }
    req.fastPathKey = key;
    req.fastPathGen = cache.generation;
    return false;
  };

  app.addHook("onRequest", (req, reply, done) => {
    if (req.method !== "GET") return done();
    if (req.routeOptions.config?.publicCache === undefined) return done();
    const { authorization, cookie } = req.headers;
    if (authorization !== undefined || cookie?.includes(SESSION_COOKIE)) return done();
    // The 适老化 variant (a cookie) takes the normal path, whose page cache keeps it apart.
    if (hasElderCookie(cookie)) return done();
    const siteId = sites.lookup(req.hostname);
    if (siteId !== undefined) {
      if (!answer(req, reply, siteId)) done();
      return;
    }
    sites.refresh().then(
      () => {
        if (!answer(req, reply, sites.lookup(req.hostname) ?? "")) done();
      },
      () => done(),
    );
  });

  app.addHook("onSend", (req, reply, payload, done) => {
    if (req.fastPathGen >= 0 && reply.statusCode === 200 && typeof payload === "string") {
      if (cache.heldUntil(payload) !== undefined) req.fastPathBody = payload;
    }
    done(null, payload);
  });

  app.addHook("onResponse", (req, reply, done) => {
    const body = req.fastPathBody;
    if (body === null || req.fastPathKey === null || reply.statusCode !== 200) return done();
    const expires = cache.heldUntil(body);
    const sent = reply.getHeaders();
    if (expires === undefined || sent["set-cookie"] !== undefined) return done();
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(sent)) {
      if (value === undefined || PER_ANSWER.has(name)) continue;
      headers[name] = typeof value === "number" ? String(value) : value;
    }
    cache.setResponse(req.fastPathKey, req.fastPathGen, { body: Buffer.from(body), headers, expires });
    done();
  });

  registerRawPath(app, deps, cache, sites);
}

/**
 * The raw path: the same answers, before Fastify. The server's request listener first looks at a plain
 * anonymous GET whose URL is already in canonical form (the form the site's own links use: `/`,
 * `/gk/items/ID`, `/gk/list?page=2`) and whose site and URL have an answer recorded above; such a request
 * is answered with the recorded bytes and headers and its log line is written, with no routing, hooks,
 * request object or per-request logger. Everything else, including a conditional request (If-None-Match:
 * the 304 is decided by http-caching.ts), a forwarded Host, a session cookie or a token, and any URL not
 * in canonical form, goes to Fastify unchanged. Only answers recorded by the normal path are served, so
 * a URL reaching here was routed, validated and answered by Fastify before. `inject` (tests) does not go
 * through the server, so only a listening server takes this path (fast-path.db.test.ts listens).
 */
function registerRawPath(
  app: FastifyInstance,
  deps: Pick<Deps, "config">,
  cache: PageCache,
  sites: SiteHosts,
): void {
  const trusted = deps.config.trustProxy.length ? compileTrust(deps.config.trustProxy) : undefined;
  /** The client as Fastify's `req.ip` finds it (proxy-addr: the first untrusted hop from the right). */
  const clientOf = (req: IncomingMessage): string | undefined => {
    const peer = req.socket.remoteAddress;
    const xff = req.headers["x-forwarded-for"];
    if (!trusted || xff === undefined || peer === undefined) return peer;
    const hops = [
      peer,
      ...String(xff)
        .split(",")
        .map((a) => a.trim())
        .reverse(),
    ];
    for (let i = 0; i < hops.length - 1; i++) if (!trusted(hops[i]!, i)) return hops[i];
    return hops[hops.length - 1];
  };
  let closing = false;
  let n = 0;
  app.addHook("preClose", (done) => {
    closing = true;
    done();
  });
  const lines = requestLines(app);
  const raw = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (closing || req.method !== "GET") return false;
    const h = req.headers;
    if (h.authorization !== undefined || h["if-none-match"] !== undefined) return false;
    if (h["x-forwarded-host"] !== undefined || h.cookie?.includes(SESSION_COOKIE)) return false;
    if (hasElderCookie(h.cookie)) return false; // the 适老化 variant: the normal path keeps it apart
    const siteId = sites.lookup(h.host);
    if (!siteId || req.url === undefined) return false;
    const hit: CachedResponse | undefined = cache.response(`${siteId}|${req.url}`);
    if (hit === undefined) return false;
    const start = performance.now();
    hit.raw ??= { ...hit.headers, "content-length": String(hit.body.length) };
    res.writeHead(200, hit.raw);
    res.end(hit.body);
    n = (n + 1) & 0x7fffffff;
    logRequest(
      lines,
      `fast-${n.toString(36)}`,
      "GET",
      req.url,
      200,
      performance.now() - start,
      clientOf(req),
    );
    return true;
  };
  // Fastify's own listener, kept: called for everything the raw path does not answer.
  const server = app.server;
  const fastify = server.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (fastify.length !== 1) return;
  const handler = fastify[0]!;
  server.removeListener("request", handler);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    let answered = false;
    try {
      answered = raw(req, res);
    } catch (err) {
      app.log.error({ err }, "raw fast path failed");
      if (res.headersSent) return void res.destroy();
    }
    if (!answered) handler(req, res);
  });
}
