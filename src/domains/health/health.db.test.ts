import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { cliRunner } from "../../../test/helpers/cli";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { createOtherSite, OTHER_SITE_ROOT } from "../../../test/helpers/sites";
import { systemActor } from "../../deps";
import { newId } from "../../platform/ids";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { createMessage } from "../interaction/messages.service";
import { findOrgInSite } from "../orgs";
import { extractHrefs, internalTarget } from "./health.links";
import { runHealthCheck } from "./health.runs";
import { checkSite } from "./health.service";

// Site health on a lean second site (乙县, beside the small demo county that buildTestApp seeds for the
// accounts): a hand-made catalogue of three columns and a few items with fixed publication times, one consult
// message, and links to a dead and a live outside address and to the site's own pages. The clock is fixed;
// the link fetcher is a fake that records what it was asked (never the network).
const clock = fixedClock("2026-06-15T02:00:00Z");
const PASSWORD = "Health-Check-Pw-2026!";
const DEAD = "https://example.org/gone";
const LIVE = "https://example.org/fine";
const MISSING_ITEM = "0190a000-0000-7000-8000-00000000dead";
const { gongkai } = cliRunner("health-cli");

describeEachDialect(
  "site health (国办秘函〔2019〕19号 indicators)",
  (ctx) => {
    let app: AppInstance;
    let siteId: string;
    let rootId: string;
    const tokens: Record<string, string> = {};
    const ids: Record<string, string> = {};
    const probed: string[] = [];

    const node = async (code: string, name: string, rule: string) => {
      const id = newId();
      const now = clock.now().toISOString();
      await ctx.deps.db.kysely
        .insertInto("catalog_nodes")
        .values({
          id,
          site_id: siteId,
          org_id: rootId,
          parent_id: null,
          code,
          name,
          kind: "column",
          source: "custom",
          update_rule: rule as never,
          update_days: rule === "days" ? 20 : null,
          description: "",
          standard: null,
          sort_order: 0,
          archived: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return id;
    };
    const item = async (
      kind: string,
      title: string,
      publishedAt: string | null,
      body = "<p>正文</p>",
      nodeId?: string,
    ) => {
      const id = newId();
      await ctx.deps.db.kysely
        .insertInto("items")
        .values({
          id,
          site_id: siteId,
          org_id: rootId,
          lineage_id: id,
          version: 1,
          kind,
          status: "published",
          title,
          body_html: body,
          body_text: title,
          formed_on: (publishedAt ?? "2026-01-01").slice(0, 10),
          published_at: publishedAt,
          published_on: publishedAt?.slice(0, 10) ?? null,
          created_by: "test",
          created_at: clock.now().toISOString(),
          updated_at: clock.now().toISOString(),
        } as never)
        .execute();
      if (nodeId)
        await ctx.deps.db.kysely
          .insertInto("item_catalog_nodes")
          .values({ item_id: id, node_id: nodeId })
          .execute();
      return id;
    };

    beforeAll(async () => {
      app = await buildTestApp(ctx);
      const created = await createOtherSite(ctx, [
        { username: "oc-office", roles: ["office"], password: PASSWORD },
        { username: "oc-clerk", roles: ["clerk"], password: PASSWORD },
      ]);
      siteId = created.site.id;
      rootId = (await findOrgInSite(ctx.deps, siteId, OTHER_SITE_ROOT))!.id;
      await ctx.deps.db.kysely
        .updateTable("users")
        .set({ email: "oc-office@example.gov.cn" })
        .where("username", "=", "oc-office")
        .execute();
      for (const u of ["demo-office", "demo-inspector", "demo-admin", "demo-clerk", "oc-office", "oc-clerk"])
        tokens[u] = await tokenFor(ctx, u);
      ctx.deps.linkProbe = async (url) => {
        probed.push(url);
        return url === DEAD ? { ok: false, status: 404 } : { ok: true, status: 200 };
      };
      ids.policyCol = await node("art20-01", "行政法规、规章和规范性文件", "days");
      ids.statsCol = await node("art20-04", "统计信息", "monthly");
      ids.guideCol = await node("guide", "政府信息公开指南", "as_needed");
      ids.policy = await item(
        "policy",
        "关于印发乙县某办法的通知",
        "2026-05-01T02:00:00Z",
        undefined,
        ids.policyCol,
      );
      ids.stats = await item(
        "statistics",
        "2026年5月统计月报",
        "2026-06-01T02:00:00Z",
        undefined,
        ids.statsCol,
      );
      ids.guide = await item("other", "政府信息公开指南", "2024-01-02T02:00:00Z", undefined, ids.guideCol);
      ids.notice = await item("notice", "关于端午节放假的通知", "2026-03-01T02:00:00Z");
      ids.news = await item(
        "news",
        "县长调研春耕生产",
        "2026-06-10T02:00:00Z",
        `<p>详见<a href="${DEAD}">这里</a>、<a href='${LIVE}'>那里</a>、<a href="/gk/items/${MISSING_ITEM}">旧文</a>、` +
          `<a href="/gk/items/${ids.policy}">政策</a>、<a href="/search?q=x&amp;y=1">检索</a>、<a href="mailto:a@b.cn">信箱</a>、` +
          `<a href="ftp://x.cn/f">文件</a></p>`,
      );
      // A consult message received 2026-05-20: within its first 3 months on 15 June, unanswered past them in September.
      await createMessage(
        { ...ctx.deps, clock: fixedClock("2026-05-20T02:00:00Z") },
        {
          type: "consult",
          title: "咨询低保办理",
          body: "请问低保怎么申请？",
          name: "张三",
          phone: "13800000000",
        },
        { siteId },
      );
    });
    afterAll(async () => {
      await app?.close();
    });

    it("reads the links of a page: http(s) and the site's own paths only; internal ones against items and routes", () => {
      expect(
        extractHrefs(
          `<a href="${DEAD}">a</a><a href="mailto:x@y">b</a><a href="javascript:x">c</a><a href="/gb">d</a>`,
        ),
      ).toEqual([
        { url: DEAD, internal: false },
        { url: "/gb", internal: true },
      ]);
      expect(internalTarget("/gk/items/abc")).toEqual({ itemId: "abc" });
      expect(internalTarget("/search?q=1")).toEqual({ known: true });
      expect(internalTarget("/no-such-page/at-all")).toEqual({ known: false });
    });

    it("passes a fresh site, flags the broken links with their pages, and checks at most maxLinks per run", async () => {
      const first = await checkSite(ctx.deps, siteId, { maxLinks: 2 });
      expect(first.links).toMatchObject({ found: 5, checked: 2, known: 5 });
      const run = await runHealthCheck(ctx.deps, systemActor("test"), siteId, { maxLinks: 100 });
      // Only the outside addresses went to the fetcher; the site's own pages were answered from the database.
      expect([...new Set(probed)].sort()).toEqual([LIVE, DEAD].sort());
      expect(run.broken_links.map((b) => [b.url, b.page.id, b.page.href]).sort()).toEqual(
        [
          [DEAD, ids.news, `/gk/items/${ids.news}`],
          [`/gk/items/${MISSING_ITEM}`, ids.news, `/gk/items/${ids.news}`],
        ].sort(),
      );
      expect(run.vetoes).toEqual([]);
      expect(run.home.stale).toBe(false);
      expect(run.stale_dynamic).toEqual([]);
      expect(run.stale_notice_policy).toEqual([]);
      expect(run.stale_long).toEqual([]);
      expect(run.empty_columns).toEqual([]);
      expect(run.unanswered_consults).toEqual([]);
      expect(run.deductions.find((d) => d.code === "broken_link")).toMatchObject({ count: 2, points: 2 });
      expect(run.score).toBe(100 - run.deductions.reduce((s, d) => s + d.points, 0));
      expect(run.verdict).toBe("pass");
      expect(run.alerted).toBe(false);
    });

    it("fails a site left stale (home page, 工作动态, 通知公告, a monthly column), with a consult unanswered over 3 months, and alerts the office", async () => {
      ids.undated = await item("news", "无发布时间的信息", null);
      ids.emptyCol = await node("art20-09", "政府集中采购", "days");
      ids.wording = await item("news", "学习贯彻中华人民共合国宪法", "2026-06-05T02:00:00Z");
      clock.set("2026-09-15T02:00:00Z");
      try {
        const run = await runHealthCheck(ctx.deps, systemActor("test"), siteId);
        expect(run.home).toMatchObject({ stale: true, latest: "2026-06-10T02:00:00Z" });
        expect(run.stale_dynamic.map((c) => c.key)).toEqual(["news"]);
        expect(run.stale_notice_policy.map((c) => c.key)).toEqual(["notice"]);
        expect(run.stale_long).toEqual([
          expect.objectContaining({
            key: "art20-04",
            node_id: ids.statsCol,
            latest: "2026-06-01T02:00:00Z",
            limit_days: 62,
          }),
        ]);
        expect(run.stale_long[0]!.href).toBe(`/admin/catalog?org=${OTHER_SITE_ROOT}#node-${ids.statsCol}`);
        expect(run.empty_columns.map((c) => c.node_id)).toEqual([ids.emptyCol]);
        expect(run.missing_time.map((i) => i.id)).toEqual([ids.undated]);
        expect(run.unanswered_consults).toHaveLength(1);
        expect(run.unanswered_consults[0]).toMatchObject({ received_on: "2026-05-20", replied_on: null });
        expect(run.serious_wording).toEqual([
          expect.objectContaining({ item_id: ids.wording, wrong: "中华人民共合国", right: "中华人民共和国" }),
        ]);
        expect(run.vetoes).toEqual([
          "serious_wording",
          "site_not_updated",
          "columns_not_updated",
          "poor_interaction",
        ]);
        expect(run.verdict).toBe("fail");
        expect(run.run_at).toBe("2026-09-15T02:00:00.000Z");
        expect(run.alerted).toBe(true);
        expect(run.new_vetoes).toEqual(run.vetoes);
        const mail = await ctx.deps.db.kysely
          .selectFrom("mail_messages")
          .select(["subject", "body_text", "recipient_user_id"])
          .where("kind", "=", "health_alert")
          .execute();
        expect(mail).toHaveLength(1);
        expect(mail[0]!.subject).toContain("不合格");
        expect(mail[0]!.body_text).toContain("互动回应差");
        // The same verdict again is no news: no second alert.
        const again = await runHealthCheck(ctx.deps, systemActor("test"), siteId, { maxLinks: 0 });
        expect(again.alerted).toBe(false);
        // The page with the wording error was not read again (written before the last run): carried forward.
        expect(again.serious_wording.map((w) => w.item_id)).toEqual([ids.wording]);
      } finally {
        clock.set("2026-06-15T02:00:00Z");
      }
    });

    it("serves the latest check and the history to the site's office, inspectors and admins only", async () => {
      const get = (url: string, who?: string) =>
        app.inject({ method: "GET", url, headers: who ? bearer(tokens[who]!) : {} });
      const own = await get("/api/v1/health/site", "oc-office");
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ site_id: siteId, verdict: "fail", checked_on: "2026-09-15" });
      const history = await get("/api/v1/health/site/history", "oc-office");
      expect(
        history.json().items.map((h: { verdict: string; alerted: boolean }) => [h.verdict, h.alerted]),
      ).toEqual([
        ["fail", false],
        ["fail", true],
        ["pass", false],
      ]);
      // The demo county: no stored check yet, computed now and not stored.
      for (const who of ["demo-office", "demo-inspector", "demo-admin"]) {
        const r = await get("/api/v1/health/site", who);
        expect(r.statusCode, who).toBe(200);
        expect(r.json().id).toBeNull();
      }
      expect((await get("/api/v1/health/site/history", "demo-office")).json().items).toEqual([]);
      expect((await get("/api/v1/health/site?site=other-county", "demo-office")).statusCode).toBe(404);
      expect((await get("/api/v1/health/site/history?site=other-county", "demo-admin")).statusCode).toBe(404);
      expect((await get("/api/v1/health/site", "demo-clerk")).statusCode).toBe(403);
      expect((await get("/api/v1/health/site", "oc-clerk")).statusCode).toBe(403);
      expect((await get("/api/v1/health/site")).statusCode).toBe(401);
    });

    it("shows the verdict, the evidence linked and the history on /admin/health and the dashboard", async () => {
      const session = new Session(app);
      expect((await session.login("oc-office", PASSWORD)).statusCode).toBe(303);
      const page = await session.get("/admin/health");
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("预判结果：不合格");
      expect(page.body).toContain(`href="/admin/catalog?org=${OTHER_SITE_ROOT}#node-${ids.statsCol}"`);
      expect(page.body).toContain(`href="/gk/items/${ids.news}"`);
      expect(page.body).toContain(DEAD);
      expect(page.body).toContain("检查记录");
      const board = await session.get("/admin");
      expect(board.body).toContain("网站健康检查");
      expect(board.body).toContain("单项否决：互动回应差");
      const clerk = new Session(app);
      await clerk.login("oc-clerk", PASSWORD);
      expect((await clerk.get("/admin/health")).statusCode).toBe(403);
    });

    // Last: the command runs in its own process on the real clock and stores a run of its own.
    it("gongkai health check prints the stored run as JSON; bad input exits 2, an unknown site 3", async () => {
      const ok = await gongkai(
        ctx.testDb.url,
        "health",
        "check",
        "--site",
        "other-county",
        "--max-links",
        "0",
      );
      expect(ok.code, ok.stderr).toBe(0);
      const out = JSON.parse(ok.stdout);
      expect(out).toMatchObject({ site_id: siteId, links: { checked: 0 } });
      expect(["pass", "fail"]).toContain(out.verdict);
      const bad = await gongkai(
        ctx.testDb.url,
        "health",
        "check",
        "--site",
        "other-county",
        "--max-links",
        "many",
      );
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("invalid_max_links");
      expect((await gongkai(ctx.testDb.url, "health", "check", "--site", "nowhere")).code).toBe(3);
    }, 60_000);
  },
  { clock },
);
