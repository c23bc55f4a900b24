import type { AuditLogTable } from "../../db/schema";
import type { Executor } from "../../deps";

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
  return db.selectFrom("audit_head").select(["last_seq", "last_hash"]).where("id", "=", 1).executeTakeFirst();
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

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  beforeSeq?: number;
}

export async function searchEntries(db: Executor, f: AuditFilter, limit: number): Promise<AuditRow[]> {
  let q = db.selectFrom("audit_log").select(COLUMNS);
  if (f.action) q = q.where("action", "like", `${f.action}%`);
  if (f.entityType) q = q.where("entity_type", "=", f.entityType);
  if (f.entityId) q = q.where("entity_id", "=", f.entityId);
  if (f.actorId) q = q.where("actor_id", "=", f.actorId);
  if (f.from) q = q.where("at", ">=", f.from);
  if (f.to) q = q.where("at", "<", f.to);
  if (f.beforeSeq) q = q.where("seq", "<", f.beforeSeq);
  const rows = await q.orderBy("seq", "desc").limit(limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}
