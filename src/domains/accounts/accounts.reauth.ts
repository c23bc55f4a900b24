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

/** Checks the user's current password for `purpose` (the words of the audit entry, e.g. 启用双因素认证). */
export async function reauthenticate(
  deps: Deps,
  user: CurrentUser,
  password: string | undefined,
  purpose: string,
): Promise<void> {
  const row = await repo.findUserById(deps.db.kysely, user.id);
  const ok = await verifyPassword(row?.password_hash ?? (await dummyPasswordHash()), password ?? "");
  if (row && ok && password) return;
  await recordAudit(deps.db.kysely, deps.clock, actorOf(user), {
    action: "auth.reauth_failed",
    entityType: "user",
    entityId: user.id,
    summary: { purpose, empty: !password },
  });
  throw wrongPassword(
    password ? `当前密码不正确，未${purpose}。` : `请输入当前密码：${purpose}前须再次确认是您本人操作。`,
  );
}
