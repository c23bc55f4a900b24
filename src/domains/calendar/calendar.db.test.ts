import { describe, expect, it } from "vitest";
import type { DialectContext } from "../../../test/helpers/db";
import { describeEachDialect } from "../../../test/helpers/db";
import { type Actor, systemActor } from "../../deps";
import { bundledNotices, parseNotice } from "../../platform/calendar";
import { AppError } from "../../platform/errors";
import { fixedClock } from "../../platform/time";
import { NOTICE_2027 } from "./calendar.fixtures";
import {
  addClosure,
  appendClockEvent,
  deleteClosure,
  describeImport,
  getClock,
  importCalendarFile,
  listClockChanges,
  listCoveredYears,
  loadCalendar,
  missingNextYearWarning,
  openClock,
} from "./index";

const actor: Actor = systemActor("test");

async function count(
  ctx: DialectContext,
  table: "calendar_notices" | "calendar_closures" | "statutory_clock_changes" | "audit_log",
) {
  const r = await ctx.deps.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const open = (ctx: DialectContext, ownerId: string, on: string, limit = 20) =>
  ctx.deps.db.kysely
    .transaction()
    .execute((trx) =>
      openClock(ctx.deps, trx, { ownerType: "application", ownerId, limit, events: [{ type: "start", on }] }),
    );

async function auditFor(ctx: DialectContext, clockId: string) {
  return ctx.deps.db.kysely
    .selectFrom("audit_log")
    .select(["action", "business_date", "summary", "entity_type"])
    .where("entity_id", "=", clockId)
    .orderBy("seq")
    .execute();
}

describeEachDialect(
  "calendar service: notices, closures and recomputed clocks",
  (ctx) => {
    it("a closure moves an open deadline, logs the change and audits it; withdrawing it moves it back", async () => {
      const clock = await open(ctx, "app-1", "2024-09-27");
      expect(clock).toMatchObject({ dueOn: "2024-10-30", status: "open", problem: null });
      expect(clock.explanation).toContain("国庆节 10月1日至7日 休息");

      const added = await addClosure(ctx.deps, actor, {
        from: "2024-10-14",
        to: "2024-10-15",
        reason: "台风",
      });
      expect(added.recomputed).toMatchObject({
        checked: 1,
        changed: [{ clock_id: clock.id, old_due_on: "2024-10-30", new_due_on: "2024-11-01" }],
        failed: [],
      });
      const after = await getClock(ctx.deps, clock.id);
      expect(after?.dueOn).toBe("2024-11-01");
      expect(after?.explanation).toContain("本县停止办公 10月14日至15日（台风）");

      const changes = await listClockChanges(ctx.deps, { clockId: clock.id });
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({
        cause: "calendar",
        old_due_on: "2024-10-30",
        new_due_on: "2024-11-01",
      });
      expect(changes[0]!.reason).toContain("台风");

      const audit = await auditFor(ctx, clock.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: "clock.recompute",
        business_date: "2024-11-01",
        entity_type: "statutory_clock",
      });
      expect(JSON.parse(audit[0]!.summary)).toMatchObject({
        owner_type: "application",
        owner_id: "app-1",
        old_due_on: "2024-10-30",
        new_due_on: "2024-11-01",
      });

      // The cached calendar was invalidated: 10/14 is now a day off.
      expect((await loadCalendar(ctx.deps)).dayInfo("2024-10-14")).toMatchObject({
        working: false,
        kind: "closure",
        name: "台风",
      });

      const removed = await deleteClosure(ctx.deps, actor, added.closure.id);
      expect(removed.recomputed.changed).toEqual([expect.objectContaining({ new_due_on: "2024-10-30" })]);
      expect((await getClock(ctx.deps, clock.id))?.dueOn).toBe("2024-10-30");
      expect((await loadCalendar(ctx.deps)).isWorkingDay("2024-10-14")).toBe(true);
      await expect(deleteClosure(ctx.deps, actor, added.closure.id)).rejects.toMatchObject({
        code: "closure_not_found",
      });
    });

    it("importing a year's notice over the bundled data recomputes deadlines; replacing it again is audited", async () => {
      const clock = await open(ctx, "app-2", "2024-09-27");
      const base = bundledNotices().get(2024)!;
      // Suppose the county had entered an extra day off on 10/8.
      const amended = {
        ...base,
        document_number: "国办发明电〔2023〕7号",
        days: [...base.days, { date: "2024-10-08", off: true, name: "国庆节" }],
      };
      const r = await importCalendarFile(ctx.deps, actor, amended);
      expect(r.kind === "notice" && r.replaced).toBe(false);
      // Both open clocks (this one and the first test's) received on 9/27 move by the extra day.
      expect(r.recomputed.changed.find((c) => c.clock_id === clock.id)).toMatchObject({
        old_due_on: "2024-10-30",
        new_due_on: "2024-10-31",
      });
      expect(r.recomputed.changed).toHaveLength(2);
      expect(describeImport(r)).toMatch(
        /^已导入2024年节假日安排（国办发明电〔2023〕7号）.*其中 2 个期限变更。$/,
      );
      expect((await getClock(ctx.deps, clock.id))?.dueOn).toBe("2024-10-31");
      expect((await listCoveredYears(ctx.deps)).find((y) => y.year === 2024)).toMatchObject({
        source: "notice",
        document_number: "国办发明电〔2023〕7号",
      });

      const again = await importCalendarFile(ctx.deps, actor, {
        ...base,
        document_number: "国办发明电〔2023〕7号",
      });
      expect(again.kind === "notice" && again.replaced).toBe(true);
      expect(again.recomputed.changed.find((c) => c.clock_id === clock.id)).toMatchObject({
        new_due_on: "2024-10-30",
      });
      const entries = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["action", "summary"])
        .where("entity_type", "=", "calendar_notice")
        .orderBy("seq")
        .execute();
      expect(entries.map((e) => e.action)).toEqual(["calendar.notice.import", "calendar.notice.replace"]);
      expect(JSON.parse(entries[0]!.summary).before).toMatchObject({ source: "package" });
      expect(JSON.parse(entries[1]!.summary)).toMatchObject({
        before: { source: "notice", days_off: base.days.filter((d) => d.off).length + 1 },
        after: { source: "notice", days_off: base.days.filter((d) => d.off).length },
      });
    });

    it("a bad notice is refused with every problem and nothing is stored", async () => {
      const before = await Promise.all(
        (["calendar_notices", "calendar_closures", "statutory_clock_changes", "audit_log"] as const).map(
          (t) => count(ctx, t),
        ),
      );
      const err = await importCalendarFile(ctx.deps, actor, {
        year: 2027,
        days: [
          { date: "2027-01-01", off: true },
          { date: "2026-12-31", off: true },
          { date: "2027-02-10", off: false },
          { date: "2027-02-30", off: true },
        ],
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: "validation_failed", status: 400 });
      expect((err as AppError).details.map((d) => d.code)).toEqual([
        "date_wrong_year",
        "makeup_not_weekend",
        "date_invalid",
      ]);
      const after = await Promise.all(
        (["calendar_notices", "calendar_closures", "statutory_clock_changes", "audit_log"] as const).map(
          (t) => count(ctx, t),
        ),
      );
      expect(after).toEqual(before);
      await expect(
        addClosure(ctx.deps, actor, { from: "2024-08-02", to: "2024-07-30" }),
      ).rejects.toMatchObject({
        code: "validation_failed",
        details: [
          expect.objectContaining({ code: "reason_missing" }),
          expect.objectContaining({ code: "range_reversed" }),
        ],
      });
    });

    it("appending events recomputes the clock and logs event-driven changes; impossible histories are refused", async () => {
      const clock = await open(ctx, "app-3", "2024-09-27");
      const extended = await ctx.deps.db.kysely
        .transaction()
        .execute((trx) =>
          appendClockEvent(ctx.deps, trx, clock.id, { type: "extend", on: "2024-10-20", days: 20 }),
        );
      expect(extended.dueOn).toBe("2024-11-27");
      expect(extended.events).toHaveLength(2);
      const stopped = await ctx.deps.db.kysely
        .transaction()
        .execute((trx) => appendClockEvent(ctx.deps, trx, clock.id, { type: "stop", on: "2024-11-01" }));
      expect(stopped.status).toBe("stopped");
      await expect(
        ctx.deps.db.kysely
          .transaction()
          .execute((trx) =>
            appendClockEvent(ctx.deps, trx, clock.id, { type: "extend", on: "2024-11-02", days: 5 }),
          ),
      ).rejects.toMatchObject({ code: "clock_after_stop" });
      expect((await getClock(ctx.deps, clock.id))?.events).toHaveLength(3);
      const changes = await listClockChanges(ctx.deps, { clockId: clock.id, cause: "event" });
      expect(changes.map((c) => [c.old_due_on, c.new_due_on])).toEqual([["2024-10-30", "2024-11-27"]]);
      await expect(open(ctx, "app-3", "2024-09-27")).rejects.toMatchObject({ code: "clock_exists" });
    });
  },
  { clock: fixedClock("2024-09-30T02:00:00Z") },
);

const clock2026 = fixedClock("2026-10-31T02:00:00Z");

describeEachDialect(
  "calendar service: crossing into a year without a notice",
  (ctx) => {
    it("warns from 1 November that next year's notice is missing", async () => {
      expect(await missingNextYearWarning(ctx.deps)).toBeUndefined();
      clock2026.set("2026-11-01T02:00:00Z");
      expect(await missingNextYearWarning(ctx.deps)).toMatchObject({ year: 2027 });
      expect((await missingNextYearWarning(ctx.deps))!.message).toContain("2027年");
    });

    it("a clock that runs into 2027 gets a provisional due date (audited); the notice makes it final (audited)", async () => {
      clock2026.set("2026-12-21T02:00:00Z");
      const pending = await open(ctx, "app-2027", "2026-12-20");
      // 12/21-25 (5), 12/28-31 (9), 1/1 statutory holiday, 1/4-8 (14), 1/11-15 (19), 1/18 (20).
      expect(pending).toMatchObject({
        dueOn: "2027-01-18",
        status: "open",
        problem: null,
        provisional: true,
      });
      expect(pending.explanation).toContain("暂定：2027年节假日安排尚未发布，按法定节假日暂定");
      expect(pending.explanation).not.toContain("无法计算");
      expect((await auditFor(ctx, pending.id)).map((a) => a.action)).toEqual(["clock.provisional"]);

      // A closure recomputes it: still provisional, one working day later.
      const r = await addClosure(ctx.deps, actor, { date: "2026-12-24", reason: "停电" });
      expect(r.recomputed.failed).toEqual([]);
      expect(await getClock(ctx.deps, pending.id)).toMatchObject({ dueOn: "2027-01-19", provisional: true });

      const imported = await importCalendarFile(ctx.deps, actor, NOTICE_2027);
      expect(imported.recomputed.failed).toEqual([]);
      const done = await getClock(ctx.deps, pending.id);
      // The test notice has the same 1 January off: the date stays, the 暂定 mark goes, and that is logged.
      expect(done).toMatchObject({ dueOn: "2027-01-19", problem: null, provisional: false });
      expect(done!.explanation).toContain("元旦 1月1日 休息");
      expect(done!.explanation).not.toContain("暂定");
      const audit = await auditFor(ctx, pending.id);
      expect(audit.map((a) => a.action)).toEqual(["clock.provisional", "clock.recompute", "clock.recompute"]);
      expect(JSON.parse(audit[2]!.summary)).toMatchObject({
        old_due_on: "2027-01-19",
        new_due_on: "2027-01-19",
        old_provisional: true,
        new_provisional: false,
      });
      expect(await missingNextYearWarning(ctx.deps, "2026-11-15")).toBeUndefined();
    });

    it("beyond the current year + 2 a year without a notice still waits without a due date", async () => {
      clock2026.set("2026-12-21T02:00:00Z");
      const far = await open(ctx, "app-2029", "2028-12-20");
      expect(far).toMatchObject({ dueOn: null, status: "open", provisional: false });
      expect(far.problem).toContain("2029年");
      const cal = await loadCalendar(ctx.deps);
      expect(cal.isProvisional(2028)).toBe(true);
      expect(cal.isProvisional(2029)).toBe(false);
      expect(cal.isProvisional(2024)).toBe(false);
    });
  },
  { clock: clock2026 },
);

describe("NOTICE_2027 fixture", () => {
  it("is a valid notice", () => {
    expect(parseNotice(NOTICE_2027).ok).toBe(true);
  });
});
