import { createHmac, randomBytes } from "node:crypto";
import type { Config } from "../../config";
import type { Executor } from "../../deps";
import { deriveKey } from "../../platform/crypto";
import type { Clock } from "../../platform/time";
import * as repo from "./accounts.repo";

/**
 * Server-side sessions. The encrypted cookie carries only a random session id; the row decides whether the
 * session is alive, so logout, a password change or disabling the account ends every copy of the cookie,
 * and the idle and absolute timeouts hold whatever the browser keeps.
 */

export interface SessionClient {
  /** The client address (req.ip, resolved through the trusted proxies). */
  address: string;
  userAgent: string;
}

export type SessionEndReason =
  | "logout"
  | "password_change"
  | "disabled"
  | "idle"
  | "expired"
  | "replaced"
  | "reauth_failed";

/** last_seen_at is written at most this often, so a signed-in page view is not a write per request. */
export const TOUCH_INTERVAL_MS = 60_000;
/** Sessions (ended or not) are kept this long after they began, for the user's own history, then deleted. */
const SESSION_RETENTION_MS = 90 * 24 * 3_600_000;

export const newSessionId = (): string => randomBytes(32).toString("base64url");

/** Opens a session for a user who has just proved who they are; returns its id for the cookie. */
export async function openSession(
  db: Executor,
  clock: Clock,
  userId: string,
  client: SessionClient,
): Promise<string> {
  const now = clock.now();
  const id = newSessionId();
  await repo.pruneSessions(db, new Date(now.getTime() - SESSION_RETENTION_MS).toISOString());
  await repo.insertSession(db, {
    id,
    user_id: userId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    ended_at: null,
    end_reason: null,
    address: client.address.slice(0, 100),
    user_agent: client.userAgent.slice(0, 300),
  });
  return id;
}

/** Why a session that has not been ended explicitly is over by now, if it is. */
export function sessionLapse(
  config: Pick<Config, "sessionIdleMinutes" | "sessionMaxHours">,
  session: { created_at: string; last_seen_at: string },
  now: Date,
): "idle" | "expired" | undefined {
  const t = now.getTime();
  if (t - new Date(session.created_at).getTime() >= config.sessionMaxHours * 3_600_000) return "expired";
  if (t - new Date(session.last_seen_at).getTime() >= config.sessionIdleMinutes * 60_000) return "idle";
  return undefined;
}

export const endUserSessions = (db: Executor, clock: Clock, userId: string, reason: SessionEndReason) =>
  repo.endUserSessions(db, userId, clock.now().toISOString(), reason);

/** The key under which login attempts on a typed name are counted: an HMAC, so no typed text is stored. */
export const usernameKey = (secret: Buffer, username: string): string =>
  createHmac("sha256", deriveKey(secret, "login-attempts"))
    .update(username.trim().toLowerCase())
    .digest("hex");
