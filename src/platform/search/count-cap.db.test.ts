// The count stops at COUNT_CAP: past it the total is a lower bound (totalExact false) that still counts a page
// ahead of the page asked for, so paging on lists every match once; below it the total is exact. Same on both
// engines.
import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { COUNT_CAP, getSearchIndex, type SearchQuery } from "./index";
import { fixtureDoc } from "./search.fixture";

const SITE = "site-cap";
const ALL = COUNT_CAP + 205;

describeEachDialect("search counts up to a cap", (ctx) => {
  const ask = (over: Partial<SearchQuery> & { q: string }) =>
    getSearchIndex(ctx.deps.db, ctx.deps.clock).query(ctx.deps.db.kysely, {
      siteId: SITE,
      sort: "date",
      page: 1,
      perPage: 10,
      ...over,
    });

  beforeAll(async () => {
    // ALL notices say 公告; exactly COUNT_CAP of them say 专项 too; the first 30 are the office's.
    const docs = Array.from({ length: ALL }, (_, i) =>
      fixtureDoc({
        id: `c${String(i).padStart(5, "0")}`,
        siteId: SITE,
        orgId: i < 30 ? "org-office" : "org-gov",
        title: `第${i}号公告`,
        body: i < COUNT_CAP ? "专项检查的公告正文。" : "公告正文。",
        publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      }),
    );
    const index = getSearchIndex(ctx.deps.db, ctx.deps.clock);
    await ctx.deps.db.kysely.transaction().execute((trx) => index.upsertDocs(trx, docs));
  });

  it("gives a lower bound past the cap and the exact count at or below it", async () => {
    const many = await ask({ q: "公告" });
    expect([many.total, many.totalExact, many.hits.length]).toEqual([COUNT_CAP, false, 10]);
    const exactlyCap = await ask({ q: "专项" });
    expect([exactlyCap.total, exactlyCap.totalExact]).toEqual([COUNT_CAP, true]);
    const few = await ask({ q: "公告", org: "org-office" });
    expect([few.total, few.totalExact, few.hits.length]).toEqual([30, true, 10]);
    // Relevance order counts the same way.
    const byRelevance = await ask({ q: "公告", sort: "relevance" });
    expect([byRelevance.total, byRelevance.totalExact]).toEqual([COUNT_CAP, false]);
  });

  it("lists every match once when paging on until a page is short, the last count exact", async () => {
    const seen: string[] = [];
    let last = await ask({ q: "公告", perPage: 100 });
    for (let page = 1; ; page++) {
      last = await ask({ q: "公告", perPage: 100, page });
      // Counted a page ahead: a client that stops once it holds `total` hits never stops early.
      if (!last.totalExact) expect(last.total).toBeGreaterThanOrEqual((page + 1) * 100);
      seen.push(...last.hits.map((h) => h.id));
      if (last.hits.length < 100) break;
    }
    expect(seen.length).toBe(ALL);
    expect(new Set(seen).size).toBe(ALL);
    expect([last.total, last.totalExact]).toEqual([ALL, true]);
  });
});
