import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { seedTestDemo } from "../../../test/helpers/demo-template";
import { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { fixedClock } from "../../platform/time";
import { actorOf, type CurrentUser, findCurrentUser } from "../accounts";
import { acknowledgeAlert } from "./integrity.alerts";
import * as repo from "./integrity.repo";

// Monday 2 March 2026, 10:00 in Shanghai.
const clock = fixedClock("2026-03-02T02:00:00Z");

// Two people acknowledging the same alert at once (two tabs, the office and an administrator). On PostgreSQL
// the two run on two pooled connections; the step loads the alert with its lock inside its transaction, so the
// second waits, then finds it acknowledged and is told when.
describeEachDialect(
  "integrity alerts acknowledged twice at once",
  (ctx) => {
    const u: Record<string, CurrentUser> = {};
    let siteId = "";
    beforeAll(async () => {
      await seedTestDemo(ctx);
      for (const name of ["demo-office", "demo-admin"]) u[name] = (await findCurrentUser(ctx.deps, name))!;
      siteId = u["demo-office"]!.siteId;
    });

    const openAlert = async () => {
      const id = newId();
      await repo.insertAlert(ctx.deps.db.kysely, {
        id,
        site_id: siteId,
        detected_at: clock.now().toISOString(),
        fingerprint: `race-${id}`,
        differences: "[]",
        difference_count: 1,
        status: "open",
        acknowledged_by: null,
        acknowledged_at: null,
        note: null,
      });
      return id;
    };
    const ack = (who: string, id: string) =>
      acknowledgeAlert(ctx.deps, u[who]!, actorOf(u[who]!), id, `${who} 已处理`);
    // Several pooled connections open first (PostgreSQL), so neither attempt waits for a new one while the
    // other runs to completion: the race is real, not sequential by accident.
    const warmPool = () =>
      Promise.all(
        Array.from({ length: 4 }, () =>
          ctx.deps.db.kysely.selectFrom("sites").select("id").limit(1).execute(),
        ),
      );

    it("one acknowledgement wins, the other gets a 409 saying when, and one audit entry is written", async () => {
      const id = await openAlert();
      await warmPool();
      const results = await Promise.allSettled([ack("demo-office", id), ack("demo-admin", id)]);
      const outcomes = results.map((r) => {
        if (r.status === "fulfilled") return "200";
        if (r.reason instanceof AppError) return `${r.reason.status} ${r.reason.code}`;
        throw r.reason;
      });
      expect(outcomes.sort()).toEqual(["200", "409 integrity_alert_acknowledged"]);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((refused.reason as AppError).message).toBe("该告警已于 2026-03-02 10:00 被确认，无需再次确认。");

      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["action", "actor_id"])
        .where("entity_id", "=", id)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.action).toBe("integrity.acknowledge");
      const row = await repo.findAlert(ctx.deps.db.kysely, id);
      expect(row).toMatchObject({ status: "acknowledged", acknowledged_at: clock.now().toISOString() });
      // The winner is the one recorded, in the alert and in the audit.
      expect(row!.acknowledged_by).toBe(audit[0]!.actor_id);
      expect(row!.note).toBe(
        row!.acknowledged_by === u["demo-office"]!.id ? "demo-office 已处理" : "demo-admin 已处理",
      );
    });

    it("an alert that does not exist is a 404, and a later acknowledgement a 409", async () => {
      await expect(ack("demo-office", "no-such-alert")).rejects.toMatchObject({
        status: 404,
        code: "integrity_alert_not_found",
      });
      const id = await openAlert();
      await ack("demo-admin", id);
      await expect(ack("demo-office", id)).rejects.toMatchObject({
        status: 409,
        code: "integrity_alert_acknowledged",
      });
    });
  },
  { clock },
);
