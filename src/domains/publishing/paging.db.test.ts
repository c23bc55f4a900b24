import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { newId } from "../../platform/ids";
import { type Cursor, encodeCursor, type PageRequest } from "../../platform/paging";
import type { AppInstance } from "../../web/types";
import * as repo from "./publishing.repo";

// Issue 19 part 7: lists read by cursor skip and repeat nothing, ties on the sort key included, forwards and
// backwards, with filters; bad cursors and too-deep page numbers are 400s with a Chinese message.
describeEachDialect("keyset paging of item lists", (ctx) => {
  let app: AppInstance;
  let siteId: string;
  let orgIds: string[];
  const N = 137;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    const k = ctx.deps.db.kysely;
    siteId = (await k.selectFrom("sites").select("id").where("code", "=", "guyang").executeTakeFirstOrThrow())
      .id;
    orgIds = (
      await k.selectFrom("orgs").select("id").where("site_id", "=", siteId).orderBy("code").execute()
    ).map((o) => o.id);
    const user = (await k.selectFrom("users").select("id").executeTakeFirstOrThrow()).id;
    // Few distinct publication instants and update instants: most rows tie on the sort key.
    const rows = Array.from({ length: N }, (_, i) => {
      const id = newId();
      const at = `2031-0${1 + (i % 3)}-0${1 + (i % 2)}T08:00:00.000Z`;
      return {
        id,
        site_id: siteId,
        org_id: orgIds[i % 2]!,
        lineage_id: id,
        kind: i % 3 === 0 ? "notice" : "policy",
        status: "published",
        version: 1,
        disclosure_mode: "proactive",
        validity: "valid",
        title: `分页测试 ${i}`,
        body_html: "<p>正文</p>",
        body_text: "正文",
        formed_on: "2031-01-01",
        published_at: at,
        published_on: at.slice(0, 10),
        created_by: user,
        created_at: at,
        updated_at: `2031-05-0${1 + (i % 4)}T00:00:00.000Z`,
      };
    });
    await k.insertInto("items").values(rows).execute();
    // The demo county's seed takes minutes on a loaded machine.
  }, 600_000);
  afterAll(async () => app?.close());

  const expected = async (f: repo.ItemFilter, order: "published" | "updated") => {
    const all = await repo.listItems(ctx.deps.db.kysely, f, { limit: 100_000, offset: 0, order });
    return all.map((r) => r.id);
  };

  const walk = async (f: repo.ItemFilter, order: "published" | "updated", size: number) => {
    const pages: string[][] = [];
    let req: PageRequest = { size, page: 1 };
    let last: Awaited<ReturnType<typeof repo.pageItems>> | undefined;
    for (;;) {
      last = await repo.pageItems(ctx.deps.db.kysely, f, req, order);
      pages.push(last.rows.map((r) => r.id));
      expect(last.page).toBe(pages.length);
      if (!last.next) break;
      req = { size, page: last.next.page, cursor: last.next };
    }
    // And back again by the "previous" cursors, page by page: the same pages.
    const back: string[][] = [];
    let prev: Cursor | undefined = last.prev;
    back.unshift(last.rows.map((r) => r.id));
    while (prev) {
      const p = await repo.pageItems(ctx.deps.db.kysely, f, { size, page: prev.page, cursor: prev }, order);
      back.unshift(p.rows.map((r) => r.id));
      prev = p.prev;
    }
    return { pages, back };
  };

  for (const [name, filter, order] of [
    ["every published item of the site, by publication", {}, "published"],
    ["one kind", { kinds: ["policy"] }, "published"],
    ["one organisation", { orgIdsAt: 1 }, "published"],
    ["by last change (back-office queue)", {}, "updated"],
  ] as const) {
    it(`walks ${name} by cursor without skipping or repeating a row`, async () => {
      const f: repo.ItemFilter = {
        siteId,
        statuses: ["published"],
        ...("kinds" in filter ? { kinds: [...filter.kinds] } : {}),
        ...("orgIdsAt" in filter ? { orgIds: [orgIds[filter.orgIdsAt]!] } : {}),
      };
      const want = await expected(f, order);
      expect(want.length).toBeGreaterThan(40);
      const { pages, back } = await walk(f, order, 10);
      expect(pages.flat()).toEqual(want);
      expect(back).toEqual(pages);
      // Pages by number agree with pages by cursor.
      const third = await repo.pageItems(ctx.deps.db.kysely, f, { size: 10, page: 3 }, order);
      expect(third.rows.map((r) => r.id)).toEqual(pages[2]);
      const total = await repo.countItemsCapped(ctx.deps.db.kysely, f);
      expect(total).toEqual({ n: want.length, capped: false });
    });
  }

  it("serves /gk/list page after page by its own next links, and refuses bad cursors and deep pages", async () => {
    const seen: string[] = [];
    let url = "/gk/list?kind=policy";
    for (let i = 0; i < 40 && url; i++) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      seen.push(...[...res.body.matchAll(/href="\/gk\/items\/([^"/?]+)"/g)].map((m) => m[1]!));
      url = /href="([^"]+)" rel="next"/.exec(res.body)?.[1]?.replaceAll("&amp;", "&") ?? "";
    }
    const want = await expected({ siteId, statuses: ["published"], kinds: ["policy"] }, "published");
    expect(seen).toEqual(want);

    const deep = encodeCursor({ key: "2031-02-01T08:00:00.000Z", id: "zzzz", dir: "after", page: 9000 });
    const res = await app.inject({ url: `/gk/list?cursor=${deep}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("第 9000 页");

    for (const [url, code, text] of [
      ["/gk/list?cursor=not-a-cursor", "bad_cursor", "翻页链接无效"],
      [`/gk/list?cursor=${Buffer.from("[1,2,3]").toString("base64url")}`, "bad_cursor", "翻页链接无效"],
      ["/gk/list?page=502", "page_too_deep", "页码过大"],
    ] as const) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(400);
      expect(r.body).toContain(text);
      expect(r.body).toContain(`data-error-code="${code}"`);
    }
  });

  it("filters a year by its Shanghai dates, at the boundaries too", async () => {
    const k = ctx.deps.db.kysely;
    const user = (await k.selectFrom("users").select("id").executeTakeFirstOrThrow()).id;
    // Published at 23:59:59.999 on 31 December and at 00:00 on 1 January, Shanghai time.
    const rows = (
      [
        ["2029-12-31T15:59:59.999Z", "2029-12-31"],
        ["2029-12-31T16:00:00.000Z", "2030-01-01"],
        ["2030-12-31T15:59:59.999Z", "2030-12-31"],
        ["2030-12-31T16:00:00.000Z", "2031-01-01"],
      ] as const
    ).map(([at, on]) => {
      const id = newId();
      return {
        id,
        site_id: siteId,
        org_id: orgIds[0]!,
        lineage_id: id,
        kind: "notice",
        status: "published",
        version: 1,
        disclosure_mode: "proactive",
        validity: "valid",
        title: `年度边界 ${on}`,
        body_html: "<p>正文</p>",
        body_text: "正文",
        formed_on: "2029-12-01",
        published_at: at,
        published_on: on,
        created_by: user,
        created_at: at,
        updated_at: at,
      };
    });
    await k.insertInto("items").values(rows).execute();
    try {
      const f = { siteId, statuses: ["published"], year: 2030 };
      const got = await repo.pageItems(k, f, { size: 50, page: 1 }, "published");
      expect(got.rows.map((r) => r.published_on).filter((d) => d?.startsWith("2030"))).toEqual([
        "2030-12-31",
        "2030-01-01",
      ]);
      expect(got.rows.every((r) => r.published_on?.startsWith("2030"))).toBe(true);
      expect(await repo.countItemsCapped(k, f)).toEqual({ n: got.rows.length, capped: false });
    } finally {
      await k
        .deleteFrom("items")
        .where(
          "id",
          "in",
          rows.map((r) => r.id),
        )
        .execute();
    }
  });

  it("pages the back-office queue by cursor", async () => {
    const tok = await tokenFor(ctx, "demo-office");
    const first = await app.inject({ url: "/admin/items?queue=published", headers: bearer(tok) });
    expect(first.statusCode).toBe(200);
    const next = /href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toContain("page=2");
    const bad = await app.inject({ url: "/admin/items?queue=published&cursor=%21", headers: bearer(tok) });
    expect(bad.statusCode).toBe(400);
  });
});
