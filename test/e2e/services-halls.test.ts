import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { LoginPage } from "./pages/login.page";
import { checkA11y, launchChromium, scrollWidth, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

// The office adds a window unit offering only 7 special convenience service modes and the modes check flags
// it; the public reads the online-service statistics and the implementation report on a phone.
let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(viewport: { width: number; height: number } = VIEWPORTS.desktop): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale: "zh-CN" })).newPage();
  page.on("dialog", (d) => {
    throw new Error(`a script ran on ${page.url()}: ${d.message()}`);
  });
  return page;
}

/** The back office of halls: the halls page with the modes check, a hall's page and its new-window form. */
class HallsAdmin {
  constructor(readonly page: Page) {}
  async follow(name: string): Promise<void> {
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("link", { name, exact: true }).first().click(),
    ]);
  }
  newWindowForm() {
    return this.page.locator("section", { has: this.page.getByRole("heading", { name: "新增服务窗口" }) });
  }
  async addWindow(name: string, departments: string[], modes: string[]): Promise<void> {
    const form = this.newWindowForm();
    await form.getByLabel("窗口名称或编号").fill(name);
    for (const d of departments) await form.getByLabel(d, { exact: true }).check();
    for (const m of modes) await form.getByLabel(m, { exact: true }).check();
    await Promise.all([
      this.page.waitForNavigation(),
      form.getByRole("button", { name: "添加窗口" }).click(),
    ]);
  }
  flash() {
    return this.page.locator(".notice, [role=status]").first();
  }
  findings() {
    return this.page.locator("ul.findings");
  }
}

const SEVEN = ["预约服务", "网上服务", "帮办代办", "一次性告知", "首问负责", "限时办结", "自助办理"];

it("the office adds a window with 7 special modes and the modes check flags it", async () => {
  const page = await newPage();
  const login = new LoginPage(page, server.base);
  await login.goto();
  await login.login("demo-office", DEMO_PASSWORD);
  await page.goto(`${server.base}/admin/services`);
  const halls = new HallsAdmin(page);
  await halls.follow("服务大厅、窗口和便民服务模式");
  await halls.follow("固阳县政务服务中心");
  await checkA11y(page, "hall page");
  await halls.addWindow("医保服务窗口", ["固阳县卫生健康委员会"], SEVEN);
  expect(await halls.flash().textContent()).toContain("只提供 7 种特色服务模式，不足 8 种");
  await halls.follow("返回服务大厅和便民服务模式");
  expect(await halls.findings().textContent()).toContain(
    "固阳县政务服务中心 · 医保服务窗口：只提供 7 种，还差 1 种",
  );
  // The flagged unit links to its own form, where an eighth mode clears it.
  await halls.follow("固阳县政务服务中心 · 医保服务窗口：只提供 7 种，还差 1 种");
  await checkA11y(page, "window page");
  await page.getByLabel("延时服务", { exact: true }).check();
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "保存窗口" }).click()]);
  await page.goto(`${server.base}/admin/services/halls`);
  expect(await halls.findings().textContent()).not.toContain("医保服务窗口");
  await page.context().close();
});

it("the public reads the online-service statistics and the implementation report on a phone", async () => {
  const page = await newPage(VIEWPORTS.phone);
  await page.goto(`${server.base}/fw`);
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole("link", { name: "网上办理情况统计" }).first().click(),
  ]);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("网上办理情况统计");
  expect(await page.locator("table").first().textContent()).toContain("全程网办");
  await checkA11y(page, "service statistics");
  expect(await scrollWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
  await page.goto(`${server.base}/fw/reports`);
  await Promise.all([
    page.waitForNavigation(),
    page
      .getByRole("link", { name: /第三季度/ })
      .first()
      .click(),
  ]);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(
    "“互联网+政务服务”实施情况报告",
  );
  await checkA11y(page, "implementation report");
  expect(await scrollWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
  await page.context().close();
});
