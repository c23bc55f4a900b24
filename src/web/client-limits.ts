import rateLimit from "@fastify/rate-limit";
import type { FastifyRequest } from "fastify";
import type { RateLimits } from "../config";
import { AppError } from "../platform/errors";
import { clientKey } from "./client-address";
import type { AppInstance } from "./types";

// Per-client limits by class of route. Assets, /healthz and pages people read (GET) are never limited:
// a county's whole office behind one NAT address must be able to browse. Anything that writes, signs in,
// looks up a tracking code or calls the API counts against its class, one counter per client address
// (IPv6: per /64) shared by every route of the class, so spreading requests over routes gains nothing.
// A route added later falls into a class by its method and path; a route declares `config.clientLimit`
// only to be stricter (login, tracking, new applications).

export type LimitClass = "none" | "api" | "forms" | "staff" | "login" | "track" | "applications";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The per-client limit this route counts against; unset: decided by method and path (limitClassFor). */
    clientLimit?: LimitClass;
  }
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The class a request counts against: the route's declared class, else by method and path. */
export function limitClassFor(method: string, url: string, declared?: LimitClass): LimitClass {
  if (declared) return declared;
  const path = url.split("?", 1)[0]!;
  if (path.startsWith("/assets/") || path === "/healthz") return "none";
  if (path === "/api" || path.startsWith("/api/")) return "api";
  if (READS.has(method)) return "none";
  if (path === "/admin/login") return "login";
  if (path === "/admin" || path.startsWith("/admin/")) return "staff";
  return "forms";
}

const MINUTE = 60_000;

function windows(
  limits: RateLimits,
): Record<Exclude<LimitClass, "none">, { max: number; timeWindow: number }> {
  return {
    api: { max: limits.apiPerMinute, timeWindow: MINUTE },
    forms: { max: limits.formsPerMinute, timeWindow: MINUTE },
    staff: { max: limits.staffPerMinute, timeWindow: MINUTE },
    login: { max: limits.loginPerMinute, timeWindow: MINUTE },
    track: { max: limits.trackPerMinute, timeWindow: MINUTE },
    applications: { max: limits.applicationsPerHour, timeWindow: 60 * MINUTE },
  };
}

/**
 * Registers the limits as the first onRequest hook after the security headers, so a refused request
 * costs no session lookup, body parsing or database work. `req.ip` is the client as resolved through the
 * trusted proxies (client-address.ts).
 */
export async function registerClientLimits(app: AppInstance, limits: RateLimits): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (req: FastifyRequest) => clientKey(req.ip),
    // Counters kept in memory; the least recently seen clients are forgotten first.
    cache: 20_000,
  });
  const check = Object.fromEntries(
    Object.entries(windows(limits)).map(([cls, w]) => [cls, app.createRateLimit(w)]),
  ) as Record<Exclude<LimitClass, "none">, ReturnType<AppInstance["createRateLimit"]>>;

  app.addHook("onRequest", async (req, reply) => {
    const cls = limitClassFor(req.method, req.url, req.routeOptions.config?.clientLimit);
    if (cls === "none") return;
    const r = await check[cls](req);
    if (r.isAllowed) return;
    reply.header("x-ratelimit-limit", r.max);
    reply.header("x-ratelimit-remaining", r.remaining);
    if (!r.isExceeded) return;
    reply.header("retry-after", r.ttlInSeconds);
    throw new AppError("rate_limited", 429, `请求过于频繁，请 ${r.ttlInSeconds} 秒后再试。`);
  });
}
