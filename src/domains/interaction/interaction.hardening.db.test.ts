import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { buildApp } from "../../app";
import type { AppInstance } from "../../web/types";

// Findings of the security / new-user review of the interaction domain (notes/attack-report.md), one
// regression test each: cross-site form posts to the public API (M1), staff intake and the public hourly
// budget (M9), …
const message = {
  type: "consult",
  title: "路灯何时修复？",
  body: "东街路灯已坏两周，请问何时修复？",
  name: "韩某",
  phone: "13912345670",
};

describeEachDialect("interaction: review findings", (ctx) => {
  let app: AppInstance;
  let office = "";
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    office = await tokenFor(ctx, "demo-office");
  }, 180_000);
  afterAll(async () => app?.close());

  describe("M1: the public API's submission endpoints refuse cross-site form posts", () => {
    it("answers urlencoded, multipart and text/plain bodies with 415 json_required and saves nothing", async () => {
      // Refused before the route runs, so the ids need not exist.
      const urls = [
        "/api/v1/messages",
        "/api/v1/error-reports",
        "/api/v1/applications",
        "/api/v1/consultations/any/comments",
        "/api/v1/meetings/any/attendance",
      ];
      const bodies: Array<[string, string]> = [
        ["application/x-www-form-urlencoded", new URLSearchParams(message).toString()],
        [
          "multipart/form-data; boundary=x",
          '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nt\r\n--x--\r\n',
        ],
        ["text/plain", JSON.stringify(message)],
        ["Text/Plain; charset=utf-8", JSON.stringify(message)],
      ];
      for (const url of urls)
        for (const [type, payload] of bodies) {
          const res = await app.inject({ method: "POST", url, headers: { "content-type": type }, payload });
          expect(res.statusCode, `${url} ${type}`).toBe(415);
          expect(res.json().error).toMatchObject({ code: "json_required" });
          expect(res.json().error.message).toContain("JSON");
        }
      // No preflight answer: a cross-site page cannot send JSON.
      const preflight = await app.inject({ method: "OPTIONS", url: "/api/v1/messages" });
      expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
      // JSON still works, and the back office's own form posts are untouched.
      const ok = await app.inject({ method: "POST", url: "/api/v1/messages", payload: message });
      expect(ok.statusCode).toBe(201);
    });
  });

  describe("M9: staff intake through the API does not use the public hourly budget", () => {
    let limited: AppInstance;
    beforeAll(async () => {
      limited = await buildApp(ctx.deps, {
        rateLimitPerMinute: 100_000,
        applicationsPerHour: 100_000,
        submissionsPerHour: 2,
      });
      await limited.ready();
    });
    afterAll(async () => limited?.close());

    it("lets the office register more calls than the public limit, while the public is limited", async () => {
      const post = (headers: Record<string, string>, remoteAddress: string, body: object) =>
        limited.inject({ method: "POST", url: "/api/v1/messages", headers, payload: body, remoteAddress });
      const call = { ...message, channel: "phone" };
      for (let i = 0; i < 4; i++) {
        const res = await post(bearer(office), "10.9.0.1", call);
        expect(res.statusCode, res.body).toBe(201);
      }
      // The office's intake left the address's public budget whole.
      expect((await post({}, "10.9.0.1", message)).statusCode).toBe(201);
      expect((await post({}, "10.9.0.1", message)).statusCode).toBe(201);
      const third = await post({}, "10.9.0.1", message);
      expect(third.statusCode).toBe(429);
      expect(third.json().error.message).toMatch(/请 \d+ 分钟后再试/);
      // A made-up token does not get around the public limit: it is refused outright.
      expect((await post(bearer("not-a-token"), "10.9.0.1", message)).statusCode).toBe(401);
    });
  });
});
