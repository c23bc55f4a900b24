import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { LoginPage } from "./pages/login.page";
import { checkA11y, launchChromium, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The back office's Excel page (/admin/services/import): export, preview, confirm. */
class ServicesExcelAdmin {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}
  async open(): Promise<void> {
    await this.page.goto(`${this.base}/admin/services`);
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("link", { name: "Excel 导入导出" }).click(),
    ]);
  }
  /** Exports one organisation's items; returns the workbook's bytes. */
  async export(orgCode: string): Promise<Buffer> {
    await this.page.getByLabel("实施主体").selectOption(orgCode);
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("button", { name: "导出 Excel" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    return readFile((await download.path())!);
  }
  async upload(label: string | RegExp, data: Buffer, button: string): Promise<void> {
    await this.page
      .getByLabel(label)
      .setInputFiles({ name: "services.xlsx", mimeType: "application/octet-stream", buffer: data });
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("button", { name: button, exact: true }).click(),
    ]);
  }
}

describe("[chromium] government services: Excel export, preview and import in the back office", () => {
  it("the office exports a department's items, changes one cell, previews one change and imports it", async () => {
    const page = await (
      await browser.newContext({ viewport: VIEWPORTS.desktop, locale: "zh-CN", acceptDownloads: true })
    ).newPage();
    const login = new LoginPage(page, server.base);
    await login.goto();
    await login.login("demo-office", DEMO_PASSWORD);
    const excel = new ServicesExcelAdmin(page, server.base);
    await excel.open();
    await checkA11y(page, "services excel page");
    const data = await excel.export("gyx-zjj");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const items = wb.getWorksheet("事项")!;
    expect(items.actualRowCount).toBeGreaterThan(2);
    items.getRow(3).getCell(23).value = "工作日 8:30-12:00，14:30-17:30；周六上午延时服务";
    const changed = Buffer.from(await wb.xlsx.writeBuffer());

    // Unchanged: the preview says nothing would change.
    await excel.upload("修改好的工作簿", data, "预览导入结果");
    expect(await page.locator("main").textContent()).toContain("导入不会作任何修改");
    await excel.open();
    await excel.upload("修改好的工作簿", changed, "预览导入结果");
    expect(await page.locator("main").textContent()).toContain("事项新增 0、修改 1");
    expect(await page.getByRole("cell", { name: "办理时间" }).count()).toBe(1);
    await checkA11y(page, "services import preview");
    await page.getByLabel(/新增、变更事项的决定/).fill("固政发〔2026〕41号 关于调整政务服务事项的决定");
    await excel.upload("请再次选择同一文件以确认导入", changed, "确认导入");
    expect(new URL(page.url()).pathname).toBe("/admin/services");
    expect(await page.locator("main").textContent()).toContain("已导入：事项新增 0、修改 1");
    await page.context().close();
  });
});
