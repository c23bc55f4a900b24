// The public-opinion journey in Chromium (issue 17): the office watches a keyword, a resident's message holds
// it, the scan raises a warning that opens a draft case, the office judges it and drafts the response in 回应关切,
// the item is reviewed, signed and published, the case records the response and its evaluation, and the
// inspection office holds the responsible unit to account. Every page is checked with axe.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { ItemDetailPage } from "./pages/item-detail.page";
import { LoginPage } from "./pages/login.page";
import { checkA11y, launchChromium, scrollWidth, VIEWPORTS } from "./support/browser";
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

async function staff(
  username: string,
  viewport: { width: number; height: number } = VIEWPORTS.desktop,
): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale: "zh-CN" })).newPage();
  page.on("dialog", (d) => {
    throw new Error(`a script ran on ${page.url()}: ${d.message()}`);
  });
  const login = new LoginPage(page, server.base);
  await login.goto();
  await login.login(username, DEMO_PASSWORD);
  return page;
}

const submit = (page: Page, name: string, root: Page | ReturnType<Page["locator"]> = page) =>
  Promise.all([page.waitForNavigation(), root.getByRole("button", { name, exact: true }).click()]);
const main = async (page: Page) => (await page.locator("main").textContent()) ?? "";
const fact = async (page: Page, label: string) =>
  ((await page.locator(`dl.meta-table dt:text-is('${label}') + dd`).first().textContent()) ?? "").trim();

const WORD = "燃气泄漏";
const RESPONSE = "关于金山镇幸福小区燃气泄漏传言的情况说明";
let caseUrl = "";
let itemUrl = "";

describe("[chromium] from an early warning to a published response, its evaluation and accountability", () => {
  it("the office watches a keyword; a resident's message holds it; the scan opens a draft case", async () => {
    const office = await staff("demo-office");
    await office.goto(`${server.base}/admin/opinion/settings`);
    await checkA11y(office, "opinion settings");
    await office.locator("#word").fill(WORD);
    await submit(office, "添加");
    expect(await main(office)).toContain(WORD);

    const r = await fetch(`${server.base}/api/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "complain",
        title: "幸福小区闻到燃气味",
        body: "金山镇幸福小区三号楼楼道里有很重的燃气味，业主群里都在传燃气泄漏，请尽快处理。",
        name: "欧阳明远",
        phone: "13912345678",
      }),
    });
    expect(r.status).toBe(201);

    await office.goto(`${server.base}/admin/opinion`);
    await submit(office, "立即扫描");
    expect(await main(office)).toContain("扫描完成，新增");
    const row = office.locator("table tr", { hasText: WORD });
    await expect(row.count()).resolves.toBeGreaterThan(0);
    await checkA11y(office, "warnings and cases");
    await Promise.all([
      office.waitForNavigation(),
      row.first().getByRole("link", { name: "查看事件" }).click(),
    ]);
    caseUrl = office.url();
    expect(await fact(office, "状态")).toBe("待研判");
    await office.context().close();
  });

  it("the office judges it, records coordination and drafts the response in 回应关切", async () => {
    const office = await staff("demo-office");
    await office.goto(caseUrl);
    const confirm = office.locator("form.step-form", {
      has: office.getByRole("button", { name: "研判立案" }),
    });
    await confirm.locator("#confirm-level").selectOption("general");
    await confirm.locator("#confirm-category").selectOption("public_interest");
    await confirm.locator("#confirm-org").selectOption("gyx-zfb");
    await submit(office, "研判立案", confirm);
    expect(await fact(office, "状态")).toBe("处置中");
    expect(await main(office)).toContain("作出回应");
    expect(await main(office)).toMatch(/办理中（剩余约 4\d 小时）/);

    await office.locator("#event-kind").selectOption("coordination");
    await office.locator("#event-party").selectOption("police");
    await office.locator("#event-text").fill("县公安局会同燃气公司现场检测，未发现泄漏。");
    await submit(office, "保存记录");
    expect(await main(office)).toContain("（公安机关）");

    // Bad input is named on the form and nothing is saved.
    await submit(office, "起草回应稿");
    expect(await main(office)).toContain("请填写回应稿标题。");
    await office.locator("#response-title-field").fill(RESPONSE);
    await office
      .locator("#response-body")
      .fill("经县公安局会同燃气公司现场检测，幸福小区燃气管道运行正常，未发现泄漏。");
    await submit(office, "起草回应稿");
    expect(await main(office)).toContain("已起草回应稿");
    await checkA11y(office, "opinion case with its response drafted");
    itemUrl = (await office.getByRole("link", { name: RESPONSE }).getAttribute("href")) ?? "";
    expect(itemUrl).toMatch(/^\/admin\/items\//);
    await office.goto(`${server.base}${itemUrl}`);
    await new ItemDetailPage(office).act("提交审查");
    await office.context().close();
  });

  it("the response is reviewed, signed and published like any item", async () => {
    const reviewer = await staff("demo-reviewer");
    await reviewer.goto(`${server.base}${itemUrl}`);
    await new ItemDetailPage(reviewer).act("审查通过");
    await reviewer.context().close();
    const signer = await staff("demo-signer");
    await signer.goto(`${server.base}${itemUrl}`);
    const sd = new ItemDetailPage(signer);
    await sd.act("审签");
    await sd.act("发布");
    expect(await sd.status()).toBe("已发布");
    await signer.context().close();
  });

  it("the case records the response on time and its evaluation, on a phone too", async () => {
    const office = await staff("demo-office", VIEWPORTS.phone);
    await office.goto(caseUrl);
    await submit(office, "登记已回应");
    expect(await fact(office, "状态")).toBe("已回应");
    expect(await main(office)).toContain("按时完成");
    expect(await main(office)).toContain("已发布");
    expect(await scrollWidth(office)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    const evaluate = office.locator("form.step-form", {
      has: office.getByRole("button", { name: "评估回应效果" }),
    });
    await evaluate.getByLabel("效果良好").check();
    await evaluate.locator("#evaluate-text").fill("说明发布后业主群内不再转发传言，未出现新的留言。");
    await submit(office, "评估回应效果", evaluate);
    expect(await fact(office, "状态")).toBe("已评估");
    expect(await fact(office, "回应效果")).toBe("效果良好");
    await checkA11y(office, "evaluated case on a phone");
    await office.context().close();
  });

  it("the inspection office records an accountability record on the case", async () => {
    const inspector = await staff("demo-inspector");
    await inspector.goto(caseUrl);
    await inspector.getByLabel("通报批评").check();
    await inspector.locator("#acc-reason").fill("未及时向县委网信办报告舆情。");
    await submit(inspector, "记录问责");
    expect(await main(inspector)).toContain("已记录问责，计入考核。");
    expect(await main(inspector)).toContain("通报批评：未及时向县委网信办报告舆情。");
    await checkA11y(inspector, "case with an accountability record");
    const api = await fetch(`${server.base}/api/v1/opinion/cases/${caseUrl.split("/").pop()}`, {
      headers: {
        cookie: (await inspector.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; "),
      },
    });
    expect(api.status).toBe(200);
    const body = (await api.json()) as {
      status: string;
      accountability: Array<{ kind: string }>;
      clocks: Array<{ state: string }>;
    };
    expect(body.status).toBe("evaluated");
    expect(body.accountability.map((a) => a.kind)).toEqual(["criticism"]);
    expect(body.clocks.map((c) => c.state)).toEqual(["done"]);
    await inspector.context().close();
  });
});
