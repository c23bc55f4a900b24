// The normative-document ledger in Chromium (issue 16 item 3): the office records a clean-up repealing two
// documents and releases its lists; the county's reviewer and signer take the list through the workflow; on a
// phone, the public register and the two documents' own pages show 已废止 at once.
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordDemoReview } from "../../src/demo/normative";
import { loadDemoStaff } from "../../src/demo/publish";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { createItem, performAction } from "../../src/domains/publishing";
import { shanghaiDateOf } from "../../src/platform/time";
import { ItemDetailPage } from "./pages/item-detail.page";
import { LoginPage } from "./pages/login.page";
import { NormativeCleanupPage, NormativeRegisterPage } from "./pages/normative.page";
import { checkA11y, launchChromium, resultsDir, scrollWidth, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

let server: E2EServer;
let browser: Browser;
const DOCS = ["固阳县城区早市摊点管理暂行办法", "固阳县农村牧区土地流转指导意见"];
const KEPT = "固阳县城乡低保审批管理办法";
const ids: Record<string, string> = {};

/** A normative document published through the real workflow, with its interpretation and legality review. */
async function published(title: string, n: number): Promise<string> {
  const staff = await loadDemoStaff(server.deps);
  const item = await createItem(server.deps, staff.clerk, {
    kind: "normative",
    title,
    body: `第一条 为规范管理，制定${title.replace(/^固阳县/, "")}。`,
    doc_number: `固政办发〔2026〕${60 + n}号`,
  });
  await createItem(server.deps, staff.clerk, {
    kind: "interpretation",
    interprets: item.id,
    title: `《${title}》解读`,
    body: "一、制定背景",
  });
  await recordDemoReview(server.deps, staff.clerk, item.id, shanghaiDateOf(new Date()));
  await performAction(server.deps, staff.clerk, item.id, { action: "submit" });
  await performAction(server.deps, staff.reviewer, item.id, { action: "approve" });
  await performAction(server.deps, staff.signer, item.id, { action: "sign" });
  await performAction(server.deps, staff.signer, item.id, { action: "publish" });
  return item.id;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  for (const [i, t] of [...DOCS, KEPT].entries()) ids[t] = await published(t, i);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: "zh-CN" });
  const page = await context.newPage();
  const login = new LoginPage(page, server.base);
  await login.goto();
  await login.login(username, DEMO_PASSWORD);
  return page;
}

describe("[chromium] a clean-up repeals two normative documents", () => {
  let listId = "";

  it("the office records the clean-up and releases its lists as a draft", async () => {
    const page = await signedIn("demo-office");
    await page.goto(`${server.base}/admin/normative`);
    await checkA11y(page, "normative ledger");
    expect(await page.locator("main").textContent()).toContain(DOCS[0]);
    const cleanup = new NormativeCleanupPage(page, server.base);
    await cleanup.gotoNew();
    await checkA11y(page, "normative clean-up form");
    await cleanup.record("固阳县人民政府关于2026年规范性文件清理结果的公告", {
      [DOCS[0]!]: "废止",
      [DOCS[1]!]: "废止",
      [KEPT]: "继续有效",
    });
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("废止（2件）");
    expect(main).toContain("继续有效（1件）");
    await cleanup.release();
    const detail = new ItemDetailPage(page);
    listId = detail.id();
    expect(await detail.status()).toBe("草稿");
    await detail.act("提交审查");
    expect(await detail.status()).toBe("待审查");
    // Until the lists are published, nothing has changed for the public.
    const register = await page.context().request.get(`${server.base}/api/v1/normative?validity=repealed`);
    expect((await register.json()).items).toEqual([]);
    await page.context().close();
  });

  it("the county's reviewer approves and its signer signs and publishes the lists", async () => {
    const reviewer = await signedIn("demo-county-reviewer");
    await reviewer.goto(`${server.base}/admin/items/${listId}`);
    const rd = new ItemDetailPage(reviewer);
    await rd.act("审查通过");
    expect(await rd.status()).toBe("待审签");
    await reviewer.context().close();
    const signer = await signedIn("demo-county-signer");
    await signer.goto(`${server.base}/admin/items/${listId}`);
    const sd = new ItemDetailPage(signer);
    await sd.act("审签");
    await sd.act("发布");
    expect(await sd.status()).toBe("已发布");
    await signer.context().close();
  });

  it("a citizen on a phone sees both documents 已废止 in the register and on their pages", async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: "zh-CN" });
    const page = await context.newPage();
    const register = new NormativeRegisterPage(page, server.base);
    await register.goto();
    for (const t of DOCS) expect(await register.validityOf(t)).toBe("已废止");
    expect(await register.validityOf(KEPT)).toBe("有效");
    await checkA11y(page, "public normative register on a phone");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width + 1);
    await page.screenshot({ path: join(resultsDir(), "normative-register-phone.png"), fullPage: true });
    await register.filterValidity("已废止");
    const main = (await page.locator("main").textContent()) ?? "";
    for (const t of DOCS) expect(main).toContain(t);
    expect(main).not.toContain(KEPT);
    const csv = await context.request.get(`${server.base}/gk/normative-register.csv?validity=repealed`);
    expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    for (const t of DOCS) {
      await page.goto(`${server.base}/gk/items/${ids[t]}`);
      const ledger = page.locator("section.normative-ledger");
      expect(await ledger.textContent()).toContain("已废止");
      await expect(ledger.getByRole("link", { name: /清理结果的公告/ }).count()).resolves.toBe(1);
    }
    await checkA11y(page, "a repealed document's page on a phone");
    await page.goto(`${server.base}/gk/items/${ids[KEPT]}`);
    expect(await page.locator("section.normative-ledger").textContent()).toContain("有效");
    await context.close();
  });
});
