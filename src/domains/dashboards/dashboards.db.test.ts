import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { createOtherSite, OTHER_SITE_ROOT } from "../../../test/helpers/sites";
import { systemActor } from "../../deps";
import type { ChartSpec } from "../../platform/charts";
import { newId } from "../../platform/ids";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { type CurrentUser, createUser, findCurrentUser } from "../accounts";
import { createMessage } from "../interaction/messages.service";
import { createOrg, createSiteWithRoot } from "../orgs";
import { allCharts, type Dashboard } from "./dashboards.series";
import { loadDashboard } from "./dashboards.service";

// The dashboards on a lean site (乙县, no demo data; a third county 丙县 for another site's office) with fixed data: two departments (one named with markup, to prove
// it is escaped everywhere), items, applications with their reply clocks, one message and three health runs.
// The clock is fixed on 15 June 2026; every expected figure below is counted by hand from the rows inserted.
const clock = fixedClock("2026-06-15T02:00:00Z");
const PASSWORD = "Dashboards-Pw-2026!";
const EVIL = `<script>alert(1)</script>财政局`;
const ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;财政局";

const chart = (d: Dashboard, id: string): ChartSpec => {
  const c = allCharts(d).find((x) => x.id === id);
  if (!c) throw new Error(`no chart ${id}`);
  return c;
};
const series = (c: ChartSpec, name: string) => c.series.find((s) => s.name === name)?.values;
const month = (values: Array<number | null> | undefined, m: number) => values?.[m - 1];

describeEachDialect(
  "dashboards (统计图表): series, policy, Excel, pages",
  (ctx) => {
    let app: AppInstance;
    let siteId: string;
    const ids: Record<string, string> = {};
    const users: Record<string, CurrentUser> = {};
    const tokens: Record<string, string> = {};

    const deps = () => ({ ...ctx.deps, clock });
    const item = async (
      orgId: string,
      publishedOn: string | null,
      late: number | null,
      status = "published",
    ) => {
      const id = newId();
      await ctx.deps.db.kysely
        .insertInto("items")
        .values({
          id,
          site_id: siteId,
          org_id: orgId,
          lineage_id: id,
          version: 1,
          kind: "news",
          status,
          title: `信息${id.slice(-4)}`,
          body_html: "<p>正文</p>",
          body_text: "正文",
          formed_on: publishedOn ?? "2026-01-01",
          published_at: publishedOn ? `${publishedOn}T02:00:00.000Z` : null,
          published_on: publishedOn,
          late,
          created_by: "test",
          created_at: "2026-01-01T00:00:00.000Z",
          updated_at: "2026-01-01T00:00:00.000Z",
        } as never)
        .execute();
    };
    const application = async (a: {
      org: string | null;
      received: string;
      status: string;
      due?: string;
      replied?: string;
      outcome?: string;
    }) => {
      const id = newId();
      await ctx.deps.db.kysely
        .insertInto("applications")
        .values({
          id,
          site_id: siteId,
          tracking_code: `T${id.slice(-12)}`,
          secret_hash: "x",
          channel: "online",
          status: a.status,
          applicant_type: "natural",
          applicant_name: "申请人",
          description: "申请公开",
          delivery: "online",
          carrier: "electronic",
          submitted_at: `${a.received}T01:00:00.000Z`,
          received_on: a.received,
          org_id: a.org,
          correction_used: 0,
          extended_days: 0,
          outcome: a.outcome ?? null,
          replied_on: a.replied ?? null,
          created_at: `${a.received}T01:00:00.000Z`,
          updated_at: `${a.received}T01:00:00.000Z`,
        } as never)
        .execute();
      if (a.due)
        await ctx.deps.db.kysely
          .insertInto("statutory_clocks")
          .values({
            id: newId(),
            owner_type: "application",
            owner_id: id,
            kind: "reply",
            site_id: siteId,
            limit_days: 20,
            events: "[]",
            due_on: a.due,
            status: a.replied ? "stopped" : "open",
            explanation: "",
            problem: null,
            provisional: 0,
            created_at: `${a.received}T01:00:00.000Z`,
            updated_at: `${a.received}T01:00:00.000Z`,
          })
          .execute();
    };
    const run = async (checkedOn: string, score: number) =>
      ctx.deps.db.kysely
        .insertInto("health_runs")
        .values({
          id: newId(),
          site_id: siteId,
          run_at: `${checkedOn}T00:00:00.000Z`,
          checked_on: checkedOn,
          verdict: score >= 60 ? "pass" : "fail",
          score,
          vetoes: "[]",
          result: "{}",
          alerted: 0,
        })
        .execute();

    beforeAll(async () => {
      app = await buildTestApp(ctx, { seed: false });
      const actor = systemActor("test");
      siteId = (await createOtherSite(ctx)).site.id;
      const root = await ctx.deps.db.kysely
        .selectFrom("orgs")
        .select("id")
        .where("site_id", "=", siteId)
        .where("code", "=", OTHER_SITE_ROOT)
        .executeTakeFirstOrThrow();
      ids.root = root.id;
      const base = { parent_code: OTHER_SITE_ROOT, kind: "department" as const };
      ids.a = (
        await createOrg(ctx.deps, actor, { ...base, code: "oc-dash-a", name: EVIL, sort_order: 1 }, siteId)
      ).id;
      ids.b = (
        await createOrg(
          ctx.deps,
          actor,
          { ...base, code: "oc-dash-b", name: "乙县教育局", sort_order: 2 },
          siteId,
        )
      ).id;
      const staff: Array<[string, string[], string]> = [
        ["dash-office", ["office"], OTHER_SITE_ROOT],
        ["dash-inspector", ["inspector"], OTHER_SITE_ROOT],
        ["dash-clerk-a", ["clerk"], "oc-dash-a"],
        ["dash-clerk-b", ["clerk"], "oc-dash-b"],
        ["dash-reviewer", ["reviewer"], OTHER_SITE_ROOT],
      ];
      for (const [username, roles, orgCode] of staff) {
        await createUser(ctx.deps, actor, {
          username,
          roles,
          password: PASSWORD,
          name: username,
          orgCode,
          siteId,
        });
        users[username] = (await findCurrentUser(ctx.deps, username))!;
        tokens[username] = await tokenFor(ctx, username);
      }
      // A third county and its office: another site's user.
      await createSiteWithRoot(ctx.deps, actor, {
        code: "third-county",
        name: "丙县人民政府网站",
        identifier_code: "1502240001",
        division_code: "150224",
        root: { code: "tc-gov", name: "丙县人民政府" },
      });
      await createUser(ctx.deps, actor, {
        username: "demo-office",
        roles: ["office"],
        password: PASSWORD,
        name: "丙县政务公开办",
        orgCode: "tc-gov",
      });
      users["demo-office"] = (await findCurrentUser(ctx.deps, "demo-office"))!;
      tokens["demo-office"] = await tokenFor(ctx, "demo-office");

      // Items: A publishes two in February (one late) and one in March; B one in March whose timeliness is
      // pending; neither a draft nor last year's item counts.
      await item(ids.a, "2026-02-03", 0);
      await item(ids.a, "2026-02-20", 1);
      await item(ids.a, "2026-03-05", 0, "withdrawn");
      await item(ids.b, "2026-03-09", null);
      await item(ids.b, "2025-12-30", 0);
      await item(ids.a, null, null, "draft");
      // Applications: A answers one on time (Feb) and one late (Mar, due in Mar); one of A's is open past its
      // due date (May); B has one open within its time; one is not yet assigned (the office's).
      await application({
        org: ids.a,
        received: "2026-01-10",
        status: "replied",
        due: "2026-02-05",
        replied: "2026-02-01",
        outcome: "disclose",
      });
      await application({
        org: ids.a,
        received: "2026-02-10",
        status: "replied",
        due: "2026-03-10",
        replied: "2026-03-20",
        outcome: "partial",
      });
      await application({ org: ids.a, received: "2026-04-01", status: "handling", due: "2026-05-01" });
      await application({ org: ids.b, received: "2026-05-20", status: "handling", due: "2026-06-20" });
      await application({ org: null, received: "2026-03-03", status: "submitted" });
      // A consult message received in May, held by the office (the site root).
      await createMessage(
        { ...ctx.deps, clock: fixedClock("2026-05-20T02:00:00Z") },
        { type: "consult", title: "咨询", body: "请问怎么办理？", name: "张三", phone: "13800000000" },
        { siteId },
      );
      await run("2026-05-02", 90);
      await run("2026-05-03", 50);
      await run("2026-06-01", 100);
    }, 120_000);
    afterAll(async () => {
      await app?.close();
    });

    it("counts the office's series by organisation and month for the whole site", async () => {
      const { dashboard: d, scope } = await loadDashboard(deps(), users["dash-office"]!, "office", {
        year: "2026",
      });
      expect(scope.whole).toBe(true);
      expect(d.sections.map((s) => s.id)).toEqual(["items", "applications", "messages", "health"]);

      const monthly = chart(d, "items-monthly");
      expect(monthly.series.map((s) => s.name)).toEqual([EVIL, "乙县教育局"]);
      expect(series(monthly, EVIL)).toEqual([0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(series(monthly, "乙县教育局")).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

      const timely = chart(d, "items-timeliness");
      expect(timely.categories).toEqual([EVIL]); // B's only item is pending: no rate
      expect(timely.series[0]!.values).toEqual([66.7]);
      expect(timely.tableOnly!.map((s) => s.values)).toEqual([[3], [2], [1]]);

      const apps = chart(d, "applications-monthly");
      expect(series(apps, "收到")).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
      expect(series(apps, "答复")).toEqual([0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(series(apps, "逾期")).toEqual([0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0]);

      const outcomes = chart(d, "applications-outcomes");
      expect(outcomes.categories).toEqual(["予以公开", "部分公开"]);
      expect(outcomes.series[0]!.values).toEqual([1, 1]);

      expect(month(series(chart(d, "messages-monthly"), "收到"), 5)).toBe(1);
      expect(series(chart(d, "messages-monthly"), "收到")!.reduce((a, b) => a! + b!, 0)).toBe(1);

      const health = chart(d, "health-trend");
      expect(month(series(health, "平均得分"), 5)).toBe(70);
      expect(month(series(health, "最低得分"), 5)).toBe(50);
      expect(month(series(health, "平均得分"), 6)).toBe(100);
      expect(month(series(health, "平均得分"), 4)).toBeNull();
      expect(health.tableOnly!.map((s) => month(s.values, 5))).toEqual([2, 1]);
    });

    it("shows a department's clerk only their own organisation's figures, and nothing site-wide", async () => {
      const { dashboard: d, scope } = await loadDashboard(deps(), users["dash-clerk-a"]!, "office", {
        year: "2026",
      });
      expect(scope.whole).toBe(false);
      expect(scope.orgIds).toEqual([ids.a]);
      expect(d.sections.map((s) => s.id)).toEqual(["items", "applications", "messages"]);
      expect(chart(d, "items-monthly").series.map((s) => s.name)).toEqual([EVIL]);
      // Not B's application, not the unassigned one, not the office's message.
      expect(series(chart(d, "applications-monthly"), "收到")).toEqual([1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(series(chart(d, "messages-monthly"), "收到")!.every((v) => v === 0)).toBe(true);
      // The office narrowing to B sees B only.
      const b = await loadDashboard(deps(), users["dash-office"]!, "office", {
        year: "2026",
        org: "oc-dash-b",
      });
      expect(b.scope.whole).toBe(false);
      expect(chart(b.dashboard, "items-monthly").series.map((s) => s.name)).toEqual(["乙县教育局"]);
      expect(series(chart(b.dashboard, "applications-monthly"), "收到")).toEqual([
        0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
      ]);
    });

    it("refuses another department, another site, the inspection dashboard to clerks and a role without dashboards", async () => {
      const refused = async (user: string, name: string, q: Record<string, string>) =>
        loadDashboard(deps(), users[user]!, name, q).then(
          () => "allowed",
          (e: { code: string; status: number }) => `${e.status} ${e.code}`,
        );
      expect(await refused("dash-clerk-a", "office", { org: "oc-dash-b" })).toBe("404 org_not_found");
      expect(await refused("dash-clerk-b", "office", { org: "oc-dash-a" })).toBe("404 org_not_found");
      expect(await refused("demo-office", "office", { org: "oc-dash-a" })).toBe("404 org_not_found");
      expect(await refused("dash-clerk-a", "inspection", {})).toBe("403 role_not_allowed");
      expect(await refused("dash-reviewer", "office", {})).toBe("403 role_not_allowed");
      expect(await refused("dash-office", "nope", {})).toBe("404 not_found");
      expect(await refused("dash-office", "office", { year: "1999" })).toBe("400 validation_failed");
      // The demo county's office sees none of 乙县's figures.
      const demo = await loadDashboard(deps(), users["demo-office"]!, "office", { year: "2026" });
      expect(JSON.stringify(demo.dashboard)).not.toContain("oc-dash");
      expect(
        allCharts(demo.dashboard).flatMap((c) => [...c.categories, ...c.series.map((s) => s.name)]),
      ).not.toContain(EVIL);
    });

    it("ranks departments and lists overdue work for the inspection office", async () => {
      const { dashboard: d } = await loadDashboard(deps(), users["dash-inspector"]!, "inspection", {
        year: "2026",
      });
      const ranking = chart(d, "timeliness-ranking");
      // A: items 2 of 3 on time (66.7), applications 1 of 2 (50), no answered message: (66.7 + 50) / 2.
      expect(ranking.categories[0]).toBe(`1. ${EVIL}`);
      expect(ranking.series[0]!.values[0]).toBe(58.4);
      expect(ranking.tableOnly!.map((s) => s.values[0])).toEqual([66.7, 50, null]);
      expect(ranking.categories.some((c) => c.includes("乙县教育局"))).toBe(false); // nothing judged yet
      const overdue = chart(d, "overdue-by-org");
      const a = overdue.categories.indexOf(EVIL);
      expect(overdue.series.map((s) => s.values[a])).toEqual([1, 1, 0, 0]);
      expect(overdue.categories).not.toContain("乙县教育局");
      const trend = chart(d, "timeliness-trend");
      expect(month(series(trend, "主动公开按时率"), 2)).toBe(50);
      expect(month(series(trend, "主动公开按时率"), 3)).toBe(100);
      expect(month(series(trend, "申请按期答复率"), 2)).toBe(100);
      expect(month(series(trend, "申请按期答复率"), 3)).toBe(0);
      expect(month(series(trend, "申请按期答复率"), 4)).toBeNull();
    });

    it("serves the page with every label escaped, charts and tables, and the JSON API with its refusals", async () => {
      const s = new Session(app);
      await s.login("dash-office", PASSWORD);
      const page = await s.get("/admin/dashboards?year=2026");
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain("<script>alert(1)");
      expect(page.body).toContain(ESCAPED);
      // Seven charts; the satisfaction chart has nothing to draw (no message answered or rated yet).
      expect(page.body.match(/<svg\b/g)?.length).toBe(6);
      expect(page.body.match(/所选范围内没有数据/g)?.length).toBe(1);
      expect(page.body.match(/<table class="chart-table"/g)?.length).toBe(7);
      expect(page.body.match(/下载 Excel/g)?.length).toBe(7);
      expect(page.body).toContain(`href="/admin/dashboards/office.xlsx?year=2026&chart=items-timeliness"`);
      const insp = await s.get("/admin/dashboards/inspection?year=2026");
      expect(insp.statusCode).toBe(200);
      expect(insp.body).not.toContain("<script>alert(1)");
      const bad = await s.get("/admin/dashboards?year=20x6");
      expect(bad.statusCode).toBe(400);

      const api = await app.inject({
        url: "/api/v1/dashboards/office?year=2026",
        headers: bearer(tokens["dash-office"]!),
      });
      expect(api.statusCode).toBe(200);
      const body = api.json();
      expect(body).toMatchObject({ name: "office", year: 2026, scope: "site", org: null });
      const timely = body.sections[0].charts[1];
      expect(timely).toMatchObject({
        id: "items-timeliness",
        categories: [EVIL],
        series: [{ values: [66.7] }],
      });
      const clerk = await app.inject({
        url: "/api/v1/dashboards/office",
        headers: bearer(tokens["dash-clerk-a"]!),
      });
      expect(clerk.json()).toMatchObject({ scope: "orgs" });
      const probes: Array<[string, string | undefined, number, string]> = [
        ["/api/v1/dashboards/office?org=oc-dash-b", "dash-clerk-a", 404, "org_not_found"],
        ["/api/v1/dashboards/office?org=oc-dash-a", "demo-office", 404, "org_not_found"],
        ["/api/v1/dashboards/inspection", "dash-clerk-a", 403, "role_not_allowed"],
        ["/api/v1/dashboards/office?year=abc&org=x%20y", "dash-office", 400, "validation_failed"],
        ["/api/v1/dashboards/office", undefined, 401, "unauthorized"],
      ];
      for (const [url, who, status, code] of probes) {
        const r = await app.inject({ url, headers: who ? bearer(tokens[who]!) : {} });
        expect([url, r.statusCode, r.json().error.code]).toEqual([url, status, code]);
      }
      const both = await app.inject({
        url: "/api/v1/dashboards/office?year=abc&org=x%20y",
        headers: bearer(tokens["dash-office"]!),
      });
      expect(both.json().error.details.map((x: { code: string }) => x.code)).toEqual([
        "invalid_year",
        "invalid_org",
      ]);
    });

    it("exports each chart and the whole dashboard to Excel that reads back with the same numbers", async () => {
      const s = new Session(app);
      await s.login("dash-office", PASSWORD);
      const read = async (url: string) => {
        const r = await app.inject({ url, headers: { cookie: s.cookieHeader } });
        expect(r.statusCode, url).toBe(200);
        expect(r.headers["content-type"]).toContain("spreadsheetml");
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
        return wb;
      };
      const whole = await read("/admin/dashboards/office.xlsx?year=2026");
      expect(whole.worksheets).toHaveLength(7);
      const one = await read("/admin/dashboards/office.xlsx?year=2026&chart=items-timeliness");
      expect(one.worksheets).toHaveLength(1);
      const rows = one.worksheets[0]!.getSheetValues()
        .slice(1)
        .map((r) => (r as unknown[]).slice(1));
      expect(rows[2]).toEqual(["单位", "按时率", "发布（条）", "按时（条）", "超时（条）"]);
      expect(rows[3]).toEqual([EVIL, 66.7, 3, 2, 1]);
      const insp = await read("/admin/dashboards/inspection.xlsx?year=2026");
      expect(insp.worksheets).toHaveLength(3);
      const missing = await app.inject({
        url: "/admin/dashboards/office.xlsx?chart=no-such-chart",
        headers: { cookie: s.cookieHeader },
      });
      expect(missing.statusCode).toBe(404);
      const clerk = new Session(app);
      await clerk.login("dash-clerk-a", PASSWORD);
      const refused = await app.inject({
        url: "/admin/dashboards/inspection.xlsx",
        headers: { cookie: clerk.cookieHeader },
      });
      expect(refused.statusCode).toBe(403);
    });
  },
  { clock },
);
