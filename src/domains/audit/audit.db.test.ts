import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { seedDemo } from "../../demo/seed";
import { systemActor } from "../../deps";
import { recordAudit, verifyAuditChain } from "./audit.service";

const run = promisify(execFile);

async function cliVerify(url: string): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, ["bin/gongkai.mjs", "audit", "verify"], {
      env: { ...process.env, GONGKAI_DATABASE_URL: url, NODE_ENV: "test" },
    });
    return { code: 0, out: r.stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
}

describeEachDialect("audit log hash chain", (ctx) => {
  beforeAll(async () => {
    await seedDemo(ctx.deps, systemActor("test"));
  });

  it("is intact after the demo seed, and the CLI exits 0", async () => {
    const r = await verifyAuditChain(ctx.deps);
    expect(r.ok).toBe(true);
    expect(r.entries).toBeGreaterThan(30);
    const cli = await cliVerify(ctx.testDb.url);
    expect(cli.code).toBe(0);
    expect(cli.out).toContain("哈希链校验通过");
  });

  it("keeps appending under concurrent writers without forking the chain", async () => {
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
    expect((await verifyAuditChain(ctx.deps)).ok).toBe(true);
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
    const cli = await cliVerify(ctx.testDb.url);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain("第 7 条");
    await db.updateTable("audit_log").set({ summary: original.summary }).where("seq", "=", 7).execute();
    expect((await verifyAuditChain(ctx.deps)).ok).toBe(true);
  });

  it("detects a changed actor or time, a deleted row, an inserted row and a deleted tail", async () => {
    const db = ctx.deps.db.kysely;
    const row = await db.selectFrom("audit_log").selectAll().where("seq", "=", 5).executeTakeFirstOrThrow();

    await db.updateTable("audit_log").set({ actor_label: "someone else" }).where("seq", "=", 5).execute();
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({ ok: false, seq: 5 });
    await db.updateTable("audit_log").set({ actor_label: row.actor_label }).where("seq", "=", 5).execute();

    await db.deleteFrom("audit_log").where("seq", "=", 5).execute();
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({ ok: false, seq: 5, problem: "gap" });
    await db
      .insertInto("audit_log")
      .values({ ...row, seq: Number(row.seq) })
      .execute();
    expect((await verifyAuditChain(ctx.deps)).ok).toBe(true);

    // An inserted row renumbering nothing: a forged entry appended after the head.
    const head = await db
      .selectFrom("audit_head")
      .select(["last_seq", "last_hash"])
      .executeTakeFirstOrThrow();
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

    // Deleting the newest entry leaves a consistent-looking chain; the head catches it.
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
    await sql`select 1`.execute(db);
  });
});
