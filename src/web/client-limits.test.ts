import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDialect } from "../../test/helpers/db";
import { buildApp } from "../app";
import { loadConfig } from "../config";
import { limitClassFor } from "./client-limits";
import type { AppInstance } from "./types";

describe("the class a route counts against", () => {
  it("leaves assets, /healthz and pages people read alone", () => {
    expect(limitClassFor("GET", "/assets/app.css")).toBe("none");
    expect(limitClassFor("GET", "/healthz")).toBe("none");
    expect(limitClassFor("GET", "/")).toBe("none");
    expect(limitClassFor("GET", "/gk/items/abc?x=1")).toBe("none");
    expect(limitClassFor("HEAD", "/mn/gk")).toBe("none");
    expect(limitClassFor("GET", "/admin/applications")).toBe("none");
  });

  it("puts any API request, and any write by default, into a strict class", () => {
    expect(limitClassFor("GET", "/api/v1/search?q=x")).toBe("api");
    expect(limitClassFor("DELETE", "/api/v1/anything-added-later")).toBe("api");
    expect(limitClassFor("POST", "/hd/some-new-form")).toBe("forms");
    expect(limitClassFor("PUT", "/mn/hd/other")).toBe("forms");
    expect(limitClassFor("POST", "/admin/login")).toBe("login");
    expect(limitClassFor("POST", "/admin/items/new")).toBe("staff");
  });

  it("lets a route declare its class", () => {
    expect(limitClassFor("POST", "/api/v1/applications", "applications")).toBe("applications");
    expect(limitClassFor("GET", "/api/v1/applications/track", "track")).toBe("track");
    expect(limitClassFor("GET", "/healthz", "none")).toBe("none");
    expect(limitClassFor("POST", "/hd/messages/new", "submissions")).toBe("submissions");
  });

  it("reads the submissions limit from GONGKAI_RATE_SUBMISSIONS_PER_HOUR (default 30)", () => {
    const env = { GONGKAI_DATA_DIR: "/tmp/gongkai-config-test" };
    expect(loadConfig(env).rateLimits.submissionsPerHour).toBe(30);
    expect(loadConfig({ ...env, GONGKAI_RATE_SUBMISSIONS_PER_HOUR: "7" }).rateLimits.submissionsPerHour).toBe(
      7,
    );
    expect(() => loadConfig({ ...env, GONGKAI_RATE_SUBMISSIONS_PER_HOUR: "0" })).toThrow(
      /GONGKAI_RATE_SUBMISSIONS_PER_HOUR/,
    );
  });
});

describeEachDialect("per-client limits through the app", (ctx) => {
  let app: AppInstance;
  let proxied: AppInstance;
  beforeAll(async () => {
    const limits = {
      apiPerMinute: 3,
      formsPerMinute: 2,
      staffPerMinute: 2,
      loginPerMinute: 2,
      trackPerMinute: 2,
      applicationsPerHour: 1,
      submissionsPerHour: 2,
    };
    app = await buildApp(ctx.deps, { rateLimits: limits });
    // Routes added after the app is built fall into a class by method and path.
    app.get("/api/v1/added-later", async () => ({ ok: true }));
    app.post("/added-later", async () => ({ ok: true }));
    app.get("/added-later", async () => "ok");
    await app.ready();
    proxied = await buildApp(
      { ...ctx.deps, config: { ...ctx.deps.config, trustProxy: ["127.0.0.1", "10.0.0.0/8"] } },
      { rateLimits: limits },
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

  it("never limits assets, /healthz or public pages", async () => {
    for (let i = 0; i < 15; i++) {
      const peer = from("198.51.100.1");
      expect((await app.inject({ url: "/assets/app.css", ...peer })).statusCode).toBe(200);
      expect((await app.inject({ url: "/healthz", ...peer })).statusCode).toBe(200);
      expect((await app.inject({ url: "/added-later", ...peer })).statusCode).toBe(200);
      expect((await app.inject({ url: "/calendar", ...peer })).statusCode).toBeLessThan(429);
    }
  });

  it("counts every API route of one client against one counter and answers 429 in JSON", async () => {
    const peer = from("198.51.100.2");
    expect((await app.inject({ url: "/api/v1/added-later", ...peer })).statusCode).toBe(200);
    expect((await app.inject({ url: "/api/v1", ...peer })).statusCode).toBe(200);
    expect((await app.inject({ url: "/api/v1/openapi.json", ...peer })).statusCode).toBe(200);
    const refused = await app.inject({ url: "/api/v1/added-later", ...peer });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("rate_limited");
    expect(refused.json().error.message).toMatch(/请求过于频繁/);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await app.inject({ url: "/api/v1/added-later", ...from("198.51.100.3") })).statusCode).toBe(200);
  });

  it("limits sign-in, tracking, new applications and forms added later, each on its own", async () => {
    const peer = from("198.51.100.4");
    const login = () =>
      app.inject({ method: "POST", url: "/admin/login", payload: { username: "x", password: "y" }, ...peer });
    expect((await login()).statusCode).not.toBe(429);
    expect((await login()).statusCode).not.toBe(429);
    const third = await login();
    expect(third.statusCode).toBe(429);
    expect(third.headers["content-type"]).toContain("text/html");
    expect(third.body).toContain("请求过于频繁");

    const track = () => app.inject({ url: "/api/v1/applications/track?code=A&secret=B", ...peer });
    expect((await track()).statusCode).not.toBe(429);
    expect((await track()).statusCode).not.toBe(429);
    expect((await track()).statusCode).toBe(429);

    const apply = () => app.inject({ method: "POST", url: "/api/v1/applications", payload: {}, ...peer });
    expect((await apply()).statusCode).toBe(400);
    expect((await apply()).statusCode).toBe(429);

    const later = () => app.inject({ method: "POST", url: "/added-later", ...peer });
    expect((await later()).statusCode).toBe(200);
    expect((await later()).statusCode).toBe(200);
    expect((await later()).statusCode).toBe(429);
  });

  it("counts messages, error reports and comments as submissions, apart from applications", async () => {
    const peer = from("198.51.100.6");
    const post = (url: string) => app.inject({ method: "POST", url, payload: {}, ...peer });
    expect((await post("/api/v1/messages")).statusCode).toBe(400);
    expect((await post("/api/v1/error-reports")).statusCode).toBe(400);
    const third = await post("/api/v1/consultations/none/comments");
    expect(third.statusCode).toBe(429);
    expect(third.json().error.code).toBe("rate_limited");
    // The same client's budget for an application is untouched.
    expect((await post("/api/v1/applications")).statusCode).toBe(400);
    expect((await post("/api/v1/applications")).statusCode).toBe(429);
    // The submissions counter stays spent; another client has its own.
    expect((await post("/api/v1/messages")).statusCode).toBe(429);
    expect(
      (await app.inject({ method: "POST", url: "/hd/messages/new", payload: {}, ...from("198.51.100.7") }))
        .statusCode,
    ).not.toBe(429);
  });

  it("cannot be dodged with X-Forwarded-For when no proxy is trusted", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ url: "/api/v1", ...from("198.51.100.5", `203.0.113.${i}`) });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it("behind a trusted proxy, counts each real client, and forged entries change nothing", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      // The client forges a different left-hand entry each time; the proxy appends its real address.
      const res = await proxied.inject({ url: "/api/v1", ...from("127.0.0.1", `1.1.1.${i}, 203.0.113.50`) });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // A different real client through the same proxy has its own counter.
    expect((await proxied.inject({ url: "/api/v1", ...from("127.0.0.1", "203.0.113.51") })).statusCode).toBe(
      200,
    );
    // A client reaching the app directly cannot pretend to be behind the proxy.
    for (let i = 0; i < 3; i++)
      await proxied.inject({ url: "/api/v1", ...from("198.51.100.9", `203.0.113.${60 + i}`) });
    expect(
      (await proxied.inject({ url: "/api/v1", ...from("198.51.100.9", "203.0.113.99") })).statusCode,
    ).toBe(429);
  });

  it("counts an IPv6 client by its /64", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const res = await proxied.inject({ url: "/api/v1", ...from("10.0.0.1", `2001:db8:5:6::${i}`) });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(
      (await proxied.inject({ url: "/api/v1", ...from("10.0.0.1", "2001:db8:5:7::1") })).statusCode,
    ).toBe(200);
  });
});
