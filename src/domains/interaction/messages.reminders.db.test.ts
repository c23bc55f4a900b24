import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { seedTestDemo } from "../../../test/helpers/demo-template";
import { systemActor } from "../../deps";
import { fixedClock } from "../../platform/time";
import { type CurrentUser, createUser, findCurrentUser } from "../accounts";
import { setUserEmail } from "../accounts/accounts.email";
import { addMonths } from "./messages.clock";
import { messageReminders, remindMessageHandlers } from "./messages.reminders";
import { createMessage } from "./messages.service";
import { actOnMessage } from "./messages.workflow";

// The daily reminder e-mail of messages: due soon and overdue go to whoever answers for the message now
// (the holding department, else the office); the two-month alarm always to the office too. Once a day.
const clock = fixedClock("2025-03-03T02:00:00Z"); // Monday

describeEachDialect(
  "message reminders",
  (ctx) => {
    let office: CurrentUser;
    beforeAll(async () => {
      const actor = systemActor("test");
      await seedTestDemo(ctx);
      office = (await findCurrentUser(ctx.deps, "demo-office"))!;
      await createUser(ctx.deps, actor, {
        username: "zjj-remind",
        name: "住建提醒",
        orgCode: "gyx-zjj",
        roles: ["clerk"],
        password: "Remind-Messages-Pw-2026!",
      });
      await setUserEmail(ctx.deps, actor, office.id, "office@example.gov.cn");
      const dept = (await findCurrentUser(ctx.deps, "zjj-remind"))!;
      await setUserEmail(ctx.deps, actor, dept.id, "zjj@example.gov.cn");
    });

    const message = (title: string) =>
      createMessage(ctx.deps, {
        type: "consult",
        title,
        body: "请问办理流程？",
        name: "提醒测试",
        phone: "13812345600",
      });

    it("lists the alarm, the overdue and the due-soon messages, and mails each recipient once a day", async () => {
      expect(addMonths("2025-12-31", 2)).toBe("2026-02-28");
      clock.set("2025-01-02T02:00:00Z");
      const old = await message("两个月前的留言");
      clock.set("2025-03-03T02:00:00Z");
      const late = await message("逾期的留言");
      await actOnMessage(ctx.deps, office, late.id, { action: "accept" });
      await actOnMessage(ctx.deps, office, late.id, { action: "transfer", org: "gyx-zjj" });
      clock.set("2025-03-11T02:00:00Z"); // 5 working days from 3 March end on Monday 10 March
      const soon = await message("新留言");
      const site = (await ctx.deps.db.kysely.selectFrom("sites").select("id").executeTakeFirstOrThrow()).id;
      const items = await messageReminders(ctx.deps, site);
      const byCode = Object.fromEntries(items.map((i) => [i.tracking_code, i.reason]));
      expect(byCode[old.tracking_code]).toBe("alarm");
      expect(byCode[late.tracking_code]).toBe("overdue");
      expect(byCode[soon.tracking_code]).toBeUndefined(); // 5 working days left
      const first = await remindMessageHandlers(ctx.deps, { date: "2025-03-11" });
      expect(first).toMatchObject({ recipients: 2, queued: 2 });
      const again = await remindMessageHandlers(ctx.deps, { date: "2025-03-11" });
      expect(again).toMatchObject({ queued: 0, already_sent: 2 });
      const mails = await ctx.deps.db.kysely
        .selectFrom("mail_messages")
        .select(["subject", "body_text", "recipient_user_id"])
        .where("kind", "=", "message_reminder")
        .execute();
      const dept = (await findCurrentUser(ctx.deps, "zjj-remind"))!;
      const toDept = mails.find((m) => m.recipient_user_id === dept.id)!;
      expect(toDept.body_text).toContain(late.tracking_code);
      expect(toDept.body_text).not.toContain(old.tracking_code);
      const toOffice = mails.find((m) => m.recipient_user_id === office.id)!;
      expect(toOffice.body_text).toContain(old.tracking_code);
      expect(toOffice.body_text).toContain("超过2个月未答复");
      for (const m of mails) expect(m.body_text).not.toContain("提醒测试");
    });
  },
  { clock },
);
