// SQL of the new-media registry: accounts, filings, posts. Explicit column lists; callers pass db or a trx.
import type { Selectable, Transaction, Updateable } from "kysely";
import type { Database } from "../../db/schema";
import type { Executor } from "../../deps";
import { type Engine, lockForUpdate } from "../../platform/workflow/locked-step";
import type { NewmediaAccountTable, NewmediaFilingTable, NewmediaPostTable } from "./newmedia.tables";

export type AccountRow = Selectable<NewmediaAccountTable>;
export type FilingRow = Selectable<NewmediaFilingTable>;
export type PostRow = Selectable<NewmediaPostTable>;

const ACCOUNT_COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "name",
  "platform",
  "account_no",
  "supervisor",
  "operator",
  "contact",
  "status",
  "filing_no",
  "filed_on",
  "reviewers",
  "last_update_on",
  "followers",
  "interaction_ok",
  "unanswered",
  "feed_url",
  "merged_into",
  "decision",
  "created_at",
  "updated_at",
] as const;

const POST_COLUMNS = [
  "id",
  "account_id",
  "title",
  "body",
  "status",
  "findings_json",
  "drafted_by",
  "reviewed_by",
  "review_note",
  "released_at",
  "created_at",
  "updated_at",
] as const;

const norm = (r: AccountRow): AccountRow => ({
  ...r,
  followers: r.followers === null ? null : Number(r.followers),
  interaction_ok: Number(r.interaction_ok),
  unanswered: Number(r.unanswered),
});

export const insertAccount = (db: Executor, row: AccountRow) =>
  db.insertInto("newmedia_accounts").values(row).execute();

export async function findAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  const r = await db
    .selectFrom("newmedia_accounts")
    .select(ACCOUNT_COLUMNS)
    .where("id", "=", id)
    .executeTakeFirst();
  return r && norm(r);
}

export async function findAccountByNo(db: Executor, siteId: string, platform: string, accountNo: string) {
  const r = await db
    .selectFrom("newmedia_accounts")
    .select(ACCOUNT_COLUMNS)
    .where("site_id", "=", siteId)
    .where("platform", "=", platform)
    .where("account_no", "=", accountNo)
    .executeTakeFirst();
  return r && norm(r);
}

export async function lockAccount(trx: Transaction<Database>, engine: Engine, id: string) {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("newmedia_accounts").select(ACCOUNT_COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("newmedia_accounts")
        .set((eb) => ({ updated_at: eb.ref("updated_at") }))
        .where("id", "=", id)
        .execute(),
  );
  const r = await q.executeTakeFirst();
  return r && norm(r);
}

export const updateAccount = (db: Executor, id: string, set: Updateable<NewmediaAccountTable>) =>
  db.updateTable("newmedia_accounts").set(set).where("id", "=", id).execute();

export async function listAccounts(
  db: Executor,
  siteId: string,
  orgIds?: readonly string[],
): Promise<AccountRow[]> {
  let q = db.selectFrom("newmedia_accounts").select(ACCOUNT_COLUMNS).where("site_id", "=", siteId);
  if (orgIds) {
    if (!orgIds.length) return [];
    q = q.where("org_id", "in", [...orgIds]);
  }
  return (await q.orderBy("status").orderBy("name").orderBy("id").limit(1000).execute()).map(norm);
}

export const insertFiling = (db: Executor, row: FilingRow) =>
  db.insertInto("newmedia_filings").values(row).execute();

export const filingsOf = (db: Executor, accountId: string) =>
  db
    .selectFrom("newmedia_filings")
    .select(["id", "account_id", "kind", "filed_on", "filing_no", "notice", "actor_label", "created_at"])
    .where("account_id", "=", accountId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();

export const insertPost = (db: Executor, row: PostRow) =>
  db.insertInto("newmedia_posts").values(row).execute();

export const findPost = (db: Executor, id: string) =>
  db.selectFrom("newmedia_posts").select(POST_COLUMNS).where("id", "=", id).executeTakeFirst();

export async function lockPost(trx: Transaction<Database>, engine: Engine, id: string) {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("newmedia_posts").select(POST_COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("newmedia_posts")
        .set((eb) => ({ updated_at: eb.ref("updated_at") }))
        .where("id", "=", id)
        .execute(),
  );
  return q.executeTakeFirst();
}

export const updatePost = (db: Executor, id: string, set: Updateable<NewmediaPostTable>) =>
  db.updateTable("newmedia_posts").set(set).where("id", "=", id).execute();

export const postsOf = (db: Executor, accountId: string) =>
  db
    .selectFrom("newmedia_posts")
    .select(POST_COLUMNS)
    .where("account_id", "=", accountId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(100)
    .execute();
