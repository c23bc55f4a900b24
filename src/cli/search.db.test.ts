import { beforeAll, expect, it, vi } from "vitest";
import { cliRunner } from "../../test/helpers/cli";
import { describeEachDialect } from "../../test/helpers/db";
import { seedTestDemo } from "../../test/helpers/demo-template";
import { countSiteDocs } from "../domains/search";
import { indexedEntries, searchIndexOf } from "../domains/search/search.engine";

// Each command starts Node and tsx (about a second); leave room on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

const { gongkai } = cliRunner("search-cli");

describeEachDialect("gongkai search (CLI)", (ctx) => {
  let siteId = "";
  beforeAll(async () => {
    await seedTestDemo(ctx);
    const site = await ctx.deps.db.kysely.selectFrom("sites").select("id").executeTakeFirstOrThrow();
    siteId = site.id;
  }, 180_000);

  it("reindex prints progress on stderr and the count on stdout; the index then matches its sources", async () => {
    // An empty index to start from, emptied the engine's way (its token tables go with the documents).
    const all = await indexedEntries(ctx.deps.db.kysely, siteId);
    await ctx.deps.db.kysely.transaction().execute((trx) =>
      searchIndexOf(ctx.deps).removeDocs(
        trx,
        all.map(({ type, id }) => ({ type, id })),
      ),
    );
    const expected = await countSiteDocs(ctx.deps, siteId);
    const r = await gongkai(ctx.testDb.url, "search", "reindex");
    expect(r.code, r.stderr).toBe(0);
    const m = r.stdout.match(/共 (\d+) 条/);
    expect(m, r.stdout).not.toBeNull();
    const indexed = Number(m![1]);
    expect(indexed).toBeGreaterThan(10);
    // countSiteDocs counts rows (archived catalogue groups' children included), so it bounds the count.
    expect(indexed).toBeLessThanOrEqual(expected + 50);
    expect(r.stderr).toMatch(/\d+\/\d+/);
    const rows = await ctx.deps.db.kysely
      .selectFrom("search_docs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(indexed);
  });

  it("query prints the API's JSON; an empty query is an error with its code", async () => {
    const r = await gongkai(ctx.testDb.url, "search", "query", "乡村振兴", "--per-page", "3");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ page: 1, per_page: 3 });
    expect(out.total).toBeGreaterThan(0);
    expect(out.items[0]).toHaveProperty("snippet");
    expect(Object.keys(out.items[0])).toEqual(
      expect.arrayContaining(["type", "id", "title", "url", "snippet", "doc_number", "org", "published_at"]),
    );
    const bad = await gongkai(ctx.testDb.url, "search", "query", " ");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("[search_query_empty]");
  });
});
