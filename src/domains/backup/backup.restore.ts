// `gongkai restore DIR [--force] [--verify-only]` (docs/backup.md): checks the backup against its signed
// manifest before touching anything, loads it into the configured database (empty, or replaced with --force)
// and data folder, then checks what was restored: rows per table, every file's SHA-256, the audit chain end to
// end and its head. Every mismatch is named; nothing is called restored that did not check out.
import { chmod, open as openFile, rm } from "node:fs/promises";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import type { Logger } from "pino";
import type { Config } from "../../config";
import { connectDb, dialectOf } from "../../db/connect";
import { type Actor, createDeps, type Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import type { Clock } from "../../platform/time";
import { anchorAuditHead, recordAudit, verifyAuditChain } from "../audit";
import { copyHashed, type DataScope, hashFile, walkData } from "./backup.files";
import {
  DATA_DIR,
  DATABASE_FILE,
  keyCheck,
  type Manifest,
  manifestMacValid,
  readManifest,
} from "./backup.manifest";
import { findPgTool, restoreArchive } from "./backup.pg";
import * as repo from "./backup.repo";
import { databasePaths, serverMajor, sqliteFile } from "./backup.service";

export interface RestoreOptions {
  force?: boolean;
  /** Check the configured database and data folder against the manifest without restoring. */
  verifyOnly?: boolean;
}

export interface RestoreReport {
  ok: boolean;
  /** Whether the database and data folder were replaced (false: refused before writing anything). */
  restored: boolean;
  manifest?: Manifest;
  /** Each mismatch, in words for people. */
  problems: string[];
  /** What was checked and found to agree. */
  summary: string[];
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** The backup itself against its manifest: signature, key, engine, the dump's and every file's hash. */
async function checkBackup(dir: string, m: Manifest, config: Config, withFiles = true): Promise<string[]> {
  const problems: string[] = [];
  if (m.key_check !== keyCheck(config.secretKey))
    problems.push(
      "当前配置的密钥不是制作此备份时的密钥：审计链和加密字段都无法校验。请先配置原密钥（GONGKAI_SECRET_KEY 或数据目录中的 secret.key）。",
    );
  else if (!manifestMacValid(config.secretKey, m))
    problems.push("manifest.json 的签名不符：清单在备份后被修改过。");
  const engine = dialectOf(config.databaseUrl);
  if (m.engine !== engine)
    problems.push(`备份来自 ${m.engine} 数据库，当前配置的是 ${engine}：不支持跨数据库引擎恢复。`);
  if (m.database.file !== DATABASE_FILE[m.engine])
    problems.push(`清单中的数据库文件名 ${m.database.file} 不正确（应为 ${DATABASE_FILE[m.engine]}）。`);
  else
    problems.push(
      ...(await checkFile(join(dir, m.database.file), m.database, `数据库文件 ${m.database.file}`)),
    );
  if (withFiles)
    for (const f of m.files)
      problems.push(
        ...(await checkFile(join(dir, DATA_DIR, ...f.path.split("/")), f, `备份中的数据文件 ${f.path}`)),
      );
  return problems;
}

async function checkFile(
  path: string,
  want: { size: number; sha256: string },
  what: string,
): Promise<string[]> {
  let got: { size: number; sha256: string };
  try {
    got = await hashFile(path);
  } catch (e) {
    return [
      (e as NodeJS.ErrnoException).code === "ENOENT"
        ? `${what}：缺失。`
        : `${what}：无法读取（${(e as Error).message}）。`,
    ];
  }
  if (got.sha256 !== want.sha256 || got.size !== want.size)
    return [
      `${what}：SHA-256 与清单不符（清单 ${short(want.sha256)}、${want.size} 字节，实际 ${short(got.sha256)}、${got.size} 字节）。`,
    ];
  return [];
}

/** The restored (or configured) database and data folder against the manifest. */
export async function verifyAgainstManifest(
  deps: Pick<Deps, "db" | "config">,
  m: Manifest,
): Promise<{ problems: string[]; summary: string[] }> {
  const problems: string[] = [];
  const db = deps.db.kysely;
  const counts = await repo.countAll(db, deps.db.dialect);
  for (const [table, want] of Object.entries(m.tables)) {
    const got = counts[table];
    if (got === undefined) problems.push(`表 ${table}：清单中有（${want} 行），数据库中没有。`);
    else if (got !== want) problems.push(`表 ${table}：清单 ${want} 行，数据库中 ${got} 行。`);
  }
  for (const table of Object.keys(counts))
    if (!(table in m.tables)) problems.push(`表 ${table}：数据库中有（${counts[table]} 行），清单中没有。`);
  for (const f of m.files)
    problems.push(
      ...(await checkFile(join(deps.config.dataDir, ...f.path.split("/")), f, `数据文件 ${f.path}`)),
    );
  const chain = await verifyAuditChain(deps, { ignoreHeadFile: true });
  if (!chain.ok)
    problems.push(
      `审计日志第 ${chain.seq} 条记录异常（${chain.problem}${chain.detail ? `：${chain.detail}` : ""}），此前 ${chain.entries} 条完好。`,
    );
  const head = await repo.auditHeadOf(db, Object.keys(counts));
  if (!head) problems.push("审计链头缺失。");
  else if (head.last_seq !== m.audit.last_seq || head.last_hash !== m.audit.last_hash)
    problems.push(
      `审计链头为第 ${head.last_seq} 条（${short(head.last_hash)}），清单记为第 ${m.audit.last_seq} 条（${short(m.audit.last_hash)}）。`,
    );
  const rows = Object.values(m.tables).reduce((n, x) => n + x, 0);
  const bytes = m.files.reduce((n, f) => n + f.size, 0);
  return {
    problems,
    summary: [
      `数据库：${Object.keys(m.tables).length} 张表、共 ${rows} 行，各表行数与清单一致。`,
      `数据文件：${m.files.length} 个、共 ${bytes} 字节，SHA-256 与清单一致。`,
      `审计日志：哈希链校验通过（${m.audit.last_seq} 条），链头 ${short(m.audit.last_hash)} 与清单一致。`,
    ],
  };
}

const quoteName = (name: string) =>
  name
    .split(".")
    .map((p) => `"${p.replaceAll('"', '""')}"`)
    .join(".");

/** Refuses a database or data folder that holds something, unless replacing was asked for. */
async function checkTarget(
  deps: Pick<Deps, "db" | "config">,
  scope: DataScope,
  force: boolean,
): Promise<{ relations: Awaited<ReturnType<typeof repo.listRelations>>; files: string[] }> {
  const relations = await repo.listRelations(deps.db.kysely, deps.db.dialect);
  const files = (await walkData(scope)).files.map((f) => f.abs);
  if (force) return { relations, files };
  const details: ErrorDetail[] = [];
  if (relations.length > 0)
    details.push({
      field: "database",
      code: "not_empty",
      message: `目标数据库已有 ${relations.length} 个表或序列（如 ${relations[0]!.name}）。`,
    });
  if (files.length > 0)
    details.push({
      field: "data",
      code: "not_empty",
      message: `数据目录 ${deps.config.dataDir} 已有 ${files.length} 个文件（密钥文件除外）。`,
    });
  if (details.length)
    throw new AppError(
      "restore_target_not_empty",
      409,
      "目标数据库或数据目录不是空的：恢复会覆盖其中的内容，未作任何改动。确需用备份替换，请加 --force。",
      details,
    );
  return { relations, files };
}

async function restoreDatabase(
  dir: string,
  m: Manifest,
  target: Deps,
  relations: Awaited<ReturnType<typeof repo.listRelations>>,
): Promise<void> {
  const archive = join(dir, m.database.file);
  const url = target.config.databaseUrl;
  if (m.engine === "sqlite") {
    // The online backup API in reverse: the configured file becomes a page-for-page copy (any -wal included).
    // Created owner-only first (personal data, like the original and the backup), and kept so afterwards.
    const file = sqliteFile(url);
    await (await openFile(file, "a", 0o600)).close();
    const source = new SqliteDatabase(archive, { readonly: true, fileMustExist: true });
    try {
      await source.backup(file, { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
    await chmod(file, 0o600);
    return;
  }
  const major = await serverMajor(target.db.kysely);
  const min = Math.max(major, m.database.tool_major ?? 0);
  const tools = {
    pgRestore: (await findPgTool("pg_restore", major, min)).path,
    psql: (await findPgTool("psql", major, 0)).path,
  };
  const drops = relations
    .map((r) => `DROP ${r.kind.toUpperCase()} IF EXISTS ${quoteName(r.name)} CASCADE;`)
    .join("\n");
  await restoreArchive(tools, archive, url, drops);
}

/**
 * Restores a backup into the configured database and data folder (or, with `verifyOnly`, only checks them).
 * Refusals before anything is written throw AppError (the target holds data); mismatches are reported.
 */
export async function restoreBackup(
  env: { config: Config; logger: Logger; clock: Clock },
  actor: Actor,
  dir: string,
  opts: RestoreOptions = {},
): Promise<RestoreReport> {
  const { config } = env;
  if (config.secretKey.length === 0)
    throw new AppError(
      "restore_key_missing",
      409,
      "未配置密钥，未作任何改动：恢复不会生成新密钥，因为新密钥既不能校验审计链，也无法解密备份中的加密字段（申请人联系方式、邮件等将永远无法读取）。请先放回制作备份时的密钥（设置 GONGKAI_SECRET_KEY，或把原 secret.key 放入数据目录），再运行恢复。",
    );
  const read = await readManifest(dir);
  if (!read.ok) return { ok: false, restored: false, problems: [read.problem], summary: [] };
  const m = read.manifest;
  const open = () =>
    createDeps(config, { db: connectDb(config.databaseUrl), logger: env.logger, clock: env.clock });
  if (opts.verifyOnly) {
    const deps = open();
    try {
      const signature = await checkBackup(dir, m, config, false);
      const v = await verifyAgainstManifest(deps, m);
      const problems = [...signature, ...v.problems];
      return { ok: problems.length === 0, restored: false, manifest: m, problems, summary: v.summary };
    } finally {
      await deps.db.close();
    }
  }
  const precheck = await checkBackup(dir, m, config);
  if (precheck.length) return { ok: false, restored: false, manifest: m, problems: precheck, summary: [] };

  const scope: DataScope = {
    dataDir: config.dataDir,
    skipPaths: databasePaths(config.databaseUrl, m.engine),
  };
  let deps = open();
  try {
    const target = await checkTarget(deps, scope, opts.force === true);
    if (m.engine === "sqlite") await deps.db.close(); // the file is rewritten under no open handle of ours
    await restoreDatabase(dir, m, deps, target.relations);
    if (m.engine === "sqlite") deps = open();
    for (const f of target.files) await rm(f, { force: true });
    for (const f of m.files)
      await copyHashed(join(dir, DATA_DIR, ...f.path.split("/")), join(config.dataDir, ...f.path.split("/")));
    const v = await verifyAgainstManifest(deps, m);
    if (v.problems.length)
      return { ok: false, restored: true, manifest: m, problems: v.problems, summary: [] };
    // A deliberate return to an earlier state: the head file outside the database now names the restored head
    // (a forced re-anchor is itself recorded when the old file named later entries), then the restore is recorded.
    await anchorAuditHead(deps, actor, { force: true });
    await recordAudit(deps.db.kysely, deps.clock, actor, {
      action: "backup.restore",
      entityType: "backup",
      orgId: null,
      summary: {
        engine: m.engine,
        created_at: m.created_at,
        audit_seq: m.audit.last_seq,
        tables: Object.keys(m.tables).length,
        files: m.files.length,
        force: opts.force === true,
      },
    });
    return { ok: true, restored: true, manifest: m, problems: [], summary: v.summary };
  } finally {
    await deps.db.close();
  }
}
