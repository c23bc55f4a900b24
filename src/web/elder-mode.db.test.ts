import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../../test/helpers/app";
import { describeEachDialect } from "../../test/helpers/db";
import { ELDER_COOKIE, safeBackPath } from "./elder-mode";
import type { AppInstance } from "./types";

// 适老化 mode (issue 18 item 4): a link on every public page, a cookie, the page rendered with a class on
// <html> and its own stylesheet; the toggle goes back to a path of this site only; cached pages and the fast
// path keep the two variants apart, and public answers say Vary: Cookie.
const ON = `${ELDER_COOKIE}=1`;

describeEachDialect("适老化 mode: toggle, redirect safety, rendering, cache variance", (ctx) => {
  let app: AppInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
  });
  afterAll(async () => app?.close());

  const get = (url: string, cookie?: string) => app.inject({ url, headers: cookie ? { cookie } : {} });
  const isElder = (html: string) =>
    /<html[^>]* class="elder"/.test(html) && html.includes("/assets/elder.css");

  it("sets the cookie and goes back to the page; turning it off clears the cookie", async () => {
    const on = await get(`/a11y/elder?on=1&back=${encodeURIComponent("/mn/gk?x=1")}`);
    expect(on.statusCode).toBe(303);
    expect(on.headers.location).toBe("/mn/gk?x=1");
    const set = String(on.headers["set-cookie"]);
    expect(set).toContain(`${ON};`);
    expect(set).toMatch(/Max-Age=31536000/);
    expect(set).toMatch(/HttpOnly/);
    expect(on.headers["cache-control"]).toContain("no-store");
    const off = await get("/a11y/elder?on=0&back=/gk", ON);
    expect(off.headers.location).toBe("/gk");
    expect(String(off.headers["set-cookie"])).toMatch(new RegExp(`${ELDER_COOKIE}=;.*Max-Age=0`));
  });

  it("never sends anyone to another site (no open redirect)", async () => {
    for (const back of [
      "//evil.example/",
      "https://evil.example/",
      "/\\evil.example",
      "\\\\evil.example",
      "/.//evil.example",
      "/%2e//evil.example",
      "javascript:alert(1)",
      "/\t/evil.example",
      "evil.example",
      "",
    ]) {
      const res = await get(`/a11y/elder?on=1&back=${encodeURIComponent(back)}`);
      expect(res.statusCode, back).toBe(303);
      const location = String(res.headers.location);
      expect(location, back).toMatch(/^\/(?![/\\])/);
      expect(new URL(location, "http://portal.test").host, back).toBe("portal.test");
    }
    expect(safeBackPath("/hd/messages?page=2")).toBe("/hd/messages?page=2");
    expect(safeBackPath("/.//evil.example")).toBe("/");
    expect(safeBackPath(`/${"a".repeat(3000)}`)).toBe("/");
    // An over-long or odd query is a 400 from the schema or the safe fallback, never a 5xx.
    expect((await get("/a11y/elder?on=yes")).statusCode).toBeLessThan(500);
  });

  it("offers the toggle on every public page type in both languages, and renders the mode from the cookie", async () => {
    for (const url of [
      "/",
      "/mn/",
      "/gk",
      "/mn/gk",
      "/fw",
      "/mn/fw",
      "/hd",
      "/mn/hd/messages",
      "/search?q=%E6%94%BF",
    ]) {
      const plain = await get(url);
      expect(plain.statusCode, url).toBe(200);
      expect(plain.body, url).toMatch(/class="elder-toggle" href="\/a11y\/elder\?on=1&(amp;)?back=/);
      expect(isElder(plain.body), url).toBe(false);
      const elder = await get(url, ON);
      expect(isElder(elder.body), url).toBe(true);
      expect(elder.body, url).toMatch(/class="elder-toggle" href="\/a11y\/elder\?on=0&(amp;)?back=/);
    }
    const mn = await get("/mn/", ON);
    expect(mn.body).toContain('lang="mn-Mong"');
    expect(mn.body).toContain("ᠥᠲᠡᠯᠡᠭᠰᠡᠳ ᠲᠦ ᠵᠣᠬᠢᠰᠲᠠᠢ ᠬᠡᠯᠪᠡᠷᠢ ᠡᠴᠡ ᠭᠠᠷᠬᠤ");
  });

  it("keeps the two variants apart in the page cache and the fast path, and says Vary: Cookie", async () => {
    // Warm the standard page until the fast path answers it from memory.
    for (let i = 0; i < 3; i++) expect(isElder((await get("/gk")).body)).toBe(false);
    const elder = await get("/gk", ON);
    expect(isElder(elder.body)).toBe(true);
    expect(elder.headers.vary).toBe("Cookie");
    // The elder variant is cached too, and neither leaks into the other.
    expect(isElder((await get("/gk", `${ON}; other=1`)).body)).toBe(true);
    const plain = await get("/gk");
    expect(isElder(plain.body)).toBe(false);
    expect(plain.headers.vary).toBe("Cookie");
    expect(plain.headers.etag).not.toBe(elder.headers.etag);
    // A cookie of another value is not the mode.
    expect(isElder((await get("/gk", `${ELDER_COOKIE}=0`)).body)).toBe(false);
  });

  it("is not answered from the listening server's raw path, which keeps standard answers only", async () => {
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const fetchPage = async (cookie?: string) =>
      (await fetch(`${base}/mn/`, { headers: cookie ? { cookie } : {} })).text();
    // Warm the standard answer until the raw path (before Fastify) holds it.
    for (let i = 0; i < 3; i++) expect(isElder(await fetchPage())).toBe(false);
    expect(isElder(await fetchPage(ON))).toBe(true);
    expect(isElder(await fetchPage(`theme=x; ${ON}`))).toBe(true);
    expect(isElder(await fetchPage())).toBe(false);
  });
});
