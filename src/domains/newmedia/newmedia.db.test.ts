// The new-media registry on both engines (issue 17 item 3): registration with its filing, every problem of bad
// input listed, an account left 15 days without an update flagged in the API and on the office dashboard (fixed
// clock), activity imported from a table and read from a feed (file worker), closure and merger filings, posts
// reviewed before release (four eyes, the review engine's findings), another department kept out, and two
// closings at once.
import { beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import type { AppError } from "../../platform/errors";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { type CurrentUser, findCurrentUser } from "../accounts";
import { importActivity, readAccountFeed } from "./newmedia.import";
import { fileChange } from "./newmedia.service";

// 2026-12-07 10:00 in Shanghai.
const clock = fixedClock("2026-12-07T02:00:00Z");

const account = (over: Record<string, unknown> = {}) => ({
  name: "固阳县政务服务",
  platform: "weibo",
  account_no: "gyzwfw",
  org: "gyx-zwfwj",
  supervisor: "固阳县政务服务局",
  operator: "县政务服务局办公室",
  contact: "田政务 0472-8120000",
  reviewers: "县政务服务局办公室主任",
  filed_on: "2026-06-01",
  notice: "“固阳县政务服务”微博自即日起开通。",
  ...over,
});

describeEachDialect(
  "government new media (政务新媒体)",
  (ctx) => {
    let app: AppInstance;
    const tok: Record<string, string> = {};
    let office: CurrentUser;
    const api = (method: "GET" | "POST", url: string, who: string, payload?: unknown) =>
      app.inject({ method, url, headers: bearer(tok[who]!), ...(payload ? { payload } : {}) } as never);
    const codes = (r: { json(): { error: { details: { code: string }[] } } }) =>
      r.json().error.details.map((d) => d.code);

    beforeAll(async () => {
      app = await buildTestApp(ctx);
      for (const u of ["demo-office", "demo-clerk", "demo-reviewer", "demo-jyj-clerk"])
        tok[u] = await tokenFor(ctx, u);
      office = (await findCurrentUser(ctx.deps, "demo-office"))!;
    }, 120_000);

    it("registers an account with its filing; bad input lists every problem", async () => {
      const bad = await api("POST", "/api/v1/newmedia/accounts", "demo-office", {
        ...account(),
        name: "",
        platform: "myspace",
        org: "nope",
        filed_on: "2027-01-01",
        notice: "",
      });
      expect(bad.statusCode).toBe(400);
      expect(codes(bad).sort()).toEqual(
        ["date_in_future", "invalid_platform", "name_required", "notice_required", "org_not_found"].sort(),
      );
      // A department's clerk keeps accounts but does not file them.
      expect(
        (await api("POST", "/api/v1/newmedia/accounts", "demo-clerk", account({ org: "gyx-zfb" })))
          .statusCode,
      ).toBe(403);
      const r = await api("POST", "/api/v1/newmedia/accounts", "demo-office", account());
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ status: "open", stale: true, filings: [{ kind: "open" }] });
      const twice = await api("POST", "/api/v1/newmedia/accounts", "demo-office", account());
      expect(twice.statusCode).toBe(409);
    });

    it("flags an account left 15 days without an update, in the API and on the office dashboard", async () => {
      const r = await api(
        "POST",
        "/api/v1/newmedia/accounts",
        "demo-office",
        account({ name: "固阳县医保", account_no: "gyyb" }),
      );
      const id = r.json().id as string;
      const set = await api("POST", `/api/v1/newmedia/accounts/${id}/activity`, "demo-office", {
        last_update_on: "2026-11-22", // 15 days before 2026-12-07
        followers: 5000,
      });
      expect(set.statusCode, set.body).toBe(200);
      const list = await api("GET", "/api/v1/newmedia/accounts", "demo-office");
      const a = list.json().items.find((x: { id: string }) => x.id === id);
      expect(a).toMatchObject({
        name: "固阳县医保",
        platform: "weibo",
        last_update_on: "2026-11-22",
        stale: true,
      });
      expect(a.org).toEqual({ code: "gyx-zwfwj", name: "固阳县政务服务局" });
      expect(a.alarms).toEqual(["已 15 天未更新（超过两周）"]);
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      const dash = await s.get("/admin");
      expect(dash.statusCode).toBe(200);
      expect(dash.body).toContain("政务新媒体预警");
      expect(dash.body).toContain("固阳县医保：已 15 天未更新（超过两周）");
      // Updated yesterday: no longer flagged.
      await api("POST", `/api/v1/newmedia/accounts/${id}/activity`, "demo-office", {
        last_update_on: "2026-12-06",
      });
      const after = await api("GET", `/api/v1/newmedia/accounts/${id}`, "demo-office");
      expect(after.json()).toMatchObject({ stale: false, alarms: [] });
      expect((await s.get("/admin")).body).not.toContain("固阳县医保：");
    });

    it("imports activity from a table and reads the last update from a feed, naming every bad row", async () => {
      const csv = (rows: string[]) =>
        new TextEncoder().encode(
          ["平台,账号ID,最后更新日期,关注人数,未回复留言数,互动是否正常", ...rows].join("\n"),
        );
      await expect(
        importActivity(ctx.deps, office, {
          filename: "a.csv",
          data: csv(["微博,gyzwfw,2026-13-01,12,0,是", "微博,nobody,2026-12-01,1,0,是"]),
        }),
      ).rejects.toMatchObject({
        status: 400,
        details: [{ code: "invalid_date" }, { code: "account_unknown" }],
      });
      const ok = await importActivity(ctx.deps, office, {
        filename: "a.csv",
        data: csv(["微博,gyzwfw,2026-12-05,1200,3,否"]),
      });
      expect(ok.updated).toBe(1);
      const list = await api("GET", "/api/v1/newmedia/accounts", "demo-office");
      const a = list.json().items.find((x: { name: string }) => x.name === "固阳县政务服务");
      expect(a).toMatchObject({
        last_update_on: "2026-12-05",
        followers: 1200,
        unanswered: 3,
        interaction_ok: false,
      });
      expect(a.alarms).toEqual(["互动功能不可用", "3 条互动留言未回复"]);
      const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>固阳县政务服务</title>
        <item><title>办事指南</title><pubDate>Sun, 06 Dec 2026 09:00:00 +0800</pubDate></item>
        <item><title><![CDATA[旧消息 & 通知]]></title><pubDate>Mon, 30 Nov 2026 09:00:00 +0800</pubDate></item>
      </channel></rss>`;
      const r = await readAccountFeed(ctx.deps, office, a.id, { data: new TextEncoder().encode(feed) });
      expect(r).toEqual({ last_update_on: "2026-12-06", entries: 2 });
      await expect(
        readAccountFeed(ctx.deps, office, a.id, {
          data: new TextEncoder().encode("<html>not a feed</html>"),
        }),
      ).rejects.toMatchObject({ status: 400, code: "feed_invalid" });
    });

    it("reviews a post before release: four eyes, findings block approval, release records the update", async () => {
      const list = await api("GET", "/api/v1/newmedia/accounts", "demo-office");
      const gov = list.json().items.find((x: { name: string }) => x.name === "固阳发布");
      const post = await api("POST", `/api/v1/newmedia/accounts/${gov.id}/posts`, "demo-clerk", {
        title: "今冬供暖安排",
        body: "供暖期为10月15日至次年4月15日。",
      });
      expect(post.statusCode, post.body).toBe(201);
      const pid = post.json().id as string;
      const act = (who: string, action: string, note?: string) =>
        api("POST", `/api/v1/newmedia/posts/${pid}/actions`, who, { action, ...(note ? { note } : {}) });
      expect((await act("demo-clerk", "submit")).json().status).toBe("submitted");
      const own = await act("demo-clerk", "approve");
      expect(own.statusCode).toBe(403); // a clerk does not review
      expect((await act("demo-reviewer", "reject")).statusCode).toBe(400); // a reason is required
      expect((await act("demo-reviewer", "approve")).json().status).toBe("approved");
      const released = await act("demo-clerk", "release");
      expect(released.json().status).toBe("released");
      const after = await api("GET", `/api/v1/newmedia/accounts/${gov.id}`, "demo-office");
      expect(after.json().last_update_on).toBe("2026-12-07");
      // A post with a resident's ID number is stopped.
      const leaky = await api("POST", `/api/v1/newmedia/accounts/${gov.id}/posts`, "demo-clerk", {
        title: "表彰名单",
        body: "张三 身份证号 11010519491231002X",
      });
      const lid = leaky.json().id as string;
      const submitted = await api("POST", `/api/v1/newmedia/posts/${lid}/actions`, "demo-clerk", {
        action: "submit",
      });
      expect(submitted.json().findings.map((f: { kind: string }) => f.kind)).toContain("id_card");
      const refused = await api("POST", `/api/v1/newmedia/posts/${lid}/actions`, "demo-reviewer", {
        action: "approve",
      });
      expect(refused.statusCode).toBe(409);
      expect(codes(refused)).toEqual(["post_has_findings"]);
    });

    it("works through the back office's forms: register, refuse with every problem, record activity", async () => {
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      const csrf = await s.csrfFrom("/admin/newmedia/new");
      const bad = await s.post("/admin/newmedia/new", {
        _csrf: csrf,
        name: "",
        platform: "weibo",
        org: "gyx-zfb",
        notice: "",
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("请填写账号名称。");
      expect(bad.body).toContain("请填写公告内容。");
      const ok = await s.post("/admin/newmedia/new", {
        _csrf: csrf,
        ...Object.fromEntries(
          Object.entries(account({ name: "固阳县人社", account_no: "gyrs", org: "gyx-rsj" })).map(
            ([k, v]) => [k, String(v)],
          ),
        ),
      });
      expect(ok.statusCode, ok.body.slice(0, 500)).toBe(303);
      const page = await s.get(ok.headers.location as string);
      expect(page.body).toContain("已登记开设账号。");
      expect(page.body).toContain("从未更新");
      const act = await s.post(`${ok.headers.location}/activity`, {
        _csrf: csrf,
        last_update_on: "2026-02-30",
        followers: "x",
      });
      expect(act.statusCode).toBe(400);
      expect(act.body).toContain("最后更新日期应为 YYYY-MM-DD 格式的真实日期。");
      expect(act.body).toContain("关注人数应为非负整数。");
      const done = await s.post(`${ok.headers.location}/activity`, {
        _csrf: csrf,
        last_update_on: "2026-12-07",
        followers: "800",
      });
      expect(done.statusCode).toBe(303);
    });

    it("keeps other departments out and closes an account once", async () => {
      const list = await api("GET", "/api/v1/newmedia/accounts", "demo-office");
      const edu = list.json().items.find((x: { name: string }) => x.name === "固阳教育");
      const gov = list.json().items.find((x: { name: string }) => x.name === "固阳发布");
      expect(edu).toMatchObject({ stale: true, weak: true });
      expect((await api("GET", `/api/v1/newmedia/accounts/${edu.id}`, "demo-clerk")).statusCode).toBe(404);
      const mine = await api("GET", "/api/v1/newmedia/accounts", "demo-jyj-clerk");
      expect(mine.json().items.map((x: { name: string }) => x.name)).toEqual(["固阳教育"]);
      await Promise.all(
        Array.from({ length: 4 }, () => ctx.deps.db.kysely.selectFrom("sites").select("id").execute()),
      );
      const rs = await Promise.allSettled([
        fileChange(ctx.deps, office, edu.id, {
          kind: "merge",
          merged_into: gov.id,
          notice: "整合到“固阳发布”。",
        }),
        fileChange(ctx.deps, office, edu.id, { kind: "close", notice: "关停。" }),
      ]);
      const out = rs
        .map((r) =>
          r.status === "fulfilled" ? "ok" : `${(r.reason as AppError).status} ${(r.reason as AppError).code}`,
        )
        .sort();
      expect(out).toEqual(["409 newmedia_account_closed", "ok"]);
      const detail = await api("GET", `/api/v1/newmedia/accounts/${edu.id}`, "demo-office");
      expect(detail.json().filings).toHaveLength(2);
      expect(detail.json().stale).toBe(false); // closed or merged accounts are no longer watched
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      for (const url of ["/admin/newmedia", `/admin/newmedia/${gov.id}`, "/admin/newmedia/new"]) {
        const r = await s.get(url);
        expect(r.statusCode, `${url}: ${r.body.slice(0, 300)}`).toBe(200);
      }
    });
  },
  { clock },
);
