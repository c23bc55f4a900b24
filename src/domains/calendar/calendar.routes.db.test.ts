import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { NOTICE_2027 } from "./calendar.fixtures";
import { getClock, loadCalendar, openClock } from "./index";

const clock = fixedClock("2026-11-15T02:00:00Z");

describeEachDialect(
  "calendar routes",
  (ctx) => {
    let app: AppInstance;
    let office: string;
    let clerk: string;
    beforeAll(async () => {
      app = await buildTestApp(ctx);
      office = await tokenFor(ctx, "demo-office");
      clerk = await tokenFor(ctx, "demo-clerk");
    });
    afterAll(async () => {
      await app?.close();
    });

    const count = async (table: "calendar_notices" | "audit_log" | "statutory_clock_changes") => {
      const r = await ctx.deps.db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    };

    it("answers working-day questions with an explanation", async () => {
      const add = await app.inject({ url: "/api/v1/calendar/working-days/add?date=2024-09-27&n=20" });
      expect(add.statusCode).toBe(200);
      expect(add.json()).toEqual({
        date: "2024-10-30",
        explanation: "2024-09-27 +20个工作日（国庆节 10月1日至7日 休息，9月29日、10月12日 上班）→ 2024-10-30",
      });
      const makeup = await app.inject({ url: "/api/v1/calendar/is-working-day?date=2024-10-12" });
      expect(makeup.json()).toEqual({
        date: "2024-10-12",
        working: true,
        kind: "makeup_workday",
        name: "国庆节",
      });
      const off = await app.inject({ url: "/api/v1/calendar/is-working-day?date=2024-10-01" });
      expect(off.json()).toMatchObject({ working: false, kind: "holiday", name: "国庆节" });
      const bad = await app.inject({ url: "/api/v1/calendar/is-working-day?date=2024-02-30" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe("invalid_date");
    });

    it("serves a year's month grids and lists the covered years", async () => {
      const y = await app.inject({ url: "/api/v1/calendar/years/2024" });
      expect(y.statusCode).toBe(200);
      const body = y.json();
      expect(body.source).toMatchObject({ year: 2024, source: "package" });
      expect(body.months).toHaveLength(12);
      expect(body.months[9].days[0]).toEqual({
        date: "2024-10-01",
        weekday: 2,
        working: false,
        kind: "holiday",
        name: "国庆节",
      });
      const missing = await app.inject({ url: "/api/v1/calendar/years/2030" });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error).toMatchObject({ code: "calendar_year_missing" });
      expect(missing.json().error.message).toContain("2030年");
      const list = await app.inject({ url: "/api/v1/calendar/notices" });
      expect(list.json().items.map((i: { year: number }) => i.year)).toContain(2026);
    });

    it("refuses calendar changes without a token (401) and from a clerk (403)", async () => {
      const anon = await app.inject({
        method: "POST",
        url: "/api/v1/calendar/notices",
        payload: NOTICE_2027,
      });
      expect(anon.statusCode).toBe(401);
      const byClerk = await app.inject({
        method: "POST",
        url: "/api/v1/calendar/notices",
        headers: bearer(clerk),
        payload: NOTICE_2027,
      });
      expect(byClerk.statusCode).toBe(403);
      expect(byClerk.json().error.code).toBe("role_not_allowed");
      const closure = await app.inject({
        method: "POST",
        url: "/api/v1/calendar/closures",
        headers: bearer(clerk),
        payload: { date: "2026-11-20", reason: "台风" },
      });
      expect(closure.statusCode).toBe(403);
      expect(await count("calendar_notices")).toBe(0);
    });

    it("refuses a bad notice with every problem and stores nothing", async () => {
      const before = [await count("calendar_notices"), await count("audit_log")];
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/calendar/notices",
        headers: bearer(office),
        payload: {
          year: 2027,
          title: 5,
          days: [
            { date: "2027-01-01", off: true },
            { date: "2026-12-31", off: true },
            { date: "2027-02-10", off: false },
            { date: "2027-02-06" },
          ],
        },
      });
      expect(res.statusCode).toBe(400);
      const err = res.json().error;
      expect(err.code).toBe("validation_failed");
      expect(err.details.map((d: { code: string }) => d.code)).toEqual([
        "field_invalid",
        "date_wrong_year",
        "makeup_not_weekend",
        "off_missing",
      ]);
      expect([await count("calendar_notices"), await count("audit_log")]).toEqual(before);
    });

    it("crosses from 2026 into 2027 provisionally until the 2027 notice is entered, recomputing open deadlines", async () => {
      const before = await app.inject({ url: "/api/v1/calendar/working-days/add?date=2026-12-20&n=20" });
      expect(before.statusCode).toBe(200);
      expect(before.json()).toMatchObject({ date: "2027-01-18", provisional: true });
      expect(before.json().explanation).toContain("暂定：2027年节假日安排尚未发布");
      const page = await app.inject({ url: "/calendar?year=2027" });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("2027年节假日安排尚未发布：下表按《全国年节及纪念日放假办法》");
      const year = await app.inject({ url: "/api/v1/calendar/years/2027" });
      expect(year.json().source).toMatchObject({ source: "provisional", days_off: 13, makeup_days: 0 });
      expect((await app.inject({ url: "/calendar?year=2031" })).statusCode).toBe(404);

      const pending = await ctx.deps.db.kysely.transaction().execute((trx) =>
        openClock(ctx.deps, trx, {
          ownerType: "application",
          ownerId: "route-test",
          limit: 20,
          events: [{ type: "start", on: "2026-12-20" }],
        }),
      );
      expect(pending).toMatchObject({ dueOn: "2027-01-18", provisional: true });

      const res = await app.inject({
        method: "POST",
        url: "/api/v1/calendar/notices",
        headers: bearer(office),
        payload: NOTICE_2027,
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({
        year: 2027,
        document_number: NOTICE_2027.document_number,
        replaced: false,
      });
      expect(body.days).toHaveLength(NOTICE_2027.days.length);
      expect(body.recomputed.changed).toEqual([
        expect.objectContaining({ clock_id: pending.id, old_due_on: "2027-01-18", new_due_on: "2027-01-18" }),
      ]);
      expect(body.recomputed.failed).toEqual([]);
      expect((await getClock(ctx.deps, pending.id))?.dueOn).toBe("2027-01-18");

      const after = await app.inject({ url: "/api/v1/calendar/working-days/add?date=2026-12-20&n=20" });
      expect(after.json()).toEqual({
        date: "2027-01-18",
        explanation: "2026-12-20 +20个工作日（元旦 1月1日 休息）→ 2027-01-18",
      });
      expect((await app.inject({ url: "/calendar?year=2027" })).statusCode).toBe(200);
      const changes = await app.inject({ url: "/api/v1/calendar/changes", headers: bearer(office) });
      expect(changes.json().items[0]).toMatchObject({
        clock_id: pending.id,
        new_due_on: "2027-01-18",
        cause: "calendar",
      });
      expect((await app.inject({ url: "/api/v1/calendar/changes", headers: bearer(clerk) })).statusCode).toBe(
        403,
      );
    });

    it("adds and withdraws a closure through the API", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/calendar/closures",
        headers: bearer(office),
        payload: { from: "2024-07-22", to: "2024-07-23", reason: "台风" },
      });
      expect(res.statusCode).toBe(201);
      const { closure } = res.json();
      expect(closure).toMatchObject({ dates: ["2024-07-22", "2024-07-23"], site_id: null, reason: "台风" });
      const day = await app.inject({ url: "/api/v1/calendar/is-working-day?date=2024-07-22" });
      expect(day.json()).toMatchObject({ working: false, kind: "closure", name: "台风" });
      const listed = await app.inject({ url: "/api/v1/calendar/closures" });
      expect(listed.json().items.map((c: { id: string }) => c.id)).toContain(closure.id);
      const del = await app.inject({
        method: "DELETE",
        url: `/api/v1/calendar/closures/${closure.id}`,
        headers: bearer(office),
      });
      expect(del.statusCode).toBe(200);
      expect(
        (await app.inject({ url: "/api/v1/calendar/is-working-day?date=2024-07-22" })).json().working,
      ).toBe(true);
      const again = await app.inject({
        method: "DELETE",
        url: `/api/v1/calendar/closures/${closure.id}`,
        headers: bearer(office),
      });
      expect(again.statusCode).toBe(404);
    });

    it("shows the public calendar with marked holidays, a legend and the deadline calculator", async () => {
      const res = await app.inject({ url: "/calendar?year=2024" });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("<caption");
      expect(res.body).toContain("2024年10月");
      expect(res.body).toContain("国庆节 10月1日至7日 休息，10月12日 上班");
      expect(res.body).toMatch(/title="放假（国庆节）"[^>]*>休</);
      expect(res.body).toMatch(/title="调休上班（国庆节）"[^>]*>班</);
      expect(res.body).toContain("调休上班（周末照常上班）");
      expect(res.body).toContain('href="/calendar?year=2023"');
      expect(res.body).toContain('href="/calendar?year=2025"');
      const calc = await app.inject({ url: "/calendar?year=2024&date=2024-09-27&n=20" });
      expect(calc.body).toContain("2024-09-27 后第 20 个工作日是 2024-10-30");
      const bad = await app.inject({ url: "/calendar?year=2024&date=2024-13-01&n=20" });
      expect(bad.statusCode).toBe(200);
      expect(bad.body).toContain("起算日期不正确");
      const mn = await app.inject({ url: "/mn/calendar?year=2024" });
      expect(mn.statusCode).toBe(200);
      expect(mn.body).toContain('<html lang="mn-Mong"');
      expect(mn.body).toContain('href="/mn/calendar?year=2025"');
    });

    it("keeps the back-office page for calendar managers; imports through the form with every problem listed", async () => {
      const anon = await app.inject({ url: "/admin/calendar" });
      expect(anon.statusCode).toBe(303);
      expect(anon.headers.location).toContain("/admin/login");

      const clerkSession = new Session(app);
      await clerkSession.login("demo-clerk", DEMO_PASSWORD);
      expect((await clerkSession.get("/admin/calendar")).statusCode).toBe(403);

      const s = new Session(app);
      expect((await s.login("demo-office", DEMO_PASSWORD)).statusCode).toBe(303);
      const page = await s.get("/admin/calendar");
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("节假日安排");
      expect(page.body).toContain("内置数据（chinese-days 软件包）");
      expect(page.body).toContain(NOTICE_2027.document_number);

      const csrf = await s.csrfFrom("/admin/calendar");
      const bad = await s.post("/admin/calendar/notices", {
        _csrf: csrf,
        notice: JSON.stringify({
          year: 2028,
          days: [
            { date: "2027-01-01", off: true },
            { date: "2028-01-05", off: false },
          ],
        }),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("error-summary");
      expect(bad.body).toContain("不在通知年份 2028 年内");
      expect(bad.body).toContain("不是周六或周日");
      const notJson = await s.post("/admin/calendar/notices", { _csrf: csrf, notice: "{year: 2028" });
      expect(notJson.statusCode).toBe(400);
      expect(notJson.body).toContain("不是有效的 JSON");

      const noCsrf = await s.post("/admin/calendar/notices", { notice: JSON.stringify(NOTICE_2027) });
      expect(noCsrf.statusCode).toBe(403);

      const ok = await s.post("/admin/calendar/notices", {
        _csrf: csrf,
        notice: JSON.stringify(NOTICE_2027),
      });
      expect(ok.statusCode).toBe(303);
      const back = await s.get("/admin/calendar");
      expect(back.body).toContain("已替换2027年节假日安排");

      const closure = await s.post("/admin/calendar/closures", {
        _csrf: csrf,
        from: "2026-11-20",
        to: "",
        reason: "暴雪",
        scope: "site",
      });
      expect(closure.statusCode).toBe(303);
      const withClosure = await s.get("/admin/calendar");
      expect(withClosure.body).toContain("已登记停止办公 2026-11-20");
      expect(withClosure.body).toContain("暴雪");
      // A closure for this site only: the portal's calendar has it, the platform-wide one does not.
      const day = await app.inject({ url: "/api/v1/calendar/is-working-day?date=2026-11-20" });
      expect(day.json()).toMatchObject({ working: false, kind: "closure", name: "暴雪" });
      expect((await loadCalendar(ctx.deps, null)).isWorkingDay("2026-11-20")).toBe(true);
      const badClosure = await s.post("/admin/calendar/closures", {
        _csrf: csrf,
        from: "2026-11-30",
        to: "2026-11-20",
        reason: "",
      });
      expect(badClosure.statusCode).toBe(400);
      expect(badClosure.body).toContain("缺少停止办公的原因");
      expect(badClosure.body).toContain("早于开始日期");
    });

    it("warns on the dashboard from 1 November when next year's notice is missing", async () => {
      clock.set("2027-11-02T02:00:00Z");
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      const dash = await s.get("/admin");
      expect(dash.statusCode).toBe(200);
      expect(dash.body).toContain("尚未录入2028年节假日安排");
      clock.set("2027-10-31T02:00:00Z");
      expect((await s.get("/admin")).body).not.toContain("尚未录入2028年节假日安排");
    });
  },
  { clock },
);
