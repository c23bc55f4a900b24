import type { ApiTokenTable, UserTable } from "../../db/schema";
import type { Executor } from "../../deps";
import type { LoginAttemptTable, UserSessionTable } from "./accounts.tables";

export type UserRow = UserTable;

const USER_COLUMNS = [
  "id",
  "username",
  "name",
  "org_id",
  "password_hash",
  "failed_logins",
  "locked_until",
  "session_epoch",
  "disabled",
  "platform_admin",
  "created_at",
  "updated_at",
] as const;

const norm = (u: UserRow | undefined): UserRow | undefined =>
  u && {
    ...u,
    failed_logins: Number(u.failed_logins),
    session_epoch: Number(u.session_epoch),
    disabled: Number(u.disabled),
    platform_admin: Number(u.platform_admin ?? 0),
  };

export const findUserByUsername = async (db: Executor, username: string) =>
  norm(await db.selectFrom("users").select(USER_COLUMNS).where("username", "=", username).executeTakeFirst());
export const findUserById = async (db: Executor, id: string) =>
  norm(await db.selectFrom("users").select(USER_COLUMNS).where("id", "=", id).executeTakeFirst());

export async function listUsers(db: Executor, orgIds?: string[]) {
  let q = db
    .selectFrom("users")
    .select(["id", "username", "name", "org_id", "locked_until", "disabled", "created_at"])
    .orderBy("username");
  if (orgIds) q = q.where("org_id", "in", orgIds.length ? orgIds : ["-"]);
  return q.execute();
}

export const insertUser = (db: Executor, u: UserRow) => db.insertInto("users").values(u).execute();

export async function updateUser(db: Executor, id: string, patch: Partial<UserRow>) {
  await db.updateTable("users").set(patch).where("id", "=", id).execute();
}

export async function rolesOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("user_roles")
    .select("role")
    .where("user_id", "=", userId)
    .orderBy("role")
    .execute();
  return rows.map((r) => r.role);
}

export async function rolesOfMany(db: Executor, userIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom("user_roles")
    .select(["user_id", "role"])
    .where("user_id", "in", userIds)
    .execute();
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.role]);
  return out;
}

export async function insertRoles(db: Executor, userId: string, roles: string[]) {
  if (roles.length === 0) return;
  await db
    .insertInto("user_roles")
    .values(roles.map((role) => ({ user_id: userId, role })))
    .execute();
}

export const insertToken = (db: Executor, t: ApiTokenTable) =>
  db.insertInto("api_tokens").values(t).execute();

export const findTokenByHash = (db: Executor, tokenHash: string) =>
  db
    .selectFrom("api_tokens")
    .select(["id", "user_id", "revoked_at", "last_used_at"])
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();

export async function touchToken(db: Executor, id: string, at: string) {
  await db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
}

/** The latest sign-in events of a user, newest first (from the audit log, which records them). */
export async function recentSignIns(db: Executor, userId: string, limit: number) {
  return db
    .selectFrom("audit_log")
    .select(["at", "action", "summary"])
    .where("entity_type", "=", "user")
    .where("entity_id", "=", userId)
    .where("action", "in", ["auth.login", "auth.login_failed", "auth.locked"])
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
}

export async function countLockedUsers(db: Executor, nowIso: string, orgIds: string[]) {
  const r = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("locked_until", ">", nowIso)
    .where("org_id", "in", orgIds.length ? orgIds : ["-"])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// Server-side sessions (migration 0014).

export const insertSession = (db: Executor, s: UserSessionTable) =>
  db.insertInto("user_sessions").values(s).execute();

/** A session with the state of its user, in one query: it runs on every signed-in request. */
export async function findSessionWithUser(db: Executor, id: string) {
  const row = await db
    .selectFrom("user_sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.id as session_id",
      "s.created_at as session_created_at",
      "s.last_seen_at",
      "s.ended_at",
      ...USER_COLUMNS.map((c) => `u.${c}` as const),
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { session_id, session_created_at, last_seen_at, ended_at, ...user } = row;
  return {
    session: { id: session_id, created_at: session_created_at, last_seen_at, ended_at },
    user: norm(user as UserRow)!,
  };
}

export async function touchSession(db: Executor, id: string, at: string) {
  await db.updateTable("user_sessions").set({ last_seen_at: at }).where("id", "=", id).execute();
}

/** Ends one session if it is still open; returns whether it was. */
export async function endSession(db: Executor, id: string, at: string, reason: string): Promise<boolean> {
  const r = await db
    .updateTable("user_sessions")
    .set({ ended_at: at, end_reason: reason })
    .where("id", "=", id)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ends every open session of a user; returns how many. */
export async function endUserSessions(db: Executor, userId: string, at: string, reason: string) {
  const r = await db
    .updateTable("user_sessions")
    .set({ ended_at: at, end_reason: reason })
    .where("user_id", "=", userId)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function listOpenSessions(db: Executor, userId: string) {
  return db
    .selectFrom("user_sessions")
    .select(["id", "created_at", "last_seen_at", "address", "user_agent"])
    .where("user_id", "=", userId)
    .where("ended_at", "is", null)
    .orderBy("last_seen_at", "desc")
    .execute();
}

/** Forgets sessions that began before `before` (ended or long expired by then). */
export async function pruneSessions(db: Executor, before: string) {
  await db.deleteFrom("user_sessions").where("created_at", "<", before).execute();
}

// Login attempts (migration 0014).

export const insertLoginAttempt = (db: Executor, a: LoginAttemptTable) =>
  db.insertInto("login_attempts").values(a).execute();

/**
 * The times of the latest failures since `since` for an account name, an address or both, newest first,
 * at most `limit` of them: enough to tell whether a limit is reached and when it lapses.
 */
export async function recentFailures(
  db: Executor,
  by: { usernameKey?: string; address?: string },
  since: string,
  limit: number,
): Promise<string[]> {
  let q = db
    .selectFrom("login_attempts")
    .select("at")
    .where("succeeded", "=", 0)
    .where("at", ">", since)
    .orderBy("at", "desc")
    .limit(limit);
  if (by.usernameKey !== undefined) q = q.where("username_key", "=", by.usernameKey);
  if (by.address !== undefined) q = q.where("address", "=", by.address);
  return (await q.execute()).map((r) => r.at);
}

export async function hasSignedInFrom(db: Executor, usernameKey: string, address: string, since: string) {
  const r = await db
    .selectFrom("login_attempts")
    .select("id")
    .where("username_key", "=", usernameKey)
    .where("address", "=", address)
    .where("succeeded", "=", 1)
    .where("at", ">", since)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Clears failures of an account name: from one address (after it signs in there), or all (an admin's unlock). */
export async function clearFailures(db: Executor, usernameKey: string, address?: string) {
  let q = db.deleteFrom("login_attempts").where("username_key", "=", usernameKey).where("succeeded", "=", 0);
  if (address !== undefined) q = q.where("address", "=", address);
  await q.execute();
}

export async function pruneLoginAttempts(db: Executor, before: string) {
  await db.deleteFrom("login_attempts").where("at", "<", before).execute();
}
