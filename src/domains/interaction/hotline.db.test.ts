import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { createOtherSite } from "../../../test/helpers/sites";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { authenticate, createUser } from "../accounts";

// 12345 tickets pushed by the hotline's integration account become messages of channel hotline, routed and
// answered through the messages' own workflow; 12345 pulls the approved answer back and reports the caller's
// satisfaction. Pushes are idempotent on the ticket number (per site); the hotline token does nothing else and
// staff tokens cannot push. The register of hotline numbers: office-only back office, public page and API.
const clock = fixedClock("2026-03-02T02:00:00Z"); // Monday
const PASSWORD = "Hotline-Test-Pw-2026!";
const SCRIPT = "<script>alert(1)</script>";

const ticket = {
  ticket_no: "GY2026030200001",
  type: "help",
  title: `东街停水${SCRIPT}`,
  body: "来电人反映东街小区停水两天，请求尽快恢复供水。",
  caller_name: "韩来电",
  caller_phone: "13912345601",
  dispatched_on: "2026-03-02",
  org: "固阳县住房和城乡建设局",
};

describeEachDialect(
  "12345 hotline: push, route through the messages' workflow, pull the answer, satisfaction",
  (ctx) => {
    let app: AppInstance;
    const tokens: Record<string, string> = {};
    beforeAll(async () => {
      app = await buildTestApp(ctx);
      await createUser(ctx.deps, systemActor("test"), {
        username: "dept-zjj",
        name: "住建用户",
        orgCode: "gyx-zjj",
        roles: ["clerk"],
        password: PASSWORD,
      });
      await createOtherSite(ctx, [
        { username: "site-b-hotline", roles: ["hotline"], password: PASSWORD },
        { username: "site-b-office", roles: ["office"], password: PASSWORD },
      ]);
      for (const u of ["demo-hotline", "demo-office", "dept-zjj", "site-b-hotline", "site-b-office"])
        tokens[u] = await tokenFor(ctx, u);
    });
    afterAll(async () => app?.close());

    const push = (body: Record<string, unknown>, who = "demo-hotline") =>
      app.inject({
        method: "POST",
        url: "/api/v1/hotline/tickets",
        headers: bearer(tokens[who]!),
        payload: body,
      });
    const state = (no: string, who = "demo-hotline") =>
      app.inject({ url: `/api/v1/hotline/tickets/${no}`, headers: bearer(tokens[who]!) });
    const act = (id: string, body: Record<string, unknown>, who = "demo-office") =>
      app.inject({
        method: "POST",
        url: `/api/v1/messages/${id}/actions`,
        headers: bearer(tokens[who]!),
        payload: body,
      });

    let id = "";

    it("takes a ticket once: 201, the same again 200 with the same id, other content 409", async () => {
      const first = await push(ticket);
      expect(first.statusCode).toBe(201);
      id = first.json().id;
      expect(first.json().tracking_code).toMatch(/^[A-Z0-9-]+$/);
      const again = await push(ticket);
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(id);
      const other = await push({ ...ticket, body: "另一件诉求" });
      expect(other.statusCode).toBe(409);
      expect(other.json().error.code).toBe("hotline_ticket_conflict");
      const n = await ctx.deps.db.kysely
        .selectFrom("hotline_tickets")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(1);
    });

    it("names every problem of a bad ticket and stores nothing", async () => {
      const res = await push({
        ...ticket,
        ticket_no: "GY-BAD",
        caller_phone: "12345",
        dispatched_on: "2026-03-09",
        org: "不存在的单位",
      });
      expect(res.statusCode).toBe(400);
      const fields = res
        .json()
        .error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`);
      expect(fields).toEqual(
        expect.arrayContaining([
          "caller_phone:invalid_phone",
          "dispatched_on:future_date",
          "org:unknown_org",
        ]),
      );
      expect((await state("GY-BAD")).statusCode).toBe(404);
    });

    it("encrypts the caller's name and phone as every message's", async () => {
      const row = await ctx.deps.db.kysely
        .selectFrom("messages")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row.channel).toBe("hotline");
      expect(JSON.stringify(row)).not.toContain("韩来电");
      expect(JSON.stringify(row)).not.toContain("13912345601");
      const staff = (
        await app.inject({ url: `/api/v1/messages/${id}`, headers: bearer(tokens["demo-office"]!) })
      ).json();
      expect(staff).toMatchObject({ name: "韩来电", phone: "13912345601", channel: "hotline" });
      expect(staff.hotline).toMatchObject({ ticket_no: ticket.ticket_no, org: "固阳县住房和城乡建设局" });
    });

    it("is routed and answered through the messages' workflow; 12345 pulls only the approved answer", async () => {
      const listed = await app.inject({
        url: "/api/v1/messages?channel=hotline",
        headers: bearer(tokens["demo-office"]!),
      });
      expect(listed.json().items.map((m: { ticket_no: string }) => m.ticket_no)).toEqual([ticket.ticket_no]);
      expect((await act(id, { action: "accept" })).statusCode).toBe(200);
      expect((await act(id, { action: "transfer", org: "gyx-zjj" })).statusCode).toBe(200);
      expect((await state(ticket.ticket_no)).json()).toMatchObject({
        status: "transferred",
        handler_org: "固阳县住房和城乡建设局",
        reply: null,
        due_on: expect.any(String),
      });
      const draft = await act(
        id,
        { action: "draft_reply", body: "已协调供水公司于3月3日恢复供水。" },
        "dept-zjj",
      );
      expect(draft.statusCode).toBe(200);
      expect((await state(ticket.ticket_no)).json().reply).toBeNull();
      expect((await act(id, { action: "approve_reply" })).statusCode).toBe(200);
      const answered = (await state(ticket.ticket_no)).json();
      expect(answered).toMatchObject({
        status: "answered",
        reply: { body: "已协调供水公司于3月3日恢复供水。" },
      });
    });

    it("takes the caller's satisfaction from 12345 and records it on the answered message", async () => {
      // A ticket still being handled cannot be rated yet; a wrong date is named.
      const open = await push({ ...ticket, ticket_no: "GY-OPEN-1" });
      expect(open.statusCode, open.body).toBe(201);
      const rate = (no: string, payload: Record<string, string>) =>
        app.inject({
          method: "POST",
          url: `/api/v1/hotline/tickets/${no}/satisfaction`,
          headers: bearer(tokens["demo-hotline"]!),
          payload,
        });
      const early = await rate("GY-OPEN-1", { rating: "satisfied" });
      expect([early.statusCode, early.json().error.code]).toEqual([409, "hotline_ticket_not_answered"]);
      const badDay = await rate(ticket.ticket_no, { rating: "basic", on: "2026-13-01" });
      expect([badDay.statusCode, badDay.json().error.details[0].code]).toEqual([400, "invalid_date"]);
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/hotline/tickets/${ticket.ticket_no}/satisfaction`,
        headers: bearer(tokens["demo-hotline"]!),
        payload: { rating: "basic" },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ satisfaction: "basic", satisfaction_label: "基本满意" });
      const staff = (
        await app.inject({ url: `/api/v1/messages/${id}`, headers: bearer(tokens["demo-office"]!) })
      ).json();
      expect(staff.rating).toBe("basic");
      expect(staff.hotline.satisfaction_label).toBe("基本满意");
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("action", "like", "hotline.%")
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(["hotline.ticket_create", "hotline.satisfaction"]),
      );
    });

    it("the hotline token does nothing else; staff cannot push; the account cannot sign in", async () => {
      const h = bearer(tokens["demo-hotline"]!);
      expect((await app.inject({ url: "/api/v1/messages", headers: h })).statusCode).toBe(403);
      expect((await app.inject({ url: `/api/v1/messages/${id}`, headers: h })).statusCode).toBe(403);
      expect((await act(id, { action: "publish" }, "demo-hotline")).statusCode).toBe(403);
      expect((await app.inject({ url: "/api/v1/items", headers: h })).statusCode).toBeGreaterThanOrEqual(403);
      const staffPush = await push({ ...ticket, ticket_no: "GY-STAFF" }, "demo-office");
      expect(staffPush.statusCode).toBe(403);
      expect((await state(ticket.ticket_no, "demo-office")).statusCode).toBe(403);
      const selfToken = await app.inject({
        method: "POST",
        url: "/api/v1/tokens",
        headers: h,
        payload: { label: "x" },
      });
      expect(selfToken.statusCode).toBe(403);
      expect(selfToken.json().error.code).toBe("token_only_account");
      await expect(authenticate(ctx.deps, "demo-hotline", DEMO_PASSWORD, "127.0.0.1")).rejects.toMatchObject({
        code: "token_only_account",
      });
      await expect(
        createUser(ctx.deps, systemActor("test"), {
          username: "mixed-hotline",
          name: "混合",
          orgCode: "gyx",
          roles: ["hotline", "office"],
          password: PASSWORD,
        }),
      ).rejects.toMatchObject({ details: [expect.objectContaining({ code: "token_only_role_alone" })] });
    });

    it("keeps sites apart: another county's hotline neither sees nor collides with this one's numbers", async () => {
      expect((await state(ticket.ticket_no, "site-b-hotline")).statusCode).toBe(404);
      const b = await push({ ...ticket, org: undefined }, "site-b-hotline");
      expect(b.statusCode).toBe(201);
      expect(b.json().id).not.toBe(id);
      const list = await app.inject({
        url: "/api/v1/messages?channel=hotline",
        headers: bearer(tokens["site-b-office"]!),
      });
      expect(list.json().items).toHaveLength(1);
      expect(list.json().items[0].id).toBe(b.json().id);
    });

    it("two pushes of one new ticket at once make one message", async () => {
      const t = { ...ticket, ticket_no: "GY2026030200002", org: undefined };
      const [a, b] = await Promise.all([push(t), push(t)]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
      expect(a.json().id).toBe(b.json().id);
    });

    describe("the register of hotline numbers and the back office", () => {
      const office = () => new Session(app);

      it("shows the ticket number and escapes a pushed script in the office's list", async () => {
        const s = office();
        await s.login("demo-office", DEMO_PASSWORD);
        const page = await s.get("/admin/messages?channel=hotline");
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain(`12345热线 ${ticket.ticket_no}`);
        expect(page.body).not.toContain(SCRIPT);
        expect(page.body).toContain("东街停水&lt;script>");
        const detail = await s.get(`/admin/messages/${id}`);
        expect(detail.body).toContain("12345回访满意度");
        expect(detail.body).toContain("基本满意");
        const other = await push({ ...ticket, ticket_no: "GY2026030200003" });
        expect((await act(other.json().id, { action: "accept" })).statusCode).toBe(200);
        const transfer = await s.get(`/admin/messages/${other.json().id}`);
        expect(transfer.body).toMatch(/<option value="gyx-zjj" selected>/);
      });

      it("the office keeps the register: a kept line needs its reason; the public page and API list it", async () => {
        const s = office();
        await s.login("demo-office", DEMO_PASSWORD);
        const csrf = await s.csrfFrom("/admin/hotline/numbers/new");
        const bad = await s.post("/admin/hotline/numbers", {
          _csrf: csrf,
          number: "110",
          name: `报警${SCRIPT}`,
          org: "gyx",
          status: "kept",
        });
        expect(bad.statusCode).toBe(400);
        expect(bad.body).toContain("保留的热线须说明保留理由");
        const ok = await s.post("/admin/hotline/numbers", {
          _csrf: csrf,
          number: "110",
          name: `报警${SCRIPT}`,
          org: "gyx",
          status: "kept",
          reason: "紧急类热线保留",
        });
        expect(ok.statusCode).toBe(303);
        const merged = await s.post("/admin/hotline/numbers", {
          _csrf: csrf,
          number: "12315",
          name: "市场监管投诉举报热线",
          org: "gyx-scjgj",
          status: "merged",
          merged_on: "2021-06-30",
        });
        expect(merged.statusCode).toBe(303);
        const api = (await app.inject("/api/v1/hotline/numbers")).json();
        expect(api.items.map((n: { number: string }) => n.number).sort()).toEqual(["110", "12315"]);
        const pub = await app.inject("/hd/hotlines");
        expect(pub.statusCode).toBe(200);
        expect(pub.body).toContain("2021-06-30归并到12345");
        expect(pub.body).toContain("紧急类热线保留");
        expect(pub.body).not.toContain(SCRIPT);
        expect((await app.inject("/mn/hd/hotlines")).statusCode).toBe(200);
      });

      it("another site's office cannot open or change the register's rows; the hotline cannot either", async () => {
        const row = await ctx.deps.db.kysely
          .selectFrom("hotline_numbers")
          .select("id")
          .where("number", "=", "110")
          .executeTakeFirstOrThrow();
        const s = new Session(app);
        await s.login("site-b-office", PASSWORD);
        expect((await s.get(`/admin/hotline/numbers/${row.id}`)).statusCode).toBe(404);
        const csrf = await s.csrfFrom("/admin/hotline/numbers/new");
        const del = await s.post(`/admin/hotline/numbers/${row.id}/delete`, { _csrf: csrf });
        expect(del.statusCode).toBe(404);
        expect((await app.inject("/api/v1/hotline/numbers")).json().items).toHaveLength(2);
      });
    });
  },
  { clock },
);
