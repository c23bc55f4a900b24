import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PortalShell } from "./pages/portal-shell.page";
import { checkA11y, launchChromium, VIEWPORTS } from "./support/browser";
import { LANGS, layoutProblems, type PageType, pathIn, publicPageTypes } from "./support/public-pages";
import { type E2EServer, startServer } from "./support/server";

// 适老化 mode (issue 18 item 4) with JavaScript off: the visible toggle on every public page turns it on, the
// type grows, the choice is remembered by a cookie on the next page (and in Mongolian), and turns off again.
let server: E2EServer;
let browser: Browser;
let context: BrowserContext;

let PAGES: PageType[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  PAGES = await publicPageTypes(server);
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: "zh-CN",
    javaScriptEnabled: false,
  });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe("[chromium] 适老化 mode without JavaScript", () => {
  it("turns on from the header link, grows the type, persists by cookie, and turns off", async () => {
    const shell = new PortalShell(await context.newPage(), server.base);
    await shell.goto("/gk");
    expect(await shell.elderModeOn()).toBe(false);
    const before = await shell.fontSizes();
    expect(await shell.elderToggle().textContent()).toContain("适老化模式");

    await shell.toggleElderMode();
    expect(new URL(shell.page.url()).pathname).toBe("/gk"); // back on the same page
    expect(await shell.elderModeOn()).toBe(true);
    const after = await shell.fontSizes();
    expect(after.body).toBeGreaterThanOrEqual(20);
    expect(after.body).toBeGreaterThan(before.body);
    expect(after.h1).toBeGreaterThan(before.h1);
    const cookie = (await context.cookies(server.base)).find((c) => c.name === "gongkai_elder");
    expect(cookie?.value).toBe("1");
    expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 300 * 24 * 3600);

    // The next page, reached by the main navigation, is in the mode too; its targets are at least 44 px.
    await shell.openSection("首页");
    expect(await shell.elderModeOn()).toBe(true);
    expect((await shell.fontSizes()).body).toBe(after.body);
    for (const sel of ["a.elder-toggle", "nav.main-nav a", ".search button"]) {
      const box = await shell.page.locator(sel).first().boundingBox();
      expect(box?.height, sel).toBeGreaterThanOrEqual(44);
    }
    const dir = resolve(process.cwd(), "docs", "screenshots");
    mkdirSync(dir, { recursive: true });
    await shell.page.screenshot({ path: resolve(dir, "elder-mode.png") });

    // The Mongolian portal keeps the choice and offers the way back in Mongolian.
    await shell.goto("/mn/");
    expect(await shell.elderModeOn()).toBe(true);
    expect(await shell.page.locator("html").getAttribute("lang")).toBe("mn-Mong");
    expect(await shell.elderToggle().textContent()).toMatch(/[\u1800-\u18AF]/);

    await shell.toggleElderMode();
    expect(new URL(shell.page.url()).pathname).toBe("/mn/");
    expect(await shell.elderModeOn()).toBe(false);
    expect((await context.cookies(server.base)).some((c) => c.name === "gongkai_elder")).toBe(false);
  }, 120_000);

  it("has no serious or critical axe violations in the mode, in both languages", async () => {
    // axe needs the page's JavaScript (it hangs with it off); the mode comes from the cookie alone.
    const withJs = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    await withJs.addCookies([{ name: "gongkai_elder", value: "1", url: server.base }]);
    const page = await withJs.newPage();
    for (const path of ["/", "/mn/"]) {
      await page.goto(`${server.base}${path}`);
      expect(await page.locator("html").getAttribute("class")).toBe("elder");
      await checkA11y(page, `${path} in 适老化 mode`);
    }
    await withJs.close();
  }, 120_000);

  it("no public page type is wider than a 360 px phone in the mode, in either language, nor cuts a control off", async () => {
    // The larger type must not push fields, tables or lists past the screen (issue 18 item 5 in the mode).
    const phone = await browser.newContext({ viewport: VIEWPORTS.phone, locale: "zh-CN" });
    await phone.addCookies([{ name: "gongkai_elder", value: "1", url: server.base }]);
    const page = await phone.newPage();
    const problems: string[] = [];
    for (const p of PAGES) {
      for (const lang of LANGS) {
        const url = pathIn(lang, p.path);
        const res = await page.goto(`${server.base}${url}`);
        if (res?.status() !== 200) {
          problems.push(`${p.label} ${url}: HTTP ${res?.status()}`);
          continue;
        }
        if (!p.print && (await page.locator("html").getAttribute("class")) !== "elder")
          problems.push(`${p.label} ${url}: not in the mode`);
        for (const x of await layoutProblems(page, VIEWPORTS.phone.width))
          problems.push(`${p.label} ${url}: ${x}`);
      }
    }
    await phone.close();
    expect(problems, problems.join("\n")).toEqual([]);
  }, 600_000);
});
