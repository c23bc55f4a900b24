import mammoth from "mammoth";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { systemActor } from "../../src/deps";
import { createApiToken } from "../../src/domains/accounts";
import { inspectFile } from "../../src/platform/files";
import { filePool } from "../../src/platform/files/pool";
import { docxWithSplitId, embeddedFont, ID, pdfLines, pdfWith } from "../fixtures/review/masking-files";
import { ItemDetailPage } from "./pages/item-detail.page";
import { LoginPage } from "./pages/login.page";
import { launchChromium, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

// Issue 11: review keeps the document. A reviewer masks an ID in a Word file and in a PDF attachment; the
// public downloads are still a .docx and a PDF, and neither file's text (mammoth / unpdf) holds the ID.

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await filePool().close();
});

async function signedIn(username: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: VIEWPORTS.desktop, locale: "zh-CN" })).newPage();
  const login = new LoginPage(page, server.base);
  await login.goto();
  await login.login(username, DEMO_PASSWORD);
  return page;
}

describe("[chromium] masking keeps the format of Word and PDF attachments", () => {
  let itemId = "";
  const lines = pdfLines(embeddedFont().cjk);

  it("the clerk attaches a Word file and a PDF that hold an ID number and submits the item", async () => {
    const page = await signedIn("demo-clerk");
    await page.goto(`${server.base}/admin/items/new?kind=notice`);
    await page.getByLabel("标题", { exact: true }).fill("2026年低保对象公示");
    await page
      .getByLabel("正文", { exact: true })
      .fill("现将低保对象公示如下（详见附件），公示期5个工作日。");
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "保存草稿" }).click()]);
    const detail = new ItemDetailPage(page);
    itemId = detail.id();
    for (const file of [
      {
        name: "低保名单.docx",
        mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        buffer: await docxWithSplitId(),
      },
      { name: "公示.pdf", mimeType: "application/pdf", buffer: await pdfWith("embedded", lines) },
    ]) {
      await page.setInputFiles('input[type="file"]', file);
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole("button", { name: "上传", exact: true }).click(),
      ]);
    }
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("低保名单.docx");
    expect(main).toContain("公示.pdf");
    await detail.act("提交审查");
    expect(await detail.status()).toBe("待审查");
    await page.context().close();
  });

  it("the reviewer masks in one action and approves; the signer publishes", async () => {
    const page = await signedIn("demo-reviewer");
    await page.goto(`${server.base}/admin/items/${itemId}`);
    const panel = page.locator("section.review-panel");
    expect(await panel.textContent()).toContain(ID);
    const detail = new ItemDetailPage(page);
    await Promise.all([
      page.waitForNavigation(),
      panel.getByRole("button", { name: /一键去标识化/ }).click(),
    ]);
    expect(await detail.flash()).toContain("已去标识化");
    await detail.act("审查通过");
    expect(await detail.status()).toBe("待审签");
    await page.context().close();
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

  it("the public downloads a .docx and a PDF; neither file's text contains the ID, the rest is there", async () => {
    const page = await (await browser.newContext({ viewport: VIEWPORTS.desktop, locale: "zh-CN" })).newPage();
    await page.goto(`${server.base}/gk/items/${itemId}`);
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("低保名单（去标识化）.docx");
    expect(main).toContain("公示（去标识化）.pdf");
    expect(main).not.toContain("去标识化文本");
    expect(main).not.toContain(ID);

    const get = async (name: RegExp) => {
      const href = await page.getByRole("link", { name }).getAttribute("href");
      const res = await page.request.get(server.base + href!);
      expect(res.status()).toBe(200);
      return { type: res.headers()["content-type"] ?? "", body: await res.body() };
    };
    const word = await get(/低保名单（去标识化）\.docx/);
    expect(word.type).toContain("wordprocessingml.document");
    const wordText = (await mammoth.extractRawText({ buffer: word.body })).value;
    expect(wordText).not.toContain(ID);
    expect(wordText).toContain(`${ID.slice(0, 4)}**********${ID.slice(14)}`);
    expect(wordText).toContain("关于低保对象公示的通知");

    const pdf = await get(/公示（去标识化）\.pdf/);
    expect(pdf.type).toBe("application/pdf");
    expect(pdf.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pdfText = (await inspectFile("pdf", pdf.body, { extract: true })).text ?? "";
    expect(pdfText).not.toContain(ID);
    expect(pdfText).toContain(lines[2]);
    // The demo county has not listed this number as its own: it is masked (removed) like any landline.
    expect(pdfText).toContain(lines[1]!.slice(0, 5));
    await page.context().close();
  });
});
