import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishGeneratedCountyReport } from "../../src/demo/reports-generated";
import { shanghaiDateOf } from "../../src/platform/time";
import { checkA11y, launchChromium, resultsDir, scrollWidth, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

// The county's annual report of last year, made and published the way the demo seed makes it (figures entered,
// sections written, 发布年报, reviewed, signed, published), read by a resident on a phone: the public item page
// with the six sections and tables 二, 三, 四, nothing wider than the screen, no serious axe violation. With
// GONGKAI_SCREENSHOTS=docs/screenshots the page is written there for the README.
const SHOTS = process.env.GONGKAI_SCREENSHOTS
  ? resolve(process.cwd(), process.env.GONGKAI_SCREENSHOTS)
  : undefined;

let server: E2EServer;
let browser: Browser;
let year: number;
let itemId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  year = Number(shanghaiDateOf(server.deps.clock.now()).slice(0, 4)) - 1;
  await publishGeneratedCountyReport(server.deps, year);
  const item = await server.deps.db.kysely
    .selectFrom("items")
    .select(["id", "status"])
    .where("title", "=", `固阳县人民政府${year}年政府信息公开工作年度报告`)
    .executeTakeFirstOrThrow();
  expect(item.status).toBe("published");
  itemId = item.id;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The public page of the report, as a reader finds it. */
class AnnualReportPage {
  constructor(
    private readonly page: Page,
    private readonly base: string,
  ) {}
  async open(id: string) {
    return this.page.goto(`${this.base}/gk/items/${id}`);
  }
  title() {
    return this.page.locator("h1").first().innerText();
  }
  sectionHeadings() {
    return this.page.locator(".item-body h2").allInnerTexts();
  }
  tableCaptions() {
    return this.page.locator(".item-body table caption").allInnerTexts();
  }
  async tableRow(label: string) {
    const row = this.page.locator(".item-body tr", { hasText: label }).first();
    return row.locator("td").allInnerTexts();
  }
}

describe("[chromium] the annual report on a phone", () => {
  it("publishes last year's county report in the annual-report column, readable at 360 px with no axe violation", async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: "zh-CN" });
    const page = await context.newPage();
    const report = new AnnualReportPage(page, server.base);
    const res = await report.open(itemId);
    expect(res?.status()).toBe(200);
    expect(await report.title()).toBe(`固阳县人民政府${year}年政府信息公开工作年度报告`);
    expect(await report.sectionHeadings()).toEqual([
      "一、总体情况",
      "二、主动公开政府信息情况",
      "三、收到和处理政府信息公开申请情况",
      "四、政府信息公开行政复议、行政诉讼情况",
      "五、存在的主要问题及改进情况",
      "六、其他需要报告的事项",
    ]);
    expect((await report.tableCaptions()).length).toBe(3);
    // the figures the office entered, as the product counted them
    expect(await report.tableRow("行政许可")).toEqual([String(3412 + 186 * (year - 2020))]);
    const received = await report.tableRow("一、本年新收政府信息公开申请数量");
    expect(received).toHaveLength(7);
    // no screen-reader-only text shown in the body, nothing wider than the phone
    expect(await page.locator(".item-body").innerText()).not.toContain("（行政复议）");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await checkA11y(page, "the annual report on a phone");
    await page.screenshot({ path: join(SHOTS ?? resultsDir(), "reports-annual-phone.png"), fullPage: true });
    await context.close();
  }, 120_000);
});
