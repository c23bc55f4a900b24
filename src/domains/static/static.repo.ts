import type { Executor } from "../../deps";
import type { StaticFileTable, StaticTargetTable } from "./static.tables";

export type TargetRow = StaticTargetTable;
export type FileRow = StaticFileTable;

const TARGET = ["id", "site_id", "out_dir", "last_seq", "published_at", "checked_at"] as const;
const FILE = ["target_id", "path", "url", "sha256", "bytes", "refs", "written_at"] as const;

const target = (r: TargetRow): TargetRow => ({ ...r, last_seq: Number(r.last_seq) });

export async function findTargetByDir(db: Executor, outDir: string): Promise<TargetRow | undefined> {
  const r = await db
    .selectFrom("static_targets")
    .select(TARGET)
    .where("out_dir", "=", outDir)
    .executeTakeFirst();
  return r && target(r);
}

export async function listTargets(db: Executor): Promise<TargetRow[]> {
  return (await db.selectFrom("static_targets").select(TARGET).orderBy("out_dir").execute()).map(target);
}

export async function insertTarget(db: Executor, row: TargetRow): Promise<void> {
  await db.insertInto("static_targets").values(row).execute();
}

export async function updateTarget(
  db: Executor,
  id: string,
  set: Partial<Pick<TargetRow, "last_seq" | "published_at" | "checked_at">>,
): Promise<void> {
  await db.updateTable("static_targets").set(set).where("id", "=", id).execute();
}

export async function listFiles(db: Executor, targetId: string): Promise<FileRow[]> {
  return (await db.selectFrom("static_files").select(FILE).where("target_id", "=", targetId).execute()).map(
    (r) => ({ ...r, bytes: Number(r.bytes) }),
  );
}

export async function findFile(db: Executor, targetId: string, path: string): Promise<FileRow | undefined> {
  const r = await db
    .selectFrom("static_files")
    .select(FILE)
    .where("target_id", "=", targetId)
    .where("path", "=", path)
    .executeTakeFirst();
  return r && { ...r, bytes: Number(r.bytes) };
}

export async function upsertFile(db: Executor, row: FileRow): Promise<void> {
  await db
    .insertInto("static_files")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["target_id", "path"]).doUpdateSet({
        url: row.url,
        sha256: row.sha256,
        bytes: row.bytes,
        refs: row.refs,
        written_at: row.written_at,
      }),
    )
    .execute();
}

export async function deleteFile(db: Executor, targetId: string, path: string): Promise<void> {
  await db.deleteFrom("static_files").where("target_id", "=", targetId).where("path", "=", path).execute();
}

/** Audit entries after `seq` that may change public pages: entity type and id, oldest first. */
export async function auditAfter(
  db: Executor,
  seq: number,
  limit: number,
): Promise<
  { seq: number; action: string; entity_type: string; entity_id: string | null; site_id: string | null }[]
> {
  const rows = await db
    .selectFrom("audit_log")
    .select(["seq", "action", "entity_type", "entity_id", "site_id"])
    .where("seq", ">", seq)
    .orderBy("seq")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function lastAuditSeq(db: Executor): Promise<number> {
  const r = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .executeTakeFirst();
  return Number(r?.seq ?? 0);
}
