import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, tokenFor } from "../../test/helpers/app";
import { describeEachDialect } from "../../test/helpers/db";
import { seedTestDemo } from "../../test/helpers/demo-template";
import { Session } from "../../test/helpers/forms";
import { buildApp } from "../app";
import { DEMO_PASSWORD } from "../demo/seed";
import { RenderBudget } from "./client-limits";
import { pageCache } from "./page-cache";
import type { AppInstance } from "./types";

describe("the render budget's token bucket", () => {
  it("grants a burst, then refills at the rate, per client, and says how long to wait", () => {
    let now = 0;
    const b = new RenderBudget({ burst: 3, perMinute: 6 }, 100, () => now);
    expect([b.take("a"), b.take("a"), b.take("a")]).toEqual([0, 0, 0]);
    expect(b.take("a")).toBe(10); // one token every 10 s
    expect(b.take("b")).toBe(0);
    now = 10_000;
    expect(b.take("a")).toBe(0);
    expect(b.take("a")).toBe(10);
    now = 3_600_000; // never more than the burst
    expect([b.take("a"), b.take("a"), b.take("a"), b.take("a")]).toEqual([0, 0, 0, 10]);
  });

  it("forgets the least recently seen clients beyond its size", () => {
    const b = new RenderBudget({ burst: 1, perMinute: 1 }, 2, () => 0);
    for (const c of ["a", "b", "c"]) b.take(c);
    expect(b.clients).toBe(2);
  });
});

describeEachDialect("the render budget through the app", (ctx) => {
  let app: AppInstance;
  let proxied: AppInstance;
  beforeAll(async () => {
    await seedTestDemo(ctx);
    const opts = { rateLimitPerMinute: 1000, renderBudget: { burst: 3, perMinute: 1 } };
    app = await buildApp(ctx.deps, opts);
    await app.ready();
    proxied = await buildApp(
      { ...ctx.deps, config: { ...ctx.deps.config, trustProxy: ["127.0.0.1"] } },
      opts,
    );
    await proxied.ready();
  }, 120_000); // the demo seed on a loaded machine
  afterAll(async () => {
    await app?.close();
    await proxied?.close();
  });

  const from = (remoteAddress: string, xff?: string) => ({
    remoteAddress,
    headers: xff ? { "x-forwarded-for": xff } : {},
  });

  it("refuses one address its fourth uncached render, with Retry-After and the Chinese page", async () => {
    pageCache(ctx.deps).clear();
    const peer = from("198.51.100.20");
    // Cached first by another visitor: hits never count.
    expect((await app.inject({ url: "/gk/list?page=1", ...from("198.51.100.21") })).statusCode).toBe(200);
    for (let i = 0; i < 10; i++)
      expect((await app.inject({ url: "/gk/list?page=1", ...peer })).statusCode).toBe(200);
    const statuses: number[] = [];
    for (let page = 2; page <= 5; page++)
      statuses.push((await app.inject({ url: `/gk/list?page=${page}`, ...peer })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await app.inject({ url: "/gk/list?page=6", ...peer });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.headers["content-type"]).toContain("text/html");
    expect(refused.body).toContain("过多页面");
    expect(refused.headers["x-error-code"]).toBe("render_budget_exceeded");
    expect(refused.headers["cache-control"]).toBe("no-store");
    // Pages already cached still open for that address, and item pages count the same way.
    expect((await app.inject({ url: "/gk/list?page=3", ...peer })).statusCode).toBe(200);
    expect((await app.inject({ url: "/gk/list?page=1&x=junk", ...peer })).statusCode).toBe(200);
    expect((await app.inject({ url: "/gk/items/not-rendered-yet", ...peer })).statusCode).toBe(429);
    // Another address is not affected: no site-wide limit.
    const other = from("198.51.100.22");
    for (let page = 6; page <= 8; page++)
      expect((await app.inject({ url: `/gk/list?page=${page}`, ...other })).statusCode).toBe(200);
  });

  it("random query parameters cost an address nothing once the canonical page is cached", async () => {
    const peer = from("198.51.100.30");
    expect((await app.inject({ url: "/gk/list?kind=policy", ...peer })).statusCode).toBe(200);
    for (let i = 0; i < 50; i++) {
      const res = await app.inject({ url: `/gk/list?kind=policy&x=${i}`, ...peer });
      expect(res.statusCode).toBe(200);
    }
  });

  /** Each URL once from `peer`, in order: the status codes. */
  const statusesOf = async (peer: ReturnType<typeof from>, urls: string[]) => {
    const out: number[] = [];
    for (const url of urls) out.push((await app.inject({ url, ...peer })).statusCode);
    return out;
  };

  it("charges uncached exports, feeds and sitemaps; their cached answers are free", async () => {
    pageCache(ctx.deps).clear();
    // Distinct valid filters: each a new export built from the database.
    const peer = from("198.51.100.60");
    const exports = [
      "/gk/list.csv?kind=policy",
      "/gk/list.json?kind=notice",
      "/gk/catalog.csv",
      "/hd/archive.json",
    ];
    expect(await statusesOf(peer, exports)).toEqual([200, 200, 200, 429]);
    const refused = await app.inject({ url: "/gk/list.csv?year=2020", ...peer });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["x-error-code"]).toBe("render_budget_exceeded");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.body).toContain("过多页面");
    // Built already: served from the cache, for this address too.
    expect(await statusesOf(peer, exports.slice(0, 3))).toEqual([200, 200, 200]);

    const reader = from("198.51.100.61");
    const feeds = ["/feeds/site.atom", "/feeds/site.rss", "/sitemap.xml", "/feeds/org/no-such-org.atom"];
    expect(await statusesOf(reader, feeds)).toEqual([200, 200, 200, 429]);
    expect(await statusesOf(reader, ["/sitemaps/1.xml", "/feeds/catalog/x.rss"])).toEqual([429, 429]);
    expect(await statusesOf(reader, feeds.slice(0, 3))).toEqual([200, 200, 200]);
  });

  it("charges every anonymous call of the public read API (it keeps no rendered answers), never a token", async () => {
    const program = from("198.51.100.70");
    const calls = [
      "/api/v1/public/items",
      "/api/v1/public/items",
      "/api/v1/public/catalog",
      "/api/v1/public/archive",
    ];
    expect(await statusesOf(program, calls)).toEqual([200, 200, 200, 429]);
    const refused = await app.inject({ url: "/api/v1/public/interpretations", ...program });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: "render_budget_exceeded" } });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    const token = await tokenFor(ctx, "demo-clerk");
    for (let i = 0; i < 6; i++) {
      const res = await app.inject({
        url: "/api/v1/public/items",
        headers: bearer(token),
        remoteAddress: "198.51.100.70",
      });
      expect(res.statusCode).toBe(200);
    }
  });

  it("does not charge signed-in staff", async () => {
    const staff = new Session(app);
    expect((await staff.login("demo-office", DEMO_PASSWORD)).statusCode).toBe(303);
    for (let page = 20; page < 30; page++)
      expect((await staff.get(`/gk/list?page=${page}`)).statusCode).toBe(200);
  });

  it("behind a trusted proxy, budgets each real client and forged entries change nothing", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await proxied.inject({
        url: `/gk/list?page=${40 + i}`,
        ...from("127.0.0.1", `1.1.1.${i}, 203.0.113.70`),
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const other = await proxied.inject({ url: "/gk/list?page=50", ...from("127.0.0.1", "203.0.113.71") });
    expect(other.statusCode).toBe(200);
  });
});
