import fc from "fast-check";
import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { fixedClock } from "../time";
import { getSearchIndex, type SearchQuery } from "./index";
import { FIXTURE, fixtureDoc, HOSTILE_QUERY_PARTS, OTHER, SITE } from "./search.fixture";

const q = (over: Partial<SearchQuery> & { q: string }): SearchQuery => ({
  siteId: SITE,
  sort: "relevance",
  page: 1,
  perPage: 10,
  ...over,
});

describeEachDialect("search index", (ctx) => {
  const ids = async (over: Partial<SearchQuery> & { q: string }) => {
    const r = await getSearchIndex(ctx.deps.db, ctx.deps.clock).query(ctx.deps.db.kysely, q(over));
    return r.hits.map((h) => h.id);
  };
  beforeAll(async () => {
    const index = getSearchIndex(ctx.deps.db, ctx.deps.clock);
    await ctx.deps.db.kysely.transaction().execute((trx) => index.upsertDocs(trx, FIXTURE));
  });

  it("finds words, two-character words and single characters as substrings", async () => {
    expect(await ids({ q: "乡村振兴" })).toEqual(["d7", "d1", "d3"]);
    expect(await ids({ q: "复议" })).toEqual(["d2"]);
    expect(await ids({ q: "镇" })).toEqual(["d2", "d1"]);
    expect(await ids({ q: "县长" })).toEqual(["d4"]);
    expect(await ids({ q: "阳县人" })).toEqual(["d1"]);
    expect(await ids({ q: "不存在的词语" })).toEqual([]);
  });

  it("finds one character alone wherever a token starts with it, in what the query may see only", async () => {
    // 见 ends a run in d1 (意见) and in d7 (意见》): the last character of a run is found too.
    expect(await ids({ q: "见" })).toEqual(["d7", "d1"]);
    expect(await ids({ q: "见", kind: "policy" })).toEqual(["d1"]);
    // A run of letters matches from its start: s finds <script>, c (inside it) does not.
    expect(await ids({ q: "s" })).toEqual(["d4"]);
    expect(await ids({ q: "c" })).toEqual([]);
    // 稿 is only in a staff document: not public, found by its organisation's staff.
    expect(await ids({ q: "稿" })).toEqual([]);
    expect(await ids({ q: "稿", staffOrgIds: ["org-office"] })).toEqual(["d5"]);
  });

  it("finds a 文号 in any bracket style, with or without spaces, exact numbers first", async () => {
    for (const n of [
      "固政发〔2020〕1号",
      "固政发[2020]1号",
      "固政发【2020】1号",
      "固政发(2020)1号",
      "固政发（2020）1号",
      "固政发 〔2020〕 1 号",
    ]) {
      expect(await ids({ q: n }), n).toEqual(["d1", "d7"]);
    }
    expect(await ids({ q: "固政发〔2020〕11号" })).toEqual([]);
    expect(await ids({ q: "固政办发〔2021〕12号" })).toEqual(["d2"]);
  });

  it("matches quoted phrases exactly and needs every word", async () => {
    expect(await ids({ q: '"推进乡村振兴"' })).toEqual(["d7", "d1"]);
    expect(await ids({ q: "“乡村振兴专栏”" })).toEqual(["d3"]);
    expect(await ids({ q: "乡村振兴 金山镇" })).toEqual(["d1"]);
    expect(await ids({ q: "固阳县乡村振兴" })).toEqual(["d1"]);
  });

  it("filters by organisation, kind, type, catalogue node, year and validity", async () => {
    expect(await ids({ q: "乡村振兴", org: "org-office" })).toEqual(["d3"]);
    expect(await ids({ q: "乡村振兴", kind: "policy" })).toEqual(["d1"]);
    expect(await ids({ q: "乡村振兴", type: "interpretation" })).toEqual(["d7"]);
    expect(await ids({ q: "乡村振兴", catalogNode: "node-policy" })).toEqual(["d1"]);
    expect(await ids({ q: "行政复议", year: 2022 })).toEqual(["d2"]);
    expect(await ids({ q: "行政复议", year: 2021 })).toEqual([]);
    expect(await ids({ q: "乡村振兴", validity: "valid" })).toEqual(["d1"]);
  });

  it("shows staff drafts only to staff of their organisation, and never another site's records", async () => {
    expect(await ids({ q: "草稿" })).toEqual([]);
    expect(await ids({ q: "草稿", staffOrgIds: ["org-gov"] })).toEqual([]);
    expect(await ids({ q: "草稿", staffOrgIds: ["org-office"] })).toEqual(["d5"]);
    expect(await ids({ q: "别的县" })).toEqual([]);
    expect(await ids({ q: "别的县", siteId: OTHER })).toEqual(["d6"]);
  });

  it("sorts by relevance (title first) or by date, and pages with a total", async () => {
    expect(await ids({ q: "乡村振兴", sort: "date" })).toEqual(["d3", "d7", "d1"]);
    const index = getSearchIndex(ctx.deps.db, ctx.deps.clock);
    const p1 = await index.query(ctx.deps.db.kysely, q({ q: "乡村振兴", perPage: 2 }));
    const p2 = await index.query(ctx.deps.db.kysely, q({ q: "乡村振兴", perPage: 2, page: 2 }));
    expect([p1.total, p2.total]).toEqual([3, 3]);
    expect(p1.hits.map((h) => h.id)).toEqual(["d7", "d1"]);
    expect(p2.hits.map((h) => h.id)).toEqual(["d3"]);
  });

  it("stamps indexed_at with the injected clock, not the wall clock", async () => {
    const clock = fixedClock("2031-05-06T07:08:09Z");
    const index = getSearchIndex(ctx.deps.db, clock);
    const doc = fixtureDoc({ id: "clocked", title: "时钟测试", siteId: OTHER });
    await ctx.deps.db.kysely.transaction().execute((trx) => index.upsertDocs(trx, [doc]));
    const row = await ctx.deps.db.kysely
      .selectFrom("search_docs")
      .select("indexed_at")
      .where("type", "=", "item")
      .where("id", "=", "clocked")
      .executeTakeFirstOrThrow();
    expect(row.indexed_at).toBe("2031-05-06T07:08:09.000Z");
    await ctx.deps.db.kysely.transaction().execute((trx) => index.removeDocs(trx, [doc]));
  });

  it("pages across relevance tiers (a page that starts past the title matches)", async () => {
    const index = getSearchIndex(ctx.deps.db, ctx.deps.clock);
    const pages = [];
    for (const page of [1, 2, 3, 4]) {
      const r = await index.query(ctx.deps.db.kysely, q({ q: "乡村振兴", perPage: 1, page }));
      pages.push([r.total, ...r.hits.map((h) => h.id)]);
    }
    expect(pages).toEqual([[3, "d7"], [3, "d1"], [3, "d3"], [3]]);
  });

  it("answers any typed query or refuses it with a stable code, never an error (fuzz)", async () => {
    const index = getSearchIndex(ctx.deps.db, ctx.deps.clock);
    const hostile = fc.constantFrom(...HOSTILE_QUERY_PARTS);
    const query = fc.array(fc.oneof(hostile, hostile, fc.string({ unit: "binary", maxLength: 8 })), {
      maxLength: 10,
    });
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), async (parts, byDate) => {
        try {
          const r = await index.query(
            ctx.deps.db.kysely,
            q({ q: parts.join(""), sort: byDate ? "date" : "relevance", staffOrgIds: ["org-office"] }),
          );
          expect(r.total).toBeGreaterThanOrEqual(r.hits.length);
        } catch (e) {
          expect(e).toMatchObject({ status: 400 });
          expect(["search_query_empty", "search_query_too_long"]).toContain((e as { code: string }).code);
        }
      }),
      { numRuns: 200 },
    );
    await expect(index.query(ctx.deps.db.kysely, q({ q: "乡".repeat(10_000) }))).rejects.toMatchObject({
      code: "search_query_too_long",
    });
  });

  it("escapes titles and snippets and marks the matches", async () => {
    const r = await getSearchIndex(ctx.deps.db, ctx.deps.clock).query(
      ctx.deps.db.kysely,
      q({ q: "县长 供暖" }),
    );
    const hit = r.hits[0]!;
    expect(hit.titleHtml).toBe("&#60;script&#62;alert(1)&#60;/script&#62;<mark>县长</mark>信箱回复");
    expect(hit.snippetHtml).toContain("<mark>供暖</mark>");
    expect(hit.snippetHtml).toContain("&#60;b&#62;");
    expect(hit.snippet).toContain("<b>已协调</b>");
  });

  it("suggests a query that finds something when nothing is found", async () => {
    const index = getSearchIndex(ctx.deps.db, ctx.deps.clock);
    const r = await index.query(ctx.deps.db.kysely, q({ q: "乡村振兴 火星基地" }));
    expect(r.total).toBe(0);
    expect(r.suggestion).toBe("乡村振兴");
    const none = await index.query(ctx.deps.db.kysely, q({ q: "火星基地" }));
    expect(none.suggestion).toBeNull();
  });

  it("replaces a document on upsert, skips an unchanged one, and removes it", async () => {
    const index = getSearchIndex(ctx.deps.db, ctx.deps.clock);
    const db = ctx.deps.db.kysely;
    const extra = fixtureDoc({ id: "x1", title: "临时公告", body: "春坤山景区开放。" });
    await db.transaction().execute((trx) => index.upsertDocs(trx, [extra]));
    await db.transaction().execute((trx) => index.upsertDocs(trx, [extra]));
    expect(await ids({ q: "春坤山" })).toEqual(["x1"]);
    await db.transaction().execute((trx) => index.upsertDocs(trx, [{ ...extra, body: "景区关闭。" }]));
    expect(await ids({ q: "春坤山" })).toEqual([]);
    expect(await ids({ q: "景区关闭" })).toEqual(["x1"]);
    await db.transaction().execute((trx) => index.removeDocs(trx, [{ type: "item", id: "x1" }]));
    await db.transaction().execute((trx) => index.removeDocs(trx, [{ type: "item", id: "x1" }]));
    expect(await ids({ q: "景区" })).toEqual([]);
    const n = await db
      .selectFrom("search_docs")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(FIXTURE.length);
  });

  it("rejects an empty or over-long query with a stable code", async () => {
    const index = getSearchIndex(ctx.deps.db, ctx.deps.clock);
    await expect(index.query(ctx.deps.db.kysely, q({ q: " ！？ " }))).rejects.toMatchObject({
      code: "search_query_empty",
      status: 400,
    });
    await expect(index.query(ctx.deps.db.kysely, q({ q: "乡".repeat(101) }))).rejects.toMatchObject({
      code: "search_query_too_long",
      status: 400,
    });
  });
});
