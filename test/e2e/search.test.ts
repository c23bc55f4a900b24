import { createHash } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalPdf } from "../../src/domains/publishing/attachments/attachments.test-helpers";
import { SearchPage } from "./pages/search.page";
import { publishWithAttachment } from "./pages/verify-publication";
import { checkA11y, launchChromium, scrollWidth } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

/** The phone: 390 × 844. */
const PHONE = { width: 390, height: 844 };
const TITLE = "关于推进乡村振兴示范村建设的通知";
const ATTACHMENT = minimalPdf("Rural revitalisation model village task list");

let server: E2EServer;
let browser: Browser;
let itemId = "";

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  itemId = await publishWithAttachment(
    server,
    {
      title: TITLE,
      body: "各镇人民政府：为全面推进乡村振兴，现就示范村建设有关事项通知如下。",
      kind: "notice",
      doc_number: "固政办发〔2026〕21号",
    },
    { filename: "任务分解表.pdf", data: ATTACHMENT },
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A phone; with `js: false` the page's own scripts are off (axe needs them, so its checks use `js: true`). */
async function phonePage(js = false): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", javaScriptEnabled: js });
  return context.newPage();
}

/** axe and the width check on a URL, in a phone context of their own (they run scripts in the page). */
async function checkPage(url: string, label: string, opts: { vertical?: boolean } = {}): Promise<void> {
  const page = await phonePage(true);
  await page.goto(url);
  await checkA11y(page, label);
  // Mongolian runs in vertical lines that continue to the right: only the Chinese page must fit the width.
  if (!opts.vertical)
    expect(await scrollWidth(page), `${label}: wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  await page.context().close();
}

describe("[chromium] site search on a phone, without JavaScript", () => {
  it("searches 乡村振兴, filters by organisation, opens the result and verifies its attachment", async () => {
    const page = await phonePage();
    const search = new SearchPage(page, server.base);
    await search.goto();
    await checkPage(page.url(), "search page (empty)");
    await search.search("乡村振兴");
    expect(await search.count()).toMatch(/找到 \d+ 条结果/);
    expect(await search.hits().count()).toBeGreaterThan(0);
    expect(await page.locator("ol.search-hits mark").count()).toBeGreaterThan(0);
    await checkPage(page.url(), "search results");

    await search.filterByOrg("固阳县人民政府办公室");
    expect(new URL(page.url()).searchParams.get("org")).toBe("gyx-zfb");
    const titles = await search.hitTitles();
    expect(titles).toContain(TITLE);
    // Every hit now belongs to the organisation chosen.
    const metas = await search.hits().locator("p.meta").allInnerTexts();
    for (const m of metas) expect(m).toContain("固阳县人民政府办公室");

    await search.openHit(TITLE);
    expect(new URL(page.url()).pathname).toBe(`/gk/items/${itemId}`);
    await expect(page.locator("h1").first().textContent()).resolves.toContain(TITLE);

    // The attachment as the public downloads it, hashed here and checked on the verify page.
    const link = page.locator("a", { hasText: "任务分解表" }).first();
    const href = await link.getAttribute("href");
    expect(href).toBeTruthy();
    const download = await page.request.get(new URL(href!, server.base).toString());
    expect(download.status()).toBe(200);
    const sha256 = createHash("sha256")
      .update(await download.body())
      .digest("hex");
    await page.goto(`${server.base}/verify?sha256=${sha256}`);
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("与以下信息的附件一致");
    expect(main).toContain(TITLE);
    await page.context().close();
  }, 120_000);

  it("the Mongolian page searches too, and a query that finds nothing says so", async () => {
    const page = await phonePage();
    await page.goto(`${server.base}/mn/search?q=${encodeURIComponent("乡村振兴")}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("mn-Mong");
    expect(await page.locator("ol.search-hits > li").count()).toBeGreaterThan(0);
    const first = await page.locator("ol.search-hits h3 a").first().getAttribute("href");
    expect(first).toMatch(/^\/mn\//);
    await checkPage(page.url(), "Mongolian search results", { vertical: true });
    await page.goto(`${server.base}/search?q=${encodeURIComponent("完全不会出现的词语组合")}`);
    expect(await page.locator("main").textContent()).toContain("没有找到");
    await page.context().close();
  }, 60_000);
});
