import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { addDays } from "../../src/platform/calendar";
import { fixedClock, shanghaiDateOf } from "../../src/platform/time";
import { LoginPage } from "./pages/login.page";
import { checkA11y, launchChromium, scrollWidth, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

let server: E2EServer;
let browser: Browser;
const clock = fixedClock(new Date());
const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  server.deps.clock = clock;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(viewport: { width: number; height: number } = VIEWPORTS.desktop): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale: "zh-CN" })).newPage();
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

const submit = (page: Page, name: string, root: Page | ReturnType<Page["locator"]> = page) =>
  Promise.all([page.waitForNavigation(), root.getByRole("button", { name }).click()]);
const status = async (page: Page) => (await page.locator("dl.meta-table dd").first().textContent())?.trim();

const TITLE = "固阳县人民政府第13次常务会议";
const NAME = "欧阳明远";
const PHONE = "13912345678";
let adminUrl = "";
const tracking = { code: "", secret: "" };

describe("[chromium] a meeting opened to the public: notice, an application to attend, the decision", () => {
  it("the department prepares the notice in the back office and announces it", async () => {
    const today = shanghaiDateOf(clock.now());
    const page = await staff("demo-clerk");
    await page.goto(`${server.base}/admin/meetings/new`);
    await checkA11y(page, "new meeting form");
    // One heading per page: the layout's (the page's title), never a second h1 of the page's own.
    expect(await page.locator("h1").allTextContents()).toEqual(["发布会议预告"]);
    await page.locator("#title").fill(TITLE);
    await page.locator("#kind").selectOption("executive");
    await page.locator("#starts_at").fill(`${addDays(today, 10)}T09:00`);
    await page.locator("#place").fill("县政府三楼第一会议室");
    await page.locator("#agenda_1_topic").fill("研究城区停车收费标准");
    await page.locator("#apply_opens_on").fill(today);
    await page.locator("#apply_closes_on").fill(addDays(today, 5));
    await page.locator("#seats").fill("3");
    await page.locator("#stream_url").fill("https://live.example.gov.cn/gyx/13");
    await submit(page, "保存草稿");
    expect(await status(page)).toBe("草稿");
    expect(await page.locator("h1").allTextContents()).toEqual([TITLE]);
    adminUrl = page.url();
    const step = page.locator("form.step-form", { has: page.getByRole("button", { name: "发布会议预告" }) });
    await submit(page, "发布会议预告", step);
    expect(await status(page)).toBe("已发布预告");
    await page.context().close();
  });

  it("a resident applies on a phone without an account and gets a code and secret", async () => {
    const page = await newPage(VIEWPORTS.phone);
    await page.goto(`${server.base}/hd/meetings`);
    await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: TITLE }).click()]);
    expect(await page.locator("main").textContent()).toContain("正在接受列席报名");
    await checkA11y(page, "meeting page with the application form on a phone");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await page.locator("#name").fill(NAME);
    await page.locator("#phone").fill(PHONE);
    await page.getByLabel("利益相关方").check();
    await page.locator("#reason").fill("家住城区，关心停车收费标准，希望列席会议。");
    const question = (await page.locator('label[for="check_answer"]').textContent()) ?? "";
    const m = /(.)加(.)等于几/.exec(question)!;
    await page.locator("#check_answer").fill(String(NUM[m[1]!]! + NUM[m[2]!]!));
    await submit(page, "提交申请");
    const shown = page.locator("dl.tracking dd strong");
    tracking.code = ((await shown.nth(0).textContent()) ?? "").trim();
    tracking.secret = ((await shown.nth(1).textContent()) ?? "").trim();
    expect(tracking.code).toMatch(/^LX\d{8}/);
    await page.context().close();
  });

  it("the office approves it; the resident sees the decision; the public page shows counts, not the name", async () => {
    const office = await staff("demo-office");
    await office.goto(adminUrl);
    expect(await office.locator("main").textContent()).toContain(NAME);
    await office.getByLabel("同意列席", { exact: true }).check();
    await submit(office, "提交审核");
    expect(await office.locator("main").textContent()).toContain("已同意");
    await office.context().close();

    const page = await newPage(VIEWPORTS.phone);
    await page.goto(`${server.base}/hd/meetings/track`);
    await page.locator("#code").fill(tracking.code);
    await page.locator("#secret").fill(tracking.secret);
    await submit(page, "查询");
    expect(await page.locator("main").textContent()).toContain("同意列席");
    await checkA11y(page, "attendance tracking result");
    await page.goto(`${server.base}/hd/meetings`);
    const list = (await page.locator("main").textContent()) ?? "";
    expect(list).toContain("已同意 1 人");
    expect(list).not.toContain(NAME);
    await page.context().close();
  });
});
