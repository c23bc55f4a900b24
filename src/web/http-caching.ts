import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler, RouteOptions } from "fastify";
import type { Deps } from "../deps";
import { etagOf, pageCache } from "./page-cache";

// ETag and Cache-Control for every GET, in one onSend hook (HEAD follows GET). It is added to each GET route
// (onRoute), so it runs after the app-wide onSend hooks, among them the cookie and session plugins' that add
// Set-Cookie: a page that starts a session (the application form's CSRF token) is seen as the personal
// answer it is. Answers outside any route (no route matched) get `no-store` from an app-wide hook.
// - a public route (route-policy.ts `public`) answering 200 to an anonymous visitor gets an ETag (a page
//   held in the page cache brings its own, computed once when it was stored; a route that set one, such
//   as an attachment download from the file's SHA-256, keeps it; any other body is hashed) and
//   `Cache-Control: public, max-age=60`, the page cache's own lifetime, unless the route chose its own;
// - If-None-Match naming that ETag → 304 with no body (a stream that would have been sent is closed);
// - anything personal is never stored by a shared cache: a request with the session cookie or an
//   Authorization header, an answer that sets a cookie, and every route that is not public (the tracking
//   pages, the back office, the staff API) get `private, no-store`; an error answer gets `no-store`.

/** How long a browser or a shared cache may reuse a public answer without asking: the page cache's TTL. */
export const PUBLIC_MAX_AGE_S = 60;
const PUBLIC = `public, max-age=${PUBLIC_MAX_AGE_S}`;
const PERSONAL = "private, no-store";
const SESSION_COOKIE = "gongkai_session=";

/** Whether If-None-Match names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, "");
  for (const part of ifNoneMatch.split(",")) {
    const t = part.trim();
    if (t === "*" || t.replace(/^W\//, "") === bare) return true;
  }
  return false;
}

const personal = (req: FastifyRequest, reply: FastifyReply): boolean =>
  req.headers.authorization !== undefined ||
  (req.headers.cookie?.includes(SESSION_COOKIE) ?? false) ||
  reply.hasHeader("set-cookie") ||
  Boolean((req as { user?: unknown }).user);

export function registerHttpCaching(app: FastifyInstance, deps: Pick<Deps, "db">): void {
  const cache = pageCache(deps);
  const hook: onSendHookHandler = (req, reply, payload, done) => {
    if (req.method !== "GET" && req.method !== "HEAD") return done(null, payload);
    const chosen = reply.hasHeader("cache-control");
    if (req.routeOptions.config?.policy !== "public" || personal(req, reply)) {
      // A route's own private choice (no-store, private, no-cache) stands; a public one is overruled.
      const own = chosen ? String(reply.getHeader("cache-control")) : "";
      if (!chosen || own.includes("public")) reply.header("cache-control", PERSONAL);
      return done(null, payload);
    }
    const status = reply.statusCode;
    if (status !== 200) {
      if (status >= 400) reply.header("cache-control", "no-store");
      return done(null, payload);
    }
    if (!chosen) reply.header("cache-control", PUBLIC);
    // A public page has a 适老化 variant chosen by a cookie (elder-mode.ts): caches keep them apart.
    if (String(reply.getHeader("content-type") ?? "").startsWith("text/html")) reply.header("vary", "Cookie");
    let etag = reply.getHeader("etag") as string | undefined;
    if (etag === undefined) {
      if (typeof payload === "string") etag = cache.etagFor(payload) ?? etagOf(payload);
      else if (Buffer.isBuffer(payload)) etag = etagOf(payload);
      else return done(null, payload);
      reply.header("etag", etag);
    }
    if (!matchesEtag(req.headers["if-none-match"], etag)) return done(null, payload);
    if (payload && typeof (payload as { destroy?: unknown }).destroy === "function") {
      (payload as { destroy(): void }).destroy();
    }
    reply.code(304);
    reply.removeHeader("content-type");
    reply.removeHeader("content-length");
    done(null, null);
  };
  app.addHook("onRoute", (route: RouteOptions) => {
    const methods = ([] as string[]).concat(route.method);
    if (!methods.includes("GET") && !methods.includes("HEAD")) return;
    route.onSend = [...(route.onSend ? ([] as onSendHookHandler[]).concat(route.onSend) : []), hook];
  });
  app.addHook("onSend", (req, reply, payload, done) => {
    if (reply.statusCode >= 400 && (req.method === "GET" || req.method === "HEAD"))
      reply.header("cache-control", "no-store");
    done(null, payload);
  });
}
