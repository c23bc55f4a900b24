import mammoth from "mammoth";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectFile } from "../../src/platform/files";
import { filePool } from "../../src/platform/files/pool";
import { docxWithSplitId, embeddedFont, ID, pdfLines, pdfWith } from "../fixtures/review/masking-files";
import { ReviewPage, wordFile } from "./pages/review.page";
import { launchChromium } from "./support/browser";
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

describe("[chromium] masking keeps the format of Word and PDF attachments", () => {
  let itemId = "";
  const lines = pdfLines(embeddedFont().cjk);

  it("the clerk attaches a Word file and a PDF that hold an ID number and submits the item", async () => {
    const clerk = await ReviewPage.open(browser, server.base, "demo-clerk");
    const draft = await clerk.draftWithAttachments({
      title: "2026年低保对象公示",
      body: "现将低保对象公示如下（详见附件），公示期5个工作日。",
      files: [
        wordFile("低保名单.docx", await docxWithSplitId()),
        { name: "公示.pdf", mimeType: "application/pdf", buffer: await pdfWith("embedded", lines) },
      ],
    });
    itemId = draft.itemId;
    expect(draft.listed).toContain("低保名单.docx");
    expect(draft.listed).toContain("公示.pdf");
    expect(await clerk.detail.status()).toBe("待审查");
    await clerk.close();
  });

  it("the reviewer masks in one action and approves; the signer publishes", async () => {
    const reviewer = await ReviewPage.open(browser, server.base, "demo-reviewer");
    await reviewer.page.goto(`${server.base}/admin/items/${itemId}`);
    expect(await reviewer.panelText()).toContain(ID);
    await reviewer.maskInOneAction();
    expect(await reviewer.detail.flash()).toContain("已去标识化");
    await reviewer.detail.act("审查通过");
    expect(await reviewer.detail.status()).toBe("待审签");
    await reviewer.close();
    expect(await ReviewPage.signAndPublish(server, itemId)).toEqual([200, 200]);
  });

  it("the public downloads a .docx and a PDF; neither file's text contains the ID, the rest is there", async () => {
    const visitor = await ReviewPage.open(browser, server.base);
    await visitor.page.goto(`${server.base}/gk/items/${itemId}`);
    const main = (await visitor.page.locator("main").textContent()) ?? "";
    expect(main).toContain("低保名单（去标识化）.docx");
    expect(main).toContain("公示（去标识化）.pdf");
    expect(main).not.toContain("去标识化文本");
    expect(main).not.toContain(ID);

    const word = await visitor.download(/低保名单（去标识化）\.docx/);
    expect(word.status).toBe(200);
    expect(word.type).toContain("wordprocessingml.document");
    const wordText = (await mammoth.extractRawText({ buffer: word.body })).value;
    expect(wordText).not.toContain(ID);
    expect(wordText).toContain(`${ID.slice(0, 4)}**********${ID.slice(14)}`);
    expect(wordText).toContain("关于低保对象公示的通知");

    const pdf = await visitor.download(/公示（去标识化）\.pdf/);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe("application/pdf");
    expect(pdf.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pdfText = (await inspectFile("pdf", pdf.body, { extract: true })).text ?? "";
    expect(pdfText).not.toContain(ID);
    expect(pdfText).toContain(lines[2]);
    // The demo county has not listed this number as its own: it is masked (removed) like any landline.
    expect(pdfText).toContain(lines[1]!.slice(0, 5));
    await visitor.close();
  });
});
