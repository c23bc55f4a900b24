// The search domain on both engines: the index follows publication, revision and withdrawal in the same
// request; the API's 400s; staff search of drafts within the item policy's scope; the portal page in both
// languages without JavaScript; hostile input never a 5xx; catalogue changes; the health check and rebuild.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { HOSTILE_PARAMS, NASTY, segment } from "../../../test/helpers/fuzz-inputs";
import { createOtherSite } from "../../../test/helpers/sites";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import type { AppInstance } from "../../web/types";
import { createUser } from "../accounts";
import { archiveNode, listCatalogTree, updateNode } from "../catalog";
import { searchIndexOf } from "./search.engine";
import { indexHealth, reindexSite } from "./search.maintenance";

const PW = "Search-Test-Pass-2026!";

describeEachDialect("site search domain", (ctx) => {
  let app: AppInstance;
  const tok: Record<string, string> = {};
  let siteId = "";

  beforeAll(async () => {
    app = await buildTestApp(ctx);
    for (const u of ["demo-clerk", "demo-reviewer", "demo-signer", "demo-office"])
      tok[u] = await tokenFor(ctx, u);
    await createOtherSite(ctx, [
      { username: "site-b-all", roles: ["clerk", "reviewer", "signer", "office"], password: PW },
    ]);
    await createUser(ctx.deps, systemActor("test"), {
      username: "czj-all",
      name: "财政局全员",
      orgCode: "gyx-czj",
      roles: ["clerk", "reviewer", "signer", "office"],
      password: PW,
    });
    tok["site-b-all"] = await tokenFor(ctx, "site-b-all");
    tok["czj-all"] = await tokenFor(ctx, "czj-all");
    const zfb = await ctx.deps.db.kysely
      .selectFrom("orgs")
      .select("site_id")
      .where("code", "=", "gyx-zfb")
      .executeTakeFirstOrThrow();
    siteId = zfb.site_id;
  }, 180_000);
  afterAll(async () => app?.close());

  const post = (url: string, who: string, payload: unknown) =>
    app.inject({ method: "POST", url, headers: bearer(tok[who]!), payload: payload as object });
  const act = async (id: string, who: string, action: string, extra: Record<string, unknown> = {}) => {
    const res = await post(`/api/v1/items/${id}/actions`, who, { action, ...extra });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    return res.json() as { id: string; status: string };
  };
  const publishNotice = async (title: string, body: string, doc_number?: string) => {
    const res = await post("/api/v1/items", "demo-clerk", {
      title,
      body,
      kind: "notice",
      ...(doc_number ? { doc_number } : {}),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    await act(id, "demo-clerk", "submit");
    await act(id, "demo-reviewer", "approve");
    await act(id, "demo-signer", "sign");
    await act(id, "demo-signer", "publish");
    return id;
  };
  const search = (query: string, headers: Record<string, string> = {}) =>
    app.inject({ url: `/api/v1/search?${query}`, headers });
  const ids = async (q: string) =>
    ((await search(`q=${encodeURIComponent(q)}`)).json().items as Array<{ id: string }>).map((i) => i.id);

  let noticeId = "";

  describe("the index follows the workflow in the same request", () => {
    it("finds a published item by its words, its 文号 in any bracket style, and a quoted phrase", async () => {
      noticeId = await publishNotice(
        "关于开展乡村振兴示范带建设的通知",
        "各镇人民政府：为推进乡村振兴，建设西斗铺镇示范带，现将有关事项通知如下。",
        "固政发〔2026〕7号",
      );
      const res = await search(`q=${encodeURIComponent("乡村振兴示范带")}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ page: 1, per_page: 10 });
      const hit = body.items.find((i: { id: string }) => i.id === noticeId);
      expect(hit).toMatchObject({
        type: "item",
        title: "关于开展乡村振兴示范带建设的通知",
        url: `/gk/items/${noticeId}`,
        doc_number: "固政发〔2026〕7号",
        org: { code: "gyx-zfb" },
      });
      expect(hit.published_at).toMatch(/^\d{4}-/);
      expect(hit.snippet).toContain("乡村振兴");
      for (const q of [
        "固政发〔2026〕7号",
        "固政发[2026]7号",
        "固政发【2026】7号",
        "固政发(2026)7号",
        '"示范带建设"',
      ])
        expect(await ids(q), q).toContain(noticeId);
    });

    it("filters by organisation, kind and year, and sorts by date", async () => {
      const year = new Date().getUTCFullYear();
      expect(await ids("示范带")).toContain(noticeId);
      const byOrg = await search(
        `q=${encodeURIComponent("示范带")}&org=gyx-zfb&kind=notice&year=${year}&sort=date`,
      );
      expect(byOrg.statusCode, byOrg.body).toBe(200);
      expect(byOrg.json().items.map((i: { id: string }) => i.id)).toContain(noticeId);
      const otherOrg = await search(`q=${encodeURIComponent("示范带")}&org=gyx-czj`);
      expect(otherOrg.json().items.map((i: { id: string }) => i.id)).not.toContain(noticeId);
      const otherKind = await search(`q=${encodeURIComponent("示范带")}&kind=budget`);
      expect(otherKind.json().total).toBe(0);
    });

    it("a revision shows only the new version once it is published", async () => {
      const v2 = await act(noticeId, "demo-clerk", "revise");
      const patch = await app.inject({
        method: "PATCH",
        url: `/api/v1/items/${v2.id}`,
        headers: bearer(tok["demo-clerk"]!),
        payload: { title: "关于开展乡村振兴示范带建设的通知（修订）" },
      });
      expect(patch.statusCode, patch.body).toBe(200);
      // The draft is not public: the published first version is still what the public finds.
      expect(await ids("示范带")).toEqual(expect.arrayContaining([noticeId]));
      expect(await ids("示范带")).not.toContain(v2.id);
      await act(v2.id, "demo-clerk", "submit");
      await act(v2.id, "demo-reviewer", "approve");
      await act(v2.id, "demo-signer", "sign");
      await act(v2.id, "demo-signer", "publish");
      const found = await ids("示范带");
      expect(found).toContain(v2.id);
      expect(found).not.toContain(noticeId);
      noticeId = v2.id;
    });

    it("withdrawing removes it at once", async () => {
      await act(noticeId, "demo-signer", "withdraw", { note: "内容有误，撤回" });
      expect(await ids("示范带")).not.toContain(noticeId);
      expect((await search(`q=${encodeURIComponent("示范带建设")}`)).json().total).toBe(0);
    });
  });

  describe("the API refuses bad input with stable codes and never answers 5xx", () => {
    it("an empty or over-long q is a 400 with its own code", async () => {
      for (const q of ["", "q=", "q=%20%20"]) {
        const res = await search(q);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe("search_query_empty");
      }
      const long = await search(`q=${encodeURIComponent("长".repeat(101))}`);
      expect(long.statusCode).toBe(400);
      expect(long.json().error.code).toBe("search_query_too_long");
    });

    it("bad filters are a 400 naming every problem", async () => {
      const res = await search(
        "q=abc&org=no-such-org&kind=poem&year=abc&sort=best&page=0&per_page=500&scope=all&catalog_node=x",
      );
      expect(res.statusCode).toBe(400);
      const err = res.json().error;
      expect(err.code).toBe("invalid_search_filter");
      expect(err.details.map((d: { field: string }) => d.field).sort()).toEqual(
        ["catalog_node", "kind", "org", "page", "per_page", "scope", "sort", "year"].sort(),
      );
      for (const d of err.details) expect(d.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it("hostile queries answer 200 or 400 on the API and the portal, in both languages", async () => {
      const qs = [
        ...NASTY,
        ...HOSTILE_PARAMS,
        "AND",
        "a OR b",
        "NOT x",
        "NEAR(a b)",
        "*",
        '"',
        '"""',
        "“未闭合",
        "(",
        ")",
        "a:b",
        "^x",
        "-x",
        "'",
        "\\",
        "%_%",
        "固政发〔",
        "〔2020〕",
        "[]",
        "{}",
        "title:乡村",
        "<mark>x</mark>",
        '"><script>alert(2)</script>',
      ];
      const failures: string[] = [];
      for (const q of qs) {
        for (const base of ["/api/v1/search", "/search", "/mn/search"]) {
          const url = `${base}?q=${segment(q)}&sort=date`;
          let res: Awaited<ReturnType<typeof app.inject>>;
          try {
            res = await app.inject({ url });
          } catch {
            continue; // a lone surrogate cannot even be encoded by the client
          }
          if (res.statusCode >= 500) failures.push(`${url} → ${res.statusCode}`);
          // Inside a quoted attribute value (the query box) `<` is text; anywhere else it would be markup.
          const outsideAttributes = res.body.replace(/="[^"]*"/g, '=""');
          if (!base.startsWith("/api") && outsideAttributes.includes("<script>alert"))
            failures.push(`${url} echoes a script`);
        }
      }
      expect(failures).toEqual([]);
    }, 120_000);
  });

  describe("scope=staff: drafts within the item policy's scope", () => {
    let draftId = "";
    beforeAll(async () => {
      const res = await post("/api/v1/items", "demo-clerk", {
        title: "草稿哨兵戊关于河道治理的通知",
        body: "哨兵戊正文：河道治理工作安排。",
        kind: "notice",
      });
      expect(res.statusCode, res.body).toBe(201);
      draftId = res.json().id;
    });

    it("the public never finds a draft", async () => {
      expect(await ids("哨兵戊")).not.toContain(draftId);
      const res = await search(`q=${encodeURIComponent("哨兵戊")}`);
      expect(res.body).not.toContain("哨兵戊");
    });

    it("the author's organisation finds it with scope=staff, linking to the back office", async () => {
      const res = await search(`q=${encodeURIComponent("哨兵戊")}&scope=staff`, bearer(tok["demo-clerk"]!));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items[0]).toMatchObject({
        id: draftId,
        url: `/admin/items/${draftId}`,
        status: "draft",
      });
    });

    it("finds a draft by its 文号 typed with other brackets", async () => {
      const res = await post("/api/v1/items", "demo-clerk", {
        title: "关于草稿文号检索的通知",
        body: "正文。",
        kind: "notice",
        doc_number: "固政办发〔2026〕33号",
      });
      expect(res.statusCode, res.body).toBe(201);
      const found = await search(
        `q=${encodeURIComponent("固政办发[2026]33号")}&scope=staff`,
        bearer(tok["demo-clerk"]!),
      );
      expect(found.json().items.map((i: { id: string }) => i.id)).toContain(res.json().id);
    });

    it("another department and another site see nothing of it; no token is a 401", async () => {
      for (const who of ["czj-all", "site-b-all"]) {
        const res = await search(`q=${encodeURIComponent("哨兵戊")}&scope=staff`, bearer(tok[who]!));
        expect(res.statusCode, who).toBe(200);
        expect(res.body, who).not.toContain("哨兵戊");
      }
      expect((await search(`q=${encodeURIComponent("哨兵戊")}&scope=staff`)).statusCode).toBe(401);
    });

    it("the back-office search page lists it for its own staff only", async () => {
      const mine = new Session(app);
      expect((await mine.login("demo-clerk", DEMO_PASSWORD)).statusCode).toBe(303);
      const page = await mine.get(`/admin/search?q=${encodeURIComponent("哨兵戊")}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`/admin/items/${draftId}`);
      expect(page.body).toContain("<mark>哨兵戊</mark>");
      const other = new Session(app);
      expect((await other.login("czj-all", PW)).statusCode).toBe(303);
      const theirs = await other.get(`/admin/search?q=${encodeURIComponent("哨兵戊")}`);
      expect(theirs.statusCode).toBe(200);
      expect(theirs.body).not.toContain("哨兵戊正文");
      expect(theirs.body).not.toContain(draftId);
    });
  });

  describe("the portal page", () => {
    let id = "";
    beforeAll(async () => {
      id = await publishNotice(
        "关于做好春季防火工作的通知",
        "各单位：春季防火形势严峻，请做好草原防火工作。",
      );
    });

    it("renders highlighted results in Chinese, with filters and sort, without JavaScript", async () => {
      const res = await app.inject(`/search?q=${encodeURIComponent("草原防火")}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`href="/gk/items/${id}"`);
      expect(res.body).toContain("<mark>");
      expect(res.body).toMatch(/找到 \d+ 条结果/);
      expect(res.body).toContain('role="search"');
      expect(res.body).toContain('<label for="search-q"');
      expect(res.body).toContain('name="org"');
      expect(res.body).toContain('name="sort"');
      expect(res.body).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    });

    it("renders in Mongolian under /mn, linking within /mn", async () => {
      const res = await app.inject(`/mn/search?q=${encodeURIComponent("草原防火")}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('lang="mn-Mong"');
      expect(res.body).toContain(`href="/mn/gk/items/${id}"`);
      expect(res.body).toMatch(/ᠦᠷ᠎ᠡ ᠳ᠋ᠦᠩ/);
    });

    it("says so when nothing is found, and a bad filter is a 400 page naming it", async () => {
      const none = await app.inject(`/search?q=${encodeURIComponent("完全不存在的词语组合甲乙丙")}`);
      expect(none.statusCode).toBe(200);
      expect(none.body).toContain("没有找到");
      const bad = await app.inject(`/search?q=${encodeURIComponent("防火")}&year=abc`);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("年份须为");
      const empty = await app.inject("/search");
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain("请输入关键词");
    });
  });

  describe("the catalogue follows its changes", () => {
    it("a renamed node is found by its new name; an archived one is gone", async () => {
      const org = await ctx.deps.db.kysely
        .selectFrom("orgs")
        .select("id")
        .where("code", "=", "gyx-jyj")
        .executeTakeFirstOrThrow();
      const node = (await listCatalogTree(ctx.deps, org.id)).find((n) => n.kind === "column" && !n.inactive)!;
      await updateNode(ctx.deps, systemActor("test"), node.id, { name: "教育惠民栏目甲" });
      const found = (await search(`q=${encodeURIComponent("教育惠民栏目甲")}&type=catalog`)).json();
      expect(found.items.map((i: { id: string }) => i.id)).toContain(node.id);
      expect(found.items[0].url).toBe(`/gk/list?node=${node.id}`);
      await archiveNode(ctx.deps, systemActor("test"), node.id);
      expect((await search(`q=${encodeURIComponent("教育惠民栏目甲")}&type=catalog`)).json().total).toBe(0);
    });
  });

  describe("the public archive follows publication and withdrawal", () => {
    it("a published entry is found by its summary; a withdrawn one is gone", async () => {
      const office = bearer(tok["demo-office"]!);
      const intake = await app.inject({
        method: "POST",
        url: "/api/v1/applications/intake",
        headers: office,
        payload: {
          applicant: {
            type: "natural",
            name: "李四",
            id_type: "resident_id",
            id_number: "110101199003074514",
            phone: "13812345678",
            email: "ls@example.com",
          },
          description: "申请公开本县2024年草原生态补奖资金发放情况。",
          delivery: "email",
          channel: "registered_post",
          on: "2025-03-03",
        },
      });
      expect(intake.statusCode, intake.body).toBe(201);
      const id = intake.json().id as string;
      const reply = await app.inject({
        method: "POST",
        url: `/api/v1/applications/${id}/actions`,
        headers: office,
        payload: { action: "reply", on: "2025-03-10", outcome: "disclose" },
      });
      expect(reply.statusCode, reply.body).toBe(200);
      const published = await app.inject({
        method: "POST",
        url: `/api/v1/applications/${id}/archive`,
        headers: office,
        payload: { summary: "申请公开本县2024年草原生态补奖资金发放情况。", reply_summary: "予以公开。" },
      });
      expect(published.statusCode, published.body).toBeLessThan(300);
      const found = (await search(`q=${encodeURIComponent("草原生态补奖")}&type=archive`)).json();
      expect(found.total).toBe(1);
      expect(found.items[0].url).toMatch(/^\/hd\/archive\//);
      expect(found.items[0].title).toContain("草原生态补奖");
      const withdrawn = await app.inject({
        method: "DELETE",
        url: `/api/v1/applications/${id}/archive`,
        headers: office,
        payload: { reason: "摘要需要修改" },
      });
      expect(withdrawn.statusCode, withdrawn.body).toBeLessThan(300);
      expect((await search(`q=${encodeURIComponent("草原生态补奖")}&type=archive`)).json().total).toBe(0);
    });
  });

  describe("health check, rebuild and the dictionary", () => {
    it("counts missing and stale entries, and a rebuild brings both to zero", async () => {
      await reindexSite(ctx.deps, siteId);
      const clean = await indexHealth(ctx.deps, siteId);
      expect(clean).toMatchObject({ missing: 0, stale: 0 });
      expect(clean.expected).toBeGreaterThan(10);
      const published = await ctx.deps.db.kysely
        .selectFrom("items")
        .select(["id", "kind"])
        .where("site_id", "=", siteId)
        .where("status", "=", "published")
        .where("kind", "!=", "interpretation")
        .limit(2)
        .execute();
      const withdrawn = await ctx.deps.db.kysely
        .selectFrom("items")
        .selectAll()
        .where("status", "=", "withdrawn")
        .executeTakeFirstOrThrow();
      const index = searchIndexOf(ctx.deps);
      await ctx.deps.db.kysely.transaction().execute(async (trx) => {
        await index.removeDocs(
          trx,
          published.map((p) => ({ type: "item", id: p.id })),
        );
        await index.upsertDocs(trx, [
          {
            type: "item",
            id: withdrawn.id,
            siteId,
            orgId: withdrawn.org_id,
            title: withdrawn.title,
            body: withdrawn.body_text,
            docNumber: withdrawn.doc_number,
            kind: withdrawn.kind,
            catalogNodeIds: [],
            publishedAt: withdrawn.published_at,
            validity: withdrawn.validity,
            url: `/gk/items/${withdrawn.id}`,
            visibility: "public",
          },
        ]);
      });
      expect(await indexHealth(ctx.deps, siteId)).toMatchObject({ missing: 2, stale: 1 });
      const r = await reindexSite(ctx.deps, siteId);
      expect(r.indexed).toBe(clean.expected);
      expect(r.removed).toBe(1);
      expect(await indexHealth(ctx.deps, siteId)).toMatchObject({ missing: 0, stale: 0 });
    });

    it("the office adds and removes county words, each audited; a clerk may not", async () => {
      const office = new Session(app);
      expect((await office.login("demo-office", DEMO_PASSWORD)).statusCode).toBe(303);
      const page = await office.get("/admin/search/dictionary");
      expect(page.statusCode).toBe(200);
      const csrf = await office.csrfFrom("/admin/search/dictionary");
      const bad = await office.post("/admin/search/dictionary", {
        _csrf: csrf,
        terms: "甲\n好词。",
        kind: "place",
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("太短");
      expect(bad.body).toContain("标点");
      const added = await office.post("/admin/search/dictionary", {
        _csrf: csrf,
        terms: "西斗铺示范带\n金山镇花海\n西斗铺示范带",
        kind: "place",
      });
      expect(added.statusCode).toBe(303);
      const after = await office.get("/admin/search/dictionary");
      expect(after.body).toContain("西斗铺示范带");
      expect(after.body).toContain("金山镇花海");
      expect(after.body).toContain("已添加 2 个词语");
      const term = await ctx.deps.db.kysely
        .selectFrom("search_terms")
        .select("id")
        .where("term", "=", "金山镇花海")
        .executeTakeFirstOrThrow();
      const removed = await office.post("/admin/search/dictionary/remove", { _csrf: csrf, id: term.id });
      expect(removed.statusCode).toBe(303);
      expect((await office.get("/admin/search/dictionary")).body).not.toContain(">金山镇花海</td>");
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["action", "summary"])
        .where("action", "in", ["search.term_added", "search.term_removed"])
        .execute();
      expect(audit.map((a) => a.action).sort()).toEqual(["search.term_added", "search.term_removed"]);
      const rebuild = await office.post("/admin/search/reindex", { _csrf: csrf });
      expect(rebuild.statusCode).toBe(303);

      const clerk = new Session(app);
      expect((await clerk.login("demo-clerk", DEMO_PASSWORD)).statusCode).toBe(303);
      expect((await clerk.get("/admin/search/dictionary")).statusCode).toBe(403);
      const clerkCsrf = await clerk.csrfFrom("/admin/password");
      expect(
        (await clerk.post("/admin/search/dictionary", { _csrf: clerkCsrf, terms: "不许添加" })).statusCode,
      ).toBe(403);
    });

    it("shows the health panel on the office's dashboard", async () => {
      const office = new Session(app);
      await office.login("demo-office", DEMO_PASSWORD);
      const dash = await office.get("/admin");
      expect(dash.statusCode).toBe(200);
      expect(dash.body).toContain("搜索索引");
      expect(dash.body).toContain("已公开但搜索不到：0 条");
    });
  });
});
