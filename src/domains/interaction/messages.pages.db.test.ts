import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import type { AppInstance } from "../../web/types";

const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

/** The form's CSRF token and human check, answered as a person would. */
function formTokens(html: string) {
  const token = /name="check_token" value="([^"]+)"/.exec(html)![1]!;
  const m = /(.)加(.)等于几/.exec(html)!;
  return { _csrf: csrfOf(html), check_token: token, check_answer: String(NUM[m[1]!]! + NUM[m[2]!]!) };
}

const PAYLOAD = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

async function staff(app: AppInstance, username: string): Promise<Session> {
  const s = new Session(app);
  const res = await s.login(username, DEMO_PASSWORD);
  expect(res.statusCode).toBe(303);
  return s;
}

/** Posts a step from the message's back-office page; returns the redirect or the re-rendered page. */
async function step(s: Session, id: string, fields: Record<string, string>) {
  const page = await s.get(`/admin/messages/${id}`);
  expect(page.statusCode).toBe(200);
  return s.post(`/admin/messages/${id}/actions`, { _csrf: csrfOf(page.body), ...fields });
}

describeEachDialect("messages' public and back-office pages", (ctx) => {
  let app: AppInstance;
  // The demo county's seed takes long on a busy PostgreSQL.
  beforeAll(async () => {
    app = await buildTestApp(ctx);
  }, 180_000);
  afterAll(async () => app?.close());

  describe("the public form", () => {
    it("names every problem at once, saves nothing, then gives a code and secret; the status page shows the steps", async () => {
      const s = new Session(app);
      const form = await s.get("/hd/messages/new");
      expect(form.statusCode).toBe(200);
      const bad = await s.post("/hd/messages/new", {
        ...formTokens(form.body),
        check_answer: "99",
        type: "complain",
        title: "",
        body: "",
        name: "",
        phone: "123",
      });
      expect(bad.statusCode).toBe(400);
      for (const m of [
        "验证问题的答案不正确",
        "请填写留言标题",
        "请填写留言内容",
        "请填写姓名",
        "联系电话格式不正确",
      ])
        expect(bad.body).toContain(m);
      expect(bad.body).toContain('href="#check_answer"');

      const ok = await s.post("/hd/messages/new", {
        ...formTokens(bad.body),
        type: "complain",
        title: "金山镇东街路灯不亮",
        body: "东街路灯已经坏了两周，晚上出行不便。",
        name: "赵一鸣",
        phone: "13912345678",
        public: "yes",
      });
      expect(ok.statusCode, ok.body.slice(0, 2000)).toBe(201);
      const code = /id="tracking-code">([^<]+)</.exec(ok.body)![1]!;
      const secret = /id="tracking-secret">([^<]+)</.exec(ok.body)![1]!;
      expect(code).toMatch(/^HD/);

      const track = await s.post("/hd/messages/track", { _csrf: csrfOf(ok.body), code, secret });
      expect(track.statusCode).toBe(200);
      expect(track.body).toContain("待受理");
      expect(track.body).toContain("收到网上留言");
      expect(track.body).toMatch(/id="due-on"><span>\d{4}-\d{2}-\d{2}/);
      const wrong = await s.post("/hd/messages/track", { _csrf: csrfOf(ok.body), code, secret: "WRONG" });
      expect(wrong.statusCode).toBe(404);
      expect(wrong.body).toContain("查询码或查询密码不正确");
    });

    it("refuses a post without the CSRF token and a filled honeypot", async () => {
      const s = new Session(app);
      const form = await s.get("/hd/messages/new");
      const noToken = await s.post("/hd/messages/new", { type: "consult", title: "t", body: "b", name: "n" });
      expect(noToken.statusCode).toBe(403);
      const bot = await s.post("/hd/messages/new", {
        ...formTokens(form.body),
        website: "http://spam.example",
        type: "consult",
        title: "标题",
        body: "内容",
        name: "某人",
        phone: "13912345678",
      });
      expect(bot.statusCode).toBe(400);
    });

    it("is offered in Mongolian under /mn", async () => {
      const s = new Session(app);
      for (const url of [
        "/mn/hd/messages",
        "/mn/hd/messages/new",
        "/mn/hd/messages/track",
        "/mn/hd/error-report",
      ]) {
        const res = await s.get(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.body).toContain('lang="mn-Mong"');
      }
    });
  });

  describe("我为政府网站找错", () => {
    it("every public page links to the form with its own address; the form pre-fills it and gives a code", async () => {
      const s = new Session(app);
      for (const url of ["/", "/gk", "/hd/messages", "/mn/hd"]) {
        const res = await s.get(url);
        expect(res.statusCode, url).toBe(200);
        const prefix = url.startsWith("/mn") ? "/mn" : "";
        expect(res.body, url).toContain(`href="${prefix}/hd/error-report?page=${encodeURIComponent(url)}"`);
      }
      const form = await s.get("/hd/error-report?page=%2Fgk%2Flist%3Fkind%3Dnotice");
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('value="/gk/list?kind=notice"');
      const bad = await s.post("/hd/error-report", {
        ...formTokens(form.body),
        page_url: "javascript:alert(1)",
        kind: "nonsense",
        description: "",
      });
      expect(bad.statusCode).toBe(400);
      for (const m of ["出错页面的网址格式不正确", "请选择错误类型", "请填写问题描述"])
        expect(bad.body).toContain(m);
      const ok = await s.post("/hd/error-report", {
        ...formTokens(bad.body),
        page_url: "/gk/list?kind=notice",
        kind: "broken_link",
        description: "第二条通知的附件链接打不开。",
      });
      expect(ok.statusCode, ok.body.slice(0, 2000)).toBe(201);
      const code = /id="tracking-code">([^<]+)</.exec(ok.body)![1]!;
      const secret = /id="tracking-secret">([^<]+)</.exec(ok.body)![1]!;
      const track = await s.post("/hd/messages/track", { _csrf: csrfOf(ok.body), code, secret });
      expect(track.statusCode).toBe(200);
      expect(track.body).toContain("链接不可用");
      expect(track.body).toContain("/gk/list?kind=notice");

      const office = await staff(app, "demo-office");
      const stats = await office.get("/admin/messages/stats");
      expect(stats.statusCode).toBe(200);
      expect(stats.body).toMatch(/链接不可用<\/th>\s*<td>[1-9]/);
      const badRange = await office.get("/admin/messages/stats?from=2026-02-30");
      expect(badRange.statusCode).toBe(400);
      expect(badRange.body).toContain("开始日期应为");
    });
  });

  describe("the back office", () => {
    it("routes a message through its steps by forms, publishes it without the asker's name or phone, and takes the rating", async () => {
      const citizen = new Session(app);
      const form = await citizen.get("/hd/messages/new");
      const made = await citizen.post("/hd/messages/new", {
        ...formTokens(form.body),
        type: "consult",
        title: `路灯何时修好${PAYLOAD}`,
        body: `请问东街路灯什么时候能修好？${PAYLOAD}我是钱多多，电话13812345678。`,
        name: "钱多多",
        phone: "13812345678",
        public: "yes",
      });
      expect(made.statusCode).toBe(201);
      const code = /id="tracking-code">([^<]+)</.exec(made.body)![1]!;
      const secret = /id="tracking-secret">([^<]+)</.exec(made.body)![1]!;

      const office = await staff(app, "demo-office");
      const list = await office.get(`/admin/messages?code=${code}`);
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain("<script>alert");
      expect(list.body).toContain("&lt;script>alert(");
      const id = new RegExp(`href="/admin/messages/([^"]+)" class="mono">${code}<`).exec(list.body)![1]!;

      const detail = await office.get(`/admin/messages/${id}`);
      expect(detail.body).not.toContain("<script>alert");
      expect(detail.body).not.toContain("<img src=x");
      expect(detail.body).toContain("13812345678"); // the office sees the contact
      expect(detail.body).toContain('id="accept-submit"');
      expect(detail.body).toContain("期限计算说明");

      expect((await step(office, id, { action: "accept" })).statusCode).toBe(303);
      // Transfer without an organisation: the form again, the problem named by the transfer form.
      const noOrg = await step(office, id, { action: "transfer" });
      expect(noOrg.statusCode).toBe(400);
      expect(noOrg.body).toContain('href="#transfer-');
      expect((await step(office, id, { action: "transfer", org: "gyx-zfb" })).statusCode).toBe(303);

      // The department sees it (without other sites' or untransferred rows) and drafts the reply.
      const dept = await staff(app, "demo-clerk");
      const deptList = await dept.get("/admin/messages");
      expect(deptList.body).toContain(code);
      expect(
        (await step(dept, id, { action: "draft_reply", body: `路灯将于本周内修复。${PAYLOAD}` })).statusCode,
      ).toBe(303);
      // A department cannot approve: the table offers it no such form, and a forged post is refused.
      const forged = await step(dept, id, { action: "approve_reply" });
      expect(forged.statusCode).toBe(403);

      expect((await step(office, id, { action: "approve_reply" })).statusCode).toBe(303);
      expect((await step(office, id, { action: "publish" })).statusCode).toBe(303);

      const qaList = await citizen.get("/hd/messages");
      expect(qaList.statusCode).toBe(200);
      expect(qaList.body).toContain("路灯何时修好");
      expect(qaList.body).not.toContain("<script>alert");
      const qaId = /href="\/hd\/messages\/([^"/]+)">路灯何时修好/.exec(qaList.body)![1]!;
      const qa = await citizen.get(`/hd/messages/${qaId}`);
      expect(qa.statusCode).toBe(200);
      expect(qa.body).toContain("路灯将于本周内修复");
      expect(qa.body).not.toContain("13812345678");
      expect(qa.body).not.toContain("钱多多");
      expect(qa.body).not.toContain("<script>alert");
      expect(qa.body).not.toContain("<img src=x");

      // The asker rates it 不满意 and follows up: reopened.
      const track = await citizen.post("/hd/messages/track", { _csrf: csrfOf(made.body), code, secret });
      expect(track.body).toContain("已答复");
      expect(track.body).not.toContain("<script>alert");
      const noRating = await citizen.post("/hd/messages/track/rating", {
        _csrf: csrfOf(track.body),
        code,
        secret,
      });
      expect(noRating.statusCode).toBe(400);
      expect(noRating.body).toContain("请选择满意程度");
      const rated = await citizen.post("/hd/messages/track/rating", {
        _csrf: csrfOf(track.body),
        code,
        secret,
        rating: "unsatisfied",
        follow_up: "本周已过，路灯仍然不亮。",
      });
      expect(rated.statusCode).toBe(200);
      expect(rated.body).toContain("已收到您的评价");
      expect(rated.body).toContain("评价：不满意");
      expect(rated.body).toContain("追问：本周已过，路灯仍然不亮。");
      expect(rated.body).toContain("已受理");
    });

    it("registers a call for the office and refuses roles without messages", async () => {
      const office = await staff(app, "demo-office");
      const form = await office.get("/admin/messages/new");
      expect(form.statusCode).toBe(200);
      const bad = await office.post("/admin/messages/new", {
        _csrf: csrfOf(form.body),
        channel: "phone",
        type: "help",
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("请填写留言标题");
      const ok = await office.post("/admin/messages/new", {
        _csrf: csrfOf(form.body),
        channel: "phone",
        on: "2026-01-05",
        type: "help",
        title: "低保申请咨询",
        body: "来电询问低保申请需要哪些材料。",
        // Within the API's 50 characters for a name (the form applies the same limit).
        name: "孙某<script>alert(1)</script><img src=x>",
        phone: "0472-8123456",
      });
      expect(ok.statusCode, ok.body.slice(0, 2000)).toBe(303);
      const page = await office.get(ok.headers.location as string);
      expect(page.body).toContain("已登记留言。查询码：");
      expect(page.body).toContain("来电");
      expect(page.body).toContain("孙某&lt;script>");
      expect(page.body).not.toContain("<script>alert");
      expect(page.body).not.toContain("<img src=x");

      const reviewer = await staff(app, "demo-reviewer");
      expect((await reviewer.get("/admin/messages")).statusCode).toBe(403);
      const clerk = await staff(app, "demo-clerk");
      expect((await clerk.get("/admin/messages/new")).statusCode).toBe(403);
      // Statistics are the whole site's: a department is refused.
      expect((await clerk.get("/admin/messages/stats")).statusCode).toBe(403);
    });
  });
});
