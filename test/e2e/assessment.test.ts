import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { shanghaiDateOf } from "../../src/platform/time";
import { LoginPage } from "./pages/login.page";
import { checkA11y, launchChromium, scrollWidth, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

// The assessment journey in Chromium (the pages carry no script; axe needs JavaScript on to run): the office adds
// the default indicators and runs this year's assessment, opens a department's scores and one score's evidence (the records it counted, each a link);
// the inspection office (督查室) follows "就此项登记问责" from that score and records a 约谈整改 linked to it, then
// sees the record with its case linked back to the score. Axe checks each page; the ranking fits a phone.

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(
  username: string,
  viewport: { width: number; height: number } = VIEWPORTS.desktop,
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const login = new LoginPage(page, server.base);
  await login.goto();
  await login.login(username, DEMO_PASSWORD);
  return page;
}

const submit = (page: Page, name: string) =>
  Promise.all([page.waitForNavigation(), page.getByRole("button", { name }).click()]);

it("the office runs an assessment, opens a score's evidence; the inspectors record a 约谈整改 linked to it", async () => {
  const office = await signedIn("demo-office");
  await office.goto(`${server.base}/admin/assessment`);
  await checkA11y(office, "assessment overview");
  await submit(office, "添加系统计算的默认指标");
  expect(await office.getByRole("status").textContent()).toContain("默认指标");
  expect(await office.getByRole("table", { name: "考核指标" }).textContent()).toContain(
    "依申请公开按时答复率",
  );

  const year = shanghaiDateOf(new Date()).slice(0, 4);
  await office.getByLabel("考核期").fill(year);
  await submit(office, "计算考核结果");
  expect(await office.getByRole("heading", { level: 1 }).textContent()).toContain(`${year}年度政务公开考核`);
  await checkA11y(office, "assessment ranking");
  const ranking = office.getByRole("table", { name: `${year}年度考核排名` });
  expect(await ranking.isVisible()).toBe(true);

  // A department whose proactive items were counted: its scores, then the evidence of that indicator.
  const rows = ranking.locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(3);
  await Promise.all([office.waitForNavigation(), rows.first().locator("th a").click()]);
  await checkA11y(office, "assessment organisation");
  const section = office.locator("section", {
    has: office.getByRole("heading", { name: /主动公开信息及时发布率/ }),
  });
  expect(await section.isVisible()).toBe(true);
  const evidence = section.getByRole("table");
  const firstRecord = evidence.locator("tbody tr a").first();
  const href = await firstRecord.getAttribute("href");
  expect(href).toMatch(/^\/admin\/items\//);
  const orgUrl = office.url();
  await Promise.all([office.waitForNavigation(), firstRecord.click()]);
  expect(office.url()).toContain(href!);
  expect(await office.getByRole("heading", { level: 1 }).isVisible()).toBe(true);
  // The office does not record accountability: the inspection office does.
  await office.goto(orgUrl);
  expect(await office.getByRole("link", { name: /就此项登记问责/ }).count()).toBe(0);

  // On a phone the ranking scrolls inside its own box; the page does not.
  const phone = await signedIn("demo-office", VIEWPORTS.phone);
  await phone.goto(orgUrl.replace(/\/orgs\/.*$/, ""));
  expect(await scrollWidth(phone)).toBeLessThanOrEqual(VIEWPORTS.phone.width + 1);

  const inspector = await signedIn("demo-inspector");
  await inspector.goto(orgUrl);
  const score = inspector.locator("section", {
    has: inspector.getByRole("heading", { name: /主动公开信息及时发布率/ }),
  });
  await Promise.all([
    inspector.waitForNavigation(),
    score.getByRole("link", { name: /就此项登记问责/ }).click(),
  ]);
  await checkA11y(inspector, "accountability form");
  expect(await inspector.getByLabel("关联案件", { exact: true }).inputValue()).toMatch(/^assessment_score:/);
  await inspector.getByLabel("约谈整改").check();
  await inspector
    .getByLabel("问责事由")
    .fill("主动公开信息未在形成之日起20个工作日内公开，约谈单位分管负责人。");
  await submit(inspector, "保存问责记录");
  // Refused: an interview needs its rectification deadline; the form keeps what was typed.
  expect(await inspector.locator(".error-summary").textContent()).toContain("约谈整改须填写整改期限");
  expect(await inspector.getByLabel("问责事由").inputValue()).toMatch(/约谈单位分管负责人/);
  await inspector.getByLabel("整改期限").fill(`${Number(year) + 1}-03-31`);
  await submit(inspector, "保存问责记录");
  expect(await inspector.getByRole("status").textContent()).toContain("已登记约谈整改");
  await checkA11y(inspector, "accountability record");
  const link = inspector.getByRole("link", { name: /考核得分/ });
  expect(await link.isVisible()).toBe(true);
  await Promise.all([inspector.waitForNavigation(), link.click()]);
  expect(inspector.url()).toContain(orgUrl.replace(server.base, ""));
  expect(await inspector.getByRole("heading", { name: "关联的问责记录" }).isVisible()).toBe(true);

  // The record is in the list, open.
  await inspector.goto(`${server.base}/admin/accountability`);
  expect(await inspector.getByRole("table").textContent()).toContain("约谈整改");
}, 180_000);
