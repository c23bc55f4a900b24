// One pass over every public page type in one language, each page loaded once: axe at phone width (360 px), the
// layout at 360 px and again at desktop width (1280 px) after resizing the same page, and the 适老化 toggle.
// Used by public-pages.zh.test.ts and public-pages.mn.test.ts (one file per language, so the two test workers
// share the pass; issue 18, parts 3 and 5; the checks themselves are tested in accessibility.test.ts).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, VIEWPORTS } from "./browser";
import {
  axeProblems,
  elderToggleProblems,
  type LANGS,
  layoutProblems,
  type PageType,
  pathIn,
  publicPageTypes,
} from "./public-pages";
import { type E2EServer, startServer } from "./server";

export function describePublicPagePass(lang: (typeof LANGS)[number]): void {
  let server: E2EServer;
  let browser: Browser;
  let pages: PageType[] = [];
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    pages = await publicPageTypes(server);
    context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: "zh-CN" });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  describe("[chromium] every public page type at 360 px and 1280 px", () => {
    it(`${lang}: no serious or critical axe violation, no sideways page, nothing clipped, the 适老化 toggle shown`, async () => {
      const problems: string[] = [];
      for (const p of pages) {
        const url = pathIn(lang, p.path);
        const at = (width: number) => (x: string) => problems.push(`${p.label} ${url} @${width}: ${x}`);
        await page.setViewportSize(VIEWPORTS.phone);
        const res = await page.goto(`${server.base}${url}`);
        if (res?.status() !== 200) {
          problems.push(`${p.label} ${url}: HTTP ${res?.status()}`);
          continue;
        }
        expect(await page.locator("html").getAttribute("lang"), url).toBe(lang);
        const phone = at(VIEWPORTS.phone.width);
        for (const x of await axeProblems(page)) phone(x);
        for (const x of await layoutProblems(page, VIEWPORTS.phone.width)) phone(x);
        if (!p.print) for (const x of await elderToggleProblems(page)) phone(x);
        await page.setViewportSize(VIEWPORTS.desktop);
        const desktop = at(VIEWPORTS.desktop.width);
        for (const x of await layoutProblems(page, VIEWPORTS.desktop.width)) desktop(x);
        if (!p.print) for (const x of await elderToggleProblems(page)) desktop(x);
      }
      expect(problems, problems.join("\n")).toEqual([]);
    }, 900_000);
  });
}
