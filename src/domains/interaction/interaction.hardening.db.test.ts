import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { buildApp } from "../../app";
import { DEMO_PASSWORD } from "../../demo/seed";
import { addDays } from "../../platform/calendar/dates";
import { shanghaiDateOf } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { findCurrentUser } from "../accounts";
import { describeSummary } from "../audit/audit.labels";
import { createConsultation, performStep } from "../consultation/consultation.service";
import { deIdentify } from "./messages.qa";

// Findings of the security / new-user review of the interaction domain (notes/attack-report.md), one
// regression test each: cross-site form posts to the public API (M1), staff intake and the public hourly
// budget (M9), …
const message = {
  type: "consult",
  title: "路灯何时修复？",
  body: "东街路灯已坏两周，请问何时修复？",
  name: "韩某",
  phone: "13912345670",
};

const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
/** The form's CSRF token and human check, answered as a person would. */
function formTokens(html: string) {
  const token = /name="check_token" value="([^"]+)"/.exec(html)![1]!;
  const m = /(.)加(.)等于几/.exec(html)!;
  return { _csrf: csrfOf(html), check_token: token, check_answer: String(NUM[m[1]!]! + NUM[m[2]!]!) };
}
const long = (n: number) => "长".repeat(n);

describeEachDialect("interaction: review findings", (ctx) => {
  const count = async (table: "messages" | "consultations" | "consultation_comments") =>
    Number(
      (
        await ctx.deps.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const staff = async (username: string) => {
    const s = new Session(app);
    expect((await s.login(username, DEMO_PASSWORD)).statusCode).toBe(303);
    return s;
  };
  let app: AppInstance;
  let office = "";
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    office = await tokenFor(ctx, "demo-office");
  }, 180_000);
  afterAll(async () => app?.close());

  describe("M1: the public API's submission endpoints refuse cross-site form posts", () => {
    it("answers urlencoded, multipart and text/plain bodies with 415 json_required and saves nothing", async () => {
      // Refused before the route runs, so the ids need not exist.
      const urls = [
        "/api/v1/messages",
        "/api/v1/error-reports",
        "/api/v1/applications",
        "/api/v1/consultations/any/comments",
        "/api/v1/meetings/any/attendance",
      ];
      const bodies: Array<[string, string]> = [
        ["application/x-www-form-urlencoded", new URLSearchParams(message).toString()],
        [
          "multipart/form-data; boundary=x",
          '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nt\r\n--x--\r\n',
        ],
        ["text/plain", JSON.stringify(message)],
        ["Text/Plain; charset=utf-8", JSON.stringify(message)],
      ];
      for (const url of urls)
        for (const [type, payload] of bodies) {
          const res = await app.inject({ method: "POST", url, headers: { "content-type": type }, payload });
          expect(res.statusCode, `${url} ${type}`).toBe(415);
          expect(res.json().error).toMatchObject({ code: "json_required" });
          expect(res.json().error.message).toContain("JSON");
        }
      // No preflight answer: a cross-site page cannot send JSON.
      const preflight = await app.inject({ method: "OPTIONS", url: "/api/v1/messages" });
      expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
      // JSON still works, and the back office's own form posts are untouched.
      const ok = await app.inject({ method: "POST", url: "/api/v1/messages", payload: message });
      expect(ok.statusCode).toBe(201);
    });
  });

  describe("M2: the HTML forms apply the API's length limits and keep the text", () => {
    it("message form: every too-long field named, the text re-rendered, nothing saved", async () => {
      const s = new Session(app);
      const form = await s.get("/hd/messages/new");
      const before = await count("messages");
      const res = await s.post("/hd/messages/new", {
        ...formTokens(form.body),
        type: "consult",
        title: long(101),
        body: long(5001),
        name: long(51),
        phone: "13912345678",
        public: "maybe",
      });
      expect(res.statusCode).toBe(400);
      for (const m of [
        "标题不能超过 100 个字（现为 101 个字）",
        "留言内容不能超过 5000 个字",
        "姓名不能超过 50 个字",
      ])
        expect(res.body).toContain(m);
      expect(res.body).toContain("请从给出的选项中选择“是否公开”");
      expect(res.body).toContain(long(5001));
      // Far over the limit: still the form with the text, not the generic error page.
      const huge = await s.post("/hd/messages/new", {
        ...formTokens(res.body),
        type: "consult",
        title: "标题",
        body: long(12_000),
        name: "某人",
        phone: "13912345678",
      });
      expect(huge.statusCode).toBe(400);
      expect(huge.body).toContain("留言内容不能超过 5000 个字（现为 12000 个字）");
      expect(huge.body).toContain(long(12_000));
      expect(huge.body).not.toContain("字段 body");
      expect(await count("messages")).toBe(before);
    });

    it("error-report form and consultation comment form", async () => {
      const s = new Session(app);
      const form = await s.get("/hd/error-report");
      const res = await s.post("/hd/error-report", {
        ...formTokens(form.body),
        page_url: `/${"a".repeat(2100)}`,
        kind: "other",
        description: long(2001),
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("出错页面的网址不能超过 2000 个字");
      expect(res.body).toContain("问题描述不能超过 2000 个字");
      expect(res.body).toContain(long(2001));

      // An open consultation of its own (the demo's depend on the day).
      const clerk = (await findCurrentUser(ctx.deps, "demo-jyj-clerk"))!;
      const today = shanghaiDateOf(ctx.deps.clock.now());
      const open = await createConsultation(ctx.deps, clerk, {
        title: "长度测试的征求意见",
        draft: "草稿",
        start_on: today,
        end_on: addDays(today, 10),
      });
      await performStep(ctx.deps, clerk, open.id, { action: "submit" });
      await performStep(ctx.deps, (await findCurrentUser(ctx.deps, "demo-office"))!, open.id, {
        action: "approve",
      });
      const page = await s.get(`/hd/consultations/${open.id}`);
      const comments = await count("consultation_comments");
      const sent = await s.post(`/hd/consultations/${open.id}/comments`, {
        ...formTokens(page.body),
        body: long(5001),
        name: long(41),
      });
      expect(sent.statusCode).toBe(400);
      expect(sent.body).toMatch(/不能超过 5000 个字/);
      expect(sent.body).toMatch(/不能超过 40 个字/);
      expect(sent.body).toContain(long(5001));
      expect(await count("consultation_comments")).toBe(comments);
    });

    it("back office: a consultation title over 200 characters and a made-up checkbox value", async () => {
      const s = await staff("demo-jyj-clerk");
      const form = await s.get("/admin/consultations/new");
      const before = await count("consultations");
      const res = await s.post("/admin/consultations/new", {
        _csrf: csrfOf(form.body),
        title: long(201),
        draft: "草稿内容",
        major: "maybe",
        start_on: "2099-01-01",
        end_on: "2099-02-01",
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("标题不能超过 200 个字");
      expect(res.body).toContain("决策类型只能勾选或不勾选");
      expect(res.body).toContain(long(201));
      expect(await count("consultations")).toBe(before);
    });
  });

  describe("M3: the office sees an error reporter's contact in the back office", () => {
    it("shows the contact to the office and hides it from the inspector", async () => {
      const made = await app.inject({
        method: "POST",
        url: "/api/v1/error-reports",
        payload: { page_url: "/gk", kind: "broken_link", description: "链接打不开", contact: "13912345671" },
      });
      expect(made.statusCode).toBe(201);
      const row = await ctx.deps.db.kysely
        .selectFrom("messages")
        .select("id")
        .where("tracking_code", "=", made.json().tracking_code)
        .executeTakeFirstOrThrow();
      const page = await (await staff("demo-office")).get(`/admin/messages/${row.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("13912345671");
      const inspector = await (await staff("demo-inspector")).get(`/admin/messages/${row.id}`);
      expect(inspector.statusCode).toBe(200);
      expect(inspector.body).not.toContain("13912345671");
      expect(inspector.body).toContain("仅政务公开办和承办单位可见");
    });
  });

  describe("M4: the answer to a follow-up of a published Q&A is published in its place", () => {
    it("replaces the published answer and its search entry when the new answer is approved", async () => {
      const clerk = await tokenFor(ctx, "demo-jyj-clerk");
      const act = (id: string, body: object, token = office) =>
        app.inject({
          method: "POST",
          url: `/api/v1/messages/${id}/actions`,
          headers: bearer(token),
          payload: body,
        });
      const made = (
        await app.inject({
          method: "POST",
          url: "/api/v1/messages",
          payload: { ...message, title: "校车接送时间", body: "请问校车几点接送？", public: true },
        })
      ).json();
      const answer = async (text: string) => {
        for (const [body, token] of [
          [{ action: "accept" }, office],
          [{ action: "transfer", org: "gyx-jyj" }, office],
          [{ action: "draft_reply", body: text }, clerk],
          [{ action: "approve_reply" }, office],
        ] as const) {
          if (body.action === "accept" && text !== "第一次答复：早上七点。") continue;
          const res = await act(made.id, body, token);
          expect(res.statusCode, `${body.action} ${res.body}`).toBe(200);
        }
      };
      await answer("第一次答复：早上七点。");
      expect((await act(made.id, { action: "publish" })).statusCode).toBe(200);
      const rated = await app.inject({
        method: "POST",
        url: `/api/v1/messages/${made.id}/rating`,
        payload: {
          code: made.tracking_code,
          secret: made.secret,
          rating: "unsatisfied",
          follow_up: "放学呢？",
        },
      });
      expect(rated.statusCode, rated.body).toBe(200);
      await answer("第二次答复：放学下午五点。");
      const page = await app.inject(`/hd/messages/${made.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("第二次答复：放学下午五点。");
      expect(page.body).not.toContain("第一次答复");
      expect(page.body).toContain("放学呢？");
      const found = await app.inject(`/api/v1/search?q=${encodeURIComponent("放学下午五点")}`);
      expect(found.body).toContain(made.id);
    });
  });

  describe("M5: a step refused for its state is explained with labels, never state codes", () => {
    it("publish on a message still to be accepted: the page and the API say 待受理 and 公开发布", async () => {
      const made = (await app.inject({ method: "POST", url: "/api/v1/messages", payload: message })).json();
      const s = await staff("demo-office");
      const page = await s.get(`/admin/messages/${made.id}`);
      const res = await s.post(`/admin/messages/${made.id}/actions`, {
        _csrf: csrfOf(page.body),
        action: "publish",
      });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain("留言当前状态为“待受理”，不能执行“公开发布”");
      expect(res.body).not.toContain("received → publish");
      const api = await app.inject({
        method: "POST",
        url: `/api/v1/messages/${made.id}/actions`,
        headers: bearer(office),
        payload: { action: "publish" },
      });
      expect(api.statusCode).toBe(409);
      const error = api.json().error;
      expect(error.code).toBe("invalid_transition");
      expect(error.details[0].message).toContain("“待受理”");
      expect(error.details[0].message).not.toContain("→");
    });
  });

  describe("M8: mistyped ID numbers are masked in the published Q&A", () => {
    it("de-identifies a number with a wrong check digit as it does a valid one", () => {
      const q = deIdentify("我的身份证110101199003077777，请核实。", ["韩某"]);
      expect(q).not.toContain("110101199003077777");
      expect(q).toContain("1101**********7777");
    });
  });

  describe("M6: the office's entry of calls and letters checks channel, type and date", () => {
    it("refuses a made-up channel, the error-report type, an unknown type and a date before the calendars", async () => {
      const s = await staff("demo-office");
      const form = await s.get("/admin/messages/new");
      const before = await count("messages");
      const entry = { ...message, _csrf: csrfOf(form.body), channel: "phone" };
      const fax = await s.post("/admin/messages/new", { ...entry, channel: "fax", title: long(101) });
      expect(fax.statusCode).toBe(400);
      expect(fax.body).toContain("留言方式只能是来电、来信或来访");
      expect(fax.body).toContain("留言标题不能超过 100 个字");
      for (const type of ["error_report", "bogus"]) {
        const res = await s.post("/admin/messages/new", { ...entry, type });
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain("请选择留言类型");
        expect(res.body).not.toContain("undefined");
      }
      const old = await s.post("/admin/messages/new", { ...entry, on: "1999-01-01" });
      expect(old.statusCode).toBe(400);
      expect(old.body).toMatch(/收到留言的日期不能早于 \d{4}-01-01/);
      const api = await app.inject({
        method: "POST",
        url: "/api/v1/messages",
        headers: bearer(office),
        payload: { ...message, channel: "letter", on: "1990-01-01" },
      });
      expect(api.statusCode).toBe(400);
      expect(api.json().error.details).toEqual([
        expect.objectContaining({ field: "on", code: "date_too_early" }),
      ]);
      expect(await count("messages")).toBe(before);
    });
  });

  describe("M7: Mongolian pages say everything in Mongolian", () => {
    const MN_NUM = "ᠲᠡᠭ,ᠨᠢᠭᠡ,ᠬᠣᠶᠠᠷ,ᠭᠤᠷᠪᠠ,ᠳᠥᠷᠪᠡ,ᠲᠠᠪᠤ,ᠵᠢᠷᠭᠤᠭ᠎ᠠ,ᠳᠣᠯᠣᠭ᠎ᠠ,ᠨᠠᠢᠮᠠ,ᠶᠢᠰᠦ,ᠠᠷᠪᠠ".split(",");
    const CHINESE = /[\u4e00-\u9fff]/;
    /** The visible text of <main> (the site header and footer carry the site's Chinese name). */
    const mainText = (html: string) =>
      (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html).replace(/<[^>]+>/g, " ").replace(/&[a-z#0-9]+;/g, " ");

    it("form problems, the required marker and the human check", async () => {
      const s = new Session(app);
      const form = await s.get("/mn/hd/messages/new");
      const m = /(\S+) ᠳᠡᠭᠡᠷ᠎ᠡ (\S+) ᠢ ᠨᠡᠮᠡᠪᠡᠯ/.exec(form.body);
      expect(m, "the sum is worded in Mongolian").not.toBeNull();
      expect(form.body).not.toContain("等于几");
      expect(form.body).not.toContain("（必填）");
      const answer = String(MN_NUM.indexOf(m![1]!) + MN_NUM.indexOf(m![2]!));
      const token = /name="check_token" value="([^"]+)"/.exec(form.body)![1]!;
      const res = await s.post("/mn/hd/messages/new", {
        _csrf: csrfOf(form.body),
        check_token: token,
        check_answer: answer,
        type: "",
        title: "",
        body: "",
        name: "",
        phone: "abc",
        email: "bad",
      });
      expect(res.statusCode).toBe(400);
      const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.body)![0];
      expect(summary.replace(/<[^>]+>/g, " ")).not.toMatch(CHINESE);
      expect(summary).toContain("ᠢ ᠪᠥᠭᠡᠯᠡᠭᠡᠷᠡᠢ");
    });

    it("error pages: not found and an expired form", async () => {
      const missing = await app.inject("/mn/hd/messages/nonexistent");
      expect(missing.statusCode).toBe(404);
      expect(mainText(missing.body)).not.toMatch(CHINESE);
      const csrf = await app.inject({
        method: "POST",
        url: "/mn/hd/messages/new",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "x=1",
      });
      expect(csrf.statusCode).toBe(403);
      expect(mainText(csrf.body)).not.toMatch(CHINESE);
      expect(csrf.body).toContain("ᠨᠢᠭᠤᠷ ᠢ ᠰᠢᠨᠡᠴᠢᠯᠡᠭᠡᠳ");
    });

    it("the tracking page's status and steps", async () => {
      const made = (await app.inject({ method: "POST", url: "/api/v1/messages", payload: message })).json();
      const accepted = await app.inject({
        method: "POST",
        url: `/api/v1/messages/${made.id}/actions`,
        headers: bearer(office),
        payload: { action: "accept" },
      });
      expect(accepted.statusCode).toBe(200);
      const s = new Session(app);
      const page = await s.get("/mn/hd/messages/track");
      const res = await s.post("/mn/hd/messages/track", {
        _csrf: csrfOf(page.body),
        code: made.tracking_code,
        secret: made.secret,
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ");
      expect(res.body).toContain("ᠦᠯᠡᠳᠡᠭᠡᠭᠰᠡᠨ ᠦᠭᠡ ᠶᠢ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠴᠤ");
      expect(res.body).not.toContain("留言已受理");
      expect(res.body).not.toContain(">已受理<");
      // L4: the page shows the asker's own message and carries the secret.
      expect(res.headers["cache-control"]).toBe("private, no-store");
    });
  });

  describe("L4: pages showing the tracking secret are never cached", () => {
    it("the new message's code and secret page", async () => {
      const s = new Session(app);
      const form = await s.get("/hd/messages/new");
      const res = await s.post("/hd/messages/new", { ...formTokens(form.body), ...message, public: "yes" });
      expect(res.statusCode).toBe(201);
      expect(res.headers["cache-control"]).toBe("private, no-store");
    });
  });

  describe("low findings", () => {
    it("L1: the audit log names a message's type, channel, rating, statuses and organisations", () => {
      const lines = describeSummary(
        {
          type: "error_report",
          channel: "phone",
          rating: "unsatisfied",
          to: ["gyx-jyj"],
          before: { status: "drafted" },
          after: { status: "answered" },
        },
        { entityType: "message", orgs: new Map([["gyx-jyj", "固阳县教育局"]]) },
      );
      const text = lines.map((l) => `${l.label}：${l.value}`).join("\n");
      for (const shown of [
        "类型：网站纠错",
        "收件方式：来电",
        "评价：不满意",
        "收件人：固阳县教育局",
        "答复待审核 → 已答复",
      ])
        expect(text).toContain(shown);
      expect(text).not.toMatch(/error_report|phone|unsatisfied|gyx-jyj|drafted|其他信息|网上申请/);
    });

    const act = (id: string, body: object) =>
      app.inject({
        method: "POST",
        url: `/api/v1/messages/${id}/actions`,
        headers: bearer(office),
        payload: body,
      });
    const post = (payload: object) => app.inject({ method: "POST", url: "/api/v1/messages", payload });

    it("L5: invisible characters alone are no text; direction overrides are removed", async () => {
      const blank = await post({
        ...message,
        title: "\u200b\u200b",
        body: "\u200b\u3000\u00a0",
        name: "\u200b",
      });
      expect(blank.statusCode).toBe(400);
      expect(
        blank
          .json()
          .error.details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(["body", "name", "title"]);
      const ok = (await post({ ...message, name: "\u202eevil\u202c王" })).json();
      const staff = await app.inject({ url: `/api/v1/messages/${ok.id}`, headers: bearer(office) });
      expect(staff.json().name).toBe("evil王");
    });

    it("L7: Word's line and page breaks in a form become line breaks, not a refusal", async () => {
      const s = new Session(app);
      const form = await s.get("/hd/messages/new");
      const res = await s.post("/hd/messages/new", {
        ...formTokens(form.body),
        ...message,
        body: "第一行\u000b第二行\u000c第三行",
      });
      expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    });

    it("L2 and L8: no follow-up offered after a rating without one; a duplicate never shows another code", async () => {
      const first = (await post({ ...message, title: "重复的留言甲" })).json();
      const second = (await post({ ...message, title: "重复的留言乙" })).json();
      expect((await act(first.id, { action: "accept" })).statusCode).toBe(200);
      const rejected = await act(second.id, {
        action: "reject",
        reason: "duplicate",
        duplicate_of: first.tracking_code,
      });
      expect(rejected.statusCode, rejected.body).toBe(200);
      const tracked = await app.inject(
        `/api/v1/messages/track?code=${second.tracking_code}&secret=${second.secret}`,
      );
      expect(tracked.body).not.toContain(first.tracking_code);
      expect(tracked.body).toContain("与已受理的留言重复");

      // The first answered by the office itself (four eyes: a second office user approves).
      await act(first.id, { action: "transfer", org: "gyx-jyj" });
      const clerk = await tokenFor(ctx, "demo-jyj-clerk");
      await app.inject({
        method: "POST",
        url: `/api/v1/messages/${first.id}/actions`,
        headers: bearer(clerk),
        payload: { action: "draft_reply", body: "答复。" },
      });
      expect((await act(first.id, { action: "approve_reply" })).statusCode).toBe(200);
      const rated = await app.inject({
        method: "POST",
        url: `/api/v1/messages/${first.id}/rating`,
        payload: { code: first.tracking_code, secret: first.secret, rating: "unsatisfied" },
      });
      expect(rated.statusCode).toBe(200);
      const after = (
        await app.inject(`/api/v1/messages/track?code=${first.tracking_code}&secret=${first.secret}`)
      ).json();
      expect(after).toMatchObject({ can_rate: false, can_follow_up: false });
    });
  });

  describe("M9: staff intake through the API does not use the public hourly budget", () => {
    let limited: AppInstance;
    beforeAll(async () => {
      limited = await buildApp(ctx.deps, {
        rateLimitPerMinute: 100_000,
        applicationsPerHour: 100_000,
        submissionsPerHour: 2,
      });
      await limited.ready();
    });
    afterAll(async () => limited?.close());

    it("lets the office register more calls than the public limit, while the public is limited", async () => {
      const post = (headers: Record<string, string>, remoteAddress: string, body: object) =>
        limited.inject({ method: "POST", url: "/api/v1/messages", headers, payload: body, remoteAddress });
      const call = { ...message, channel: "phone" };
      for (let i = 0; i < 4; i++) {
        const res = await post(bearer(office), "10.9.0.1", call);
        expect(res.statusCode, res.body).toBe(201);
      }
      // The office's intake left the address's public budget whole.
      expect((await post({}, "10.9.0.1", message)).statusCode).toBe(201);
      expect((await post({}, "10.9.0.1", message)).statusCode).toBe(201);
      const third = await post({}, "10.9.0.1", message);
      expect(third.statusCode).toBe(429);
      expect(third.json().error.message).toMatch(/请 \d+ 分钟后再试/);
      // A made-up token does not get around the public limit: it is refused outright.
      expect((await post(bearer("not-a-token"), "10.9.0.1", message)).statusCode).toBe(401);
    });
  });
});
