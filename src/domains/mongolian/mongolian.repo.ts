import type { Selectable, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Executor } from "../../deps";
import { type Engine, lockForUpdate } from "../../platform/workflow/locked-step";
import type { MnStatus, MnSubjectType, MnVersionTable } from "./mongolian.tables";

export type MnVersionRow = Selectable<MnVersionTable>;

const COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "subject_type",
  "subject_id",
  "revision",
  "status",
  "title",
  "summary",
  "body_html",
  "body_text",
  "source_id",
  "source_version",
  "source_sha256",
  "last_note",
  "created_by",
  "updated_by",
  "submitted_by",
  "approved_by",
  "approved_at",
  "created_at",
  "updated_at",
] as const;

const norm = (r: MnVersionRow): MnVersionRow => ({
  ...r,
  revision: Number(r.revision),
  source_version: r.source_version === null ? null : Number(r.source_version),
});

/** Open (draft or submitted) revisions and the approved one are at most one each per subject. */
export const OPEN_STATUSES: MnStatus[] = ["draft", "submitted"];

export async function revisionsOf(
  db: Executor,
  type: MnSubjectType,
  subjectId: string,
): Promise<MnVersionRow[]> {
  const rows = await db
    .selectFrom("mn_versions")
    .select(COLUMNS)
    .where("subject_type", "=", type)
    .where("subject_id", "=", subjectId)
    .orderBy("revision", "desc")
    .execute();
  return rows.map(norm);
}

/** Every revision of the subject, locked for the rest of the transaction (newest first). */
export async function lockRevisionsOf(
  trx: Transaction<Database>,
  engine: Engine,
  type: MnSubjectType,
  subjectId: string,
): Promise<MnVersionRow[]> {
  const q = await lockForUpdate(
    engine,
    trx
      .selectFrom("mn_versions")
      .select(COLUMNS)
      .where("subject_type", "=", type)
      .where("subject_id", "=", subjectId)
      .orderBy("revision", "desc"),
    () =>
      trx
        .updateTable("mn_versions")
        .set({ subject_id: subjectId })
        .where("subject_type", "=", type)
        .where("subject_id", "=", subjectId)
        .execute(),
  );
  return (await q.execute()).map(norm);
}

/** The approved revision of each subject (by subject id). */
export async function approvedOf(
  db: Executor,
  type: MnSubjectType,
  subjectIds: readonly string[],
): Promise<Map<string, MnVersionRow>> {
  const out = new Map<string, MnVersionRow>();
  if (subjectIds.length === 0) return out;
  const rows = await db
    .selectFrom("mn_versions")
    .select(COLUMNS)
    .where("subject_type", "=", type)
    .where("subject_id", "in", [...new Set(subjectIds)])
    .where("status", "=", "approved")
    .execute();
  for (const r of rows) out.set(r.subject_id, norm(r));
  return out;
}

export const insertVersion = (db: Executor, row: MnVersionRow) =>
  db.insertInto("mn_versions").values(row).execute();

export async function updateVersion(db: Executor, id: string, patch: Partial<MnVersionRow>): Promise<void> {
  await db.updateTable("mn_versions").set(patch).where("id", "=", id).execute();
}

export async function findVersion(db: Executor, id: string): Promise<MnVersionRow | undefined> {
  const r = await db.selectFrom("mn_versions").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  return r && norm(r);
}

export interface QueueFilter {
  siteId: string;
  orgIds: string[];
  statuses: MnStatus[];
  type?: MnSubjectType;
}

export async function listQueue(db: Executor, f: QueueFilter, limit = 100): Promise<MnVersionRow[]> {
  if (f.orgIds.length === 0) return [];
  let q = db
    .selectFrom("mn_versions")
    .select(COLUMNS)
    .where("site_id", "=", f.siteId)
    .where("org_id", "in", f.orgIds)
    .where("status", "in", f.statuses);
  if (f.type) q = q.where("subject_type", "=", f.type);
  const rows = await q.orderBy("updated_at", "desc").orderBy("id").limit(limit).execute();
  return rows.map(norm);
}

export async function countQueue(db: Executor, f: QueueFilter): Promise<number> {
  if (f.orgIds.length === 0) return 0;
  let q = db
    .selectFrom("mn_versions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("site_id", "=", f.siteId)
    .where("org_id", "in", f.orgIds)
    .where("status", "in", f.statuses);
  if (f.type) q = q.where("subject_type", "=", f.type);
  const r = await q.executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Approved translations of one subject type of a site in pages (reindex): subject ids after `after`. */
export async function approvedSubjects(
  db: Executor,
  siteId: string,
  type: MnSubjectType,
  after: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("mn_versions")
    .select("subject_id")
    .where("site_id", "=", siteId)
    .where("subject_type", "=", type)
    .where("status", "=", "approved")
    .where("subject_id", ">", after)
    .orderBy("subject_id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.subject_id);
}

/** Approved translations of a site (the search source's count). */
export async function countApproved(db: Executor, siteId: string): Promise<number> {
  const r = await db
    .selectFrom("mn_versions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("site_id", "=", siteId)
    .where("status", "=", "approved")
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Catalogue nodes with an approved Mongolian name. */
export async function approvedNodeSubjects(db: Executor, siteId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("mn_versions")
    .select("subject_id")
    .where("site_id", "=", siteId)
    .where("subject_type", "=", "catalog_node")
    .where("status", "=", "approved")
    .orderBy("subject_id")
    .execute();
  return rows.map((r) => r.subject_id);
}

/** Catalogue nodes, read for their names (the catalogue domain exports no lock). */
export async function lockCatalogNode(trx: Transaction<Database>, engine: Engine, id: string) {
  const q = await lockForUpdate(
    engine,
    trx
      .selectFrom("catalog_nodes")
      .select(["id", "site_id", "org_id", "name", "archived", "updated_at"])
      .where("id", "=", id),
    () => trx.updateTable("catalog_nodes").set({ id }).where("id", "=", id).execute(),
  );
  return q.executeTakeFirst();
}

export async function findCatalogNodeName(db: Executor, id: string) {
  return db
    .selectFrom("catalog_nodes")
    .select(["id", "site_id", "org_id", "name", "archived", "updated_at"])
    .where("id", "=", id)
    .executeTakeFirst();
}
