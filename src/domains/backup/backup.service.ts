// `gongkai backup --out DIR` (docs/backup.md). One consistent snapshot of the database, the data folder
// around it, and a signed manifest of what the snapshot held:
// - SQLite: the online backup API copies every page in one step, inside one read transaction of its own (in
//   WAL mode writers go on meanwhile); the row counts and audit head are then read from the copy itself.
// - PostgreSQL: a REPEATABLE READ transaction exports its snapshot, reads the counts and the audit head, and
//   keeps the snapshot open while `pg_dump --snapshot` dumps exactly what it sees.
// The data folder is copied before and after the snapshot (blobs never change, so the second pass adds
// what was uploaded meanwhile). The secret key is never copied.
import { chmod, mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import type { Dialect } from "../../db/connect";
import type { Actor, Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { recordAudit } from "../audit";
import { copyData, type DataScope, hashFile } from "./backup.files";
import {
  DATA_DIR,
  DATABASE_FILE,
  type FileEntry,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  type Manifest,
  signManifest,
} from "./backup.manifest";
import { findPgTool, pgConnection, runTool } from "./backup.pg";
import * as repo from "./backup.repo";
import { GONGKAI_VERSION } from "./backup.version";

/** The SQLite file of a `sqlite:` URL, absolute; refused for an in-memory database. */
export function sqliteFile(url: string): string {
  const file = url.slice("sqlite:".length);
  if (file === ":memory:" || file === "")
    throw new AppError("backup_memory_database", 400, "内存数据库无法备份或恢复：请配置数据库文件。");
  return resolve(file);
}

/** Paths of the data folder that are the database itself, never copied as files. */
export function databasePaths(url: string, dialect: Dialect): string[] {
  if (dialect !== "sqlite") return [];
  const file = sqliteFile(url);
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

interface Snapshot {
  tables: Record<string, number>;
  migrations: string[];
  audit: { last_seq: number; last_hash: string; chain_id: string } | undefined;
  engineVersion: string;
  tool?: { version: string; major: number };
}

export interface BackupResult {
  dir: string;
  manifest: Manifest;
  /** Data-folder entries that are not regular files (links, sockets), left out. */
  skipped: string[];
}

async function prepareOut(out: string, dataDir: string): Promise<void> {
  const data = resolve(dataDir);
  if (out === data || out.startsWith(`${data}${sep}`))
    throw new AppError(
      "backup_out_inside_data",
      400,
      `备份目录 ${out} 位于数据目录 ${data} 之内：下次备份会把它也备份进去。请选择数据目录以外的位置。`,
    );
  const existing = await readdir(out).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return [] as string[];
    if (e.code === "ENOTDIR")
      throw new AppError("backup_out_not_empty", 409, `${out} 已存在且不是目录：请指定一个新的或空的目录。`);
    throw e;
  });
  if (existing.length > 0)
    throw new AppError(
      "backup_out_not_empty",
      409,
      `备份目录 ${out} 不是空的：不覆盖已有的备份，请指定一个新的或空的目录。`,
    );
  await mkdir(out, { recursive: true, mode: 0o700 });
}

async function snapshotSqlite(url: string, target: string): Promise<Snapshot> {
  const source = new SqliteDatabase(sqliteFile(url), { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    // Every remaining page in the step after the first: one read transaction, so one consistent snapshot.
    await source.backup(target, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = new SqliteDatabase(target);
  // A self-contained file: no -wal beside it.
  copy.pragma("journal_mode = DELETE");
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: copy }) });
  try {
    return await readSnapshot(db, "sqlite");
  } finally {
    await db.destroy();
  }
}

async function readSnapshot(
  // biome-ignore lint/suspicious/noExplicitAny: the catalogue is read whatever tables the schema has
  db: Kysely<any>,
  dialect: Dialect,
): Promise<Snapshot> {
  const names = await repo.listTables(db, dialect);
  const tables: Record<string, number> = {};
  for (const t of names) tables[t] = await repo.countRows(db, t);
  return {
    tables,
    migrations: await repo.appliedMigrations(db, names),
    audit: await repo.auditHeadOf(db, names),
    engineVersion: await repo.engineVersion(db, dialect),
  };
}

export async function serverMajor(db: Deps["db"]["kysely"]): Promise<number> {
  const r = await sql<{ server_version_num: string }>`SHOW server_version_num`.execute(db);
  return Math.floor(Number(r.rows[0]?.server_version_num ?? 0) / 10000);
}

async function snapshotPostgres(deps: Deps, target: string): Promise<Snapshot> {
  const pgDump = await findPgTool("pg_dump", await serverMajor(deps.db.kysely));
  const { uri, env } = pgConnection(deps.config.databaseUrl);
  return deps.db.kysely
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (trx) => {
      const exported = await sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(trx);
      const snap = await readSnapshot(trx, "postgres");
      // The transaction stays open until pg_dump ends: its snapshot is the one pg_dump imports.
      await runTool(
        pgDump.path,
        ["--format=custom", `--snapshot=${exported.rows[0]!.id}`, "--file", target, "--dbname", uri],
        env,
      );
      return { ...snap, tool: { version: pgDump.version, major: pgDump.major } };
    });
}

/** Takes a backup into `out` (a new or empty folder); the manifest is written last, so a folder without one is unfinished. */
export async function createBackup(deps: Deps, actor: Actor, outDir: string): Promise<BackupResult> {
  const { config } = deps;
  const dialect = deps.db.dialect;
  const out = resolve(outDir);
  await prepareOut(out, config.dataDir);
  const scope: DataScope = {
    dataDir: config.dataDir,
    skipPaths: [...databasePaths(config.databaseUrl, dialect), out],
  };
  const copied = new Map<string, FileEntry & { mtimeMs: number }>();
  const dataTarget = join(out, DATA_DIR);
  await mkdir(dataTarget, { mode: 0o700 });
  try {
    await copyData(scope, dataTarget, copied);
    const dbFile = join(out, DATABASE_FILE[dialect]);
    const snap =
      dialect === "sqlite"
        ? await snapshotSqlite(config.databaseUrl, dbFile)
        : await snapshotPostgres(deps, dbFile);
    if (!snap.audit)
      throw new AppError(
        "backup_database_uninitialised",
        409,
        "数据库尚未初始化（没有审计链头）：请先运行 gongkai db migrate。",
      );
    const skipped = await copyData(scope, dataTarget, copied);
    await chmod(dbFile, 0o600); // personal data: readable by the owner only, like the rest of the backup
    const dump = await hashFile(dbFile);
    const manifest = signManifest(config.secretKey, {
      format: MANIFEST_FORMAT,
      gongkai_version: GONGKAI_VERSION,
      created_at: deps.clock.now().toISOString(),
      engine: dialect,
      engine_version: snap.engineVersion,
      schema: { latest: snap.migrations.at(-1) ?? null, migrations: snap.migrations },
      database: {
        file: DATABASE_FILE[dialect],
        ...dump,
        ...(snap.tool ? { tool: snap.tool.version, tool_major: snap.tool.major } : {}),
      },
      tables: snap.tables,
      audit: snap.audit,
      files: [...copied.values()]
        .map(({ path, size, sha256 }) => ({ path, size, sha256 }))
        .sort((a, b) => (a.path < b.path ? -1 : 1)),
      excluded: [
        "secret.key",
        "audit-head.json",
        "files/tmp",
        ...(dialect === "sqlite" ? ["database files"] : []),
      ],
    });
    const tmp = join(out, `${MANIFEST_FILE}.tmp`);
    await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, join(out, MANIFEST_FILE));
    await recordAudit(deps.db.kysely, deps.clock, actor, {
      action: "backup.create",
      entityType: "backup",
      orgId: null,
      summary: {
        engine: dialect,
        tables: Object.keys(manifest.tables).length,
        files: manifest.files.length,
        audit_seq: manifest.audit.last_seq,
      },
    });
    return { dir: out, manifest, skipped };
  } catch (e) {
    // An unfinished backup must not look like one: remove what was written.
    await rm(out, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
}

/** Total bytes of the data files a manifest lists. */
export const filesBytes = (m: Pick<Manifest, "files">) => m.files.reduce((n, f) => n + f.size, 0);

/** Total rows a manifest lists. */
export const totalRows = (tables: Record<string, number>) => Object.values(tables).reduce((n, x) => n + x, 0);

export async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
