import type {} from "@fastify/secure-session";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../deps";
import {
  type Action,
  type CurrentUser,
  can,
  canAny,
  loadSessionUser,
  resolveApiToken,
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
    uid: string;
    epoch: number;
    flash: string;
  }
}

export const isApiPath = (url: string): boolean => url.startsWith("/api/");

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
  const uid = req.session?.get("uid");
  const epoch = req.session?.get("epoch");
  if (typeof uid !== "string" || typeof epoch !== "number") return null;
  const user = await loadSessionUser(deps, uid, epoch);
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
