// SQL of the accountability records (通报批评, 约谈整改) and the cases behind them.
import type { Transaction } from "kysely";
import type { Executor } from "../../db/executor";
import type { Database } from "../../db/schema";
import { type Engine, lockForUpdate } from "../../platform/workflow/locked-step";
import type {
  AccountabilityKind,
  AccountabilityRecordTable,
  AccountabilityStatus,
  AccountabilitySubjectTable,
} from "./assessment.tables";

const COLUMNS = [
  "accountability_records.id",
  "accountability_records.site_id",
  "accountability_records.org_id",
  "accountability_records.kind",
  "accountability_records.reason",
  "accountability_records.decided_on",
  "accountability_records.rectify_by",
  "accountability_records.status",
  "accountability_records.rectification",
  "accountability_records.rectified_on",
  "accountability_records.created_by",
  "accountability_records.created_by_label",
  "accountability_records.created_at",
  "accountability_records.updated_at",
] as const;

export type RecordRow = AccountabilityRecordTable;

export async function insertRecord(
  db: Executor,
  row: RecordRow,
  subjects: Array<{ type: string; id: string }>,
): Promise<void> {
  await db.insertInto("accountability_records").values(row).execute();
  if (subjects.length)
    await db
      .insertInto("accountability_subjects")
      .values(
        subjects.map(
          (s, i): AccountabilitySubjectTable => ({
            record_id: row.id,
            subject_type: s.type,
            subject_id: s.id,
            position: i,
          }),
        ),
      )
      .execute();
}

export const findRecord = (db: Executor, id: string) =>
  db.selectFrom("accountability_records").select(COLUMNS).where("id", "=", id).executeTakeFirst();

export async function lockRecord(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<RecordRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("accountability_records").select(COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("accountability_records")
        .set((eb) => ({ id: eb.ref("id") }))
        .where("id", "=", id)
        .execute(),
  );
  return q.executeTakeFirst();
}

export const updateRecord = (db: Executor, id: string, set: Partial<RecordRow>) =>
  db.updateTable("accountability_records").set(set).where("id", "=", id).execute();

export interface RecordFilter {
  siteId: string;
  orgIds?: readonly string[];
  kind?: AccountabilityKind;
  status?: AccountabilityStatus;
  /** decided_on within [from, to] */
  from?: string;
  to?: string;
  subject?: { type: string; id: string };
}

export async function listRecords(db: Executor, f: RecordFilter, limit = 500): Promise<RecordRow[]> {
  if (f.orgIds && f.orgIds.length === 0) return [];
  let q = db
    .selectFrom("accountability_records")
    .select(COLUMNS)
    .where("accountability_records.site_id", "=", f.siteId);
  if (f.orgIds) q = q.where("accountability_records.org_id", "in", [...f.orgIds]);
  if (f.kind) q = q.where("accountability_records.kind", "=", f.kind);
  if (f.status) q = q.where("accountability_records.status", "=", f.status);
  if (f.from) q = q.where("accountability_records.decided_on", ">=", f.from);
  if (f.to) q = q.where("accountability_records.decided_on", "<=", f.to);
  if (f.subject) {
    const s = f.subject;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("accountability_subjects")
          .select("accountability_subjects.record_id")
          .whereRef("accountability_subjects.record_id", "=", "accountability_records.id")
          .where("accountability_subjects.subject_type", "=", s.type)
          .where("accountability_subjects.subject_id", "=", s.id),
      ),
    );
  }
  return q
    .orderBy("accountability_records.decided_on", "desc")
    .orderBy("accountability_records.created_at", "desc")
    .limit(limit)
    .execute();
}

export async function subjectsOf(
  db: Executor,
  recordIds: readonly string[],
): Promise<Map<string, Array<{ type: string; id: string }>>> {
  const out = new Map<string, Array<{ type: string; id: string }>>();
  if (recordIds.length === 0) return out;
  const rows = await db
    .selectFrom("accountability_subjects")
    .select(["record_id", "subject_type", "subject_id", "position"])
    .where("record_id", "in", [...recordIds])
    .orderBy("record_id")
    .orderBy("position")
    .execute();
  for (const r of rows) {
    const list = out.get(r.record_id) ?? [];
    list.push({ type: r.subject_type, id: r.subject_id });
    out.set(r.record_id, list);
  }
  return out;
}

/** The organisation's site and kind, read through the caller's transaction. */
export const findOrg = (db: Executor, id: string) =>
  db.selectFrom("orgs").select(["id", "site_id", "name", "kind"]).where("id", "=", id).executeTakeFirst();
