// Staff work e-mail (migration 0010), used for reminders to handlers (待办提醒). Optional; validated;
// changes are audited without the address itself.
import type { Actor, Deps, Executor } from "../../deps";
import { notFound, Problems } from "../../platform/errors";
import { recordAudit } from "../audit";
import * as repo from "./accounts.repo";

const EMAIL = /^[^\s@<>"(),;:]{1,64}@[^\s@<>"(),;:]+\.[A-Za-z]{2,}$/;

async function emailsOf(db: Executor, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "email"]).where("id", "in", userIds).execute();
  return new Map(rows.flatMap((r) => (r.email ? [[r.id, r.email] as [string, string]] : [])));
}

export const listUserEmails = (deps: Pick<Deps, "db">, userIds: string[]) =>
  emailsOf(deps.db.kysely, userIds);

/** Sets (or, with an empty value, clears) a staff account's e-mail. 400 with the problem when invalid. */
export async function setUserEmail(
  deps: Deps,
  actor: Actor,
  userId: string,
  raw: string,
): Promise<string | null> {
  const email = raw.trim() || null;
  const p = new Problems();
  if (email && (email.length > 254 || !EMAIL.test(email)))
    p.add("email", "invalid_email", "电子邮箱格式不正确，例如 zhang@example.gov.cn。");
  p.throwIfAny("邮箱未保存，请按提示修改。");
  const user = await repo.findUserById(deps.db.kysely, userId);
  if (!user) throw notFound("用户", "user_not_found");
  const before = (await emailsOf(deps.db.kysely, [userId])).get(userId) ?? null;
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ email, updated_at: deps.clock.now().toISOString() })
      .where("id", "=", userId)
      .execute();
    await recordAudit(trx, deps.clock, actor, {
      action: "user.email",
      entityType: "user",
      entityId: userId,
      summary: { username: user.username, before: { has_email: !!before }, after: { has_email: !!email } },
    });
  });
  return email;
}
