import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb, testConfig, testDataDir, testDialects } from "../../test/helpers/db";
import { type ServeProcess, startServe } from "../../test/helpers/serve";
import { REMINDER_HOUR } from "../cli/mail";
import { seedDemo } from "../demo/seed";
import { createDeps, type Deps, systemActor } from "../deps";
import { createApiToken } from "../domains/accounts";
import { loadCalendar } from "../domains/calendar";
import { shanghaiDateOf } from "../platform/time";

// Issue 19 part 2, as deployed: two `gongkai serve` processes (NODE_ENV=production, their own ports, the same
// PostgreSQL database, data folder and secret key; docs/instances.md) with their real timers. A withdrawal on
// one is gone from the other's cached page at once (LISTEN/NOTIFY); a publication scheduled on one is published
// once, by whichever process claims the 30-second slot; the daily 防篡改 seal (a minute after start) and the
// daily jobs of the mail workers (at the first 30-second tick, on a working day from 08:00 Shanghai time) run on
// one process only. src/web/instances.db.test.ts shows the same with two apps in one process, on both engines;
// SQLite stays one process (docs/instances.md), so this runs where PostgreSQL is selected.

const DAILY = [
  "handler-reminders",
  "message-reminders",
  "consultation-daily",
  "message-statistics",
  "site-health",
  "opinion-scan",
  "normative-alerts",
];
/** startScheduledJobs: the seal runs a minute after start; publishing and the mail worker every 30 s. */
const SEAL_AFTER_MS = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until it returns a value other than undefined, or gives up after `ms`. */
async function until<T>(what: string, ms: number, check: () => Promise<T | undefined>, everyMs = 200) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms / 1000} s`);
    await sleep(everyMs);
  }
}

describe.runIf(testDialects().includes("postgres"))(
  "[postgres] two gongkai serve processes on one database",
  () => {
    let testDb: TestDb;
    let deps: Deps;
    let a: ServeProcess;
    let b: ServeProcess;
    /** When the later of the two answered /healthz: both had started their timers by then. */
    let bothUp = 0;
    const tokens: Record<string, string> = {};

    beforeAll(async () => {
      testDb = await createTestDb("postgres");
      deps = createDeps(testConfig(testDb.url), { db: testDb.db });
      await seedDemo(deps, systemActor("test"));
      for (const name of ["demo-clerk", "demo-reviewer", "demo-signer"])
        tokens[name] = await createApiToken(deps, systemActor("test"), name, "instances");
      const env = {
        NODE_ENV: "production",
        GONGKAI_DATABASE_URL: testDb.url,
        // One data folder for both, as on a shared disk; the key the test's own deps use (testConfig).
        GONGKAI_DATA_DIR: testDataDir(testDb.url),
        GONGKAI_SECRET_KEY: deps.config.secretKey.toString("hex"),
        // The sources under test, as every other test here runs them (not a dist/ build that may be older).
        GONGKAI_RUNTIME: "tsx",
      };
      [a, b] = await Promise.all([startServe(env, "instance A"), startServe(env, "instance B")]);
      bothUp = Date.now();
    }, 300_000);

    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await testDb?.destroy();
    }, 30_000);

    const api = async (on: ServeProcess, who: string, path: string, body: unknown) => {
      const res = await fetch(`${on.base}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      expect(res.status, `${who} POST ${path}: ${text}`).toBeLessThan(300);
      return JSON.parse(text) as { id: string; status: string };
    };
    const page = async (on: ServeProcess, path: string) => {
      const res = await fetch(`${on.base}${path}`);
      return { status: res.status, body: await res.text() };
    };
    /** Request lines `on` logged for `path`: the fast path's (`fast-…` ids) answer from the page cache. */
    const requests = (on: ServeProcess, path: string) =>
      on.logLines().filter((l) => l.msg === "request" && l.url === path);
    const instanceOf = (claimedBy: string) =>
      claimedBy.includes(`-${a.pid}-`) ? "A" : claimedBy.includes(`-${b.pid}-`) ? "B" : claimedBy;

    it("a withdrawal on A is gone from B's cached page at once", async () => {
      const list = await page(b, "/gk/list");
      const path = /href="(\/gk\/items\/[^"/?]+)"/.exec(list.body)![1]!;
      const id = path.split("/").pop()!;
      const first = await page(b, path);
      expect(first.status).toBe(200);
      const cached = await page(b, path);
      expect(cached.body).toBe(first.body);
      // B answered the second request from its page cache.
      await until(
        "B's request line",
        5_000,
        async () => requests(b, path).some((l) => String(l.reqId).startsWith("fast-")) || undefined,
      );

      await api(a, "demo-signer", `/api/v1/items/${id}/actions`, {
        action: "withdraw",
        note: "内容有误，修改后重新发布",
      });
      const t0 = performance.now();
      const after = await until(
        "B's page to change",
        3_000,
        async () => {
          const p = await page(b, path);
          return p.body !== cached.body ? p : undefined;
        },
        5,
      );
      console.log(`withdrawn on A, changed on B after ${(performance.now() - t0).toFixed(0)} ms`);
      expect(after.body).not.toContain(">内容有误<");
      expect(requests(a, path)).toEqual([]); // A never rendered it: B's change came from the database
    });

    it("a publication scheduled on B is published once, by whichever instance claims the slot", async () => {
      const title = "关于固阳县2026年冬季供热保障工作的通知";
      const item = await api(a, "demo-clerk", "/api/v1/items", {
        title,
        body: "各供热企业要落实保供责任，确保居民室温不低于18摄氏度。",
        kind: "notice",
      });
      const path = `/gk/items/${item.id}`;
      expect((await page(b, path)).status).toBe(404);
      await api(a, "demo-clerk", `/api/v1/items/${item.id}/actions`, { action: "submit" });
      await api(b, "demo-reviewer", `/api/v1/items/${item.id}/actions`, { action: "approve" });
      await api(a, "demo-signer", `/api/v1/items/${item.id}/actions`, { action: "sign" });
      const at = new Date(Date.now() + 1_000).toISOString();
      const scheduled = await api(b, "demo-signer", `/api/v1/items/${item.id}/actions`, {
        action: "publish",
        at,
      });
      expect(scheduled.status).toBe("scheduled");

      // Both instances tick every 30 s from their start: one of the next two slots publishes it.
      const db = testDb.db.kysely;
      await until("the scheduled publication", 75_000, async () => {
        const r = await db.selectFrom("items").select("status").where("id", "=", item.id).executeTakeFirst();
        return r?.status === "published" ? true : undefined;
      });
      for (const on of [a, b]) {
        const p = await page(on, path);
        expect(p.status).toBe(200);
        expect(p.body).toContain(title);
      }
      // The signer's step (to "scheduled") and the publication itself, once: by the scheduler, on one instance.
      const steps = await db
        .selectFrom("item_events")
        .select(["to_status", "actor_label"])
        .where("item_id", "=", item.id)
        .where("action", "=", "publish")
        .orderBy("at")
        .execute();
      expect(steps).toEqual([
        { to_status: "scheduled", actor_label: expect.stringContaining("demo-signer") },
        { to_status: "published", actor_label: "定时发布" },
      ]);
      const audit = await db
        .selectFrom("audit_log")
        .select("actor_label")
        .where("entity_id", "=", item.id)
        .where("action", "=", "item.publish")
        .orderBy("seq")
        .execute();
      expect(audit.map((r) => r.actor_label)).toEqual([expect.stringContaining("demo-signer"), "定时发布"]);
      // Each slot was claimed by one of the two (job_runs' key: one row per slot).
      const slots = await db
        .selectFrom("job_runs")
        .select(["period", "instance"])
        .where("name", "=", "scheduled-publishing")
        .execute();
      expect(slots.length).toBeGreaterThan(0);
      for (const s of slots) expect(["A", "B"]).toContain(instanceOf(s.instance));
      console.log(
        `slots claimed: ${slots.map((s) => `${s.period.slice(11, 19)} ${instanceOf(s.instance)}`)}`,
      );
    }, 120_000);

    it("the daily seal and each daily job run on one instance only", async () => {
      const db = testDb.db.kysely;
      // Both seal timers have fired (a minute after each start, before /healthz answered), and the run is done.
      await sleep(Math.max(0, bothUp + SEAL_AFTER_MS + 2_000 - Date.now()));
      const today = shanghaiDateOf(new Date());
      const seal = await until("the daily seal's claim", 30_000, async () => {
        const rows = await db
          .selectFrom("job_runs")
          .select("instance")
          .where("name", "=", "integrity-seal")
          .where("period", "=", today)
          .execute();
        return rows.length ? rows : undefined;
      });
      expect(seal.map((r) => instanceOf(r.instance))).toEqual([expect.stringMatching(/^[AB]$/)]);
      // Each finished day is sealed once (an audit entry per site and day).
      const sealed = await db
        .selectFrom("audit_log")
        .select("entity_id")
        .where("action", "=", "integrity.seal")
        .execute();
      expect(new Set(sealed.map((s) => s.entity_id)).size).toBe(sealed.length);

      // The mail workers' daily jobs ran at the first 30-second tick of each instance, if due today (a working
      // day, from 08:00 Shanghai time): each on one instance. Not due, neither instance ran any.
      const hour = (Date.now() / 3_600_000 + 8) % 24;
      const due = hour >= REMINDER_HOUR && (await loadCalendar(deps)).isWorkingDay(today);
      const ran = () => [...a.logLines(), ...b.logLines()].filter((l) => l.msg === "daily job ran");
      if (due)
        await until(
          "every daily job",
          60_000,
          async () => DAILY.every((job) => ran().some((l) => l.job === job)) || undefined,
        ).catch((e) => {
          const failed = [...a.logLines(), ...b.logLines()].filter((l) => l.msg === "daily job failed");
          throw new Error(`${e}: ${JSON.stringify(failed).slice(0, 2000)}`);
        });
      const claims = await db
        .selectFrom("job_runs")
        .select(["name", "instance"])
        .where("name", "like", "daily:%")
        .where("period", "=", today)
        .execute();
      for (const job of DAILY) {
        expect(ran().filter((l) => l.job === job).length, job).toBe(due ? 1 : 0);
        expect(claims.filter((c) => c.name === `daily:${job}`).length, job).toBe(due ? 1 : 0);
      }
      console.log(
        `seal by ${instanceOf(seal[0]!.instance)}; daily jobs ${due ? "due" : "not due"} today: ` +
          `${claims.map((c) => `${c.name} ${instanceOf(c.instance)}`).join(", ") || "none"}`,
      );
    }, 120_000);
  },
);
