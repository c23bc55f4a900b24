// The public read API on both engines: filters, stable paging, only published versions, withdrawn items as
// their page shows them, interpretations with their policy, the catalogue with counts.
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import type { AppInstance } from "../../web/types";

interface ListJson {
  total: number;
  page: number;
  per_page: number;
  items: Array<{
    id: string;
    kind: string;
    title: string;
    org: { code: string } | null;
    published_at: string;
  }>;
}

describeEachDialect("public read API (/api/v1/public)", (ctx) => {
  let app: AppInstance;
  const tok: Record<string, string> = {};
  let draft: string;
  let published: string;
  let withdrawn: string;

  const act = (id: string, who: string, action: string, note?: string) =>
    app.inject({
      method: "POST",
      url: `/api/v1/items/${id}/actions`,
      headers: bearer(tok[who]!),
      payload: { action, ...(note ? { note } : {}) },
    });
  const create = async (title: string) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/items",
      headers: bearer(tok["demo-clerk"]!),
      payload: { title, body: `${title}的正文。`, kind: "notice" },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const publish = async (id: string) => {
    for (const [who, a] of [
      ["demo-clerk", "submit"],
      ["demo-reviewer", "approve"],
      ["demo-signer", "sign"],
      ["demo-signer", "publish"],
    ] as const)
      expect((await act(id, who, a)).statusCode).toBe(200);
  };
  const list = async (query = "") => {
    const res = await app.inject(`/api/v1/public/items${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ListJson;
  };

  beforeAll(async () => {
    app = await buildTestApp(ctx);
    for (const u of ["demo-clerk", "demo-reviewer", "demo-signer"]) tok[u] = await tokenFor(ctx, u);
    draft = await create("开放数据哨兵草稿");
    published = await create("开放数据哨兵已发布");
    await publish(published);
    withdrawn = await create("开放数据哨兵已撤回");
    await publish(withdrawn);
    expect((await act(withdrawn, "demo-signer", "withdraw", "内容有误")).statusCode).toBe(200);
  });
  afterAll(async () => app?.close());

  it("lists published items only, newest first, in stable pages", async () => {
    const all = await list("?per_page=100");
    expect(all.total).toBeGreaterThan(3);
    const titles = all.items.map((i) => i.title);
    expect(titles).toContain("开放数据哨兵已发布");
    expect(titles).not.toContain("开放数据哨兵草稿");
    expect(titles).not.toContain("开放数据哨兵已撤回");
    const dates = all.items.map((i) => i.published_at);
    expect([...dates].sort().reverse()).toEqual(dates);
    // Pages of two, put together, are the same list: nothing repeated, nothing skipped.
    const paged: string[] = [];
    for (let page = 1; paged.length < Math.min(all.total, 10); page++) {
      const p = await list(`?per_page=2&page=${page}`);
      expect([p.page, p.per_page, p.total]).toEqual([page, 2, all.total]);
      paged.push(...p.items.map((i) => i.id));
    }
    expect(paged).toEqual(all.items.slice(0, paged.length).map((i) => i.id));
  });

  it("filters by organisation, kind, year, validity and change time", async () => {
    const byOrg = await list("?org=gyx-zfb&per_page=100");
    expect(byOrg.total).toBeGreaterThan(0);
    expect(byOrg.items.every((i) => i.org?.code === "gyx-zfb")).toBe(true);
    const notices = await list("?kind=notice&per_page=100");
    expect(notices.items.every((i) => i.kind === "notice")).toBe(true);
    expect(notices.items.map((i) => i.id)).toContain(published);
    const year = Number((await list()).items[0]!.published_at.slice(0, 4));
    const ofYear = await list(`?year=${year}&per_page=100`);
    expect(ofYear.total).toBeGreaterThan(0);
    expect((await list("?year=1999")).total).toBe(0);
    expect((await list("?validity=repealed")).total).toBe(0);
    const since = new Date(Date.now() - 60 * 60_000).toISOString();
    const recent = await list(`?updated_since=${encodeURIComponent(since)}&per_page=100`);
    expect(recent.items.map((i) => i.id)).toContain(published);
    expect(recent.total).toBeLessThan((await list()).total);
  });

  it("filters by catalogue node and refuses names that are not the site's, naming each", async () => {
    const catalog = (await app.inject("/api/v1/public/catalog")).json() as {
      nodes: Array<{ id: string; items: number }>;
    };
    const filled = catalog.nodes.find((n) => n.items > 0)!;
    expect(filled).toBeDefined();
    expect((await list(`?catalog_node=${filled.id}&per_page=100`)).total).toBe(filled.items);
    const bad = await app.inject("/api/v1/public/items?org=no-such-org&catalog_node=no-such-node");
    expect(bad.statusCode).toBe(400);
    const details = bad.json().error.details.map((d: { field: string; code: string }) => [d.field, d.code]);
    expect(details).toEqual([
      ["org", "org_not_found"],
      ["catalog_node", "catalog_node_not_found"],
    ]);
    const wrong = await app.inject("/api/v1/public/items?per_page=1000&kind=memo");
    expect(wrong.statusCode).toBe(400);
    expect(
      wrong
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(["kind", "per_page"]);
  });

  it("shows one published item in full, with its attachments' hashes and its content hash", async () => {
    const res = await app.inject(`/api/v1/public/items/${published}`);
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json();
    expect(item).toMatchObject({
      id: published,
      status: "published",
      title: "开放数据哨兵已发布",
      org: { code: "gyx-zfb" },
      body_text: expect.stringContaining("开放数据哨兵已发布的正文"),
      url: `/gk/items/${published}`,
      attachments: [],
    });
    // Stamped in the publishing transaction (migration 0021, src/domains/integrity).
    expect(item.content_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(item.index_number).toBeTruthy();
  });

  it("does not reveal drafts, and shows a withdrawn item as withdrawn, without its text", async () => {
    const d = await app.inject(`/api/v1/public/items/${draft}`);
    expect([d.statusCode, d.json().error.code]).toEqual([404, "item_not_found"]);
    expect(d.body).not.toContain("哨兵草稿");
    const missing = await app.inject("/api/v1/public/items/0190a000-0000-7000-8000-000000000000");
    expect(missing.statusCode).toBe(404);
    const w = (await app.inject(`/api/v1/public/items/${withdrawn}`)).json();
    expect(w).toMatchObject({
      status: "withdrawn",
      withdraw_reason: "内容有误",
      body_html: null,
      body_text: null,
    });
  });

  it("lists interpretations with the policy each explains", async () => {
    const res = await app.inject("/api/v1/public/interpretations?per_page=100");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      total: number;
      items: Array<{ kind: string; policy: { url: string } | null }>;
    };
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every((i) => i.kind === "interpretation")).toBe(true);
    expect(body.items.some((i) => i.policy?.url.startsWith("/gk/items/"))).toBe(true);
    expect(body.total).toBe((await list("?kind=interpretation")).total);
  });

  it("gives the catalogue in tree order with published counts per node and organisation", async () => {
    const res = await app.inject("/api/v1/public/catalog");
    expect(res.statusCode).toBe(200);
    const { orgs, nodes } = res.json() as {
      orgs: Array<{ code: string; nodes: number; items: number }>;
      nodes: Array<{ id: string; parent_id: string | null; org: { code: string }; items: number }>;
    };
    expect(orgs.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const n of nodes) {
      if (n.parent_id) expect(seen.has(n.parent_id), "parent before child").toBe(true);
      seen.add(n.id);
    }
    for (const o of orgs) {
      const own = nodes.filter((n) => n.org.code === o.code);
      expect(own.length).toBe(o.nodes);
      expect(own.reduce((s, n) => s + n.items, 0)).toBe(o.items);
    }
    const one = (await app.inject(`/api/v1/public/catalog?org=${orgs[0]!.code}`)).json();
    expect(one.orgs).toHaveLength(1);
    expect((await app.inject("/api/v1/public/catalog?org=no-such-org")).statusCode).toBe(404);
  });

  it("documents every route in the OpenAPI document with an operationId and no security", async () => {
    const res = await app.inject("/api/v1/openapi.json");
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const doc = res.json();
    for (const [path, id] of [
      ["/api/v1/public/items", "listPublicItems"],
      ["/api/v1/public/items/{id}", "getPublicItem"],
      ["/api/v1/public/interpretations", "listPublicInterpretations"],
      ["/api/v1/public/catalog", "getPublicCatalog"],
    ]) {
      expect(doc.paths[path!]?.get?.operationId, path).toBe(id);
      expect(doc.paths[path!].get.security).toEqual([]);
    }
  });
});
