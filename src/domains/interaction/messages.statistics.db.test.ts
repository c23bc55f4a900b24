import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { type CurrentUser, findCurrentUser } from "../accounts";
import { messageStatistics, refreshAllMessageStatistics } from "./index";
import { createMessage } from "./messages.service";
import { refreshMessageStatistics, type StatisticsRow } from "./messages.statistics";
import { actOnMessage, rateMessage } from "./messages.workflow";

// 互动交流统计 over a hand-built quarter: two consultations answered by 住建局 (one in 2 working days, one in 9
// after a return by 金山镇: late against the 5-day limit), a complaint left with 金山镇 and a letter left with
// the office (both overdue on 12 May, past the two-month alarm), a rejected suggestion, and one message of
// 2024 that is outside the period but still on the overdue list. Working days over the 2025 notice (清明 4
// April, 劳动节 1–5 May with 27 April worked).
const clock = fixedClock("2024-12-31T02:00:00Z");
const at = (d: string) => clock.set(`${d}T02:00:00Z`);
const SCRIPT = "<script>alert(1)</script>路灯投诉";
const FORMULA = "=cmd|' /C calc'!A0 求助";

describeEachDialect(
  "message statistics",
  (ctx) => {
    let app: AppInstance;
    let office: CurrentUser;
    let siteId = "";
    const tokens: Record<string, string> = {};
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      app = await buildTestApp(ctx);
      office = (await findCurrentUser(ctx.deps, "demo-office"))!;
      const zjj = (await findCurrentUser(ctx.deps, "demo-zjj-clerk"))!;
      const jsz = (await findCurrentUser(ctx.deps, "demo-jsz-clerk"))!;
      siteId = office.siteId;
      for (const u of ["demo-office", "demo-inspector", "demo-zjj-clerk", "demo-jsz-clerk"])
        tokens[u] = await tokenFor(ctx, u);
      const ask = (
        type: "consult" | "suggest" | "complain" | "help",
        title: string,
        channel?: "phone" | "letter",
      ) =>
        createMessage(
          ctx.deps,
          { type, title, body: "请问如何办理？", name: "统计测试", phone: "13800000001", channel },
          channel ? { user: office } : {},
        );
      const act = (who: CurrentUser, id: string, input: Record<string, unknown>) =>
        actOnMessage(ctx.deps, who, id, input as never);

      at("2024-12-31");
      ids.X = (await ask("consult", "去年的留言")).id;
      at("2025-03-03");
      const a = await ask("consult", "住建局按期答复");
      const b = await ask("consult", "住建局逾期答复");
      const e = await ask("suggest", "广告");
      ids.C = (await ask("complain", SCRIPT, "phone")).id;
      ids.D = (await ask("help", FORMULA, "letter")).id;
      for (const id of [a.id, b.id, ids.C, ids.D]) await act(office, id, { action: "accept" });
      await act(office, a.id, { action: "transfer", org: "gyx-zjj" });
      await act(office, b.id, { action: "transfer", org: "gyx-jsz" });
      await act(office, ids.C, { action: "transfer", org: "gyx-jsz" });
      await act(office, e.id, { action: "reject", reason: "spam" });
      at("2025-03-04");
      await act(jsz, b.id, { action: "return", reason: "不属本镇职责" });
      await act(office, b.id, { action: "transfer", org: "gyx-zjj" });
      await act(zjj, a.id, { action: "draft_reply", body: "已办理。" });
      at("2025-03-05");
      await act(office, a.id, { action: "approve_reply" });
      await act(office, a.id, { action: "publish" });
      at("2025-03-06");
      await rateMessage(ctx.deps, a.id, { code: a.tracking_code, secret: a.secret, rating: "satisfied" });
      at("2025-03-14");
      await act(zjj, b.id, { action: "draft_reply", body: "已办理。" });
      await act(office, b.id, { action: "approve_reply" });
      at("2025-03-17");
      await rateMessage(ctx.deps, b.id, { code: b.tracking_code, secret: b.secret, rating: "unsatisfied" });
      at("2025-05-12");
    });
    afterAll(async () => app?.close());

    const get = (url: string, who = "demo-office") => app.inject({ url, headers: bearer(tokens[who]!) });
    const byKey = (items: StatisticsRow[]) => Object.fromEntries(items.map((r) => [r.key, r]));

    it("counts by organisation, type and channel, answer times in working days, on time against the stored due date", async () => {
      const res = await get("/api/v1/messages/statistics?from=2025-01-01&to=2025-12-31&group=org");
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      const orgs = body.items.map((r: StatisticsRow & { key: string }) => r);
      const codeOf = async (code: string) =>
        (
          await ctx.deps.db.kysely
            .selectFrom("orgs")
            .select("id")
            .where("code", "=", code)
            .executeTakeFirstOrThrow()
        ).id;
      const by = byKey(orgs);
      expect(by[await codeOf("gyx-zjj")]).toMatchObject({
        received: 2,
        answered: 2,
        answered_on_time: 1,
        answered_late: 1,
        on_time_rate: 50,
        answer_days_avg: 5.5,
        answer_days_median: 5.5,
        returned: 0, // the return is 金山镇's
        published: 1,
        satisfied: 1,
        unsatisfied: 1,
        rated: 2,
        satisfaction_rate: 50,
        overdue_open: 0,
      });
      expect(by[await codeOf("gyx-jsz")]).toMatchObject({
        received: 1,
        answered: 0,
        overdue_open: 1,
        alarm_open: 1,
        returned: 1,
      });
      expect(by[await codeOf("gyx")]).toMatchObject({
        received: 2,
        rejected: 1,
        overdue_open: 1,
        alarm_open: 1,
      });
      expect(body.total).toMatchObject({ received: 5, answered: 2, overdue_open: 2, returned: 1 });
      const types = byKey((await get("/api/v1/messages/statistics?group=type&from=2025-01-01")).json().items);
      expect(Object.fromEntries(Object.entries(types).map(([k, r]) => [k, r.received]))).toEqual({
        consult: 2,
        suggest: 1,
        complain: 1,
        help: 1,
      });
      expect(types.consult!.label).toBe("咨询");
      const channels = byKey(
        (await get("/api/v1/messages/statistics?group=channel&from=2025-01-01")).json().items,
      );
      expect(channels.online!.received).toBe(3);
      expect(channels.phone!.received).toBe(1);
      expect(channels.letter!.received).toBe(1);

      // The overdue list: working days past the stored due date (10 March and 24 March), most overdue first.
      const overdue = (await get("/api/v1/messages/overdue")).json();
      const d = overdue.items.find((m: { id: string }) => m.id === ids.D);
      const c = overdue.items.find((m: { id: string }) => m.id === ids.C);
      expect(d).toMatchObject({
        due_on: "2025-03-10",
        days_overdue: 42,
        alarm: true,
        alarm_on: "2025-05-03",
      });
      expect(c).toMatchObject({ due_on: "2025-03-24", days_overdue: 32, alarm: true, title: SCRIPT });
      expect(overdue.items.map((m: { id: string }) => m.id)).toEqual([ids.X, ids.D, ids.C]);

      // Stored for the annual report: the same numbers from the snapshot, the year and its months.
      const stored = await messageStatistics(ctx.deps, siteId, { year: 2025 });
      expect(stored.total).toEqual(body.total);
      expect(stored.by_org.map((r) => [r.key, r.received])).toEqual(
        orgs.map((r: StatisticsRow) => [r.key, r.received]),
      );
      expect((await messageStatistics(ctx.deps, siteId, { year: 2025, month: 3 })).total.received).toBe(5);
      expect((await messageStatistics(ctx.deps, siteId, { year: 2025, month: 4 })).total.received).toBe(0);
      // The daily job: in January it also closes last year.
      const job = await refreshAllMessageStatistics(ctx.deps, { date: "2025-01-15" });
      expect(job.years).toEqual([2024, 2025]);
      const last = await messageStatistics(ctx.deps, siteId, { year: 2024 });
      expect(last.total).toMatchObject({ received: 1, overdue_open: 1 });
      // Two refreshes of the same year at once (the page's button and the daily job): the site's row lock
      // serialises them, so neither runs into the other's cells and the stored numbers are the same.
      const both = await Promise.all([
        refreshMessageStatistics(ctx.deps, siteId, 2025),
        refreshMessageStatistics(ctx.deps, siteId, 2025),
      ]);
      expect(both[0].cells).toBe(both[1].cells);
      expect((await messageStatistics(ctx.deps, siteId, { year: 2025 })).total).toEqual(body.total);
    });

    it("limits a department clerk to its own organisation's rows; 404 for another's; 400 lists every problem", async () => {
      const mine = (await get("/api/v1/messages/statistics?from=2025-01-01", "demo-zjj-clerk")).json();
      expect(mine.scope).toBe("org");
      expect(mine.items.map((r: StatisticsRow) => r.label)).toEqual(["固阳县住房和城乡建设局"]);
      expect(mine.total.received).toBe(2);
      expect((await get("/api/v1/messages/statistics?org=gyx-jsz", "demo-zjj-clerk")).statusCode).toBe(404);
      expect((await get("/api/v1/messages/overdue", "demo-zjj-clerk")).json().items).toEqual([]);
      const jsz = (await get("/api/v1/messages/overdue", "demo-jsz-clerk")).json();
      expect(jsz.items.map((m: { id: string }) => m.id)).toEqual([ids.C]);
      expect((await get("/api/v1/messages/statistics", "demo-inspector")).json().scope).toBe("site");
      const refresh = (who: string) =>
        app.inject({
          method: "POST",
          url: "/api/v1/messages/statistics/refresh",
          headers: bearer(tokens[who]!),
          payload: { year: 2025 },
        });
      expect((await refresh("demo-zjj-clerk")).statusCode).toBe(403);
      expect((await refresh("demo-office")).statusCode).toBe(200);
      const audited = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("action", "=", "message.statistics_refresh")
        .execute();
      expect(audited).toHaveLength(1);
      const bad = await get("/api/v1/messages/statistics?from=2025-02-30&to=2025-1-1&group=month");
      expect(bad.statusCode).toBe(400);
      expect(
        bad.json().error.details.map((x: { field: string; code: string }) => `${x.field}:${x.code}`),
      ).toEqual(["from:invalid_date", "to:invalid_date", "group:invalid_group"]);
      // A month 13 or 00 is a wrong date like any other, never a server error (API, Excel).
      for (const url of [
        "/api/v1/messages/statistics?from=2026-13-01",
        "/api/v1/messages/statistics.xlsx?to=2026-00-10",
      ]) {
        const r = await get(url);
        expect(r.statusCode, url).toBe(400);
        expect(r.json().error.details[0].code).toBe("invalid_date");
      }
    });

    it("exports the workbook: four sheets, Chinese intact, no formula, script as text", async () => {
      const res = await get("/api/v1/messages/statistics.xlsx?from=2025-01-01&to=2025-12-31");
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["content-type"]).toContain("spreadsheetml");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(["按部门", "按类型", "按渠道", "超期清单"]);
      const byOrg = wb.getWorksheet("按部门")!;
      expect(String(byOrg.getCell("A1").value)).toMatch(/^固阳县.*互动交流统计.*2025-01-01 至 2025-12-31/);
      expect(byOrg.getCell("B2").value).toBe("收到");
      const list = wb.getWorksheet("超期清单")!;
      const titles: unknown[] = [];
      list.eachRow((row) => {
        const cell = row.getCell(2);
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        titles.push(cell.value);
      });
      expect(titles).toContain(SCRIPT);
      expect(titles).toContain(`'${FORMULA}`);
      expect((await get("/api/v1/messages/statistics?format=xlsx", "demo-zjj-clerk")).statusCode).toBe(200);
    });

    it("shows the page with its tables and the Excel link", async () => {
      const s = new Session(app);
      expect((await s.login("demo-office", DEMO_PASSWORD)).statusCode).toBe(303);
      const page = await s.get("/admin/messages/statistics?from=2025-01-01");
      expect(page.statusCode, page.body).toBe(200);
      expect(page.body).toContain('id="stats-org"');
      expect(page.body).toContain("/admin/messages/statistics.xlsx?from=2025-01-01");
      expect(page.body).toContain("&lt;script>alert(1)&lt;/script>路灯投诉");
      expect(page.body).not.toContain(SCRIPT);
      expect((await s.get("/admin/messages/statistics?from=nope")).statusCode).toBe(400);
      expect((await s.get("/admin/messages/statistics?from=2026-13-01")).statusCode).toBe(400);
      expect((await s.get("/admin/messages/stats?to=2026-13-01")).statusCode).toBe(400);
      const csrf = await s.csrfFrom("/admin/messages/statistics");
      const stored = await s.post("/admin/messages/statistics/refresh", { _csrf: csrf, year: "2025" });
      expect(stored.statusCode).toBe(303);
      const after = (await s.get("/admin/messages/statistics")).body;
      expect(after).toContain("已更新 2025 年统计存档");
      expect(after).toContain("本年存档更新于 2025-05-12");
      // The inspector's dashboard: overdue messages by handling organisation, linked to the statistics.
      const inspector = new Session(app);
      expect((await inspector.login("demo-inspector", DEMO_PASSWORD)).statusCode).toBe(303);
      const board = (await inspector.get("/admin")).body;
      expect(board).toContain("超期未答复的互动交流留言");
      expect(board).toMatch(
        /固阳县金山镇人民政府<\/th><td class="num warn-cell"><a href="\/admin\/messages\?overdue=1">1</,
      );
      expect((await s.get("/admin/messages")).body).toContain('href="/admin/messages/statistics"');
    });
  },
  { clock },
);
