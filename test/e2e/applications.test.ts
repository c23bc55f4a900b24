import { readFile } from "node:fs/promises";
import { join } from "node:path";
import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { minimalDocx, minimalPng } from "../../src/domains/publishing/attachments/attachments.test-helpers";
import { ApplyPage } from "./pages/apply.page";
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

async function newPage(viewport: { width: number; height: number } = VIEWPORTS.desktop): Promise<Page> {
  return (await browser.newContext({ viewport, locale: "zh-CN", acceptDownloads: true })).newPage();
}

async function office(): Promise<Page> {
  const page = await newPage();
  const login = new LoginPage(page, server.base);
  await login.goto();
  await login.login("demo-office", DEMO_PASSWORD);
  return page;
}

/** Submits one handling step from the application's page in the back office. */
async function step(page: Page, action: string, fields: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(fields)) await page.locator(`#${action}-${name}`).fill(value);
  await Promise.all([page.waitForNavigation(), page.locator(`#${action}-submit`).click()]);
}

describe("[chromium] an information-disclosure application, from the citizen's form to the reply letter", () => {
  let code = "";
  let secret = "";
  let adminUrl = "";

  it("a citizen applies online, with no account, and gets a tracking code", async () => {
    const page = await newPage(VIEWPORTS.phone);
    const apply = new ApplyPage(page, server.base);
    await apply.goto();
    await checkA11y(page, "application form on a phone");
    ({ code, secret } = await apply.apply({
      name: "王小明",
      idNumber: "110101199003074514",
      phone: "13812345678",
      description: "申请公开固阳县2025年城乡低保资金分镇发放情况。",
      files: [{ name: "身份证正面.png", mimeType: "image/png", buffer: minimalPng() }],
    }));
    expect(code).toMatch(/^YS\d{8}/);
    expect(secret.length).toBeGreaterThanOrEqual(8);
    await page.context().close();
  });

  it("the office registers it and asks for a correction; the citizen's status page shows it", async () => {
    const page = await office();
    await page.goto(`${server.base}/admin/applications?code=${code}`);
    await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: code }).click()]);
    adminUrl = page.url();
    // The ID image sent with the form: listed for the handler, opened decrypted (and audited).
    const fileLink = page.getByRole("link", { name: "身份证正面.png" });
    const opened = await page.request.get(new URL((await fileLink.getAttribute("href"))!, server.base).href);
    expect(opened.status()).toBe(200);
    expect(opened.headers()["content-type"]).toBe("image/png");
    expect(Buffer.compare(await opened.body(), minimalPng())).toBe(0);
    await step(page, "register");
    await step(page, "request_correction", { items: "请写明所需信息的统计口径（按镇或按月）" });
    expect(await page.locator("main").textContent()).toContain("待补正");
    await checkA11y(page, "application in the back office");
    await page.context().close();

    const citizen = await newPage();
    const apply = new ApplyPage(citizen, server.base);
    await apply.track(code, secret);
    expect(await apply.status()).toBe("待补正");
    expect(await apply.stepsText()).toContain("请写明所需信息的统计口径");
    await checkA11y(citizen, "status page");
    await citizen.context().close();
  });

  it("the corrected application restarts the clock, a consultation pauses it, and the office replies 部分公开", async () => {
    const page = await office();
    await page.goto(adminUrl);
    await step(page, "receive_correction");
    let text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("重新计算");
    await step(page, "start_consultation", { third_party: "金山镇人民政府" });
    text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("征求意见中");
    await step(page, "end_consultation");
    // The information provided with the reply: a Word document with someone's ID number and mobile.
    const docx = await minimalDocx([
      "金山镇2025年城乡低保资金发放情况",
      "经办人身份证号：110101199003074514，手机：13912345678。",
    ]);
    await page.locator("#file").setInputFiles({
      name: "低保资金发放情况.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: docx,
    });
    await Promise.all([page.waitForNavigation(), page.locator("#documents-submit").click()]);
    text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("已去标识化：身份证号 1 处、手机号 1 处");
    await page.locator("#reply-outcome").selectOption("partial");
    await step(page, "reply", { note: "涉及个人信息的部分依法不予公开。" });
    expect(await page.locator("main").textContent()).toContain("已答复");
    await page.screenshot({ path: join(resultsDir(), "application-admin-1280.png"), fullPage: true });
    await page.context().close();
  });

  it("the citizen sees the reply and downloads the reply letter as Word and PDF", async () => {
    const page = await newPage();
    const apply = new ApplyPage(page, server.base);
    await apply.track(code, secret);
    expect(await apply.status()).toBe("已答复");
    expect(await page.locator("main").textContent()).toContain("部分公开");
    for (const [label, ext] of [
      ["答复书（Word）", "docx"],
      ["答复书（PDF）", "pdf"],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: label }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${ext}$`));
      const path = await download.path();
      expect(path).toBeTruthy();
    }
    // The document provided with the reply: de-identified, still a Word file (masking keeps the format).
    await checkA11y(page, "status page with the documents provided");
    const [doc] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载 低保资金发放情况（去标识化）.docx" }).click(),
    ]);
    expect(doc.suggestedFilename()).toBe("低保资金发放情况（去标识化）.docx");
    const zip = await JSZip.loadAsync(await readFile((await doc.path())!));
    const body = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(body).toContain("1101**********4514");
    expect(body).not.toContain("110101199003074514");
    expect(body).not.toContain("13912345678");
    await page.context().close();
  });

  it("the office publishes the answered application de-identified; the public archive shows no one", async () => {
    const page = await office();
    await page.goto(adminUrl);
    // The preview is the description, masked; the office writes the public summary from it.
    expect(await page.locator("#summary").inputValue()).toContain("城乡低保资金");
    await page.locator("#reply_summary").fill("提供了分镇统计表，涉及个人信息的部分不予公开。");
    await Promise.all([page.waitForNavigation(), page.locator("#archive-submit").click()]);
    expect(await page.locator("main").textContent()).toContain("已发布到“申请公开答复选登”");
    await page.context().close();

    const citizen = await newPage(VIEWPORTS.phone);
    await citizen.goto(`${server.base}/hd/archive`);
    await checkA11y(citizen, "public archive of answered applications on a phone");
    const list = (await citizen.locator("main").textContent()) ?? "";
    expect(list).toContain("城乡低保资金");
    expect(list).toContain("部分公开");
    for (const secretText of ["王小明", "110101199003074514", "13812345678", code])
      expect(list).not.toContain(secretText);
    await citizen.context().close();
  });
});

describe("[chromium] the application form on a phone (issue 11, item 5)", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`styles phone and e-mail like the other inputs and shows organisation fields only when needed (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const context = await browser.newContext({
        viewport: VIEWPORTS.phone,
        locale: "zh-CN",
        javaScriptEnabled,
      });
      const page = await context.newPage();
      const apply = new ApplyPage(page, server.base);
      await apply.goto();
      const name = await apply.boxStyle("#name");
      expect(await apply.boxStyle("#phone")).toEqual(name);
      expect(await apply.boxStyle("#email")).toEqual(name);
      // Nothing runs wider than the phone's screen.
      expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
        VIEWPORTS.phone.width,
      );
      // 自然人 is chosen at first: no 组织类型, credit code or legal representative.
      for (const id of ["#org_type", "#credit_code", "#legal_rep"])
        expect(await page.locator(id).isVisible()).toBe(false);
      await apply.chooseType("法人或其他组织");
      for (const id of ["#org_type", "#credit_code", "#legal_rep"])
        expect(await page.locator(id).isVisible()).toBe(true);
      expect(await page.getByLabel("组织类型（法人或其他组织填写）").isVisible()).toBe(true);
      await apply.chooseType("自然人");
      expect(await page.locator("#org_type").isVisible()).toBe(false);
      if (javaScriptEnabled) await checkA11y(page, "application form on a phone, type chosen");
      await context.close();
    });
  }
});
