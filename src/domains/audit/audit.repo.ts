import type { SelectQueryBuilder } from "kysely";
import type { Executor } from "../../db/executor";
import type { AuditLogTable, Database } from "../../db/schema";
import {
  badCursor,
  countCapped,
  type Page,
  type PageRequest,
  readPage as readListPage,
  type Total,
} from "../../platform/paging";

export type AuditRow = AuditLogTable;

const COLUMNS = [
  "seq",
  "at",
  "actor_id",
  "actor_label",
  "action",
  "entity_type",
  "entity_id",
  "business_date",
  "summary",
  "prev_hash",
  "hash",
  "site_id",
  "org_id",
] as const;

/** Advances the head and returns the previous one; on PostgreSQL this row lock serialises appenders. */
export async function advanceHead(db: Executor): Promise<{ last_seq: number; last_hash: string }> {
  const row = await db
    .updateTable("audit_head")
    .set((eb) => ({ last_seq: eb("last_seq", "+", 1) }))
    .where("id", "=", 1)
    .returning(["last_seq", "last_hash"])
    .executeTakeFirstOrThrow();
  return { last_seq: Number(row.last_seq) - 1, last_hash: row.last_hash };
}

export async function insertEntry(db: Executor, row: AuditRow): Promise<void> {
  await db.insertInto("audit_log").values(row).execute();
  await db.updateTable("audit_head").set({ last_hash: row.hash }).where("id", "=", 1).execute();
}

export async function readHead(db: Executor) {
  const row = await db
    .selectFrom("audit_head")
    .select(["last_seq", "last_hash", "chain_id", "keyed_from_seq", "legacy_seal"])
    .where("id", "=", 1)
    .executeTakeFirst();
  return row && { ...row, last_seq: Number(row.last_seq), keyed_from_seq: Number(row.keyed_from_seq) };
}

export async function hashAt(db: Executor, seq: number): Promise<string | undefined> {
  const row = await db.selectFrom("audit_log").select("hash").where("seq", "=", seq).executeTakeFirst();
  return row?.hash;
}

/** The site and organisation an entry belongs to: the entity's organisation, or the acting user's. */
export async function findOrgSite(db: Executor, orgId: string) {
  return db.selectFrom("orgs").select(["id", "site_id"]).where("id", "=", orgId).executeTakeFirst();
}

export async function findUserOrgSite(db: Executor, userId: string) {
  return db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .select(["orgs.id", "orgs.site_id"])
    .where("users.id", "=", userId)
    .executeTakeFirst();
}

/** Streams the chain in pages so verification of a long log needs little memory. */
export async function readPage(db: Executor, afterSeq: number, limit: number): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom("audit_log")
    .select(COLUMNS)
    .where("seq", ">", afterSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** What one reader may see: entries of their site within these organisations (audit.policy.ts). */
export interface AuditScope {
  siteId: string;
  orgIds: string[];
  /** Entries of the site that belong to no organisation. */
  siteLevel: boolean;
  /** Entries of no site at all (the system, the CLI), shown only where the platform has one site. */
  platformLevel: boolean;
}

export interface AuditFilter {
  /** A prefix (`auth.` or `item.publish`), as the API and CLI take it. */
  action?: string;
  /** Exactly these actions (the back-office filter: one action or an area's). */
  actions?: string[];
  /** Entries belonging to these organisations. */
  orgIds?: string[];
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  beforeSeq?: number;
}

export async function searchEntries(
  db: Executor,
  f: AuditFilter,
  limit: number,
  scope?: AuditScope,
): Promise<AuditRow[]> {
  const rows = await filtered(db.selectFrom("audit_log").select(COLUMNS), f, scope)
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/**
 * One page of the entries, newest first, by page number or by cursor (src/platform/paging.ts): the cursor's key is
 * the sequence number, unique by itself, so the seek is `seq < ?` (`>` backwards) on the primary key.
 */
export async function pageEntries(
  db: Executor,
  f: AuditFilter,
  scope: AuditScope | undefined,
  req: PageRequest,
): Promise<Page<AuditRow>> {
  const at = req.cursor ? Number(req.cursor.key) : undefined;
  // A cursor's key must be a sequence number: the same 400 as any other damaged cursor.
  if (req.cursor && (!Number.isSafeInteger(at) || String(at) !== req.cursor.id)) throw badCursor();
  return readListPage(
    req,
    (r: AuditRow) => r.seq,
    (r) => String(r.seq),
    async (seek) => {
      let q = filtered(db.selectFrom("audit_log").select(COLUMNS), f, scope);
      // With a cursor, seek.where is set; without one (page by number, or the fallback to page 1) it is not.
      if (seek.where && at !== undefined) q = q.where("seq", seek.desc ? "<" : ">", at);
      q = q.orderBy("seq", seek.desc ? "desc" : "asc").limit(seek.limit);
      if (seek.offset) q = q.offset(seek.offset);
      const rows = await q.execute();
      return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
    },
  );
}

/** How many entries match, exact up to COUNT_CAP. */
export const countEntriesCapped = (db: Executor, f: AuditFilter, scope?: AuditScope): Promise<Total> =>
  countCapped(db, filtered(db.selectFrom("audit_log").select("seq"), f, scope));

// biome-ignore lint/suspicious/noExplicitAny: one filter for the select and the count query builders
function filtered<Q extends SelectQueryBuilder<Database, "audit_log", any>>(
  query: Q,
  f: AuditFilter,
  scope?: AuditScope,
): Q {
  // biome-ignore lint/suspicious/noExplicitAny: see above
  let q = query as SelectQueryBuilder<Database, "audit_log", any>;
  if (scope) {
    const s = scope;
    q = q.where((eb) => {
      const inSite = [];
      if (s.orgIds.length > 0) inSite.push(eb("org_id", "in", s.orgIds));
      if (s.siteLevel) inSite.push(eb("org_id", "is", null));
      const any = [];
      if (inSite.length > 0) any.push(eb.and([eb("site_id", "=", s.siteId), eb.or(inSite)]));
      if (s.platformLevel) any.push(eb("site_id", "is", null));
      // Nothing visible: a condition that matches no row.
      return any.length > 0 ? eb.or(any) : eb("seq", "<", 0);
    });
  }
  if (f.action) q = q.where("action", "like", `${f.action}%`);
  if (f.actions) q = f.actions.length > 0 ? q.where("action", "in", f.actions) : q.where("seq", "<", 0);
  if (f.orgIds) q = f.orgIds.length > 0 ? q.where("org_id", "in", f.orgIds) : q.where("seq", "<", 0);
  if (f.entityType) q = q.where("entity_type", "=", f.entityType);
  if (f.entityId) q = q.where("entity_id", "=", f.entityId);
  if (f.actorId) q = q.where("actor_id", "=", f.actorId);
  if (f.from) q = q.where("at", ">=", f.from);
  if (f.to) q = q.where("at", "<", f.to);
  if (f.beforeSeq) q = q.where("seq", "<", f.beforeSeq);
  return q as Q;
}
