// Who receives handler reminders (待办提醒): staff with a work e-mail. Kysely only.
import type { Executor } from "../../deps";

export interface ReminderRecipient {
  id: string;
  name: string;
  email: string;
  site_id: string;
  org_id: string;
}

const base = (db: Executor) =>
  db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .select([
      "users.id as id",
      "users.name as name",
      "users.email as email",
      "orgs.site_id as site_id",
      "users.org_id as org_id",
    ])
    .where("users.disabled", "=", 0)
    .where("users.email", "is not", null)
    .where("users.email", "!=", "");

/** The handler of an application, when the account is active and has an e-mail. */
export async function findRecipient(db: Executor, userId: string): Promise<ReminderRecipient | undefined> {
  const r = await base(db).where("users.id", "=", userId).executeTakeFirst();
  return r?.email ? { ...r, email: r.email } : undefined;
}

/** Active accounts with the given role and an e-mail, by site (the 政务公开办 handles applications). */
export async function listRecipientsWithRole(db: Executor, role: string): Promise<ReminderRecipient[]> {
  const rows = await base(db)
    .where("users.id", "in", db.selectFrom("user_roles").select("user_id").where("role", "=", role))
    .orderBy("users.username")
    .execute();
  return rows.flatMap((r) => (r.email ? [{ ...r, email: r.email }] : []));
}
