import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { seedTestDemo } from "../../../test/helpers/demo-template";
import { AppError } from "../../platform/errors";
import { fixedClock } from "../../platform/time";
import { type CurrentUser, findCurrentUser } from "../accounts";
import { getClockByOwner, loadCalendar } from "../calendar";
import { intakeApplication, submitOnline } from "./applications.service";
import { performApplicationAction } from "./applications.workflow";

// Issue 10, defect 4: the same step sent twice at once. Every step that counts days, moves a deadline or
// closes the count must happen once: two extensions never add up past the legal 20 working days.
const clock = fixedClock("2025-03-20T02:00:00Z");

const applicant = {
  type: "natural",
  name: "赵并发",
  id_type: "resident_id",
  id_number: "110101199003074514",
  phone: "13812345678",
  email: "zbf@example.com",
  address: "固阳县金山镇",
} as const;

describeEachDialect(
  "application steps sent twice at once",
  (ctx) => {
    let office: CurrentUser;
    beforeAll(async () => {
      await seedTestDemo(ctx);
      office = (await findCurrentUser(ctx.deps, "demo-office"))!;
    });

    type Input = Parameters<typeof performApplicationAction>[3];
    const step = (id: string, input: Input) => performApplicationAction(ctx.deps, office, id, input);
    const received = async (on = "2025-03-03", delivery: "email" | "pickup" = "pickup") =>
      (
        await intakeApplication(ctx.deps, office, {
          applicant,
          description: "申请公开固阳县2024年城区道路维修资金使用情况。",
          delivery,
          channel: "letter",
          on,
        })
      ).row.id;
    // Opens several pooled connections first (PostgreSQL), so neither attempt waits for a new connection
    // while the other runs to completion: the race is real, not sequential by accident.
    const warmPool = () =>
      Promise.all(
        Array.from({ length: 4 }, () =>
          ctx.deps.db.kysely.selectFrom("sites").select("id").limit(1).execute(),
        ),
      );
    /** Both at once; each outcome as "200" or the refusal's status and code (problem codes for a 400). */
    const both = async (a: () => Promise<unknown>, b: () => Promise<unknown>) => {
      await warmPool();
      const results = await Promise.allSettled([a(), b()]);
      const outcomes = results.map((r) => {
        if (r.status === "fulfilled") return "200";
        if (!(r.reason instanceof AppError)) throw r.reason;
        const e = r.reason;
        return e.status === 400 ? `400 ${e.details.map((d) => d.code).join(",")}` : `${e.status} ${e.code}`;
      });
      return { outcomes, winner: results.findIndex((r) => r.status === "fulfilled") };
    };
    const twice = async (run: () => Promise<unknown>) => (await both(run, run)).outcomes.sort();
    const stepsOf = async (id: string, action: string) =>
      ctx.deps.db.kysely
        .selectFrom("application_steps")
        .select("on_date")
        .where("application_id", "=", id)
        .where("action", "=", action)
        .execute();
    const audits = async (id: string, action: string) =>
      (
        await ctx.deps.db.kysely
          .selectFrom("audit_log")
          .select("seq")
          .where("entity_id", "=", id)
          .where("action", "=", `application.${action}`)
          .execute()
      ).length;
    const clockOf = async (id: string) =>
      (await getClockByOwner(ctx.deps, { ownerType: "application", ownerId: id }))!;
    const row = async (id: string) =>
      ctx.deps.db.kysely
        .selectFrom("applications")
        .select(["status", "extended_days", "fee_yuan", "correction_deadline"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();

    it("two extensions (15 and 10 days): one is granted, the deadline moves once and never past 20 days", async () => {
      const id = await received();
      const before = (await clockOf(id)).dueOn!;
      const days = [15, 10];
      const { outcomes, winner } = await both(
        () => step(id, { action: "extend", on: "2025-03-10", days: 15, approved_by: "张主任" }),
        () => step(id, { action: "extend", on: "2025-03-10", days: 10, approved_by: "张主任" }),
      );
      expect([...outcomes].sort()).toEqual(["200", "400 extension_too_long"]);
      const granted = days[winner]!;
      expect(Number((await row(id)).extended_days)).toBe(granted);
      const cal = await loadCalendar(ctx.deps, (await clockOf(id)).siteId ?? null);
      expect((await clockOf(id)).dueOn).toBe(cal.addWorkingDays(before, granted));
      expect(await stepsOf(id, "extend")).toHaveLength(1);
      expect(await audits(id, "extend")).toBe(1);
    });

    it("two registrations of an online application: one clock, one registration", async () => {
      clock.set("2025-03-05T02:00:00Z");
      const { row: app } = await submitOnline(ctx.deps, {
        applicant,
        description: "申请公开固阳县2024年城区绿化工程招标文件。",
        delivery: "pickup",
      });
      clock.set("2025-03-20T02:00:00Z");
      expect(await twice(() => step(app.id, { action: "register", on: "2025-03-06" }))).toEqual([
        "200",
        "409 invalid_transition",
      ]);
      expect(await stepsOf(app.id, "register")).toHaveLength(1);
      const clocks = await ctx.deps.db.kysely
        .selectFrom("statutory_clocks")
        .select("id")
        .where("owner_id", "=", app.id)
        .execute();
      expect(clocks).toHaveLength(1);
      expect(await audits(app.id, "register")).toBe(1);
    });

    it("two corrections asked for, then two received: each happens once (one correction per application)", async () => {
      const id = await received();
      expect(await twice(() => step(id, { action: "request_correction", on: "2025-03-05" }))).toEqual([
        "200",
        "409 invalid_transition",
      ]);
      expect(await stepsOf(id, "request_correction")).toHaveLength(1);
      const deadline = (await row(id)).correction_deadline;
      expect(await twice(() => step(id, { action: "receive_correction", on: "2025-03-07" }))).toEqual([
        "200",
        "409 invalid_transition",
      ]);
      expect(await stepsOf(id, "receive_correction")).toHaveLength(1);
      expect((await row(id)).correction_deadline).toBe(deadline);
      const events = (await clockOf(id)).events.map((e) => e.type);
      expect(events.filter((t) => t === "pause")).toHaveLength(1);
      expect(events.filter((t) => t === "restart")).toHaveLength(1);
    });

    it("two fee notices: one fee, one pause of the clock", async () => {
      const id = await received();
      expect(
        await twice(() => step(id, { action: "fee_notice", on: "2025-03-05", method: "pages", pages: 250 })),
      ).toEqual(["200", "409 invalid_transition"]);
      expect(await stepsOf(id, "fee_notice")).toHaveLength(1);
      expect((await clockOf(id)).events.filter((e) => e.type === "pause")).toHaveLength(1);
      expect(await twice(() => step(id, { action: "fee_paid", on: "2025-03-06" }))).toEqual([
        "200",
        "409 invalid_transition",
      ]);
    });

    it("two replies: one reply, one e-mail queued, the count stopped once", async () => {
      const id = await received("2025-03-03", "email");
      expect(await twice(() => step(id, { action: "reply", on: "2025-03-12", outcome: "disclose" }))).toEqual(
        ["200", "409 invalid_transition"],
      );
      expect(await stepsOf(id, "reply")).toHaveLength(1);
      expect(await audits(id, "reply")).toBe(1);
      const mails = await ctx.deps.db.kysely
        .selectFrom("mail_messages")
        .select("id")
        .where("entity_id", "=", id)
        .execute();
      expect(mails).toHaveLength(1);
      expect((await clockOf(id)).events.filter((e) => e.type === "stop")).toHaveLength(1);
    });
  },
  { clock },
);
