import rateLimit from "@fastify/rate-limit";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type Kysely, sql } from "kysely";
import type { RateLimits } from "../config";
import type { Database } from "../db/schema";
import type { Deps } from "../deps";
import { AppError } from "../platform/errors";
import { clientKey } from "./client-address";
import type { AppInstance } from "./types";

// Per-client limits by class of route. Assets, /healthz and pages people read (GET) are never limited:
// a county's whole office behind one NAT address must be able to browse. Anything that writes, signs in,
// looks up a tracking code or calls the API counts against its class, one counter per client address
// (IPv6: per /64) shared by every route of the class, so spreading requests over routes gains nothing.
// A route added later falls into a class by its method and path; a route declares `config.clientLimit`
// only to be stricter (login, tracking, new applications).

export type LimitClass =
  | "none"
  | "api"
  | "forms"
  | "staff"
  | "login"
  | "track"
  | "applications"
  | "submissions";

/**
 * The class of public submissions other than applications: messages, error reports, consultation comments,
 * requests to attend meetings. Its own hourly counter per client address, so a resident who writes several
 * messages keeps their budget for an application (and the other way round).
 */
export const SUBMISSIONS = "submissions" satisfies LimitClass;

declare module "fastify" {
  interface FastifyInstance {
    /** The per-client budget of uncached public renders (RenderBudget); unset outside buildApp. */
    renderBudget?: RenderBudget;
  }
  interface FastifyContextConfig {
    /** The per-client limit this route counts against; unset: decided by method and path (limitClassFor). */
    clientLimit?: LimitClass;
    /**
     * The class instead of `clientLimit` when the request carries an API token: a public submission route
     * that staff also use for intake (calls and letters typed in by the office) keeps the staff out of the
     * public per-address budget. A request with a bad token is refused (401) by the sign-in hook anyway.
     */
    staffLimit?: LimitClass;
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
    submissions: { max: limits.submissionsPerHour, timeWindow: 60 * MINUTE },
  };
}

/**
 * Registers the limits as the first onRequest hook after the security headers, so a refused request
 * costs no session lookup, body parsing or database work. `req.ip` is the client as resolved through the
 * trusted proxies (client-address.ts).
 */
export async function registerClientLimits(
  app: AppInstance,
  limits: RateLimits,
  deps?: Pick<Deps, "db">,
): Promise<void> {
  const shared = deps?.db.dialect === "postgres" ? sharedCounterStore(deps.db.kysely) : undefined;
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (req: FastifyRequest) => clientKey(req.ip),
    // SQLite (one process): counters kept in memory, the least recently seen clients forgotten first.
    // PostgreSQL: counters in the database, shared by every instance (sharedCounterStore).
    cache: 20_000,
    ...(shared ? { store: shared, skipOnError: true } : {}),
  });
  const check = Object.fromEntries(
    Object.entries(windows(limits)).map(([cls, w]) => [
      cls,
      app.createRateLimit({ ...w, keyGenerator: (req: FastifyRequest) => `${cls}:${clientKey(req.ip)}` }),
    ]),
  ) as Record<Exclude<LimitClass, "none">, ReturnType<AppInstance["createRateLimit"]>>;

  app.addHook("onRequest", async (req, reply) => {
    const config = req.routeOptions.config;
    const declared =
      config?.staffLimit !== undefined && req.headers.authorization !== undefined
        ? config.staffLimit
        : config?.clientLimit;
    const cls = limitClassFor(req.method, req.url, declared);
    if (cls === "none") return;
    const r = await check[cls](req);
    if (r.isAllowed) return;
    reply.header("x-ratelimit-limit", r.max);
    reply.header("x-ratelimit-remaining", r.remaining);
    if (!r.isExceeded) return;
    reply.header("retry-after", r.ttlInSeconds);
    throw new AppError("rate_limited", 429, `请求过于频繁，请 ${waitText(r.ttlInSeconds)}后再试。`);
  });
}

/** Counters older than this are deleted now and then (the longest window is an hour). */
const COUNTER_RETENTION_MS = 2 * 60 * MINUTE;

/**
 * @fastify/rate-limit's store on PostgreSQL: one row per class and client, counted with an upsert, so several
 * instances share one allowance per client (docs/deployment.md "Several instances"). The window restarts when it
 * has passed, as in the plugin's own store. A database error lets the request through (skipOnError): the
 * request's own work would fail on it anyway.
 */
export function sharedCounterStore(db: Kysely<Database>) {
  let calls = 0;
  const incr = async (key: string, timeWindow: number) => {
    const now = Date.now();
    if (++calls % 1000 === 0)
      await db
        .deleteFrom("rate_counters")
        .where("started_ms", "<", now - COUNTER_RETENTION_MS)
        .execute();
    const r = await sql<{ count: number; started_ms: string | number }>`
      INSERT INTO rate_counters (key, count, started_ms) VALUES (${key}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_counters.started_ms + ${timeWindow} <= ${now} THEN 1 ELSE rate_counters.count + 1 END,
        started_ms = CASE WHEN rate_counters.started_ms + ${timeWindow} <= ${now} THEN ${now} ELSE rate_counters.started_ms END
      RETURNING count, started_ms`.execute(db);
    const row = r.rows[0]!;
    return { current: Number(row.count), ttl: Math.max(0, Number(row.started_ms) + timeWindow - now) };
  };
  return class SharedCounterStore {
    incr(
      key: string,
      cb: (err: Error | null, res?: { current: number; ttl: number }) => void,
      // The plugin passes the class's window (its typings leave it out).
      timeWindow = MINUTE,
    ): void {
      incr(key, timeWindow).then(
        (res) => cb(null, res),
        (err: Error) => cb(err),
      );
    }
    child(): SharedCounterStore {
      return new SharedCounterStore();
    }
  };
}

/** "30 秒" under two minutes, else whole minutes rounded up ("58 分钟"). */
export function waitText(seconds: number): string {
  return seconds < 120 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

// The render budget. Reads are never rate-limited (see above), and a cached public page costs nothing to
// serve; but a public page that is not in the cache is rendered, with database queries, for whoever asks.
// So each client address (IPv6: per /64, through the trusted proxies) holds a token bucket of uncached
// anonymous renders: `burst` at once, refilled at `perMinute`. A cache hit, a signed-in member of staff and
// a program with a token take nothing from it; one address over budget is refused with 429 and a
// Retry-After while every other address goes on as before (no site-wide counter).

export interface RenderBudgetOptions {
  /** Renders one address may ask for at once. */
  burst: number;
  /** Renders per minute given back to each address. */
  perMinute: number;
}

export const DEFAULT_RENDER_BUDGET: RenderBudgetOptions = { burst: 300, perMinute: 300 };

export class RenderBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly options: RenderBudgetOptions,
    private readonly maxClients = 20_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one render for `client`: 0 when granted, else the whole seconds until one is free again. */
  take(client: string): number {
    const { burst, perMinute } = this.options;
    const now = this.now();
    const b = this.buckets.get(client);
    let tokens = burst;
    if (b) {
      tokens = Math.min(burst, b.tokens + ((now - b.at) * perMinute) / 60_000);
      this.buckets.delete(client);
    }
    if (tokens >= 1) {
      this.buckets.set(client, { tokens: tokens - 1, at: now });
      if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value!);
      return 0;
    }
    this.buckets.set(client, { tokens, at: now });
    return Math.max(1, Math.ceil(((1 - tokens) * 60) / perMinute));
  }

  get clients(): number {
    return this.buckets.size;
  }
}

/**
 * Charges one uncached render of a public page to the client, or refuses it (429, Retry-After,
 * render_budget_exceeded: the Chinese error page, or the JSON error for a program). Call it where a page
 * is about to be rendered, after the page cache missed; signed-in staff and API tokens are not charged.
 */
export function chargeRender(req: FastifyRequest, reply: FastifyReply): void {
  const budget = req.server.renderBudget;
  if (!budget || (req as { user?: unknown }).user) return;
  const wait = budget.take(clientKey(req.ip));
  if (wait === 0) return;
  reply.header("retry-after", wait);
  throw new AppError(
    "render_budget_exceeded",
    429,
    `您的网络地址在短时间内打开了过多页面，请 ${wait} 秒后再试。`,
  );
}

/** Routes that keep no rendered answer: every anonymous call reads the database (the public read API). */
export const chargedOnEveryCall = (route: string | undefined): boolean =>
  route?.startsWith("/api/v1/public/") === true;

export function registerRenderBudget(app: AppInstance, options: RenderBudgetOptions): void {
  app.decorate("renderBudget", new RenderBudget(options));
  // After every onRequest hook (the caller is known), before the handler; whichever domain adds the route.
  app.addHook("preHandler", async (req, reply) => {
    if (chargedOnEveryCall(req.routeOptions.url)) chargeRender(req, reply);
  });
}
