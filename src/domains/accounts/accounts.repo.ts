import type { ApiTokenTable, UserTable } from "../../db/schema";
import type { Executor } from "../../deps";

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
