import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { createOtherSite } from "../../../test/helpers/sites";
import { systemActor } from "../../deps";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { createUser } from "../accounts";

// Messages (互动交流) through the JSON API: the public creates and tracks; the office accepts and transfers;
// departments return, transfer onward and draft; the office approves (four eyes) and publishes; the asker
// rates and follows up once. The answer clock runs from receipt: a return never restarts it.
const clock = fixedClock("2025-03-20T02:00:00Z"); // Thursday
const PASSWORD = "Messages-Test-Pw-2026!";
const NAME_PAYLOAD = "<b>韩</b><script>1</script>";

const complaint = {
  type: "consult",
  title: "金山镇东街路灯何时修复？",
  body: "东街路灯已坏两周，夜间出行不便，请问何时修复？",
  name: "韩留言",
  phone: "13912345670",
  public: true,
};

describeEachDialect(
  "messages: create, track, route, answer, publish, rate",
  (ctx) => {
    let app: AppInstance;
    const tokens: Record<string, string> = {};
    beforeAll(async () => {
      app = await buildTestApp(ctx);
      const actor = systemActor("test");
      for (const [username, orgCode, roles] of [
        ["town-jsz", "gyx-jsz", ["clerk"]],
        ["dept-zjj", "gyx-zjj", ["clerk"]],
        ["dept-zjj-2", "gyx-zjj", ["clerk"]],
      ] as const)
        await createUser(ctx.deps, actor, {
          username,
          name: `${username}用户`,
          orgCode,
          roles: [...roles],
          password: PASSWORD,
        });
      await createOtherSite(ctx, [{ username: "site-b-office", roles: ["office"], password: PASSWORD }]);
      for (const u of [
        "demo-office",
        "demo-clerk",
        "demo-inspector",
        "demo-admin",
        "town-jsz",
        "dept-zjj",
        "dept-zjj-2",
        "site-b-office",
      ])
        tokens[u] = await tokenFor(ctx, u);
    });
    afterAll(async () => app?.close());

    const act = (id: string, body: Record<string, unknown>, who = "demo-office") =>
      app.inject({
        method: "POST",
        url: `/api/v1/messages/${id}/actions`,
        headers: bearer(tokens[who]!),
        payload: body,
      });
    const get = (id: string, who = "demo-office") =>
      app.inject({ url: `/api/v1/messages/${id}`, headers: bearer(tokens[who]!) });
    const track = (code: string, secret: string) =>
      app.inject(`/api/v1/messages/track?code=${code}&secret=${secret}`);

    describe("one message from the form to the published Q&A", () => {
      let id = "";
      let code = "";
      let secret = "";

      it("takes a message without login and gives a tracking code and secret", async () => {
        clock.set("2025-03-20T02:00:00Z");
        const res = await app.inject({ method: "POST", url: "/api/v1/messages", payload: complaint });
        expect(res.statusCode, res.body).toBe(201);
        ({ id, tracking_code: code, secret } = res.json());
        expect(code).toMatch(/^HD20250320[A-Z2-9]{6}$/);
        const t = (await track(code, secret)).json();
        expect(t).toMatchObject({ status: "received", due_on: "2025-03-27", reply: null });
        expect(t.steps).toHaveLength(1);
        expect((await track(code, "WRONGWRONG")).statusCode).toBe(404);
        const staff = (
          await app.inject({
            url: `/api/v1/messages?tracking_code=${code}`,
            headers: bearer(tokens["demo-office"]!),
          })
        ).json();
        expect(staff.items.map((x: { id: string }) => x.id)).toEqual([id]);
      });

      it("runs the clock from receipt through transfer → return → transfer: due_on unchanged", async () => {
        expect((await act(id, { action: "accept" })).statusCode).toBe(200);
        clock.set("2025-03-21T02:00:00Z");
        const t1 = await act(id, { action: "transfer", org: "gyx-jsz" });
        expect(t1.statusCode, t1.body).toBe(200);
        expect(t1.json()).toMatchObject({
          status: "transferred",
          handler_org: "gyx-jsz",
          due_on: "2025-03-27",
        });
        // A department that does not hold it sees nothing; the town holds it and acts.
        expect((await get(id, "dept-zjj")).statusCode).toBe(404);
        expect((await act(id, { action: "return", reason: "x" }, "dept-zjj")).statusCode).toBe(404);
        clock.set("2025-03-24T02:00:00Z");
        const noReason = await act(id, { action: "return" }, "town-jsz");
        expect(noReason.statusCode).toBe(400);
        expect(noReason.json().error.details).toEqual([
          expect.objectContaining({ field: "reason", code: "required" }),
        ]);
        const back = await act(
          id,
          { action: "return", reason: "路灯由县住建局管理，不属本镇职责。" },
          "town-jsz",
        );
        expect(back.statusCode, back.body).toBe(200);
        // The town still sees what it held, but may no longer act on it.
        expect((await get(id, "town-jsz")).json()).toMatchObject({ status: "accepted", actions: [] });
        expect((await act(id, { action: "draft_reply", body: "x" }, "town-jsz")).statusCode).toBe(403);
        const office = (await get(id)).json();
        expect(office).toMatchObject({ status: "accepted", handler_org: "gyx", due_on: "2025-03-27" });
        expect(office.clock.explanation).toMatch(/[\u4e00-\u9fff]/);
        clock.set("2025-03-25T02:00:00Z");
        const t2 = await act(id, { action: "transfer", org: ["gyx-zjj"] });
        expect(t2.json()).toMatchObject({
          status: "transferred",
          handler_org: "gyx-zjj",
          due_on: "2025-03-27",
        });
        expect(t2.json().clock.remaining).toBe(2);
        expect(t2.json().clock.warning).toBe(true);
      });

      it("keeps four eyes: the drafter cannot approve; the office approves and publishes de-identified", async () => {
        const draft = await act(
          id,
          {
            action: "draft_reply",
            body: "您好，东街路灯已于3月26日修复。联系人韩留言可拨打13912345670反馈。",
          },
          "dept-zjj",
        );
        expect(draft.statusCode, draft.body).toBe(200);
        expect((await act(id, { action: "approve_reply" }, "dept-zjj")).statusCode).toBe(403);
        const off = (await get(id)).json();
        expect(off.actions).toContain("approve_reply");
        expect(off.name).toBe("韩留言");
        clock.set("2025-03-26T02:00:00Z");
        const ok = await act(id, { action: "approve_reply" });
        expect(ok.statusCode, ok.body).toBe(200);
        expect(ok.json()).toMatchObject({ status: "answered", due_on: null, reply: { on: "2025-03-26" } });
        const pub = await act(id, { action: "publish" });
        expect(pub.statusCode, pub.body).toBe(200);
        expect((await act(id, { action: "publish" })).statusCode).toBe(409);
        const qa = (await app.inject("/api/v1/search?q=东街路灯")).body;
        expect(qa).toContain(`/hd/messages/${id}`);
        const row = await ctx.deps.db.kysely
          .selectFrom("messages")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        expect(`${row.qa_title}${row.qa_question}${row.qa_answer}`).not.toMatch(/韩留言|13912345670/);
        expect(row.qa_answer).toContain("东街路灯已于3月26日修复");
      });

      it("lets the asker rate once and follow up once, which reopens it with a new clock", async () => {
        clock.set("2025-03-27T02:00:00Z");
        const bad = await app.inject({
          method: "POST",
          url: `/api/v1/messages/${code}/rating`,
          payload: { code, secret: "NOPE", rating: "satisfied" },
        });
        expect(bad.statusCode).toBe(404);
        const r = await app.inject({
          method: "POST",
          url: `/api/v1/messages/${code}/rating`,
          payload: { code, secret, rating: "unsatisfied", follow_up: "其他路段的路灯呢？" },
        });
        expect(r.statusCode, r.body).toBe(200);
        expect(r.json()).toMatchObject({ status: "accepted", can_follow_up: false, due_on: "2025-04-03" });
        expect(r.json().steps.map((s: { action: string }) => s.action)).toEqual(
          expect.arrayContaining([
            "submit",
            "accept",
            "transfer",
            "return",
            "approve_reply",
            "publish",
            "rate",
            "follow_up",
          ]),
        );
        // The internal draft step is not on the asker's page.
        expect(r.json().steps.map((s: { action: string }) => s.action)).not.toContain("draft_reply");
        await act(id, { action: "draft_reply", body: "其他路段将于4月检修。" });
        expect((await act(id, { action: "approve_reply" }, "demo-office")).statusCode).toBe(409);
        const again = await app.inject({
          method: "POST",
          url: `/api/v1/messages/${id}/rating`,
          payload: { code, secret, rating: "basic" },
        });
        expect(again.statusCode).toBe(409);
        const audits = await ctx.deps.db.kysely
          .selectFrom("audit_log")
          .select("action")
          .where("entity_id", "=", id)
          .execute();
        expect(audits.map((a) => a.action)).toEqual(
          expect.arrayContaining([
            "message.create",
            "message.transfer",
            "message.return",
            "message.approve_reply",
            "message.publish",
            "message.rate",
            "message.follow_up",
          ]),
        );
      });

      it("removes the Q&A from the site and the search when made private", async () => {
        const res = await act(id, { action: "make_private" });
        expect(res.statusCode, res.body).toBe(200);
        expect((await app.inject("/api/v1/search?q=东街路灯")).body).not.toContain(`/hd/messages/${id}`);
      });

      it("answers 404 to another site's office and 403 to a role without messages", async () => {
        expect((await get(id, "site-b-office")).statusCode).toBe(404);
        expect((await act(id, { action: "accept" }, "site-b-office")).statusCode).toBe(404);
        expect((await get(id, "demo-admin")).statusCode).toBe(403);
        expect((await get(id, "demo-inspector")).json().phone).toBeNull();
      });
    });

    describe("refusals, office entry, error reports, deadlines", () => {
      it("names every problem of a bad message and stores nothing", async () => {
        const before = await ctx.deps.db.kysely.selectFrom("messages").select("id").execute();
        const res = await app.inject({
          method: "POST",
          url: "/api/v1/messages",
          payload: { type: "help", title: " ", body: "", name: "", phone: "123", email: "not-mail" },
        });
        expect(res.statusCode).toBe(400);
        const fields = res
          .json()
          .error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`);
        expect(fields).toEqual(
          expect.arrayContaining([
            "title:required",
            "body:required",
            "name:required",
            "phone:invalid_phone",
            "email:invalid_email",
          ]),
        );
        const schema = await app.inject({
          method: "POST",
          url: "/api/v1/messages",
          payload: { type: "rant" },
        });
        expect(schema.statusCode).toBe(400);
        expect((await ctx.deps.db.kysely.selectFrom("messages").select("id").execute()).length).toBe(
          before.length,
        );
      });

      it("rejects with a reason and links a duplicate", async () => {
        const a = (await app.inject({ method: "POST", url: "/api/v1/messages", payload: complaint })).json();
        const b = (await app.inject({ method: "POST", url: "/api/v1/messages", payload: complaint })).json();
        const none = await act(b.id, { action: "reject", reason: "duplicate" });
        expect(none.statusCode).toBe(400);
        expect(none.json().error.details[0]).toMatchObject({ field: "duplicate_of", code: "required" });
        const ok = await act(b.id, { action: "reject", reason: "duplicate", duplicate_of: a.tracking_code });
        expect(ok.json()).toMatchObject({
          status: "rejected",
          duplicate_of: { tracking_code: a.tracking_code },
        });
      });

      it("stores an HTML or script payload as text", async () => {
        const payload = '<script>alert("x")</script><img src=x onerror=alert(1)>';
        const res = await app.inject({
          method: "POST",
          url: "/api/v1/messages",
          payload: { ...complaint, title: payload, body: payload, name: NAME_PAYLOAD },
        });
        expect(res.statusCode).toBe(201);
        const { id, tracking_code, secret } = res.json();
        expect((await track(tracking_code, secret)).json().title).toBe(payload);
        expect((await get(id)).json()).toMatchObject({ title: payload, body: payload, name: NAME_PAYLOAD });
      });

      it("registers a call from the office with its date; a clerk may not", async () => {
        const body = { ...complaint, type: "complain", channel: "phone", on: "2025-03-24" };
        const anon = await app.inject({ method: "POST", url: "/api/v1/messages", payload: body });
        expect(anon.statusCode).toBe(401);
        const clerk = await app.inject({
          method: "POST",
          url: "/api/v1/messages",
          headers: bearer(tokens["demo-clerk"]!),
          payload: body,
        });
        expect(clerk.statusCode).toBe(403);
        const res = await app.inject({
          method: "POST",
          url: "/api/v1/messages",
          headers: bearer(tokens["demo-office"]!),
          payload: body,
        });
        expect(res.statusCode, res.body).toBe(201);
        // 15 working days from Monday 24 March 2025.
        expect((await get(res.json().id)).json()).toMatchObject({
          channel: "phone",
          received_on: "2025-03-24",
          due_on: "2025-04-15",
        });
      });

      it("takes an error report with a site path and counts it by kind", async () => {
        const bad = await app.inject({
          method: "POST",
          url: "/api/v1/error-reports",
          payload: { page_url: "javascript:alert(1)", kind: "broken_link", description: "" },
        });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual([
          "page_url",
          "description",
        ]);
        const res = await app.inject({
          method: "POST",
          url: "/api/v1/error-reports",
          payload: {
            page_url: "/gk/list?page=2",
            kind: "broken_link",
            description: "第二页的附件链接打不开。",
            contact: "13912345671",
          },
        });
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json().tracking_code).toMatch(/^JC/);
        const t = (await track(res.json().tracking_code, res.json().secret)).json();
        expect(t).toMatchObject({ type: "error_report", due_on: "2025-04-01", page_url: "/gk/list?page=2" });
        const stats = (
          await app.inject({
            url: "/api/v1/messages/error-report-stats",
            headers: bearer(tokens["demo-office"]!),
          })
        ).json();
        expect(stats.items.find((i: { kind: string }) => i.kind === "broken_link")).toMatchObject({
          total: 1,
          open: 1,
        });
      });

      it("lets the office set the deadlines per type, used for messages received afterwards", async () => {
        const url = "/api/v1/sites/current/message-deadlines";
        const cur = (await app.inject({ url, headers: bearer(tokens["demo-office"]!) })).json();
        expect(cur).toEqual({ consult: 5, suggest: 15, complain: 15, help: 5, error_report: 3 });
        const payload = { ...cur, consult: 3 };
        expect(
          (await app.inject({ method: "PUT", url, headers: bearer(tokens["demo-clerk"]!), payload }))
            .statusCode,
        ).toBe(403);
        expect(
          (
            await app.inject({
              method: "PUT",
              url,
              headers: bearer(tokens["demo-office"]!),
              payload: { ...cur, consult: 0 },
            })
          ).statusCode,
        ).toBe(400);
        expect(
          (await app.inject({ method: "PUT", url, headers: bearer(tokens["demo-office"]!), payload })).json()
            .consult,
        ).toBe(3);
        const res = (
          await app.inject({ method: "POST", url: "/api/v1/messages", payload: complaint })
        ).json();
        expect((await track(res.tracking_code, res.secret)).json().due_on).toBe("2025-04-01");
      });

      it("marks the due date provisional (暂定) in a year without the holiday notice, as applications do", async () => {
        clock.set("2027-01-05T02:00:00Z");
        const res = (
          await app.inject({ method: "POST", url: "/api/v1/messages", payload: complaint })
        ).json();
        const t = (await track(res.tracking_code, res.secret)).json();
        // The consult limit is 3 working days since the previous test: Tuesday 5 January → Friday 8 January.
        expect(t.due_on).toBe("2027-01-08");
        expect(t.due_on_provisional).toBe(true);
        const staff = (await get(res.id)).json();
        expect(staff.clock).toMatchObject({ provisional: true });
        expect(staff.clock.explanation).toMatch(/[\u4e00-\u9fff]/);
      });
    });
  },
  { clock },
);
