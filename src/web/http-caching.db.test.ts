import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../test/helpers/app";
import { describeEachDialect } from "../../test/helpers/db";
import { Session } from "../../test/helpers/forms";
import { DEMO_PASSWORD } from "../demo/seed";
import { minimalPdf, multipartBody } from "../domains/publishing/attachments/attachments.test-helpers";
import { matchesEtag } from "./http-caching";
import { pageCache } from "./page-cache";
import type { AppInstance } from "./types";

describe("If-None-Match", () => {
  it("matches a listed, weak or wildcard validator and nothing else", () => {
    expect(matchesEtag('"a"', '"a"')).toBe(true);
    expect(matchesEtag('"x", W/"a"', '"a"')).toBe(true);
    expect(matchesEtag("*", '"a"')).toBe(true);
    expect(matchesEtag('"b"', '"a"')).toBe(false);
    expect(matchesEtag(undefined, '"a"')).toBe(false);
    expect(matchesEtag("", '"a"')).toBe(false);
  });
});

const dataDir = mkdtempSync(join(tmpdir(), "gk-http-caching-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A 304: no body, the same validator, and no content headers. */
function expectNotModified(res: LightMyRequestResponse, etag: string) {
  expect(res.statusCode).toBe(304);
  expect(res.rawPayload.length).toBe(0);
  expect(res.headers.etag).toBe(etag);
  expect(res.headers["content-length"]).toBeUndefined();
}

describeEachDialect(
  "ETag and Cache-Control on public GETs",
  (ctx) => {
    let app: AppInstance;
    beforeAll(async () => {
      app = await buildTestApp(ctx);
    });
    afterAll(async () => app?.close());

    it("gives cached HTML pages their precomputed ETag and a short public lifetime; 304 on a match", async () => {
      pageCache(ctx.deps).clear();
      for (const url of ["/", "/gk/list?page=1", "/mn/gk/list"]) {
        const first = await app.inject(url); // rendered by the normal path
        expect(first.statusCode).toBe(200);
        const etag = first.headers.etag as string;
        expect(etag).toMatch(/^"[\w-]{22}"$/);
        expect(first.headers["cache-control"]).toBe("public, max-age=60");
        const second = await app.inject(url); // answered by the fast path
        expect(second.headers.etag).toBe(etag);
        expect(second.headers["cache-control"]).toBe("public, max-age=60");
        // The validator is the one the page cache computed when it stored the page.
        expect(pageCache(ctx.deps).etagFor(second.body)).toBe(etag);
        expectNotModified(await app.inject({ url, headers: { "if-none-match": etag } }), etag);
        expectNotModified(await app.inject({ url, headers: { "if-none-match": `"x", W/${etag}` } }), etag);
        const changed = await app.inject({ url, headers: { "if-none-match": '"something-else"' } });
        expect(changed.statusCode).toBe(200);
        expect(changed.body).toBe(first.body);
      }
    });

    it("answers 304 on a page that is not in the cache too (an ETag from its body)", async () => {
      const first = await app.inject("/gk");
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toBe(`"${createHash("sha256").update(first.body).digest("base64url").slice(0, 22)}"`);
      expectNotModified(await app.inject({ url: "/gk", headers: { "if-none-match": etag } }), etag);
    });

    it("gives the public JSON API an ETag and 304", async () => {
      const url = "/api/v1/calendar/years/2026";
      const first = await app.inject(url);
      expect(first.statusCode).toBe(200);
      expect(first.headers["content-type"]).toContain("application/json");
      const etag = first.headers.etag as string;
      expect(etag).toBeTruthy();
      expect(first.headers["cache-control"]).toBe("public, max-age=60");
      expectNotModified(await app.inject({ url, headers: { "if-none-match": etag } }), etag);
    });

    it("never lets anything personal be stored by a shared cache", async () => {
      const track = await app.inject("/hd/track");
      expect(track.headers["cache-control"]).toMatch(/no-store/);
      expect(track.headers["cache-control"]).not.toMatch(/public/);
      // A public page that starts a session (the form's CSRF token) is personal: its Set-Cookie is added by
      // the session plugin's own onSend hook, before which this answer must not be marked public.
      for (const url of ["/hd/apply", "/mn/hd/apply"]) {
        const form = await app.inject(url);
        expect(form.headers["set-cookie"], url).toBeDefined();
        expect(form.headers["cache-control"], url).toBe("private, no-store");
        expect(form.headers.etag, url).toBeUndefined();
      }
      const login = await app.inject("/admin/login");
      expect(login.headers["cache-control"]).toBe("private, no-store");
      expect(login.headers.etag).toBeUndefined();
      const staff = new Session(app);
      expect((await staff.login("demo-office", DEMO_PASSWORD)).statusCode).toBe(303);
      for (const url of ["/admin", "/"]) {
        const res = await staff.get(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.headers["cache-control"], url).toBe("private, no-store");
      }
      const token = await tokenFor(ctx, "demo-signer");
      const api = await app.inject({ url: "/api/v1/calendar/years/2026", headers: bearer(token) });
      expect(api.headers["cache-control"]).toBe("private, no-store");
      const missing = await app.inject("/gk/items/no-such-item");
      expect(missing.statusCode).toBe(404);
      expect(missing.headers["cache-control"]).toMatch(/no-store/);
      expect(missing.headers["cache-control"]).not.toMatch(/public/);
      expect(missing.headers.etag).toBeUndefined();
      const nowhere = await app.inject("/no/such/page/at/all");
      expect(nowhere.statusCode).toBe(404);
      expect(nowhere.headers["cache-control"]).toBe("no-store");
    });

    it("gives an attachment download its ETag from the file's SHA-256, with 304", async () => {
      const tok: Record<string, string> = {};
      for (const u of ["demo-clerk", "demo-reviewer", "demo-signer"]) tok[u] = await tokenFor(ctx, u);
      const created = await app.inject({
        method: "POST",
        url: "/api/v1/items",
        headers: bearer(tok["demo-clerk"]!),
        payload: { title: "关于公布2026年预算的通知", body: "详见附件。", kind: "other" },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const pdf = minimalPdf("Guyang county budget 2026");
      const body = multipartBody([
        { name: "file", filename: "预算.pdf", data: pdf, contentType: "application/pdf" },
      ]);
      const up = await app.inject({
        method: "POST",
        url: `/api/v1/items/${id}/attachments`,
        headers: { ...body.headers, ...bearer(tok["demo-clerk"]!) },
        payload: body.payload,
      });
      expect(up.statusCode, up.body).toBe(201);
      for (const [who, action] of [
        ["demo-clerk", "submit"],
        ["demo-reviewer", "approve"],
        ["demo-signer", "sign"],
        ["demo-signer", "publish"],
      ] as const) {
        const res = await app.inject({
          method: "POST",
          url: `/api/v1/items/${id}/actions`,
          headers: bearer(tok[who]!),
          payload: { action },
        });
        expect(res.statusCode, res.body).toBe(200);
      }
      const url = (await app.inject(`/api/v1/items/${id}/attachments`)).json().attachments[0].url as string;
      const first = await app.inject(url);
      expect(first.statusCode).toBe(200);
      const etag = `"${createHash("sha256").update(pdf).digest("hex")}"`;
      expect(first.headers.etag).toBe(etag);
      expect(first.headers["cache-control"]).toBe("public, max-age=300");
      expect(first.rawPayload.equals(pdf)).toBe(true);
      expectNotModified(await app.inject({ url, headers: { "if-none-match": etag } }), etag);
    });
  },
  { config: { dataDir } },
);
