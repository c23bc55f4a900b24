import { afterAll, beforeAll, expect, it } from "vitest";
import { tokenFor } from "../../test/helpers/app";
import { describeEachDialect, testConfig } from "../../test/helpers/db";
import { seedTestDemo } from "../../test/helpers/demo-template";
import { buildApp } from "../app";
import { integrityTick, publishTick, slotOf } from "../cli/schedule";
import { connectDb } from "../db/connect";
import { createDeps, type Deps } from "../deps";
import { startMailWorker } from "../domains/mail/mail.worker";
import { claimJobRun, runClaimed } from "../platform/jobs";
import { fixedClock } from "../platform/time";
import type { AppInstance } from "./types";

// Several `gongkai serve` instances on one database (issue 19 part 2): each holds its own page cache, rate-limit
// client and timers; here two instances are two complete apps on two connections (pools) to the same database,
// sharing nothing in memory. Scheduled jobs run once per period on either engine; on PostgreSQL a publication
// on one instance is at once visible on the other (LISTEN/NOTIFY) and the per-client limits are shared.

const clock = fixedClock("2026-12-07T02:00:05Z"); // 10:00 in Shanghai, a Monday (a working day)

describeEachDialect(
  "several instances on one database",
  (ctx) => {
    let one: AppInstance;
    let two: AppInstance;
    let other: Deps;
    beforeAll(async () => {
      await seedTestDemo(ctx);
      other = createDeps(testConfig(ctx.testDb.url), { db: connectDb(ctx.testDb.url), clock });
      // As shipped but with forms limited to 4 a minute per client, to show the count is shared.
      one = await buildApp(ctx.deps, { rateLimitPerMinute: 4 });
      two = await buildApp(other, { rateLimitPerMinute: 4 });
      await Promise.all([one.ready(), two.ready()]);
      await Promise.all([ctx.deps.db.events?.ready(), other.db.events?.ready()]);
    }, 180_000);
    afterAll(async () => {
      await one?.close();
      await two?.close();
      await other?.db.close();
    });

    it("runs scheduled publishing and the daily seal once per period, whichever instance claims it", async () => {
      const [a, b] = await Promise.all([publishTick(ctx.deps), publishTick(other)]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      // The next slot is claimed afresh.
      clock.advance(30_000);
      const [c, d] = await Promise.all([publishTick(other), publishTick(ctx.deps)]);
      expect([c, d].filter(Boolean)).toHaveLength(1);
      const [e, f] = await Promise.all([integrityTick(ctx.deps), integrityTick(other)]);
      expect([e, f].filter(Boolean)).toHaveLength(1);
      expect(await integrityTick(ctx.deps)).toBe(false);
      expect(slotOf(new Date("2026-12-07T02:00:59.999Z"))).toBe("2026-12-07T02:00:30.000Z");
    });

    it("runs each daily job of the mail workers once across instances, and again after a failure", async () => {
      let runs = 0;
      let failOnce = true;
      const job = {
        name: `test-daily-${ctx.dialect}`,
        hour: 8,
        run: async () => {
          runs++;
          if (failOnce) {
            failOnce = false;
            throw new Error("first attempt fails");
          }
        },
      };
      const w1 = startMailWorker(ctx.deps, { start: false, daily: [job] });
      const w2 = startMailWorker(other, { start: false, daily: [job] });
      // The first run fails and gives its claim back (alone here: an instance ticking at the same moment could
      // rightly take the day over as soon as it is given back).
      await w1.tick();
      expect(runs).toBe(1);
      // Both instances tick at once: exactly one of them claims the day again and runs it.
      await Promise.all([w2.tick(), w1.tick()]);
      expect(runs).toBe(2);
      await Promise.all([w1.tick(), w2.tick()]);
      expect(runs).toBe(2);
      await Promise.all([w1.stop(), w2.stop()]);
    });

    it("claims a period for exactly one of many racing claimants", async () => {
      const at = clock.now();
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          claimJobRun((i % 2 ? other : ctx.deps).db.kysely, "race", "p1", `i${i}`, at),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const r = await runClaimed(
        other.db.kysely,
        { name: "race", period: "p1", instance: "x", at },
        async () => 1,
      );
      expect(r.ran).toBe(false);
    });

    it("shows a publication made on one instance on the other at once (PostgreSQL), and shares client limits", async () => {
      if (ctx.dialect !== "postgres") {
        // SQLite is one process (docs/deployment.md): its instances have no events to share.
        expect(ctx.deps.db.events).toBeUndefined();
        return;
      }
      const signer = await tokenFor(ctx, "demo-signer");
      const list = await two.inject("/gk/list");
      const itemPath = /href="(\/gk\/items\/[^"/?]+)"/.exec(list.body)![1]!;
      const itemId = itemPath.split("/").pop()!;
      const cached = await two.inject(itemPath);
      expect(cached.statusCode).toBe(200);
      // Withdrawn on instance one.
      const res = await one.inject({
        method: "POST",
        url: `/api/v1/items/${itemId}/actions`,
        headers: { authorization: `Bearer ${signer}` },
        payload: { action: "withdraw", note: "内容有误，修改后重新发布" },
      });
      expect(res.statusCode, res.body).toBe(200);
      // Instance two's cached page goes as soon as the notification arrives (a few milliseconds).
      let after = await two.inject(itemPath);
      for (let i = 0; i < 50 && after.body === cached.body; i++) {
        await new Promise((r) => setTimeout(r, 20));
        after = await two.inject(itemPath);
      }
      expect(after.body).not.toBe(cached.body);

      // The county's own wording changed on instance one shows on instance two's cached home page too: the
      // overrides it renders from go with its pages.
      const office = await tokenFor(ctx, "demo-office");
      expect((await two.inject("/")).body).toContain("互动交流");
      const put = await one.inject({
        method: "PUT",
        url: "/api/v1/translations/zh-CN/nav.interaction",
        headers: { authorization: `Bearer ${office}` },
        payload: { text: "政民互动" },
      });
      expect(put.statusCode, put.body).toBe(200);
      let home = await two.inject("/");
      for (let i = 0; i < 50 && !home.body.includes("政民互动"); i++) {
        await new Promise((r) => setTimeout(r, 20));
        home = await two.inject("/");
      }
      expect(home.body).toContain("政民互动");

      // Forms: 4 a minute per client across both instances, not 4 on each.
      const post = (app: AppInstance) =>
        app.inject({
          method: "POST",
          url: "/hd/no-such-form",
          remoteAddress: "198.51.100.23",
          payload: "a=1",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await post(i % 2 ? two : one)).statusCode);
      expect(codes.slice(0, 4).every((c) => c !== 429)).toBe(true);
      expect(codes.slice(4)).toEqual([429, 429]);
    });
  },
  { clock },
);
