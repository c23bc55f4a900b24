import { Writable } from "node:stream";
import type { FastifyBaseLogger, LightMyRequestResponse } from "fastify";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, tokenFor } from "../../test/helpers/app";
import { describeEachDialect } from "../../test/helpers/db";
import { seedTestDemo } from "../../test/helpers/demo-template";
import { Session } from "../../test/helpers/forms";
import { buildApp } from "../app";
import { DEMO_PASSWORD } from "../demo/seed";
import { type Deps, systemActor } from "../deps";
import { msToShanghaiMidnight } from "../domains/calendar/calendar.pages";
import { addClosure } from "../domains/calendar/calendar.service";
import { listCatalogTree, updateNode } from "../domains/catalog/catalog.service";
import { createSite } from "../domains/orgs/sites.service";
import { pageCache } from "./page-cache";
import type { AppInstance } from "./types";

/** The headers two answers must share: all but the per-answer date. */
const stable = (res: LightMyRequestResponse) => {
  const { date: _date, ...rest } = res.headers;
  return rest;
};

describeEachDialect("fast path for anonymous visitors of cached public pages", (ctx) => {
  let app: AppInstance;
  /** Requests that went past the fast path to the normal one (counted by a later onRequest hook). */
  let normal = 0;
  let itemPath: string;
  let itemId: string;
  let signer: string;
  beforeAll(async () => {
    await seedTestDemo(ctx);
    // As shipped: forms limited to 2 a minute here, so the test also shows reads never count.
    app = await buildApp(ctx.deps, { rateLimitPerMinute: 2 });
    app.addHook("onRequest", (_req, _reply, done) => {
      normal++;
      done();
    });
    await app.ready();
    signer = await tokenFor(ctx, "demo-signer");
    const list = await app.inject("/gk/list");
    itemPath = /href="(\/gk\/items\/[^"/?]+)"/.exec(list.body)![1]!;
    itemId = itemPath.split("/").pop()!;
  });
  afterAll(async () => app?.close());

  it("answers a cached page from memory with the same bytes and headers as the normal path", async () => {
    pageCache(ctx.deps).clear();
    for (const path of [itemPath, "/", "/gk/list"]) {
      const before = normal;
      const first = await app.inject(path);
      expect(first.statusCode).toBe(200);
      expect(normal).toBe(before + 1);
      const second = await app.inject(path);
      expect(normal, `${path} answered by the fast path`).toBe(before + 1);
      expect(second.statusCode).toBe(200);
      expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
      expect(stable(second)).toEqual(stable(first));
      expect(second.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(second.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(second.headers["set-cookie"]).toBeUndefined();
    }
  });

  it("keeps answers per resolved site and page, and never serves a page it has not seen answered", async () => {
    await app.inject(itemPath);
    const before = normal;
    // A host no site lists is the default site's: it shares that site's answer and adds none of its own.
    const other = await app.inject({ url: itemPath, headers: { host: "other.example" } });
    expect(other.statusCode).toBe(200);
    expect(normal).toBe(before);
    const missing = await app.inject(`${itemPath}x`);
    expect(missing.statusCode).toBe(404);
    await app.inject(`${itemPath}x`);
    expect(normal).toBe(before + 2);
  });

  it("keys on the page's declared query parameters: made-up ones and bogus hosts neither add nor evict", async () => {
    const cache = pageCache(ctx.deps);
    cache.clear();
    // Rendered first for a visitor who added a query of their own: the page others get does not carry it.
    const real = await app.inject(`${itemPath}?utm=first`);
    expect(real.statusCode).toBe(200);
    expect(real.body).not.toContain("utm=first");
    await app.inject("/gk/list?page=1");
    const pages = cache.size;
    const before = normal;
    for (let i = 0; i < 40; i++) {
      const junk = await app.inject({
        url: `${itemPath}?x=${i}&utm=${i}`,
        headers: { host: `bogus-${i}.example` },
      });
      expect(junk.statusCode).toBe(200);
      expect(junk.body).toBe(real.body);
      const list = await app.inject({ url: `/gk/list?page=01&x=${i}`, headers: { host: `h${i}.example` } });
      expect(list.statusCode).toBe(200);
    }
    expect(normal, "every one answered from memory").toBe(before);
    expect(cache.size).toBe(pages);
    // Declared parameters still make pages of their own.
    await app.inject("/gk/list?page=2");
    await app.inject("/gk/list?kind=policy");
    expect(cache.size).toBe(pages + 2);
    expect(normal).toBe(before + 2);
  });

  it("sends a signed-in member of staff, or a program with a token, down the normal path", async () => {
    await app.inject(itemPath);
    const staff = new Session(app);
    expect((await staff.login("demo-office", DEMO_PASSWORD)).statusCode).toBe(303);
    const before = normal;
    const page = await staff.get(itemPath);
    expect(page.statusCode).toBe(200);
    expect(normal).toBe(before + 1);
    const api = await app.inject({ url: itemPath, headers: bearer(signer) });
    expect(api.statusCode).toBe(200);
    expect(normal).toBe(before + 2);
  });

  it("forgets the page when the item is withdrawn, and a new item shows in the list at once", async () => {
    const cached = await app.inject(itemPath);
    await app.inject(itemPath);
    const listBefore = (await app.inject("/gk/list")).body;
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/items/${itemId}/actions`,
      headers: bearer(signer),
      payload: { action: "withdraw", note: "内容有误，修改后重新发布" },
    });
    expect(res.statusCode, res.body).toBe(200);
    const before = normal;
    const after = await app.inject(itemPath);
    expect(normal).toBe(before + 1);
    expect(after.body).not.toBe(cached.body);
    expect((await app.inject("/gk/list")).body).not.toBe(listBefore);
  });

  it("forgets the catalogue pages when the catalogue changes", async () => {
    const gyx = await ctx.deps.db.kysely
      .selectFrom("orgs")
      .select("id")
      .where("code", "=", "gyx")
      .executeTakeFirstOrThrow();
    const first = (await listCatalogTree(ctx.deps, gyx.id))[0]!;
    for (const path of ["/gk/catalog", "/gk/catalog/gyx"]) await app.inject(path);
    const before = normal;
    const cached = await app.inject("/gk/catalog/gyx");
    expect(normal, "the catalogue page is cached").toBe(before);
    await updateNode(ctx.deps as Deps, systemActor("test"), first.id, { name: "测试改名的栏目" });
    const after = await app.inject("/gk/catalog/gyx");
    expect(normal).toBe(before + 1);
    expect(cached.body).not.toContain("测试改名的栏目");
    expect(after.body).toContain("测试改名的栏目");
  });

  it("caches the public calendar per day and forgets it when a closure is added", async () => {
    const url = "/calendar?year=2024";
    await app.inject(url);
    const before = normal;
    const cached = await app.inject(url);
    expect(normal, "the calendar page is cached").toBe(before);
    expect(cached.statusCode).toBe(200);
    await addClosure(ctx.deps as Deps, systemActor("test"), { reason: "测试停止办公", date: "2024-03-06" });
    const after = await app.inject(url);
    expect(normal).toBe(before + 1);
    expect(cached.body).not.toContain("测试停止办公");
    expect(after.body).toContain("测试停止办公");
  });

  it("keeps a calendar page no later than midnight in Shanghai", () => {
    expect(msToShanghaiMidnight(new Date("2026-12-06T15:59:00Z"))).toBe(60_000);
    expect(msToShanghaiMidnight(new Date("2026-12-06T16:00:00Z"))).toBe(86_400_000);
  });

  it("forgets answers kept by host name when a site takes that host", async () => {
    const host = { host: "yixian.example" };
    await app.inject({ url: "/", headers: host });
    const before = (await app.inject({ url: "/", headers: host })).body;
    expect(before).not.toContain("乙县");
    await createSite(ctx.deps as Deps, systemActor("test"), {
      code: "yixian",
      name: "乙县人民政府网站",
      identifier_code: "1502230001",
      division_code: "150223",
      hosts: ["yixian.example"],
    });
    const after = await app.inject({ url: "/", headers: host });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain("乙县");
  });

  it("never throttles anonymous reads of public pages, while forms keep their per-address limit", async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 60; i++) statuses.add((await app.inject("/")).statusCode);
    for (let i = 0; i < 20; i++) statuses.add((await app.inject("/gk/list?page=2")).statusCode);
    expect([...statuses]).toEqual([200]);
    const posts: number[] = [];
    for (let i = 0; i < 3; i++)
      posts.push((await app.inject({ method: "POST", url: "/hd/no-such-form", payload: {} })).statusCode);
    expect(posts).toEqual([404, 404, 429]);
  });
});

describeEachDialect("the raw fast path of a listening server", (ctx) => {
  let app: AppInstance;
  let base: string;
  /** Answers that went through Fastify (its onResponse hooks); the raw path skips them. */
  let throughFastify = 0;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    await seedTestDemo(ctx);
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split("\n")) if (l) lines.push(JSON.parse(l));
        done();
      },
    });
    const logger = pino({ level: "info" }, sink) as unknown as FastifyBaseLogger;
    app = await buildApp({ ...ctx.deps, logger } as Deps, { rateLimitPerMinute: 1000 });
    app.addHook("onResponse", (_req, _reply, done) => {
      throughFastify++;
      done();
    });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => app?.close());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const r = await fetch(base + path, { headers });
    const body = Buffer.from(await r.arrayBuffer());
    const { date: _date, ...rest } = Object.fromEntries(r.headers);
    return { status: r.status, body, headers: rest };
  };

  it("answers a canonical URL it has recorded before Fastify, with the same bytes and headers, and logs it", async () => {
    pageCache(ctx.deps).clear();
    const first = await get("/gk/list?page=2");
    expect(first.status).toBe(200);
    expect(throughFastify).toBe(1);
    const second = await get("/gk/list?page=2");
    expect(throughFastify, "answered by the raw path").toBe(1);
    expect(second.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers).toEqual(first.headers);
    expect(second.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(second.headers.etag).toMatch(/^"/);

    const requests = lines.filter((l) => l.msg === "request");
    expect(requests).toHaveLength(2);
    expect(requests[1]).toMatchObject({
      method: "GET",
      url: "/gk/list?page=2",
      status: 200,
      client: "127.0.0.1",
      level: 30,
    });
    expect(String(requests[1]!.reqId)).toMatch(/^fast-/);
    expect(requests[1]!.reqId).not.toBe(requests[0]!.reqId);
    expect(typeof requests[1]!.ms).toBe("number");
  });

  it("leaves to Fastify a URL not in canonical form, a conditional request and a session cookie", async () => {
    const canonical = await get("/gk/list?page=2");
    const before = throughFastify;
    const extra = await get("/gk/list?x=1&page=2");
    expect(extra.body.equals(canonical.body)).toBe(true);
    const conditional = await get("/gk/list?page=2", { "if-none-match": canonical.headers.etag! });
    expect(conditional.status).toBe(304);
    expect(conditional.body.length).toBe(0);
    await get("/gk/list?page=2", { cookie: "gongkai_session=x" });
    expect(throughFastify).toBe(before + 3);
  });
});
