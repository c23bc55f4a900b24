import { join } from "node:path";
import mammoth from "mammoth";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalDocx } from "../../src/domains/publishing/attachments/attachments.test-helpers";
import { ReviewPage, wordFile } from "./pages/review.page";
import { checkA11y, launchChromium, resultsDir } from "./support/browser";
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

describe("[chromium] the reviewer de-identifies an item before it goes public", () => {
  let itemId = "";

  it("the clerk drafts a subsidy list, attaches the list as a Word file and submits it", async () => {
    const clerk = await ReviewPage.open(browser, server.base, "demo-clerk");
    const draft = await clerk.draftWithAttachments({
      title: "2026年困难学生生活补助发放名单公示",
      body: "现将补助发放名单公示如下（详见附件），公示期5个工作日。",
      files: [
        wordFile("补助名单.docx", await minimalDocx(["序号 姓名 身份证号 金额", `1 王小明 ${ID} 1000元`])),
      ],
    });
    itemId = draft.itemId;
    expect(draft.listed).toContain("补助名单.docx");
    expect(await clerk.detail.status()).toBe("待审查");
    await clerk.close();
  });

  it("the reviewer sees the ID number found in the attachment, applies the mask in one action and approves", async () => {
    const reviewer = await ReviewPage.open(browser, server.base, "demo-reviewer");
    const { page, detail } = reviewer;
    await page.goto(`${server.base}/admin/items/${itemId}`);
    expect(await reviewer.panelText()).toContain(ID);
    expect(await reviewer.panelText()).toContain("1101**********4514");
    await checkA11y(page, "review panel");
    await page.screenshot({ path: join(resultsDir(), "review-panel-1280.png"), fullPage: true });
    await detail.act("审查通过");
    expect(await detail.errorSummary()).toContain("尚未处理");
    await reviewer.maskInOneAction();
    expect(await detail.flash()).toContain("已去标识化");
    expect(await reviewer.panelText()).not.toContain(ID);
    await detail.act("审查通过");
    expect(await detail.status()).toBe("待审签");
    await reviewer.close();

    // The signer signs and publishes through the API, as a 公文管理系统 would.
    expect(await ReviewPage.signAndPublish(server, itemId)).toEqual([200, 200]);
  });

  it("the public page and the attachment text show only the masked form", async () => {
    const visitor = await ReviewPage.open(browser, server.base);
    const { page } = visitor;
    await page.goto(`${server.base}/gk/items/${itemId}`);
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("补助名单（去标识化）.docx");
    expect(main).not.toContain(ID);
    const res = await visitor.download(/补助名单（去标识化）/);
    // Still a Word document, masked in place (issue 11).
    const text = (await mammoth.extractRawText({ buffer: res.body })).value;
    expect(text).toContain("1101**********4514");
    expect(text).not.toContain(ID);
    await checkA11y(page, "public item with a de-identified attachment");
  });
});
