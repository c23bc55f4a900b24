import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoMongolian } from "../../src/demo/mongolian";
import { seedDemoLaterMongolian } from "../../src/demo/mongolian-later";
import { checkA11y, launchChromium, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

// Issue 18 part 1: a Mongolian item page in Chromium: the approved translation in traditional script, written
// vertically (columns left to right) with the self-hosted Noto Sans Mongolian, in a block that scrolls sideways
// rather than clipping; the screenshot in docs/screenshots is looked at by a person.
let server: E2EServer;
let browser: Browser;
let openDay = "";
let policy = "";
let guide = "";

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  await seedDemoMongolian(server.deps);
  guide = (await seedDemoLaterMongolian(server.deps)).service_item ?? "";
  const id = async (title: string) =>
    (
      await server.deps.db.kysely
        .selectFrom("items")
        .select("id")
        .where("title", "=", title)
        .where("status", "=", "published")
        .executeTakeFirstOrThrow()
    ).id;
  openDay = await id("固阳县举办“政府开放日”活动");
  policy = await id("固阳县义务教育阶段家庭经济困难学生资助实施办法");
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What a reader sees of the text block: its writing mode, sizes and whether anything is out of reach. */
interface Measure {
  writingMode: string;
  overflowX: string;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  left: number;
  right: number;
  pageWidth: number;
  pageScrollWidth: number;
  lang: string | null;
  fontLoaded: boolean;
}

// Run in the page (a string: the test's TypeScript has no DOM types).
const MEASURE = `(() => {
  const el = document.querySelector(".mn-text");
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  return {
    writingMode: style.writingMode,
    overflowX: style.overflowX,
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
    scrollHeight: el.scrollHeight,
    clientHeight: el.clientHeight,
    left: rect.left,
    right: rect.right,
    pageWidth: document.documentElement.clientWidth,
    pageScrollWidth: document.documentElement.scrollWidth,
    lang: el.closest("[lang]").getAttribute("lang"),
    fontLoaded: document.fonts.check('16px "Noto Sans Mongolian"', "ᠮᠣᠩᠭᠣᠯ"),
  };
})()`;

/** The last column, scrolled to, lies inside the block. */
const LAST_COLUMN_REACHED = `(() => {
  const el = document.querySelector(".mn-text");
  el.scrollLeft = el.scrollWidth;
  const last = el.querySelector(".item-body p:last-child").getBoundingClientRect();
  const box = el.getBoundingClientRect();
  return last.right <= box.right + 1 && last.left >= box.left - 1;
})()`;

/** Columns run left to right: the title is left of the body's first paragraph. */
const TITLE_FIRST = `(() => {
  const el = document.querySelector(".mn-text");
  el.scrollLeft = 0;
  return el.querySelector("h1").getBoundingClientRect().left < el.querySelector(".item-body p").getBoundingClientRect().left;
})()`;

const measure = (page: Page) => page.evaluate(MEASURE) as Promise<Measure>;
const fontsReady = (page: Page) => page.evaluate("document.fonts.ready.then(() => true)");

describe("a Mongolian item page", () => {
  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    it(`writes the translation vertically and keeps it within reach (${label})`, async () => {
      const context = await browser.newContext({ viewport, locale: "zh-CN" });
      const page = await context.newPage();
      const res = await page.goto(`${server.base}/mn/gk/items/${policy}`);
      expect(res?.status()).toBe(200);
      await fontsReady(page);
      const m = await measure(page);
      expect(m.writingMode).toBe("vertical-lr");
      expect(m.lang).toBe("mn-Mong");
      expect(m.fontLoaded).toBe(true);
      // The block stays inside the page; what does not fit scrolls sideways inside it, nothing is cut off.
      expect(m.left).toBeGreaterThanOrEqual(0);
      expect(m.right).toBeLessThanOrEqual(m.pageWidth + 1);
      expect(m.pageScrollWidth).toBeLessThanOrEqual(m.pageWidth + 1);
      expect(m.scrollHeight).toBeLessThanOrEqual(m.clientHeight + 1);
      if (m.scrollWidth > m.clientWidth) expect(["auto", "scroll"]).toContain(m.overflowX);
      expect(await page.evaluate(LAST_COLUMN_REACHED)).toBe(true);
      expect(await page.evaluate(TITLE_FIRST)).toBe(true);
      await context.close();
    });
  }

  it("links to the Chinese and is shown in a screenshot for people to check", async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${server.base}/mn/gk/items/${openDay}`);
    await fontsReady(page);
    expect(await page.getAttribute(".mn-chinese-link a", "href")).toBe(`/gk/items/${openDay}`);
    expect((await measure(page)).writingMode).toBe("vertical-lr");
    await checkA11y(page, "Mongolian item page");
    await page.screenshot({
      path: resolve(process.cwd(), "docs/screenshots/mn-item-vertical.png"),
      fullPage: true,
    });
    await page.click(".mn-chinese-link a");
    expect(page.url()).toBe(`${server.base}/gk/items/${openDay}`);
    expect(await page.getAttribute(".mn-version-link a", "href")).toBe(`/mn/gk/items/${openDay}`);
    // A page without an approved translation says so, and its list marks it.
    await page.goto(`${server.base}/mn/gk/list`);
    await checkA11y(page, "Mongolian list");
    expect(await page.locator(".mn-missing-tag").count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe("a later domain's Mongolian page", () => {
  it("shows a service guide's approved translation vertically, linked to the Chinese", async () => {
    expect(guide).not.toBe("");
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: "zh-CN" });
    const page = await context.newPage();
    const res = await page.goto(`${server.base}/mn/fw/items/${guide}`);
    expect(res?.status()).toBe(200);
    await fontsReady(page);
    const m = await measure(page);
    expect(m.writingMode).toBe("vertical-lr");
    expect(m.lang).toBe("mn-Mong");
    expect(m.fontLoaded).toBe(true);
    expect(m.left).toBeGreaterThanOrEqual(0);
    expect(m.right).toBeLessThanOrEqual(m.pageWidth + 1);
    expect(m.pageScrollWidth).toBeLessThanOrEqual(m.pageWidth + 1);
    expect(await page.evaluate(LAST_COLUMN_REACHED)).toBe(true);
    expect(await page.getAttribute(".mn-chinese-link a", "href")).toBe(`/fw/items/${guide}`);
    await checkA11y(page, "Mongolian service guide");
    await context.close();
  });
});
