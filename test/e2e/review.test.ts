import { join } from "node:path";
import mammoth from "mammoth";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { systemActor } from "../../src/deps";
import { createApiToken } from "../../src/domains/accounts";
import { minimalDocx } from "../../src/domains/publishing/attachments/attachments.test-helpers";
import { ItemDetailPage } from "./pages/item-detail.page";
import { LoginPage } from "./pages/login.page";
import { checkA11y, launchChromium, resultsDir, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

const ID = "110101199003074514";

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(username: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: VIEWPORTS.desktop, locale: "zh-CN" })).newPage();
  const login = new LoginPage(page, server.base);
  await login.goto();
  await login.login(username, DEMO_PASSWORD);
  return page;
}

describe("[chromium] the reviewer de-identifies an item before it goes public", () => {
  let itemId = "";

  it("the clerk drafts a subsidy list, attaches the list as a Word file and submits it", async () => {
    const page = await signedIn("demo-clerk");
    await page.goto(`${server.base}/admin/items/new?kind=notice`);
    await page.getByLabel("标题", { exact: true }).fill("2026年困难学生生活补助发放名单公示");
    await page
      .getByLabel("正文", { exact: true })
      .fill("现将补助发放名单公示如下（详见附件），公示期5个工作日。");
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "保存草稿" }).click()]);
    const detail = new ItemDetailPage(page);
    itemId = detail.id();
    const docx = await minimalDocx(["序号 姓名 身份证号 金额", `1 王小明 ${ID} 1000元`]);
    await page.setInputFiles('input[type="file"]', {
      name: "补助名单.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: docx,
    });
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole("button", { name: "上传", exact: true }).click(),
    ]);
    expect(await page.locator("main").textContent()).toContain("补助名单.docx");
    await detail.act("提交审查");
    expect(await detail.status()).toBe("待审查");
    await page.context().close();
  });

  it("the reviewer sees the ID number found in the attachment, applies the mask in one action and approves", async () => {
    const page = await signedIn("demo-reviewer");
    await page.goto(`${server.base}/admin/items/${itemId}`);
    const panel = page.locator("section.review-panel");
    expect(await panel.textContent()).toContain(ID);
    expect(await panel.textContent()).toContain("1101**********4514");
    await checkA11y(page, "review panel");
    await page.screenshot({ path: join(resultsDir(), "review-panel-1280.png"), fullPage: true });
    const detail = new ItemDetailPage(page);
    await detail.act("审查通过");
    expect(await detail.errorSummary()).toContain("尚未处理");
    await Promise.all([
      page.waitForNavigation(),
      panel.getByRole("button", { name: /一键去标识化/ }).click(),
    ]);
    expect(await detail.flash()).toContain("已去标识化");
    expect(await page.locator("section.review-panel").textContent()).not.toContain(ID);
    await detail.act("审查通过");
    expect(await detail.status()).toBe("待审签");
    await page.context().close();

    // The signer signs and publishes through the API, as a 公文管理系统 would.
    const token = await createApiToken(server.deps, systemActor("test"), "demo-signer");
    for (const action of ["sign", "publish"]) {
      const r = await fetch(`${server.base}/api/v1/items/${itemId}/actions`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ action }),
      });
      expect(r.status).toBe(200);
    }
  });

  it("the public page and the attachment text show only the masked form", async () => {
    const page = await (await browser.newContext({ viewport: VIEWPORTS.desktop, locale: "zh-CN" })).newPage();
    await page.goto(`${server.base}/gk/items/${itemId}`);
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("补助名单（去标识化）.docx");
    expect(main).not.toContain(ID);
    const href = await page.getByRole("link", { name: /补助名单（去标识化）/ }).getAttribute("href");
    const res = await page.request.get(server.base + href!);
    // Still a Word document, masked in place (issue 11).
    const text = (await mammoth.extractRawText({ buffer: await res.body() })).value;
    expect(text).toContain("1101**********4514");
    expect(text).not.toContain(ID);
    await checkA11y(page, "public item with a de-identified attachment");
  });
});
