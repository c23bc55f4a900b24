import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { ItemDetailPage } from "./pages/item-detail.page";
import { ItemEditorPage } from "./pages/item-editor.page";
import { LoginPage } from "./pages/login.page";
import { checkA11y, launchChromium, resultsDir, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(username: string, viewport = VIEWPORTS.desktop): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  const page = await context.newPage();
  const login = new LoginPage(page, server.base);
  await login.goto();
  await login.login(username, DEMO_PASSWORD);
  return page;
}

describe("[chromium] a policy and its interpretation, from draft to the portal", () => {
  const title = "固阳县政务公开工作考核办法";
  let policyId = "";
  let interpretationId = "";

  it("the clerk drafts a policy; submitting it without an interpretation is refused with a clear message", async () => {
    const page = await signedIn("demo-clerk");
    const editor = new ItemEditorPage(page, server.base);
    await editor.gotoNew();
    await checkA11y(page, "item editor");
    await editor.fill({
      kind: "规范性文件",
      title,
      body: "第一条 为推进政务公开工作，制定本办法。\n第二条 考核结果纳入年度考核。",
      docNumber: "固政办发[2026]8号",
    });
    await editor.save();
    const detail = new ItemDetailPage(page);
    policyId = detail.id();
    expect(await detail.status()).toBe("草稿");
    await expect(page.locator("dl.facts").textContent()).resolves.toContain("固政办发〔2026〕8号");

    await detail.act("提交审查（需先起草解读）");
    expect(await detail.errorSummary()).toContain("须与解读材料同步");
    expect(await detail.status()).toBe("草稿");
    await checkA11y(page, "item detail with error");

    await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "起草解读" }).click()]);
    await editor.fill({
      title: `《${title}》解读`,
      body: "一、制定背景\n二、主要内容",
      interpreter: "县政府办公室主任 王某",
    });
    await editor.save();
    interpretationId = detail.id();
    expect(await page.locator("main").textContent()).toContain("此解读随所解读的政策文件一并提交");

    // A 规范性文件 is released only with its legality review, recorded in the ledger (规范性文件台账).
    await page.goto(`${server.base}/admin/normative/${policyId}`);
    await page.getByLabel("审核日期").fill("2026-01-05");
    await page.getByLabel("审核意见").fill("经审核，同意提请集体讨论。");
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole("button", { name: "登记并保存审核意见" }).click(),
    ]);
    expect(await page.locator("main").textContent()).toContain("已保存合法性审核");

    await page.goto(`${server.base}/admin/items/${policyId}`);
    await detail.act("提交审查");
    expect(await detail.flash()).toBe("已提交审查");
    expect(await detail.status()).toBe("待审查");
    await page.context().close();
  });

  it("the reviewer approves and the signer signs and publishes, from their queues", async () => {
    const reviewer = await signedIn("demo-reviewer");
    await reviewer.goto(`${server.base}/admin/items?queue=review`);
    await checkA11y(reviewer, "review queue");
    await Promise.all([
      reviewer.waitForNavigation(),
      reviewer.getByRole("link", { name: title, exact: true }).click(),
    ]);
    const rd = new ItemDetailPage(reviewer);
    await rd.act("审查通过");
    expect(await rd.status()).toBe("待审签");
    await reviewer.context().close();

    const signer = await signedIn("demo-signer");
    await signer.goto(`${server.base}/admin/items?queue=sign`);
    await Promise.all([
      signer.waitForNavigation(),
      signer.getByRole("link", { name: title, exact: true }).click(),
    ]);
    const sd = new ItemDetailPage(signer);
    await sd.act("审签");
    expect(await sd.status()).toBe("待发布");
    await sd.act("发布");
    expect(await sd.status()).toBe("已发布");
    await signer.context().close();
  });

  it("both appear on the portal, linked to each other, with the metadata table", async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${server.base}/gk/items/${policyId}`);
    const meta = page.locator("table.meta-table");
    for (const label of ["索引号", "主题分类", "发布机构", "成文日期", "发布日期", "文号", "有效性"]) {
      await expect(meta.getByRole("rowheader", { name: label }).count()).resolves.toBe(1);
    }
    expect(await meta.textContent()).toContain("固政办发〔2026〕8号");
    expect(await meta.textContent()).toMatch(/\d{4}-\d{5}/);
    await checkA11y(page, "public item page");
    await page.screenshot({ path: join(resultsDir(), "publishing-item-1280.png"), fullPage: true });

    await Promise.all([
      page.waitForNavigation(),
      page.getByRole("link", { name: `《${title}》解读` }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe(`/gk/items/${interpretationId}`);
    expect(await page.locator("main").textContent()).toContain("县政府办公室主任 王某");
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole("link", { name: title, exact: true }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe(`/gk/items/${policyId}`);

    await page.goto(`${server.base}/gk/list?kind=normative`);
    expect(await page.locator("main").textContent()).toContain(title);
    await checkA11y(page, "public list page");
    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto(`${server.base}/gk/items/${policyId}`);
    await checkA11y(page, "public item page on a phone");
    const width = await page.evaluate("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(VIEWPORTS.phone.width + 1);
    await context.close();
  });
});
