import type {} from "@fastify/secure-session";
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestHookHandler,
  RouteOptions,
} from "fastify";
import type { Deps } from "../deps";
import {
  type Action,
  type CurrentUser,
  can,
  canAny,
  resolveApiToken,
  resolveSession,
} from "../domains/accounts";
import type { OrgTree } from "../domains/orgs";
import { AppError, forbidden, unauthorized } from "../platform/errors";

declare module "fastify" {
  interface FastifyRequest {
    user: CurrentUser | null;
  }
}

declare module "@fastify/secure-session" {
  interface SessionData {
    /** The server-side session (user_sessions); nothing else about the user lives in the cookie. */
    sid: string;
    flash: string;
    /** A sign-in between the password and the second factor (login_challenges). */
    challenge: string;
  }
}

export const isApiPath = (url: string): boolean => url.startsWith("/api/");

/** The client of a new session, for the user's own list of where they are signed in. */
export const sessionClient = (req: FastifyRequest) => ({
  address: req.ip,
  userAgent: String(req.headers["user-agent"] ?? ""),
});

/**
 * Who is asking: a Bearer token (programs), or the session cookie (people). Cookie sessions count on
 * the API only for safe methods, so a cross-site form can never drive the JSON API.
 */
export async function identify(deps: Deps, req: FastifyRequest): Promise<CurrentUser | null> {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const user = m ? await resolveApiToken(deps, m[1]!) : undefined;
    if (!user) throw new AppError("invalid_token", 401, "API 令牌无效或已被撤销。");
    return user;
  }
  if (isApiPath(req.url) && req.method !== "GET" && req.method !== "HEAD") return null;
  const sid = req.session?.get("sid");
  if (typeof sid !== "string") return null;
  // Checked on every request: an ended, idle or expired session, or a disabled user, signs the cookie out.
  const user = await resolveSession(deps, sid);
  if (!user) req.session.delete();
  return user ?? null;
}

export function requireUser(req: FastifyRequest): CurrentUser {
  if (!req.user) throw unauthorized();
  return req.user;
}

export const isBackOfficePath = (url: string): boolean => url === "/admin" || url.startsWith("/admin/");

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Sends people who are not signed in to the login page, coming back to where they were going. */
const signedInOrLogin: onRequestHookHandler = async (req, reply) => {
  if (req.user) return;
  return reply.redirect(`/admin/login?next=${encodeURIComponent(req.url)}`, 303);
};

const hooksOf = <T>(h: T | T[] | undefined): T[] => (h === undefined ? [] : Array.isArray(h) ? h : [h]);

/**
 * The back office (every `/admin` HTML route) as one plugin with one authentication and one CSRF hook, so no
 * route checks either itself (fastify/demo's autohooks): anonymous people are sent to the login page (the login
 * page excepted, by its route policy), and every unsafe method must carry the session's CSRF token, checked
 * after the route's own body readers (a multipart form's fields) and before anything else. Registered before
 * the routes and not encapsulated (skip-override), so it sees every domain's back-office routes; the public
 * portal and the API are untouched. For unsafe methods the token is checked before the sign-in, so an
 * anonymous post answers 403 and changes nothing.
 */
export async function backOffice(app: FastifyInstance): Promise<void> {
  app.addHook("onRoute", (route: RouteOptions) => {
    if (!isBackOfficePath(route.url)) return;
    const open = (route.config as { policy?: string } | undefined)?.policy === "login";
    if ([route.method].flat().every((m) => SAFE_METHODS.has(m))) {
      if (!open) route.onRequest = [...hooksOf(route.onRequest), signedInOrLogin];
      return;
    }
    route.preValidation = [...hooksOf(route.preValidation), app.csrfProtection];
    if (!open) route.preHandler = [signedInOrLogin, ...hooksOf(route.preHandler)];
  });
}
(backOffice as unknown as Record<symbol, boolean>)[Symbol.for("skip-override")] = true;

/**
 * @deprecated The back-office hook (backOffice) signs people in before any /admin handler runs: use
 * requireUser. Kept while other branches still call it.
 */
export function requireUserOrRedirect(req: FastifyRequest, reply: FastifyReply): CurrentUser | null {
  if (req.user) return req.user;
  void reply.redirect(`/admin/login?next=${encodeURIComponent(req.url)}`, 303);
  return null;
}

export function authorize(user: CurrentUser, action: Action, targetOrgId: string, tree: OrgTree): void {
  if (!can(user, action, targetOrgId, tree)) throw forbidden();
}

export function authorizeAny(user: CurrentUser, action: Action): void {
  if (!canAny(user, action)) throw forbidden();
}
