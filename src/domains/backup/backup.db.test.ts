import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import {
  createTestDb,
  describeEachDialect,
  type TestDb,
  testConfig,
  testDataDir,
} from "../../../test/helpers/db";
import { loadConfig } from "../../config";
import { seedDemo } from "../../demo/seed";
import { createDeps, systemActor } from "../../deps";
import { AppError } from "../../platform/errors";
import { submitOnline } from "../applications/applications.service";
import { verifyAuditChain } from "../audit";
import { createMessage } from "../interaction/messages.service";
import { minimalPng } from "../publishing/attachments/attachments.test-helpers";
import { createBackup, restoreBackup } from ".";
import { DATABASE_FILE, MANIFEST_FILE, type Manifest, signManifest } from "./backup.manifest";

// Backups on both engines: a backup restores into a fresh database and checks out against its manifest
// (rows per table, file hashes, the audit chain and its head), also when taken while applications and messages
// are being written; a changed file, dump or manifest, a missing row, or another key is named; the key never
// travels. `gongkai backup` runs as its own process (the real case: the server writes while the CLI copies).
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../../..");
const KEY = Buffer.alloc(32, 7); // testConfig's key
const work = mkdtempSync(join(tmpdir(), "gongkai-backup-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const actor = systemActor("test");

async function gongkai(url: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["bin/gongkai.mjs", ...args], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "test",
        GONGKAI_DATABASE_URL: url,
        GONGKAI_DATA_DIR: testDataDir(url),
        GONGKAI_SECRET_KEY: KEY.toString("hex"),
      },
    });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await allFiles(p)));
    else out.push(p);
  }
  return out;
}

const applicant = {
  type: "natural",
  name: "钱备份",
  id_type: "resident_id",
  id_number: "110101199003074514",
  phone: "13812345678",
  address: "固阳县金山镇",
} as const;

describeEachDialect("backup and restore (gongkai backup / restore)", (ctx) => {
  const targets: TestDb[] = [];
  let n = 0;
  const dir = (name: string) => join(work, `${ctx.dialect}-${name}-${n++}`);
  /** A fresh, unmigrated database with its own data folder. */
  const freshTarget = async () => {
    const t = await createTestDb(ctx.dialect, { migrate: false });
    targets.push(t);
    return { db: t, config: testConfig(t.url) };
  };
  const restoreInto = (config: ReturnType<typeof testConfig>, from: string, opts = {}) =>
    restoreBackup({ config, logger: ctx.deps.logger, clock: ctx.deps.clock }, actor, from, opts);

  let i = 0;
  const apply = () =>
    submitOnline(
      ctx.deps,
      { applicant, description: `申请公开固阳县备份测试第${++i}项资金使用情况。`, delivery: "pickup" },
      // Each file differs, so each is a new blob in the data folder.
      { uploads: [{ filename: `证明${i}.png`, data: Buffer.concat([minimalPng(), Buffer.from(`#${i}`)]) }] },
    );
  const message = () =>
    createMessage(ctx.deps, {
      type: "consult",
      title: `备份测试留言${++i}`,
      body: "请问办理时间。",
      name: "孙留言",
      phone: "13812345679",
    });

  beforeAll(async () => {
    await seedDemo(ctx.deps, actor);
    for (let k = 0; k < 3; k++) {
      await apply();
      await message();
    }
    // A development key file in the data folder, as config.ts writes one: it must stay out of the backup.
    await writeFile(join(ctx.deps.config.dataDir, "secret.key"), KEY.toString("hex"), { mode: 0o600 });
  });
  afterAll(async () => {
    for (const t of targets) await t.destroy();
  });

  let backupDir: string;
  let manifest: Manifest;

  it("backs up and restores into a fresh database: manifest, audit chain, rows and files bit-exact; no key", async () => {
    backupDir = dir("plain");
    const b = await createBackup(ctx.deps, actor, backupDir);
    manifest = b.manifest;
    expect(manifest.engine).toBe(ctx.dialect);
    expect(manifest.tables.applications).toBe(3);
    expect(manifest.tables.messages).toBe(3);
    expect(manifest.audit.last_seq).toBeGreaterThan(10);
    expect(manifest.schema.latest).toBeTruthy();
    expect(manifest.files.some((f) => f.path.startsWith("applicant-files/files/"))).toBe(true);

    // The key: neither its file nor its bytes (raw or hex) anywhere in the backup.
    const files = await allFiles(backupDir);
    expect(files.map((f) => f.slice(backupDir.length + 1)).sort()).toEqual(
      [DATABASE_FILE[ctx.dialect], MANIFEST_FILE, ...manifest.files.map((f) => `data/${f.path}`)].sort(),
    );
    for (const f of files) {
      const bytes = await readFile(f);
      expect(bytes.includes(KEY), f).toBe(false);
      expect(bytes.includes(Buffer.from(KEY.toString("hex"))), f).toBe(false);
    }
    expect(manifest.excluded).toContain("secret.key");

    const target = await freshTarget();
    const r = await restoreInto(target.config, backupDir);
    expect(r.problems).toEqual([]);
    expect(r.ok && r.restored).toBe(true);
    // Restored owner-only, like the originals: the SQLite file and every data file.
    const restoredFiles = [
      ...(ctx.dialect === "sqlite" ? [target.config.databaseUrl.slice("sqlite:".length)] : []),
      ...manifest.files.map((f) => join(target.config.dataDir, f.path)),
    ];
    for (const f of restoredFiles) expect((await stat(f)).mode & 0o777, f).toBe(0o600);

    // Rows bit-exact (the source has since gained only its backup.create audit entry).
    for (const table of ["applications", "application_files", "messages", "users"] as const) {
      const q = (db: typeof ctx.deps.db.kysely) => db.selectFrom(table).selectAll().orderBy("id").execute();
      expect(await q(target.db.db.kysely), table).toEqual(await q(ctx.deps.db.kysely));
    }
    const chain = (db: typeof ctx.deps.db.kysely) =>
      db
        .selectFrom("audit_log")
        .selectAll()
        .where("seq", "<=", manifest.audit.last_seq)
        .orderBy("seq")
        .execute();
    expect(await chain(target.db.db.kysely)).toEqual(await chain(ctx.deps.db.kysely));
    // Files bit-exact.
    for (const f of manifest.files) {
      const a = await readFile(join(ctx.deps.config.dataDir, f.path));
      const c = await readFile(join(target.config.dataDir, f.path));
      expect(c.equals(a), f.path).toBe(true);
    }
    const targetDeps = createDeps(target.config, { db: target.db.db });
    const v = await verifyAuditChain(targetDeps);
    expect(v.ok).toBe(true);
    // The restore is recorded after the restored head, and the head file names it.
    expect(v.ok && v.anchor).toMatchObject({ state: "ok" });
    const last = await target.db.db.kysely
      .selectFrom("audit_log")
      .select(["action"])
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(last.action).toBe("backup.restore");
  });

  it("refuses a database or data folder that is not empty; --force replaces them", async () => {
    const target = await freshTarget();
    expect((await restoreInto(target.config, backupDir)).ok).toBe(true);
    const again = await restoreInto(target.config, backupDir).catch((e) => e);
    expect(again).toBeInstanceOf(AppError);
    expect((again as AppError).code).toBe("restore_target_not_empty");
    expect((again as AppError).details.map((d) => d.field)).toEqual(["database", "data"]);
    // The target now holds more than the backup (the restore's own audit entries): --force puts it back.
    const forced = await restoreInto(target.config, backupDir, { force: true });
    expect(forced.problems).toEqual([]);
    expect(forced.ok).toBe(true);
  });

  it("a backup taken by the CLI while applications and messages are written restores and verifies", async () => {
    const out = dir("load");
    let stop = false;
    let written = 0;
    let writtenDuringBackup = 0;
    let backupRunning = false;
    const worker = async () => {
      while (!stop) {
        await (i % 2 ? apply() : message());
        written++;
        if (backupRunning) writtenDuringBackup++;
      }
    };
    const load = Promise.all([worker(), worker(), worker()]);
    while (written < 3) await new Promise((r) => setTimeout(r, 20));
    backupRunning = true;
    const cli = await gongkai(ctx.testDb.url, "backup", "--out", out);
    backupRunning = false;
    // A few writes after the backup too.
    const after = written;
    while (written < after + 3) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await load;
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain("已备份到");
    expect(writtenDuringBackup).toBeGreaterThan(0);

    const m = JSON.parse(await readFile(join(out, MANIFEST_FILE), "utf8")) as Manifest;
    const now = await ctx.deps.db.kysely
      .selectFrom("applications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(m.tables.applications).toBeLessThan(Number(now.n));
    const target = await freshTarget();
    const r = await restoreInto(target.config, out);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    // Every applicant file the restored rows name is there (the data folder agrees with the snapshot).
    const blobs = await target.db.db.kysely.selectFrom("application_files").select("blob_sha256").execute();
    expect(blobs.length).toBe(m.tables.application_files);
    const paths = new Set(m.files.map((f) => f.path.split("/").at(-1)));
    for (const b of blobs) expect(paths.has(b.blob_sha256), b.blob_sha256).toBe(true);
  });

  it("names what does not match: a changed file, a changed dump, an edited manifest, another key", async () => {
    const copy = async (name: string) => {
      const d = dir(name);
      await cp(backupDir, d, { recursive: true });
      return d;
    };
    const target = await freshTarget();

    const changedFile = await copy("file");
    const victim = manifest.files.find((f) => f.path.startsWith("applicant-files/"))!;
    await writeFile(join(changedFile, "data", victim.path), Buffer.from("changed"));
    const cli = await gongkai(target.db.url, "restore", changedFile);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`备份中的数据文件 ${victim.path}：SHA-256 与清单不符`);
    expect(cli.stderr).toContain("未作任何改动");

    const changedDump = await copy("dump");
    await writeFile(join(changedDump, DATABASE_FILE[ctx.dialect]), Buffer.from("x"), { flag: "a" });
    const r1 = await restoreInto(target.config, changedDump);
    expect(r1.restored).toBe(false);
    expect(r1.problems).toEqual([
      expect.stringContaining(`数据库文件 ${DATABASE_FILE[ctx.dialect]}：SHA-256 与清单不符`),
    ]);

    const edited = await copy("manifest");
    const m = JSON.parse(await readFile(join(edited, MANIFEST_FILE), "utf8")) as Manifest;
    await writeFile(
      join(edited, MANIFEST_FILE),
      JSON.stringify({ ...m, tables: { ...m.tables, messages: 2 } }),
    );
    const r2 = await restoreInto(target.config, edited);
    expect(r2.problems).toEqual(["manifest.json 的签名不符：清单在备份后被修改过。"]);

    const otherKey = await restoreInto({ ...target.config, secretKey: Buffer.alloc(32, 9) }, backupDir);
    expect(otherKey.problems).toEqual([expect.stringContaining("不是制作此备份时的密钥")]);
    // Nothing was written by any of these.
    const tables = await import("./backup.repo").then((r) => r.listTables(target.db.db.kysely, ctx.dialect));
    expect(tables).toEqual([]);

    // Someone holding the key re-signs a manifest that claims one more row: restored, and the count is named.
    const resigned = await copy("resigned");
    const { mac: _mac, key_check: _k, ...body } = manifest;
    const lie = signManifest(KEY, { ...body, tables: { ...body.tables, applications: 4 } });
    await writeFile(join(resigned, MANIFEST_FILE), JSON.stringify(lie));
    const r3 = await restoreInto(target.config, resigned);
    expect(r3.restored).toBe(true);
    expect(r3.ok).toBe(false);
    expect(r3.problems).toEqual(["表 applications：清单 4 行，数据库中 3 行。"]);
  });

  it("never invents a key: without one, restore refuses before writing anything and creates no secret.key", async () => {
    const target = await freshTarget();
    const refused = await restoreInto({ ...target.config, secretKey: Buffer.alloc(0) }, backupDir).catch(
      (e) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("restore_key_missing");
    expect((refused as AppError).message).toContain("恢复不会生成新密钥");
    const tables = await import("./backup.repo").then((r) => r.listTables(target.db.db.kysely, ctx.dialect));
    expect(tables).toEqual([]);
    // What `gongkai restore` loads: no key configured and none in the data folder stays no key.
    const empty = mkdtempSync(join(tmpdir(), "gongkai-nokey-"));
    try {
      const env = {
        NODE_ENV: "development",
        GONGKAI_DATA_DIR: empty,
        GONGKAI_DATABASE_URL: target.config.databaseUrl,
      };
      expect(loadConfig(env, {}, { newKey: false }).secretKey.length).toBe(0);
      expect(await readdir(empty)).toEqual([]);
      // The server, by contrast, keeps a development key there.
      expect(loadConfig(env).secretKey.length).toBe(32);
      expect(await readdir(empty)).toEqual(["secret.key"]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("--verify-only names a row deleted from the restored database and a changed file", async () => {
    const target = await freshTarget();
    expect((await restoreInto(target.config, backupDir)).ok).toBe(true);
    // The restore's own audit entries come after the backup's head: take them off again to compare exactly.
    await target.db.db.kysely.deleteFrom("audit_log").where("seq", ">", manifest.audit.last_seq).execute();
    await target.db.db.kysely
      .updateTable("audit_head")
      .set({ last_seq: manifest.audit.last_seq, last_hash: manifest.audit.last_hash })
      .execute();
    expect((await restoreInto(target.config, backupDir, { verifyOnly: true })).problems).toEqual([]);

    await target.db.db.kysely.deleteFrom("audit_log").where("seq", "=", manifest.audit.last_seq).execute();
    const victim = manifest.files[0]!;
    await rm(join(target.config.dataDir, victim.path));
    const r = await restoreInto(target.config, backupDir, { verifyOnly: true });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      `表 audit_log：清单 ${manifest.tables.audit_log} 行，数据库中 ${manifest.tables.audit_log! - 1} 行。`,
      `数据文件 ${victim.path}：缺失。`,
      expect.stringContaining(`审计日志第 ${manifest.audit.last_seq} 条记录异常（head_mismatch`),
    ]);
  });
});
