import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { seedTestDemo } from "../../../test/helpers/demo-template";
import { systemActor } from "../../deps";
import { AppError } from "../../platform/errors";
import { fixedClock } from "../../platform/time";
import { type CurrentUser, createUser, findCurrentUser } from "../accounts";
import { getClockByOwner } from "../calendar";
import { createMessage } from "./messages.service";
import { actOnMessage, rateMessage } from "./messages.workflow";

// The same step sent twice at once (load, lock, check, write): one wins, the other hears a clear 409, and
// the step, its audit entry, the holder and the clock's stop are written once.
const clock = fixedClock("2025-03-20T02:00:00Z");

describeEachDialect(
  "message steps sent twice at once",
  (ctx) => {
    let office: CurrentUser;
    let office2: CurrentUser;
    let dept: CurrentUser;
    beforeAll(async () => {
      const actor = systemActor("test");
      await seedTestDemo(ctx);
      const password = "Race-Messages-Pw-2026!";
      await createUser(ctx.deps, actor, {
        username: "office-2",
        name: "另一位公开办",
        orgCode: "gyx",
        roles: ["office"],
        password,
      });
      await createUser(ctx.deps, actor, {
        username: "zjj-clerk",
        name: "住建信息员",
        orgCode: "gyx-zjj",
        roles: ["clerk"],
        password,
      });
      office = (await findCurrentUser(ctx.deps, "demo-office"))!;
      office2 = (await findCurrentUser(ctx.deps, "office-2"))!;
      dept = (await findCurrentUser(ctx.deps, "zjj-clerk"))!;
    });

    const warmPool = () =>
      Promise.all(
        Array.from({ length: 4 }, () =>
          ctx.deps.db.kysely.selectFrom("sites").select("id").limit(1).execute(),
        ),
      );
    /** Both at once; each outcome as "200" or the refusal's status and code. */
    const twice = async (run: () => Promise<unknown>) => {
      await warmPool();
      const results = await Promise.allSettled([run(), run()]);
      return results
        .map((r) => {
          if (r.status === "fulfilled") return "200";
          if (!(r.reason instanceof AppError)) throw r.reason;
          return `${r.reason.status} ${r.reason.code}`;
        })
        .sort();
    };
    const count = async (table: "message_steps" | "message_holders", id: string, action?: string) => {
      let q = ctx.deps.db.kysely.selectFrom(table).select("message_id").where("message_id", "=", id);
      if (action) q = q.where("action" as never, "=", action as never);
      return (await q.execute()).length;
    };
    const audits = async (id: string, action: string) =>
      (
        await ctx.deps.db.kysely
          .selectFrom("audit_log")
          .select("seq")
          .where("entity_id", "=", id)
          .where("action", "=", `message.${action}`)
          .execute()
      ).length;
    const newMessage = async () =>
      createMessage(ctx.deps, {
        type: "complain",
        title: "并发测试留言",
        body: "小区供暖温度不达标。",
        name: "并发",
        phone: "13812345679",
      });

    it("two transfers of one message to the same department: one holder, one step, one audit entry", async () => {
      const { id, tracking_code, secret } = await newMessage();
      await actOnMessage(ctx.deps, office, id, { action: "accept" });
      expect(
        await twice(() => actOnMessage(ctx.deps, office, id, { action: "transfer", org: "gyx-zjj" })),
      ).toEqual(["200", "409 already_holding"]);
      expect(await count("message_holders", id)).toBe(1);
      expect(await count("message_steps", id, "transfer")).toBe(1);
      expect(await audits(id, "transfer")).toBe(1);

      await actOnMessage(ctx.deps, dept, id, { action: "draft_reply", body: "已责成供热公司整改。" });
      await actOnMessage(ctx.deps, office, id, { action: "approve_reply" });
      expect(await count("message_steps", id, "approve_reply")).toBe(1);
      expect(await audits(id, "approve_reply")).toBe(1);
      const c = await getClockByOwner(ctx.deps, { ownerType: "message", ownerId: id });
      expect(c!.events.filter((e) => e.type === "stop")).toHaveLength(1);

      // Two follow-ups at once: one reopens it and opens one follow-up clock.
      const follow = {
        code: tracking_code,
        secret,
        rating: "unsatisfied" as const,
        follow_up: "何时整改完毕？",
      };
      expect(await twice(() => rateMessage(ctx.deps, tracking_code, follow))).toEqual([
        "200",
        "409 invalid_transition",
      ]);
      expect(await audits(id, "follow_up")).toBe(1);
      expect(
        await getClockByOwner(ctx.deps, { ownerType: "message", ownerId: id, kind: "follow_up" }),
      ).toBeDefined();
    });

    it("two approvals by two members of the office: one answer, one 409", async () => {
      const { id } = await newMessage();
      await actOnMessage(ctx.deps, office, id, { action: "accept" });
      await actOnMessage(ctx.deps, office, id, { action: "transfer", org: "gyx-zjj" });
      await actOnMessage(ctx.deps, dept, id, { action: "draft_reply", body: "已整改。" });
      await warmPool();
      const results = await Promise.allSettled([
        actOnMessage(ctx.deps, office, id, { action: "approve_reply" }),
        actOnMessage(ctx.deps, office2, id, { action: "approve_reply" }),
      ]);
      const outcomes = results
        .map((r) =>
          r.status === "fulfilled"
            ? "200"
            : `${(r.reason as AppError).status} ${(r.reason as AppError).code}`,
        )
        .sort();
      expect(outcomes).toEqual(["200", "409 invalid_transition"]);
      expect(await count("message_steps", id, "approve_reply")).toBe(1);
      expect(await audits(id, "approve_reply")).toBe(1);
    });
  },
  { clock },
);
