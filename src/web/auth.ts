import type {} from "@fastify/secure-session";
import type { FastifyReply, FastifyRequest } from "fastify";
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

/** For HTML pages: send people who are not signed in to the login page instead of an error. */
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
