import type { Actor, Deps } from "../../deps";
import { hashApiToken, hashPassword, newApiToken, verifyPassword } from "../../platform/crypto";
import { AppError, notFound, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { recordAudit } from "../audit";
import { findOrgByCodeAnySite, findOrgInSite, getOrg } from "../orgs";
import { isRole, ROLES, type Role, TOKEN_ONLY_ROLES } from "./accounts.policy";
import * as repo from "./accounts.repo";
import {
  endUserSessions,
  openSession,
  type SessionClient,
  sessionLapse,
  TOUCH_INTERVAL_MS,
  usernameKey,
} from "./accounts.sessions";

export interface CurrentUser {
  id: string;
  username: string;
  name: string;
  orgId: string;
  orgName: string;
  siteId: string;
  roles: Role[];
  sessionEpoch: number;
  /** A platform administrator (平台管理员, migration 0015) lists and creates sites. */
  platformAdmin?: boolean;
  /** The server-side session this request came with; absent for API tokens and system jobs. */
  sessionId?: string;
}

export const actorOf = (u: CurrentUser): Actor => ({ id: u.id, label: `${u.username}（${u.name}）` });

const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export function checkPasswordStrength(password: string, p: Problems, field = "password"): void {
  if (password.length < 10) p.add(field, "password_too_short", "密码至少10位。");
  else if (password.length > 200) p.add(field, "password_too_long", "密码不能超过200位。");
  else if (new Set(password).size < 5)
    p.add(field, "password_too_simple", "密码过于简单，请使用更多不同的字符。");
}

export interface CreateUserInput {
  username: string;
  name: string;
  orgCode: string;
  roles: string[];
  password: string;
  /** The site whose organisation `orgCode` names; without it the code must be unique across sites. */
  siteId?: string;
  platformAdmin?: boolean;
}

export async function createUser(deps: Deps, actor: Actor, input: CreateUserInput): Promise<CurrentUser> {
  const p = new Problems();
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_RE.test(username)) {
    p.add(
      "username",
      "invalid_username",
      "用户名为3-40位小写字母、数字、点、下划线或连字符，以字母或数字开头。",
    );
  }
  if (!input.name.trim() || input.name.length > 50)
    p.add("name", "invalid_name", "请填写姓名（不超过50字）。");
  const roles = [...new Set(input.roles)];
  if (roles.length === 0) p.add("roles", "roles_required", `请至少选择一个角色：${ROLES.join(" ")}。`);
  for (const r of roles)
    if (!isRole(r)) p.add("roles", "invalid_role", `角色 ${r} 不存在，可选：${ROLES.join(" ")}。`);
  if (roles.length > 1 && roles.some((r) => (TOKEN_ONLY_ROLES as readonly string[]).includes(r)))
    p.add("roles", "token_only_role_alone", "系统对接角色（hotline）不能与其他角色同时授予。");
  checkPasswordStrength(input.password, p);
  let org: Awaited<ReturnType<typeof findOrgByCodeAnySite>> | undefined;
  try {
    org = input.siteId
      ? await findOrgInSite(deps, input.siteId, input.orgCode)
      : await findOrgByCodeAnySite(deps, input.orgCode);
  } catch (e) {
    if (e instanceof AppError) p.add("org", e.code, e.message);
    else throw e;
  }
  p.throwIfAny();
  const now = deps.clock.now().toISOString();
  const row: repo.UserRow = {
    id: newId(),
    username,
    name: input.name.trim(),
    org_id: org!.id,
    password_hash: await hashPassword(input.password),
    failed_logins: 0,
    locked_until: null,
    session_epoch: 0,
    disabled: 0,
    // Only a literal true: a form body spread into the input must never make a platform administrator.
    platform_admin: input.platformAdmin === true ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    if (await repo.findUserByUsername(trx, username)) {
      throw new AppError("username_taken", 409, `用户名 ${username} 已被使用。`, [
        { field: "username", code: "username_taken", message: `用户名 ${username} 已被使用。` },
      ]);
    }
    await repo.insertUser(trx, row);
    await repo.insertRoles(trx, row.id, roles);
    await recordAudit(trx, deps.clock, actor, {
      action: "user.create",
      entityType: "user",
      entityId: row.id,
      summary: {
        after: {
          username,
          name: row.name,
          org: org!.code,
          roles,
          ...(input.platformAdmin === true ? { platform_admin: true } : {}),
        },
      },
    });
  });
  return {
    id: row.id,
    username,
    name: row.name,
    orgId: org!.id,
    orgName: org!.name,
    siteId: org!.site_id,
    roles: roles as Role[],
    sessionEpoch: 0,
    platformAdmin: input.platformAdmin === true,
  };
}

export async function presentUser(
  deps: Pick<Deps, "db">,
  row: repo.UserRow,
): Promise<CurrentUser | undefined> {
  const org = await getOrg(deps, row.org_id);
  if (!org) return undefined;
  const roles = (await repo.rolesOf(deps.db.kysely, row.id)).filter(isRole);
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    orgId: org.id,
    orgName: org.name,
    siteId: org.site_id,
    roles,
    sessionEpoch: row.session_epoch,
    platformAdmin: row.platform_admin === 1,
  };
}

/**
 * The user of a session cookie, or undefined when the session is unknown, ended, idle for longer than
 * sessionIdleMinutes, older than sessionMaxHours, or its user is disabled. A lapsed session is ended for good,
 * so a later change of settings cannot revive it. last_seen_at is written at most once a minute.
 */
export async function resolveSession(deps: Deps, sessionId: string): Promise<CurrentUser | undefined> {
  const db = deps.db.kysely;
  const found = await repo.findSessionWithUser(db, sessionId);
  if (!found || found.session.ended_at) return undefined;
  const { session, user } = found;
  const now = deps.clock.now();
  const lapse = sessionLapse(deps.config, session, now);
  if (lapse || user.disabled) {
    await repo.endSession(db, session.id, now.toISOString(), lapse ?? "disabled");
    return undefined;
  }
  if (now.getTime() - new Date(session.last_seen_at).getTime() >= TOUCH_INTERVAL_MS)
    await repo.touchSession(db, session.id, now.toISOString());
  const present = await presentUser(deps, user);
  return present && { ...present, sessionId: session.id };
}

/** Opens a session for a user authenticate() has just let in; returns the id for the cookie. */
export async function startSession(deps: Deps, user: CurrentUser, client: SessionClient): Promise<string> {
  return openSession(deps.db.kysely, deps.clock, user.id, client);
}

/** Ends one session (logout, or a new sign-in in the same browser); audited when it belonged to a user. */
export async function endSession(
  deps: Deps,
  sessionId: string,
  user: CurrentUser | null,
  reason: "logout" | "replaced" = "logout",
): Promise<void> {
  await deps.db.kysely.transaction().execute(async (trx) => {
    const ended = await repo.endSession(trx, sessionId, deps.clock.now().toISOString(), reason);
    if (ended && user && reason === "logout")
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "auth.logout",
        entityType: "user",
        entityId: user.id,
      });
  });
}

/** The user's own sessions that are still open (newest first), for "where am I signed in". */
export async function listMySessions(deps: Deps, user: CurrentUser) {
  const now = deps.clock.now();
  const rows = await repo.listOpenSessions(deps.db.kysely, user.id);
  return rows
    .filter((r) => !sessionLapse(deps.config, r, now))
    .map((r) => ({ ...r, current: r.id === user.sessionId }));
}

export async function changePassword(
  deps: Deps,
  user: CurrentUser,
  current: string,
  next: string,
  confirm: string,
  client: SessionClient,
): Promise<{ user: CurrentUser; sessionId: string }> {
  const row = await repo.findUserById(deps.db.kysely, user.id);
  if (!row) throw notFound("用户");
  const p = new Problems();
  if (!(await verifyPassword(row.password_hash, current)))
    p.add("current", "wrong_password", "当前密码不正确。");
  checkPasswordStrength(next, p, "next");
  if (next !== confirm) p.add("confirm", "password_mismatch", "两次输入的新密码不一致。");
  if (next === current) p.add("next", "password_unchanged", "新密码不能与当前密码相同。");
  p.throwIfAny("密码未修改，请按提示修改。");
  const epoch = row.session_epoch + 1;
  const passwordHash = await hashPassword(next);
  // Every session of the user ends, this one included (a copy of its cookie may be what prompted the
  // change); the browser that changed the password continues in a new session.
  const sessionId = await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, {
      password_hash: passwordHash,
      session_epoch: epoch,
      updated_at: deps.clock.now().toISOString(),
    });
    const ended = await endUserSessions(trx, deps.clock, user.id, "password_change");
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "user.password_change",
      entityType: "user",
      entityId: user.id,
      summary: { session_epoch: epoch, sessions_ended: ended },
    });
    return openSession(trx, deps.clock, user.id, client);
  });
  return { user: { ...user, sessionEpoch: epoch, sessionId }, sessionId };
}

export async function createApiToken(
  deps: Deps,
  actor: Actor,
  username: string,
  label = "cli",
): Promise<string> {
  const user = await repo.findUserByUsername(deps.db.kysely, username.trim().toLowerCase());
  if (!user) throw notFound(`用户 ${username} `, "user_not_found");
  const token = newApiToken();
  const id = newId();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.insertToken(trx, {
      id,
      user_id: user.id,
      token_hash: hashApiToken(deps.config.secretKey, token),
      label,
      created_at: deps.clock.now().toISOString(),
      last_used_at: null,
      revoked_at: null,
    });
    await recordAudit(trx, deps.clock, actor, {
      action: "token.create",
      entityType: "api_token",
      entityId: id,
      summary: { user: user.username, label },
    });
  });
  return token;
}

export async function resolveApiToken(deps: Deps, token: string): Promise<CurrentUser | undefined> {
  if (!/^gk_[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
  const db = deps.db.kysely;
  const row = await repo.findTokenByHash(db, hashApiToken(deps.config.secretKey, token));
  if (!row || row.revoked_at) return undefined;
  const user = await repo.findUserById(db, row.user_id);
  if (!user || user.disabled) return undefined;
  // Last use is recorded at most once a minute; it is bookkeeping, not an audited state change.
  const now = deps.clock.now();
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await repo.touchToken(db, row.id, now.toISOString());
  }
  return presentUser(deps, user);
}

export async function listUsersWithRoles(deps: Pick<Deps, "db">, orgIds?: string[]) {
  const users = await repo.listUsers(deps.db.kysely, orgIds);
  const roles = await repo.rolesOfMany(
    deps.db.kysely,
    users.map((u) => u.id),
  );
  return users.map((u) => ({ ...u, roles: roles.get(u.id) ?? [] }));
}

/** Clears a lock-out, or disables (ending the user's sessions everywhere) or enables an account. */
export async function updateAccountStatus(
  deps: Deps,
  actor: Actor,
  userId: string,
  change: "unlock" | "disable" | "enable",
): Promise<void> {
  const row = await repo.findUserById(deps.db.kysely, userId);
  if (!row) throw notFound("用户", "user_not_found");
  if (change === "disable" && actor.id === userId) {
    throw new AppError("cannot_disable_self", 409, "不能停用自己的账户。");
  }
  const patch: Partial<repo.UserRow> =
    change === "unlock"
      ? { locked_until: null, failed_logins: 0 }
      : change === "disable"
        ? { disabled: 1, session_epoch: row.session_epoch + 1 }
        : { disabled: 0 };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.updateUser(trx, userId, { ...patch, updated_at: deps.clock.now().toISOString() });
    // Unlocking forgets the account's failures from every address; disabling ends its sessions everywhere.
    if (change === "unlock") await repo.clearFailures(trx, usernameKey(deps.config.secretKey, row.username));
    const ended = change === "disable" ? await endUserSessions(trx, deps.clock, userId, "disabled") : 0;
    await recordAudit(trx, deps.clock, actor, {
      action: `user.${change}`,
      entityType: "user",
      entityId: userId,
      summary: {
        username: row.username,
        before: { locked_until: row.locked_until, disabled: row.disabled },
        ...(change === "disable" ? { sessions_ended: ended } : {}),
      },
    });
  });
}

export const getUserRow = (deps: Pick<Deps, "db">, id: string) => repo.findUserById(deps.db.kysely, id);

/** The current-user view of an account, for system jobs (the demo seed) that act as a named user. */
export async function findCurrentUser(
  deps: Pick<Deps, "db">,
  username: string,
): Promise<CurrentUser | undefined> {
  const row = await repo.findUserByUsername(deps.db.kysely, username);
  return row ? presentUser(deps, row) : undefined;
}
