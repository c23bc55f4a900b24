import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Deps } from "../deps";
import { pageCache } from "./page-cache";

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
  }
}

const keyOf = (req: FastifyRequest) => `${req.hostname}|${req.url}`;

/**
 * The fast path for anonymous visitors of cached public pages. The first onRequest hook: a GET with no
 * session cookie and no Authorization header, whose host and URL were answered before with a page held in
 * the public page cache (page-cache.ts), is answered at once with the bytes and headers the normal path
 * sent then (security headers, Content-Type and the rest): no rate-limit counter, session decryption,
 * CSRF work, database query or rendering. Anything else goes on to the normal path, which records its
 * answer for the next visitor when the page it sent is one held in the page cache, it was a 200 and it
 * set no cookie. The answers are cleared with the page cache (every change that shows on public pages)
 * and expire with the page they hold. Request logging (onResponse) still sees every request.
 */
export function registerFastPath(app: FastifyInstance, deps: Pick<Deps, "db">): void {
  const cache = pageCache(deps);
  app.decorateRequest("fastPathGen", -1);
  app.decorateRequest("fastPathBody", null);

  app.addHook("onRequest", (req, reply, done) => {
    if (req.method !== "GET") return done();
    const { authorization, cookie } = req.headers;
    if (authorization !== undefined || cookie?.includes(SESSION_COOKIE)) return done();
    const hit = cache.response(keyOf(req));
    if (hit === undefined) {
      req.fastPathGen = cache.generation;
      return done();
    }
    reply.headers(hit.headers);
    reply.send(hit.body);
  });

  app.addHook("onSend", (req, reply, payload, done) => {
    if (req.fastPathGen >= 0 && reply.statusCode === 200 && typeof payload === "string") {
      if (cache.heldUntil(payload) !== undefined) req.fastPathBody = payload;
    }
    done(null, payload);
  });

  app.addHook("onResponse", (req, reply, done) => {
    const body = req.fastPathBody;
    if (body === null || reply.statusCode !== 200) return done();
    const expires = cache.heldUntil(body);
    const sent = reply.getHeaders();
    if (expires === undefined || sent["set-cookie"] !== undefined) return done();
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(sent)) {
      if (value === undefined || PER_ANSWER.has(name)) continue;
      headers[name] = typeof value === "number" ? String(value) : value;
    }
    cache.setResponse(keyOf(req), req.fastPathGen, { body: Buffer.from(body), headers, expires });
    done();
  });
}
