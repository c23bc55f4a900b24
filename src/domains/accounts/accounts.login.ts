import type { Actor, Deps } from "../../deps";
import { dummyPasswordHash, verifyPassword } from "../../platform/crypto";
import { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { formatShanghai } from "../../platform/time";
import { clientKey } from "../../web/client-address";
import { recordAudit } from "../audit";
import { TOKEN_ONLY_ROLES } from "./accounts.policy";
import * as repo from "./accounts.repo";
import { type CurrentUser, presentUser } from "./accounts.service";
import { usernameKey } from "./accounts.sessions";

/*
 * Login throttling (docs/security.md, "Sign-in"). Failures are recorded per typed account name (as a keyed
 * hash, whether or not the account exists) and client address, and three limits apply within the window
 * (loginLockMinutes):
 *  - (name, address): loginMaxFailures failures refuse that name from that address. This is the lock an
 *    attacker triggers on themselves; it never reaches the official at another address.
 *  - address: loginMaxFailuresPerAddress failures (any names) refuse that address, except for names that
 *    signed in successfully from it in the last TRUST_DAYS: password spraying from one place stops, while an
 *    office behind one NAT address keeps working for its own people.
 *  - name: loginMaxFailuresPerAccount failures (any addresses) refuse that name from every address it never
 *    signed in from: a distributed guess at one account stops, and still the official signs in from the
 *    office (or wherever they signed in before); a stranger cannot lock them out of it.
 * Unknown names are counted and refused exactly like real ones, and a refused attempt checks no password, so
 * neither the answer nor its timing says whether an account exists. There is no 423.
 */

const TRUST_DAYS = 30;
const DAY_MS = 24 * 3_600_000;

export const invalidCredentials = () => new AppError("invalid_credentials", 401, "用户名或密码不正确。");

const throttled = (until: Date) =>
  new AppError(
    "login_throttled",
    429,
    `登录失败次数过多，请于 ${formatShanghai(until.toISOString())} 后再试，或联系本单位系统管理员。`,
  );

interface ThrottleState {
  /** Failures of this name from this address in the window (up to the limit). */
  pairFailures: number;
}

/** Refuses the attempt when a limit is reached (see above); otherwise what the failure count will need. */
async function checkThrottle(deps: Deps, key: string, address: string, now: Date): Promise<ThrottleState> {
  const db = deps.db.kysely;
  const c = deps.config;
  const windowMs = c.loginLockMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs).toISOString();
  // The limit is reached while `limit` failures lie in the window; it lapses when the oldest of them leaves it.
  const reached = (times: string[], limit: number) =>
    times.length >= limit ? new Date(new Date(times[limit - 1]!).getTime() + windowMs) : undefined;

  const pair = await repo.recentFailures(db, { usernameKey: key, address }, since, c.loginMaxFailures);
  const pairUntil = reached(pair, c.loginMaxFailures);
  if (pairUntil) throw throttled(pairUntil);
  const trusted = await repo.hasSignedInFrom(
    db,
    key,
    address,
    new Date(now.getTime() - TRUST_DAYS * DAY_MS).toISOString(),
  );
  if (!trusted) {
    const byAddress = await repo.recentFailures(db, { address }, since, c.loginMaxFailuresPerAddress);
    const byName = await repo.recentFailures(db, { usernameKey: key }, since, c.loginMaxFailuresPerAccount);
    const until = [
      reached(byAddress, c.loginMaxFailuresPerAddress),
      reached(byName, c.loginMaxFailuresPerAccount),
    ].filter((d): d is Date => d !== undefined);
    if (until.length) throw throttled(new Date(Math.max(...until.map((d) => d.getTime()))));
  }
  return { pairFailures: pair.length };
}

/**
 * Checks a username and password. Unknown, disabled and real accounts take the same path: the same limits,
 * one argon2 verification (against a dummy hash when there is no account), one recorded attempt, and the
 * same refusal.
 */
export async function authenticate(
  deps: Deps,
  username: string,
  password: string,
  address: string,
): Promise<CurrentUser> {
  const db = deps.db.kysely;
  const name = username.trim().toLowerCase();
  const key = usernameKey(deps.config.secretKey, name);
  // Counted like the client limits: per IPv4 address, per IPv6 /64 (one subscriber's block).
  const where = clientKey(address);
  const now = deps.clock.now();
  const state = await checkThrottle(deps, key, where, now);

  const found = await repo.findUserByUsername(db, name);
  const user = found && !found.disabled ? found : undefined;
  const verified = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  const attempt = { id: newId(), at: now.toISOString(), username_key: key, address: where };

  if (!user || !verified) {
    const failures = state.pairFailures + 1;
    const locks = failures >= deps.config.loginMaxFailures;
    await db.transaction().execute(async (trx) => {
      await repo.insertLoginAttempt(trx, { ...attempt, succeeded: 0 });
      if (!user) return;
      const actor: Actor = { id: user.id, label: `${user.username}（${user.name}）` };
      // locked_until tells administrators that some address is refused for this account now.
      const until = new Date(now.getTime() + deps.config.loginLockMinutes * 60_000).toISOString();
      if (locks) await repo.updateUser(trx, user.id, { locked_until: until });
      await recordAudit(trx, deps.clock, actor, {
        action: locks ? "auth.locked" : "auth.login_failed",
        entityType: "user",
        entityId: user.id,
        summary: { failures, ip: address, ...(locks ? { locked_until: until } : {}) },
      });
    });
    throw invalidCredentials();
  }

  // An integration account (the 12345 hotline) works through its API token only: no back-office session.
  if ((await repo.rolesOf(db, user.id)).some((r) => (TOKEN_ONLY_ROLES as readonly string[]).includes(r)))
    throw new AppError("token_only_account", 403, "此账户为系统对接账户，只能使用 API 令牌，不能登录后台。");
  await db.transaction().execute(async (trx) => {
    await repo.clearFailures(trx, key, where);
    await repo.insertLoginAttempt(trx, { ...attempt, succeeded: 1 });
    await repo.pruneLoginAttempts(trx, new Date(now.getTime() - TRUST_DAYS * DAY_MS).toISOString());
    await recordAudit(
      trx,
      deps.clock,
      { id: user.id, label: `${user.username}（${user.name}）` },
      {
        action: "auth.login",
        entityType: "user",
        entityId: user.id,
        summary: { ip: address },
      },
    );
  });
  const present = await presentUser(deps, user);
  if (!present) throw invalidCredentials();
  return present;
}
