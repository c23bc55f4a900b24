import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { type DialectContext, describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import type { AppInstance } from "../../web/types";
import { auditBindingOf } from "./audit.binding";
import { auditCheckForPage, runFullAuditCheck } from "./audit.check";
import { recordAudit } from "./index";

// The audit page's chain check (audit.check.ts): a full walk at most every ten minutes, in between only the
// entries appended since, and a failure shown until a full walk that started after it passes.

async function append(ctx: DialectContext, n: number): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < n; i++)
    await ctx.deps.db.kysely.transaction().execute(async (trx) => {
      await recordAudit(trx, ctx.deps.clock, systemActor("test"), {
        action: "test.append",
        entityType: "test",
        summary: { note: `第${i}条` },
      });
      const head = await trx.selectFrom("audit_head").select("last_seq").executeTakeFirstOrThrow();
      seqs.push(Number(head.last_seq));
    });
  await auditBindingOf(ctx.deps.db.kysely).anchor.flush();
  return seqs;
}

async function tamper(ctx: DialectContext, seq: number): Promise<() => Promise<void>> {
  const db = ctx.deps.db.kysely;
  const row = await db
    .selectFrom("audit_log")
    .select("summary")
    .where("seq", "=", seq)
    .executeTakeFirstOrThrow();
  await db.updateTable("audit_log").set({ summary: '{"tampered":true}' }).where("seq", "=", seq).execute();
  return async () => {
    await db.updateTable("audit_log").set({ summary: row.summary }).where("seq", "=", seq).execute();
  };
}

describeEachDialect("audit page chain check", (ctx) => {
  let app: AppInstance;
  let office: Session;
  const notice = async () => {
    const res = await office.get("/admin/audit?entity_type=test");
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    office = new Session(app);
    await office.login("demo-office", DEMO_PASSWORD);
    await auditBindingOf(ctx.deps.db.kysely).anchor.flush();
  });
  afterAll(async () => app?.close());

  it("after a full check, a view hashes only the entries appended since and shows 通过 with the check's time", async () => {
    const full = await runFullAuditCheck(ctx.deps);
    expect(full.ok).toBe(true);
    // Catch up with anything the login appended, then count exactly the new ones.
    expect(await auditCheckForPage(ctx.deps)).toMatchObject({ state: "done", mode: "incremental" });
    await append(ctx, 5);
    const first = await auditCheckForPage(ctx.deps);
    expect(first).toMatchObject({ state: "done", mode: "incremental", walked: 5, result: { ok: true } });
    expect(await auditCheckForPage(ctx.deps)).toMatchObject({ walked: 0, result: { ok: true } });
    expect(full.ok && full.entries).toBeGreaterThan(5);
    const body = await notice();
    expect(body).toContain("哈希链校验通过");
    expect(body).toMatch(/最近一次完整校验始于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(body).toContain("此后新增的记录已在本次查看时逐条校验");
  });

  it("finds an entry tampered with after the remembered one on the next view, and shows it until a full check passes", async () => {
    await auditCheckForPage(ctx.deps);
    const [, second] = await append(ctx, 3);
    const undo = await tamper(ctx, second!);
    const body = await notice();
    expect(body).toContain(`哈希链校验失败：第 ${second} 条记录异常`);
    await undo();
    // Put right, but only a full check that started after the failure clears it.
    expect(await notice()).toContain(`哈希链校验失败：第 ${second} 条记录异常`);
    expect((await runFullAuditCheck(ctx.deps)).ok).toBe(true);
    expect(await notice()).toContain("哈希链校验通过");
  });

  it("finds an entry tampered with before the remembered one at the next full check, then shows the failure", async () => {
    await append(ctx, 2);
    expect(await auditCheckForPage(ctx.deps)).toMatchObject({ mode: "incremental", result: { ok: true } });
    const undo = await tamper(ctx, 5);
    // Between full checks a view re-hashes only new entries: this edit waits for the next full check.
    expect(await auditCheckForPage(ctx.deps)).toMatchObject({ mode: "incremental", result: { ok: true } });
    // The window has passed: the view starts a full check in the background and shows the last result.
    const stale = await auditCheckForPage(ctx.deps, { freshMs: 0 });
    expect(stale).toMatchObject({
      state: "done",
      mode: "remembered",
      refreshing: true,
      result: { ok: true },
    });
    expect(await runFullAuditCheck(ctx.deps)).toMatchObject({ ok: false, seq: 5, problem: "hash_mismatch" });
    const body = await notice();
    expect(body).toContain("哈希链校验失败：第 5 条记录异常");
    expect(body).toContain("最近一次完整校验始于");
    await undo();
    // Still shown: no full check has passed since.
    expect(await notice()).toContain("哈希链校验失败：第 5 条记录异常");
    expect((await runFullAuditCheck(ctx.deps)).ok).toBe(true);
    expect(await notice()).toContain("哈希链校验通过");
  });

  it("finds the remembered entry itself rewritten (its hash changed) on the next view", async () => {
    const db = ctx.deps.db.kysely;
    await append(ctx, 1);
    expect(await auditCheckForPage(ctx.deps)).toMatchObject({ mode: "incremental", result: { ok: true } });
    const head = await db
      .selectFrom("audit_head")
      .select(["last_seq", "last_hash"])
      .executeTakeFirstOrThrow();
    const seq = Number(head.last_seq);
    const forged = "f".repeat(64);
    await db.updateTable("audit_log").set({ hash: forged }).where("seq", "=", seq).execute();
    await db.updateTable("audit_head").set({ last_hash: forged }).execute();
    expect(await auditCheckForPage(ctx.deps)).toMatchObject({
      result: { ok: false, seq, problem: "hash_mismatch" },
    });
    await db.updateTable("audit_log").set({ hash: head.last_hash }).where("seq", "=", seq).execute();
    await db.updateTable("audit_head").set({ last_hash: head.last_hash }).execute();
    expect((await runFullAuditCheck(ctx.deps)).ok).toBe(true);
    expect(await notice()).toContain("哈希链校验通过");
  });

  it("runs one full check at a time per database", async () => {
    const a = runFullAuditCheck(ctx.deps);
    const b = runFullAuditCheck(ctx.deps);
    expect(a).toBe(b);
    expect((await a).ok).toBe(true);
    const c = runFullAuditCheck(ctx.deps);
    expect(c).not.toBe(a);
    await c;
  });
});
