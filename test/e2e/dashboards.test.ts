import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { systemActor } from "../../src/deps";
import { createOrg } from "../../src/domains/orgs";
import { newId } from "../../src/platform/ids";
import { shanghaiDateOf } from "../../src/platform/time";
import { LoginPage } from "./pages/login.page";
import { checkA11y, launchChromium, scrollWidth, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

// The dashboards in Chromium with JavaScript switched off: the office opens them from the back-office
// dashboard, reads every chart and the table beside it, filters by year and organisation and downloads the
// workbook; the inspector comes from the inspector's board; a clerk sees only their own organisation. An
// organisation named with a script proves that no label runs.

let server: E2EServer;
let browser: Browser;
const EVIL = `<script>alert(1)</script>测试局`;

/** The dashboards as the person sees them: sections of charts, each an SVG image with its table. */
class DashboardsPage {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  chart(title: string) {
    return this.page.getByRole("img", { name: title });
  }

  table(title: string) {
    return this.page.locator("table", { has: this.page.locator("caption", { hasText: `数据表：${title}` }) });
  }

  async filter(opts: { year?: string; org?: string }) {
    if (opts.year) await this.page.getByLabel("年度", { exact: true }).selectOption({ label: opts.year });
    if (opts.org) await this.page.getByLabel("单位", { exact: true }).selectOption({ label: opts.org });
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("button", { name: "查看" }).click(),
    ]);
  }

  async downloadAll(): Promise<ExcelJS.Workbook> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("link", { name: /下载全部图表数据/ }).click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    return wb;
  }
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  // A department named with markup that publishes one item this year (so it is drawn in the charts).
  const org = await createOrg(server.deps, systemActor("test"), {
    code: "gyx-evil",
    name: EVIL,
    kind: "department",
    parent_code: "gyx",
  });
  const today = shanghaiDateOf(new Date());
  const id = newId();
  await server.deps.db.kysely
    .insertInto("items")
    .values({
      id,
      site_id: org.site_id,
      org_id: org.id,
      lineage_id: id,
      version: 1,
      kind: "news",
      status: "published",
      title: "测试局工作动态",
      body_html: "<p>正文</p>",
      body_text: "正文",
      formed_on: today,
      published_at: new Date().toISOString(),
      published_on: today,
      late: 0,
      created_by: "test",
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    } as never)
    .execute();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * axe runs as a script, which a page without JavaScript cannot run: the same page (same session, same
 * server-rendered HTML) is checked in a second context with JavaScript on.
 */
async function a11y(page: Page, label: string) {
  const context = await browser.newContext({
    viewport: page.viewportSize() ?? VIEWPORTS.desktop,
    locale: "zh-CN",
    storageState: await page.context().storageState(),
  });
  const twin = await context.newPage();
  await twin.goto(page.url());
  await checkA11y(twin, label);
  await context.close();
}

/** A signed-in page with JavaScript off; any alert (an injected script running) fails the test. */
async function signedIn(username: string, viewport: { width: number; height: number } = VIEWPORTS.desktop) {
  const context = await browser.newContext({
    viewport,
    locale: "zh-CN",
    javaScriptEnabled: false,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on("dialog", (d) => {
    throw new Error(`a script ran on ${page.url()}: ${d.message()}`);
  });
  const login = new LoginPage(page, server.base);
  await login.goto();
  await login.login(username, DEMO_PASSWORD);
  return { page, dash: new DashboardsPage(page, server.base) };
}

const OFFICE_CHARTS = [
  "各单位每月主动公开信息数",
  "各单位主动公开按时率",
  "依申请公开：每月收到、答复和逾期件数",
  "依申请公开：本年答复结果",
  "互动交流：每月收到和按期答复的留言",
];

describe("[chromium] dashboards (统计图表) without JavaScript", () => {
  it("the office opens the dashboard from the back office and reads every chart with its table", async () => {
    const { page, dash } = await signedIn("demo-office");
    await Promise.all([
      page.waitForNavigation(),
      page
        .getByRole("link", { name: /政务公开统计图表/ })
        .first()
        .click(),
    ]);
    expect(new URL(page.url()).pathname).toBe("/admin/dashboards");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("政务公开统计图表");
    // Every chart with figures is drawn (the demo county's messages may all be in other years: then the
    // section says so), and every chart has its table.
    for (const title of OFFICE_CHARTS.slice(0, 4))
      expect(await dash.chart(title).isVisible(), title).toBe(true);
    for (const title of OFFICE_CHARTS) expect(await dash.table(title).isVisible(), title).toBe(true);
    // The organisation named with markup is drawn and tabulated as text.
    expect(await dash.table("各单位主动公开按时率").getByRole("rowheader", { name: EVIL }).count()).toBe(1);
    expect(await page.locator("svg text", { hasText: "<script>" }).count()).toBeGreaterThan(0);
    expect(await page.locator("script").count()).toBe(0);
    await a11y(page, "office dashboard");
    // Per chart: the numbers as Excel.
    expect(
      await page.getByRole("link", { name: /^下载 Excel\s*：各单位主动公开按时率$/ }).getAttribute("href"),
    ).toContain("chart=items-timeliness");
    const wb = await dash.downloadAll();
    expect(wb.worksheets.length).toBeGreaterThanOrEqual(6);
    expect(wb.worksheets.map((w) => w.name)).toContain("各单位主动公开按时率");
    await page.context().close();
  });

  it("the office narrows the dashboard to one organisation and a year", async () => {
    const { page, dash } = await signedIn("demo-office");
    await page.goto(`${server.base}/admin/dashboards`);
    await dash.filter({ org: EVIL });
    expect(new URL(page.url()).searchParams.get("org")).toBe("gyx-evil");
    expect(await page.getByText(`${EVIL} `, { exact: false }).first().isVisible()).toBe(true);
    const table = dash.table("各单位每月主动公开信息数");
    expect(await table.getByRole("rowheader").allTextContents()).toEqual([EVIL, "合计"]);
    const lastYear = String(Number(shanghaiDateOf(new Date()).slice(0, 4)) - 1);
    await dash.filter({ year: `${lastYear}年` });
    expect(new URL(page.url()).searchParams.get("year")).toBe(lastYear);
    await a11y(page, "office dashboard, one organisation, last year");
    await page.context().close();
  });

  it("reads on a phone: the charts scale down and nothing is wider than the screen", async () => {
    const { page, dash } = await signedIn("demo-office", VIEWPORTS.phone);
    await page.goto(`${server.base}/admin/dashboards`);
    const box = await dash.chart(OFFICE_CHARTS[0]!).boundingBox();
    expect(box!.width).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await a11y(page, "office dashboard on a phone");
    await page.context().close();
  });

  it("the inspector comes from the inspector's board to the ranking, overdue work and the trend", async () => {
    const { page, dash } = await signedIn("demo-inspector");
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole("link", { name: /查看督查统计图表/ }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe("/admin/dashboards/inspection");
    for (const title of ["各部门综合及时率排名", "每月及时率趋势"]) {
      expect(await dash.table(title).isVisible(), title).toBe(true);
    }
    expect(await dash.chart("每月及时率趋势").isVisible()).toBe(true);
    expect(
      await page.getByRole("navigation", { name: "统计图表" }).getByRole("link").allTextContents(),
    ).toEqual(["政务公开", "督查"]);
    await a11y(page, "inspection dashboard");
    await page.context().close();
  });

  it("a department's clerk sees only their own organisation and not the inspection dashboard", async () => {
    const { page, dash } = await signedIn("demo-clerk");
    await page.goto(`${server.base}/admin/dashboards`);
    expect(await page.getByText("只显示您有权查看的单位的数据。").isVisible()).toBe(true);
    expect(await page.getByRole("heading", { name: "网站健康" }).count()).toBe(0);
    for (const name of await dash.table("各单位每月主动公开信息数").getByRole("rowheader").allTextContents())
      expect(name).not.toBe(EVIL);
    await a11y(page, "clerk's dashboard");
    const refused = await page.goto(`${server.base}/admin/dashboards/inspection`);
    expect(refused!.status()).toBe(403);
    await page.context().close();
  });
});
