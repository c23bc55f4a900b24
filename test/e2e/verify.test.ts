import { createHash } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/deps";
import { sealDays } from "../../src/domains/integrity";
import { minimalPdf } from "../../src/domains/publishing/attachments/attachments.test-helpers";
import { VerifyPage } from "./pages/verify.page";
import { publishWithAttachment } from "./pages/verify-publication";
import { checkA11y, launchChromium, scrollWidth } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

const PHONE = { width: 390, height: 844 };
const TITLE = "关于公布核验示例文件的通知";
const FILE = minimalPdf("Verify journey sample file");
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

let server: E2EServer;
let browser: Browser;
let itemId = "";

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  itemId = await publishWithAttachment(
    server,
    { title: TITLE, body: "<p>附件供核验。</p>", kind: "notice" },
    { filename: "示例文件.pdf", data: FILE },
  );
  await sealDays(server.deps, systemActor("e2e"));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function phonePage(js = false): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", javaScriptEnabled: js });
  return context.newPage();
}

describe("[chromium] verifying a publication on a phone, without JavaScript", () => {
  it("follows the item page's 核验 link, uploads the downloaded file, and is told when nothing matches", async () => {
    const page = await phonePage();
    await page.goto(`${server.base}/gk/items/${itemId}`);
    const block = page.locator("section.item-verify");
    expect(await block.textContent()).toContain(sha(FILE).slice(0, 16));
    await Promise.all([page.waitForNavigation(), block.locator("a").first().click()]);
    const verify = new VerifyPage(page, server.base);
    expect(await verify.result().textContent()).toContain(TITLE);
    expect(await verify.result().textContent()).toContain("与以下信息的发布内容一致");

    await verify.goto();
    await verify.upload("下载的示例文件.pdf", FILE);
    const found = (await verify.result().textContent()) ?? "";
    expect(found).toContain("与以下信息的附件一致");
    expect(found).toContain(TITLE);
    expect(found).toContain(sha(FILE).slice(0, 16));

    await verify.upload("改过的文件.pdf", Buffer.concat([FILE, Buffer.from("\n")]));
    expect(await verify.result().textContent()).toContain("未找到匹配");

    await verify.checkHash("not-a-hash");
    expect(await verify.errorSummary().textContent()).toContain("64 位十六进制");
    await page.context().close();
  }, 120_000);

  it("the verify and chain pages pass axe and fit the phone, in both languages", async () => {
    for (const [url, label, vertical] of [
      [`/verify?sha256=${sha(FILE)}`, "verify result", false],
      ["/verify/chain", "daily chain", false],
      ["/mn/verify", "Mongolian verify", true],
    ] as const) {
      const page = await phonePage(true);
      await page.goto(`${server.base}${url}`);
      await checkA11y(page, label);
      if (!vertical)
        expect(await scrollWidth(page), `${label}: wider than the phone`).toBeLessThanOrEqual(PHONE.width);
      await page.context().close();
    }
  }, 120_000);
});
