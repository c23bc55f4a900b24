// Re-authentication before a change to how the account signs in (turning the second factor on or off, new
// recovery codes): the current password again, so a session left open or a stolen cookie cannot change it.
// A wrong password is a 400 on the `password` field and is audited, like a failed sign-in.
import type { Deps } from "../../deps";
import { dummyPasswordHash, verifyPassword } from "../../platform/crypto";
import { AppError } from "../../platform/errors";
import { recordAudit } from "../audit";
import * as repo from "./accounts.repo";
import { actorOf, type CurrentUser } from "./accounts.service";

const wrongPassword = (message: string) =>
  new AppError("reauth_failed", 400, message, [
    {
      field: "password",
      code: "wrong_password",
      message: "当前密码不正确：为确认是您本人操作，请输入登录密码。",
    },
  ]);

/** Wrong passwords within the window after which every session of the account ends (401 reauth_locked). */
export const REAUTH_MAX_FAILURES = 5;
const REAUTH_WINDOW_MINUTES = 15;

/**
 * Checks the user's current password for `purpose` (the words of the audit entry, e.g. 启用双因素认证).
 * `address`: the client's, recorded with a failure.
 */
export async function reauthenticate(
  deps: Deps,
  user: CurrentUser,
  password: string | undefined,
  purpose: string,
  address?: string,
): Promise<void> {
  const db = deps.db.kysely;
  const row = await repo.findUserById(db, user.id);
  const ok = await verifyPassword(row?.password_hash ?? (await dummyPasswordHash()), password ?? "");
  if (row && ok && password) return;
  const now = deps.clock.now();
  const since = new Date(now.getTime() - REAUTH_WINDOW_MINUTES * 60_000).toISOString();
  const ended = await db.transaction().execute(async (trx) => {
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "auth.reauth_failed",
      entityType: "user",
      entityId: user.id,
      summary: { purpose, empty: !password, ...(address ? { ip: address } : {}) },
    });
    // A wrong password typed again and again from a signed-in session is someone guessing it with a stolen
    // cookie: the account's sessions end, and the guesser must get past the sign-in's own limits.
    const recent = await trx
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("entity_type", "=", "user")
      .where("entity_id", "=", user.id)
      .where("action", "=", "auth.reauth_failed")
      .where("at", ">=", since)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) < REAUTH_MAX_FAILURES) return 0;
    return repo.endUserSessions(trx, user.id, now.toISOString(), "reauth_failed");
  });
  if (ended > 0)
    throw new AppError(
      "reauth_locked",
      401,
      `当前密码连续${REAUTH_MAX_FAILURES}次输入错误，为保护账户安全已退出登录，请重新登录。`,
    );
  throw wrongPassword(
    password ? `当前密码不正确，未${purpose}。` : `请输入当前密码：${purpose}前须再次确认是您本人操作。`,
  );
}
