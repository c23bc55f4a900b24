import { beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { createOtherSite } from "../../../test/helpers/sites";
import { DEMO_PASSWORD } from "../../demo/seed";
import { codeLabel } from "../../web/i18n/code-labels";
import type { AppInstance } from "../../web/types";
import { EXAMPLE_ITEM } from "./services.schemas";

// The online-service statistics (counted against the items table itself, and moved by one item published)
// and the 互联网+政务服务 implementation reports: the demo's published one, a draft written through the
// forms and the API, its figures frozen once published, refusals across organisations and sites.
// biome-ignore lint/suspicious/noExplicitAny: answers are read as JSON of many shapes
type Res = { statusCode: number; body: string; json(): any };

describeEachDialect("services: online statistics and implementation reports", (ctx) => {
  let app: AppInstance;
  const tok: Record<string, string> = {};
  const api = (
    method: "GET" | "POST" | "PATCH",
    url: string,
    who?: string,
    payload?: unknown,
  ): Promise<Res> =>
    app.inject({
      method,
      url,
      headers: who ? bearer(tok[who]!) : {},
      ...(payload ? { payload } : {}),
    } as never) as never;
  const codes = (r: Res) => (r.json().error.details as { code: string }[]).map((d) => d.code);
  const as = async (username: string, password = DEMO_PASSWORD) => {
    const s = new Session(app);
    expect((await s.login(username, password)).statusCode).toBe(303);
    return s;
  };
  let n = 0;
  /** A fully online, zero-visit item of the county office's department, approved. */
  async function publishOnlineItem(): Promise<void> {
    n++;
    const c = await api("POST", "/api/v1/services", "demo-clerk", {
      ...EXAMPLE_ITEM,
      org: "gyx-zfb",
      impl_code: `150222-ZFB-RPT-${n}`,
      name: `网上统计测试事项${n}`,
      level: "县",
      online_depth: 4,
      visits: 0,
    });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id;
    expect(
      (await api("POST", `/api/v1/services/${id}/actions`, "demo-clerk", { action: "submit" })).statusCode,
    ).toBe(200);
    expect(
      (await api("POST", `/api/v1/services/${id}/actions`, "demo-reviewer", { action: "approve" }))
        .statusCode,
    ).toBe(200);
  }

  beforeAll(async () => {
    app = await buildTestApp(ctx, { services: true });
    await createOtherSite(ctx, [
      { username: "site-b-office", roles: ["office"], password: "Site-B-Pw-2026!" },
    ]);
    for (const u of ["demo-office", "demo-clerk", "demo-reviewer", "demo-inspector", "site-b-office"])
      tok[u] = await tokenFor(ctx, u);
  }, 120_000);

  it("counts fully online, zero-visit and one-visit items by department and level, as the items table has them", async () => {
    const stats = (await api("GET", "/api/v1/services/stats")).json();
    const rows = await ctx.deps.db.kysely
      .selectFrom("service_items")
      .innerJoin("orgs", "orgs.id", "service_items.org_id")
      .select(["orgs.code", "service_items.level", "service_items.online_depth", "service_items.visits"])
      .where("service_items.status", "=", "published")
      .where("orgs.code", "like", "gyx%")
      .execute();
    const expected = (list: typeof rows) => ({
      total: list.length,
      fully_online: list.filter((r) => Number(r.online_depth) === 4).length,
      zero_visit: list.filter((r) => Number(r.visits) === 0).length,
      one_visit: list.filter((r) => Number(r.visits) <= 1).length,
    });
    expect(stats.total).toBeGreaterThanOrEqual(40);
    expect(stats).toMatchObject(expected(rows));
    expect(stats.fully_online_pct).toBe(Math.round((stats.fully_online / stats.total) * 1000) / 10);
    for (const o of stats.by_org)
      expect(o, o.code).toMatchObject(expected(rows.filter((r) => r.code === o.code)));
    for (const l of stats.by_level)
      expect(l, l.level).toMatchObject(expected(rows.filter((r) => r.level === l.level)));
    const sum = (k: string) => stats.by_org.reduce((a: number, o: Record<string, number>) => a + o[k]!, 0);
    expect(sum("total")).toBe(stats.total);
    expect(sum("one_visit")).toBe(stats.one_visit);
    expect(stats.by_level.map((l: { level: string }) => l.level)).toEqual(
      expect.arrayContaining(["县", "乡"]),
    );
    // One more fully online, zero-visit item of the county office moves every count by one.
    const zfb = stats.by_org.find((o: { code: string }) => o.code === "gyx-zfb") ?? {
      total: 0,
      fully_online: 0,
    };
    await publishOnlineItem();
    const after = (await api("GET", "/api/v1/services/stats")).json();
    expect(after.total).toBe(stats.total + 1);
    expect(after.fully_online).toBe(stats.fully_online + 1);
    expect(after.zero_visit).toBe(stats.zero_visit + 1);
    expect(after.one_visit).toBe(stats.one_visit + 1);
    const zfbAfter = after.by_org.find((o: { code: string }) => o.code === "gyx-zfb");
    expect(zfbAfter.total).toBe(zfb.total + 1);
    expect(zfbAfter.fully_online).toBe(zfb.fully_online + 1);
    for (const url of ["/fw/stats", "/mn/fw/stats"]) {
      const page = await app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain("<svg");
    }
    const page = await app.inject({ url: "/fw/stats" });
    expect(page.body).toContain("全程网办");
    expect(page.body).toContain(`${after.fully_online}（${after.fully_online_pct}%）`);
    expect(page.body).toContain("固阳县人民政府办公室");
    expect((await app.inject({ url: "/fw" })).body).toContain('href="/fw/stats"');
    // In Mongolian the levels and the chart's description come from the catalogs, not the stored Chinese.
    const mn = (await app.inject({ url: "/mn/fw/stats" })).body;
    expect(mn).toContain(codeLabel("mn-Mong", "svc.level", "县"));
    expect(mn).not.toMatch(/[县乡村] ᠳᠡᠰ|图中数字/);
  });

  it("publishes the demo's report: listed, readable in both languages, found by the site search", async () => {
    const list = (await api("GET", "/api/v1/services/reports")).json();
    expect(list.items.length).toBeGreaterThanOrEqual(1);
    const demo = list.items[0];
    expect(demo).toMatchObject({ quarter: 3, status: "published" });
    expect(demo.title).toContain("第三季度");
    const full = (await api("GET", `/api/v1/services/reports/${demo.id}`)).json();
    expect(full.figures.total).toBeGreaterThanOrEqual(40);
    expect(full.body).toContain("一件事一次办");
    for (const url of [
      "/fw/reports",
      `/fw/reports/${demo.id}`,
      "/mn/fw/reports",
      `/mn/fw/reports/${demo.id}`,
    ]) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(200);
      expect(r.body, url).toContain(demo.title);
      if (url.startsWith("/mn/")) expect(r.body, url).toContain(`${demo.year} ᠣᠨ ᠤ 3 ᠳᠤᠭᠠᠷ ᠤᠯᠠᠷᠢᠯ`);
    }
    const hits = (
      await api("GET", `/api/v1/search?q=${encodeURIComponent("互联网+政务服务实施情况报告")}`)
    ).json();
    expect(hits.items.some((h: { url: string }) => h.url === `/fw/reports/${demo.id}`)).toBe(true);
    // The newborn 一件事 waives the birth certificate its first item issues.
    const newborn = (await api("GET", "/api/v1/service-bundles/newborn")).json();
    expect(newborn.waived.map((m: { name: string }) => m.name)).toEqual(["出生医学证明"]);
    expect(newborn.materials.map((m: { name: string }) => m.name)).not.toContain("出生医学证明");
  });

  it("writes a report through the forms (problems named, input kept), publishes it, and keeps its figures frozen", async () => {
    const office = await as("demo-office");
    const csrf = await office.csrfFrom("/admin/services/reports");
    const bad = await office.post("/admin/services/reports", {
      _csrf: csrf,
      year: "20x6",
      quarter: "7",
      title: "",
      body: "第二季度正文草稿",
    });
    expect(bad.statusCode).toBe(400);
    for (const text of ["年度应为", "请选择报告期", "请填写报告标题"]) expect(bad.body).toContain(text);
    expect(bad.body).toContain("第二季度正文草稿");
    const taken = await office.post("/admin/services/reports", {
      _csrf: csrf,
      year: "2026",
      quarter: "3",
      title: "重复",
      body: "x",
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain("实施情况报告已经存在");
    const ok = await office.post("/admin/services/reports", {
      _csrf: csrf,
      year: "2026",
      quarter: "2",
      title: "固阳县2026年第二季度“互联网+政务服务”实施情况报告",
      body: "一、总体情况\n\n第二季度正文。",
    });
    expect(ok.statusCode, ok.body.slice(0, 500)).toBe(303);
    const url = ok.headers.location as string;
    const id = url.split("/").pop()!;
    // A draft: the office reads it, nobody else does.
    expect((await office.get(url)).body).toContain("发布报告");
    expect((await api("GET", `/api/v1/services/reports/${id}`)).statusCode).toBe(404);
    expect((await app.inject({ url: `/fw/reports/${id}` })).statusCode).toBe(404);
    expect((await api("GET", `/api/v1/services/reports/${id}`, "site-b-office")).statusCode).toBe(404);
    expect((await api("GET", `/api/v1/services/reports/${id}`, "demo-office")).json().status).toBe("draft");
    expect(
      (await api("GET", "/api/v1/services/reports")).json().items.some((r: { id: string }) => r.id === id),
    ).toBe(false);
    const before = (await api("GET", "/api/v1/services/stats")).json();
    await publishOnlineItem();
    const edited = await office.post(url, {
      _csrf: csrf,
      year: "2026",
      quarter: "2",
      title: "",
      body: "改后正文",
    });
    expect(edited.statusCode).toBe(400);
    expect(edited.body).toContain("请填写报告标题");
    expect(edited.body).toContain("改后正文");
    const saved = await office.post(url, {
      _csrf: csrf,
      year: "2026",
      quarter: "2",
      title: "第二季度报告（修改）",
      body: "改后正文",
    });
    expect(saved.statusCode).toBe(303);
    // Saving the draft took today's figures (the item just published counts).
    const draft = (await api("GET", `/api/v1/services/reports/${id}`, "demo-office")).json();
    expect(draft.figures.total).toBe(before.total + 1);
    expect((await office.post(`${url}/publish`, { _csrf: csrf })).statusCode).toBe(303);
    const published = (await api("GET", `/api/v1/services/reports/${id}`)).json();
    expect(published).toMatchObject({ status: "published", title: "第二季度报告（修改）" });
    await publishOnlineItem();
    expect((await api("GET", "/api/v1/services/stats")).json().total).toBe(before.total + 2);
    expect((await api("GET", `/api/v1/services/reports/${id}`)).json().figures).toEqual(published.figures);
    const refused = await office.post(url, {
      _csrf: csrf,
      year: "2026",
      quarter: "2",
      title: "再改",
      body: "再改",
    });
    expect(refused.statusCode).toBe(409);
    const patch = await api("PATCH", `/api/v1/services/reports/${id}`, "demo-office", {
      year: 2026,
      quarter: 2,
      title: "再改",
      body: "再改",
    });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().error.code).toBe("report_published");
    expect((await api("POST", `/api/v1/services/reports/${id}/publish`, "demo-office")).statusCode).toBe(409);
    const pub = await app.inject({ url: `/fw/reports/${id}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain("改后正文");
    expect(pub.body).toContain(String(published.figures.total));
  });

  it("drafts and publishes through the API; other organisations, roles and sites are refused", async () => {
    const body = {
      year: 2026,
      quarter: 1,
      title: "固阳县2026年第一季度“互联网+政务服务”实施情况报告",
      body: "第一季度。",
    };
    const bad = await api("POST", "/api/v1/services/reports", "demo-office", {
      year: 1999,
      quarter: 5,
      title: "",
      body: "",
    });
    expect(bad.statusCode).toBe(400);
    expect(codes(bad).sort()).toEqual(["body_required", "invalid_quarter", "invalid_year", "title_required"]);
    expect((await api("POST", "/api/v1/services/reports", "demo-clerk", body)).statusCode).toBe(403);
    expect((await api("POST", "/api/v1/services/reports", "demo-inspector", body)).statusCode).toBe(403);
    expect((await api("POST", "/api/v1/services/reports", undefined, body)).statusCode).toBe(401);
    const c = await api("POST", "/api/v1/services/reports", "demo-office", body);
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id;
    expect(c.json()).toMatchObject({ status: "draft", period: "2026年第一季度" });
    expect((await api("PATCH", `/api/v1/services/reports/${id}`, "demo-clerk", body)).statusCode).toBe(404);
    expect((await api("PATCH", `/api/v1/services/reports/${id}`, "demo-inspector", body)).statusCode).toBe(
      403,
    );
    expect((await api("PATCH", `/api/v1/services/reports/${id}`, "site-b-office", body)).statusCode).toBe(
      404,
    );
    expect((await api("POST", `/api/v1/services/reports/${id}/publish`, "site-b-office")).statusCode).toBe(
      404,
    );
    const b = await as("site-b-office", "Site-B-Pw-2026!");
    expect((await b.get(`/admin/services/reports/${id}`)).statusCode).toBe(404);
    const p = await api("POST", `/api/v1/services/reports/${id}/publish`, "demo-office");
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json().status).toBe("published");
    const audit = await ctx.deps.db.kysely
      .selectFrom("audit_log")
      .select(["action"])
      .where("entity_id", "=", id)
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["service.report_create", "service.report_publish"]);
  });

  it("publishes a report once when two ask at the same time", async () => {
    const c = await api("POST", "/api/v1/services/reports", "demo-office", {
      year: 2026,
      quarter: 4,
      title: "第四季度报告",
      body: "第四季度。",
    });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id;
    const both = await Promise.all([
      api("POST", `/api/v1/services/reports/${id}/publish`, "demo-office"),
      api("POST", `/api/v1/services/reports/${id}/publish`, "demo-office"),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const published = await ctx.deps.db.kysely
      .selectFrom("audit_log")
      .select(["action"])
      .where("entity_id", "=", id)
      .where("action", "=", "service.report_publish")
      .execute();
    expect(published).toHaveLength(1);
  });

  it("keeps one draft of a period when two are written at the same time", async () => {
    const body = { year: 2025, quarter: 4, title: "2025年第四季度报告", body: "正文。" };
    const both = await Promise.all([
      api("POST", "/api/v1/services/reports", "demo-office", body),
      api("POST", "/api/v1/services/reports", "demo-office", body),
    ]);
    // One is written; the other is refused, as a problem on the form (SQLite runs them one after the other) or
    // as a conflict when both passed the check (PostgreSQL).
    expect(both.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const refused = both.find((r) => r.statusCode !== 201)!;
    expect([400, 409]).toContain(refused.statusCode);
    expect(JSON.stringify(refused.json().error)).toContain("report_period_taken");
    const rows = await ctx.deps.db.kysely
      .selectFrom("service_reports")
      .select(["id"])
      .where("year", "=", 2025)
      .where("quarter", "=", 4)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
