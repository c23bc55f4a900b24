import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoItemSpec, loadDemoStaff, scheduleItem } from "../../src/demo/publish";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { demoCalendar, Timeline } from "../../src/demo/timeline";
import { LoginPage } from "./pages/login.page";
import { checkA11y, launchChromium, scrollWidth, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

let server: E2EServer;
let browser: Browser;
const ids: string[] = [];

const spec = (org: string, title: string, doc: string, body: string): DemoItemSpec => ({
  org,
  kind: "normative",
  title,
  doc,
  body,
  formed: "2026-11-02",
  interpretation: {
    title: `《${title}》解读`,
    body: `解读：${body}`,
    interpreter: "县政府办公室",
    form: "text",
  },
});

const DOCS = [
  spec("gyx", "固阳县城区停车管理办法", "固政发〔2026〕41号", "第一条　城区道路停车泊位实行分时段收费。"),
  spec(
    "gyx-jyj",
    "固阳县校外培训机构监督管理规定",
    "固教规〔2026〕4号",
    "第一条　校外培训机构应当公示收费标准。",
  ),
  spec(
    "gyx-zfb",
    "固阳县农牧民职业技能培训补贴办法",
    "固政办发〔2026〕37号",
    "第一条　取得证书的给予培训补贴。",
  ),
];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  // Three documents published through the real workflow (drafted, reviewed, signed, published with their
  // interpretations), as the departments and the office would.
  const staff = await loadDemoStaff(server.deps);
  const cal = await demoCalendar(server.deps, staff.office.siteId);
  const timeline = new Timeline(server.deps.clock.now());
  for (const d of DOCS) scheduleItem(timeline, cal, staff, d, (id) => ids.push(id));
  await timeline.play(server.deps);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(viewport: { width: number; height: number } = VIEWPORTS.desktop): Promise<Page> {
  const page = await (
    await browser.newContext({ viewport, locale: "zh-CN", acceptDownloads: true })
  ).newPage();
  page.on("dialog", (d) => {
    throw new Error(`a script ran on ${page.url()}: ${d.message()}`);
  });
  return page;
}

async function staff(username: string): Promise<Page> {
  const page = await newPage();
  const login = new LoginPage(page, server.base);
  await login.goto();
  await login.login(username, DEMO_PASSWORD);
  return page;
}

const submit = (page: Page, name: string) =>
  Promise.all([page.waitForNavigation(), page.getByRole("button", { name, exact: true }).click()]);
const status = async (page: Page) => (await page.locator("dl.meta-table dd").first().textContent())?.trim();

let adminUrl = "";

describe("[chromium] the gazette: compiled from three published documents, released, read on a phone", () => {
  it("the office compiles an issue from three published documents and submits it", async () => {
    expect(ids).toHaveLength(3);
    const page = await staff("demo-office");
    await page.goto(`${server.base}/admin/gazette/new`);
    await checkA11y(page, "compile form");
    expect(await page.locator("h1").allTextContents()).toEqual(["编辑新一期公报"]);
    // Order: the county government's document first, then the office's, then the department's.
    const order = [ids[0]!, ids[2]!, ids[1]!];
    for (const [i, id] of order.entries()) {
      await page.locator(`#pick_${id}`).check();
      await page.locator(`#order_${id}`).fill(String(i + 1));
    }
    await page.locator(`#category_${ids[2]!}`).selectOption("office_normative");
    await submit(page, "保存草稿");
    expect(await status(page)).toBe("编辑中");
    adminUrl = page.url();
    const toc = await page.locator("#toc-title ~ ul li").allTextContents();
    expect(toc.join("\n")).toContain("1. 固阳县城区停车管理办法（固政发〔2026〕41号）");
    expect(toc.join("\n")).toContain("2. 固阳县农牧民职业技能培训补贴办法");
    // The preview reads as the issue will print.
    await page.goto(`${adminUrl}/preview`);
    expect(await page.locator("article.gazette-doc h3").allTextContents()).toEqual([
      "固阳县城区停车管理办法",
      "固阳县农牧民职业技能培训补贴办法",
      "固阳县校外培训机构监督管理规定",
    ]);
    await page.goto(adminUrl);
    await submit(page, "提交审核");
    expect(await status(page)).toBe("待审核");
    // Four eyes: the submitter is not offered the review.
    expect(await page.getByRole("button", { name: "审核通过" }).count()).toBe(0);
    await page.context().close();
  });

  it("the county's signer reviews it and the office releases it, numbered, with the PDF's hash", async () => {
    const signer = await staff("demo-county-signer");
    await signer.goto(adminUrl);
    await submit(signer, "审核通过");
    expect(await status(signer)).toBe("已审核待发布");
    await signer.context().close();
    const page = await staff("demo-office");
    await page.goto(adminUrl);
    await submit(page, "发布");
    expect(await status(page)).toBe("已发布");
    const year = new Date().getFullYear();
    expect(await page.locator("h1").textContent()).toContain(`${year}年第1期（总第1期）`);
    expect(await page.locator("dl.meta-table code").textContent()).toMatch(/^[0-9a-f]{64}$/);
    await checkA11y(page, "released issue (back office)");
    await page.context().close();
  });

  it("a citizen reads the issue on a phone and downloads the PDF whose SHA-256 matches the one shown", async () => {
    const page = await newPage(VIEWPORTS.phone);
    await page.goto(`${server.base}/gb`);
    await checkA11y(page, "gazette database");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await Promise.all([
      page.waitForNavigation(),
      page.locator("#gb-issues ~ section a, #gb-issues + section a").first().click(),
    ]);
    await checkA11y(page, "gazette issue");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    expect(await page.locator(".gazette-toc li a").allTextContents()).toEqual([
      "固阳县城区停车管理办法",
      "固阳县农牧民职业技能培训补贴办法",
      "固阳县校外培训机构监督管理规定",
    ]);
    expect(await page.locator(".gazette-toc h3").allTextContents()).toEqual([
      "县政府规范性文件",
      "县政府办公室规范性文件",
      "部门规范性文件",
    ]);
    await expect(page.locator("#doc-3").textContent()).resolves.toContain("校外培训机构应当公示收费标准");
    const shown = (await page.locator("#gazette-sha256").textContent())!.trim();
    expect(shown).toMatch(/^[0-9a-f]{64}$/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#gazette-file").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(shown);
    // The hash shown is the one the verify page finds.
    await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "核验下载的文件" }).click()]);
    await expect(page.locator(".verify-matches").textContent()).resolves.toContain("政府公报");
    await page.context().close();
  });

  it("the database finds the documents by 文号 and full text", async () => {
    const page = await newPage(VIEWPORTS.phone);
    await page.goto(`${server.base}/gb`);
    await page.locator("#f-doc_number").fill("固教规〔2026〕4号");
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "检索" }).click()]);
    expect(await page.locator("#gb-results ~ ol li a").allTextContents()).toEqual([
      "固阳县校外培训机构监督管理规定",
    ]);
    await page.goto(`${server.base}/gb?q=${encodeURIComponent("分时段收费")}`);
    expect((await page.locator("#gb-results ~ ol li a").allTextContents()).join()).toContain(
      "城区停车管理办法",
    );
    await checkA11y(page, "gazette search results");
    await page.context().close();
  });
});
