import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import pino from "pino";
import { beforeAll, expect, it } from "vitest";
import {
  createTestDb,
  type DialectContext,
  describeEachDialect,
  testConfig,
  testDialects,
} from "../../../test/helpers/db";
import { seedTestDemo } from "../../../test/helpers/demo-template";
import { createDeps, systemActor } from "../../deps";
import { headFilePath } from "./audit.anchor";
import { auditBindingOf } from "./audit.binding";
import { keyedHash, legacyHash } from "./audit.chain";
import { anchorAuditHead, listAudit, recordAudit, verifyAuditChain } from "./index";

const run = promisify(execFile);

async function cliVerify(ctx: DialectContext): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, ["bin/gongkai.mjs", "audit", "verify"], {
      env: {
        ...process.env,
        GONGKAI_DATABASE_URL: ctx.testDb.url,
        GONGKAI_DATA_DIR: ctx.deps.config.dataDir,
        GONGKAI_SECRET_KEY: ctx.deps.config.secretKey.toString("hex"),
        NODE_ENV: "test",
      },
    });
    return { code: 0, out: r.stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
}

async function append(ctx: DialectContext, n: number, action = "test.append"): Promise<void> {
  for (let i = 0; i < n; i++)
    await ctx.deps.db.kysely
      .transaction()
      .execute((trx) =>
        recordAudit(trx, ctx.deps.clock, systemActor("test"), { action, entityType: "test" }),
      );
  await auditBindingOf(ctx.deps.db.kysely).anchor.flush();
}

const allRows = (ctx: DialectContext) =>
  ctx.deps.db.kysely.selectFrom("audit_log").selectAll().orderBy("seq").execute();

async function readHeadRow(ctx: DialectContext) {
  return ctx.deps.db.kysely.selectFrom("audit_head").selectAll().executeTakeFirstOrThrow();
}

/** Puts rows back as they were (a test's tampering undone). */
async function restore(
  ctx: DialectContext,
  rows: Awaited<ReturnType<typeof allRows>>,
  head: { last_seq: number; last_hash: string },
) {
  const db = ctx.deps.db.kysely;
  await db.deleteFrom("audit_log").execute();
  for (const r of rows)
    await db
      .insertInto("audit_log")
      .values({ ...r, seq: Number(r.seq) })
      .execute();
  await db.updateTable("audit_head").set({ last_seq: head.last_seq, last_hash: head.last_hash }).execute();
}

describeEachDialect("audit log hash chain", (ctx) => {
  beforeAll(async () => {
    await seedTestDemo(ctx);
    await auditBindingOf(ctx.deps.db.kysely).anchor.flush();
  });

  it("is intact after the demo seed, keyed from the first entry, anchored outside the database; the CLI exits 0", async () => {
    const r = await verifyAuditChain(ctx.deps);
    expect(r).toMatchObject({ ok: true, keyedFrom: 1 });
    if (!r.ok) return;
    expect(r.entries).toBeGreaterThan(30);
    expect(r.anchor).toEqual({ state: "ok", seq: r.entries });
    const file = JSON.parse(await readFile(headFilePath(ctx.deps.config), "utf8"));
    expect(file).toMatchObject({ seq: r.entries, keyed_from: 1 });
    const cli = await cliVerify(ctx);
    expect(cli.code).toBe(0);
    expect(cli.out).toContain("哈希链校验通过");
    expect(cli.out).toContain(`记至第 ${r.entries} 条，与数据库一致`);
  }, 60_000);

  it("keeps appending under concurrent writers without forking the chain, and the head file follows", async () => {
    const db = ctx.deps.db.kysely;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute((trx) =>
          recordAudit(trx, ctx.deps.clock, systemActor("test"), {
            action: "test.concurrent",
            entityType: "test",
            summary: { i },
          }),
        ),
      ),
    );
    await auditBindingOf(db).anchor.flush();
    const r = await verifyAuditChain(ctx.deps);
    expect(r.ok).toBe(true);
    const head = await readHeadRow(ctx);
    expect(r).toMatchObject({ anchor: { state: "ok", seq: Number(head.last_seq) } });
  });

  it("names the entry when one row is edited directly in the database, and the CLI exits 1", async () => {
    const db = ctx.deps.db.kysely;
    const original = await db
      .selectFrom("audit_log")
      .select(["summary"])
      .where("seq", "=", 7)
      .executeTakeFirstOrThrow();
    await db.updateTable("audit_log").set({ summary: '{"tampered":true}' }).where("seq", "=", 7).execute();
    const r = await verifyAuditChain(ctx.deps);
    expect(r).toMatchObject({ ok: false, seq: 7, problem: "hash_mismatch" });
    const cli = await cliVerify(ctx);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain("第 7 条");
    await db.updateTable("audit_log").set({ summary: original.summary }).where("seq", "=", 7).execute();
    expect((await verifyAuditChain(ctx.deps)).ok).toBe(true);
  }, 60_000);

  it("detects a changed actor, scope or time, a deleted row, an inserted row and a deleted tail", async () => {
    const db = ctx.deps.db.kysely;
    const row = await db.selectFrom("audit_log").selectAll().where("seq", "=", 5).executeTakeFirstOrThrow();

    await db.updateTable("audit_log").set({ actor_label: "someone else" }).where("seq", "=", 5).execute();
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({ ok: false, seq: 5 });
    await db.updateTable("audit_log").set({ actor_label: row.actor_label }).where("seq", "=", 5).execute();

    // Moving an entry to another site or department (to hide it from its readers) breaks its hash too.
    await db.updateTable("audit_log").set({ org_id: "elsewhere" }).where("seq", "=", 5).execute();
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({ ok: false, seq: 5, problem: "hash_mismatch" });
    await db.updateTable("audit_log").set({ org_id: row.org_id }).where("seq", "=", 5).execute();

    await db.deleteFrom("audit_log").where("seq", "=", 5).execute();
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({ ok: false, seq: 5, problem: "gap" });
    await db
      .insertInto("audit_log")
      .values({ ...row, seq: Number(row.seq) })
      .execute();
    expect((await verifyAuditChain(ctx.deps)).ok).toBe(true);

    // A forged entry appended after the head.
    const head = await readHeadRow(ctx);
    const forged = {
      ...row,
      seq: Number(head.last_seq) + 1,
      prev_hash: head.last_hash,
      hash: "f".repeat(64),
    };
    await db.insertInto("audit_log").values(forged).execute();
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({
      ok: false,
      seq: forged.seq,
      problem: "hash_mismatch",
    });
    await db.deleteFrom("audit_log").where("seq", "=", forged.seq).execute();

    // Deleting the newest entry leaves a consistent-looking chain; the head row catches it.
    const last = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", "=", Number(head.last_seq))
      .executeTakeFirstOrThrow();
    await db.deleteFrom("audit_log").where("seq", "=", last.seq).execute();
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({ ok: false, problem: "head_mismatch" });
    await db
      .insertInto("audit_log")
      .values({ ...last, seq: Number(last.seq) })
      .execute();
    expect((await verifyAuditChain(ctx.deps)).ok).toBe(true);
  });

  it("detects a chain rewritten, head included, by someone without the key (plain SHA-256 or another key)", async () => {
    const db = ctx.deps.db.kysely;
    const rows = await allRows(ctx);
    const head = await readHeadRow(ctx);
    const from = 10;
    for (const hashOf of [
      legacyHash,
      (e: Parameters<typeof legacyHash>[0]) => keyedHash(Buffer.alloc(32, 9), e),
    ]) {
      let prev = rows[from - 2]!.hash;
      for (const r of rows.slice(from - 1)) {
        const summary = Number(r.seq) === from + 2 ? '{"rewritten":true}' : r.summary;
        const hash = hashOf({ ...r, seq: Number(r.seq), summary, prev_hash: prev });
        await db
          .updateTable("audit_log")
          .set({ summary, prev_hash: prev, hash })
          .where("seq", "=", r.seq)
          .execute();
        prev = hash;
      }
      await db.updateTable("audit_head").set({ last_hash: prev }).execute();
      expect(await verifyAuditChain(ctx.deps)).toMatchObject({
        ok: false,
        seq: from,
        problem: "hash_mismatch",
      });
      if (hashOf === legacyHash) {
        const cli = await cliVerify(ctx);
        expect(cli.code).toBe(1);
        expect(cli.out).toContain(`第 ${from} 条`);
      }
      await restore(ctx, rows, { last_seq: Number(head.last_seq), last_hash: head.last_hash });
    }
    expect((await verifyAuditChain(ctx.deps)).ok).toBe(true);
  }, 60_000);

  it("refuses a downgrade: the whole chain redone as unkeyed entries, with or without the seal", async () => {
    const db = ctx.deps.db.kysely;
    const rows = await allRows(ctx);
    const head = await readHeadRow(ctx);
    let prev = "0".repeat(64);
    for (const r of rows) {
      const hash = legacyHash({ ...r, seq: Number(r.seq), prev_hash: prev });
      await db.updateTable("audit_log").set({ prev_hash: prev, hash }).where("seq", "=", r.seq).execute();
      prev = hash;
    }
    await db
      .updateTable("audit_head")
      .set({ last_hash: prev, keyed_from_seq: rows.length + 1, legacy_seal: null })
      .execute();
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({ ok: false, problem: "seal_mismatch" });
    await db
      .updateTable("audit_head")
      .set({ legacy_seal: "a".repeat(64) })
      .execute();
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({ ok: false, problem: "seal_mismatch" });
    await restore(ctx, rows, { last_seq: Number(head.last_seq), last_hash: head.last_hash });
    await db.updateTable("audit_head").set({ keyed_from_seq: 1, legacy_seal: null }).execute();
    expect((await verifyAuditChain(ctx.deps)).ok).toBe(true);
  });

  it("detects a rolled-back database with the head file, keeps the evidence when more is written, and re-anchors on purpose", async () => {
    const db = ctx.deps.db.kysely;
    const before = await readHeadRow(ctx);
    const snapshot = Number(before.last_seq);
    await append(ctx, 3, "test.later");
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({ ok: true, anchor: { seq: snapshot + 3 } });

    // "Restore yesterday's backup": the last three entries and the head go back, consistently.
    await db.deleteFrom("audit_log").where("seq", ">", snapshot).execute();
    await db.updateTable("audit_head").set({ last_seq: snapshot, last_hash: before.last_hash }).execute();
    expect(await verifyAuditChain(ctx.deps, { ignoreHeadFile: true })).toMatchObject({ ok: true });
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({
      ok: false,
      seq: snapshot + 1,
      problem: "rolled_back",
    });
    const cli = await cliVerify(ctx);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`第 ${snapshot + 1} 条`);
    expect(cli.out).toContain("数据库被回退");

    // Writing on past the old head does not wash the evidence away: the file is not overwritten.
    await append(ctx, 5, "test.after-rollback");
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({
      ok: false,
      seq: snapshot + 3,
      problem: "anchor_mismatch",
    });
    await expect(anchorAuditHead(ctx.deps, systemActor("test"))).rejects.toMatchObject({
      code: "audit_head_disagrees",
    });

    // An operator who restored on purpose re-anchors; that is itself recorded.
    const r = await anchorAuditHead(ctx.deps, systemActor("test"), { force: true });
    expect(r.replaced).toMatchObject({ seq: snapshot + 3 });
    const v = await verifyAuditChain(ctx.deps);
    expect(v).toMatchObject({ ok: true, anchor: { state: "ok", seq: snapshot + 6 } });
    const [entry] = await listAudit(ctx.deps, { action: "audit.reanchor" }, 1);
    expect(JSON.parse(entry!.summary).before).toMatchObject({ seq: snapshot + 3 });
  }, 60_000);

  it("reports a missing head file as unanchored, not as intact-and-anchored; a forged file fails", async () => {
    const { rm, writeFile } = await import("node:fs/promises");
    const path = headFilePath(ctx.deps.config);
    const saved = await readFile(path, "utf8");
    await rm(path);
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({ ok: true, anchor: { state: "missing" } });
    const cli = await cliVerify(ctx);
    expect(cli.code).toBe(0);
    expect(cli.out).toContain("未找到库外链头文件");
    const forged = { ...JSON.parse(saved), seq: 1, hash: (await allRows(ctx))[0]!.hash };
    await writeFile(path, JSON.stringify(forged));
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({ ok: false, problem: "anchor_invalid" });
    await writeFile(path, saved);
    expect((await verifyAuditChain(ctx.deps)).ok).toBe(true);
  }, 60_000);
});

for (const dialect of testDialects()) {
  it(`[${dialect}] logs each new audit head when GONGKAI_AUDIT_SYSLOG is set`, async () => {
    const testDb = await createTestDb(dialect);
    const lines: Array<{ msg: string; audit_head?: { seq: number } }> = [];
    const logger = pino({ level: "info" }, { write: (l: string) => void lines.push(JSON.parse(l)) });
    const deps = createDeps(testConfig(testDb.url, { auditSyslog: true }), { db: testDb.db, logger });
    try {
      await append({ deps, testDb, dialect } as DialectContext, 2);
      expect(lines.filter((l) => l.msg === "audit head").at(-1)).toMatchObject({ audit_head: { seq: 2 } });
    } finally {
      await testDb.destroy();
    }
  });
}
