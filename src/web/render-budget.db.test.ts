import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDialect } from "../../test/helpers/db";
import { Session } from "../../test/helpers/forms";
import { buildApp } from "../app";
import { DEMO_PASSWORD, seedDemo } from "../demo/seed";
import { systemActor } from "../deps";
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
    await seedDemo(ctx.deps, systemActor("test"));
    const opts = { rateLimitPerMinute: 1000, renderBudget: { burst: 3, perMinute: 1 } };
    app = await buildApp(ctx.deps, opts);
    await app.ready();
    proxied = await buildApp(
      { ...ctx.deps, config: { ...ctx.deps.config, trustProxy: ["127.0.0.1"] } },
      opts,
    );
    await proxied.ready();
  });
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
