import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { internalCodesIn, visibleText } from "./pages/backoffice-text.page";
import { LoginPage } from "./pages/login.page";
import { launchChromium, scrollWidth, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

// The back office as people read it: no internal code on the audit log, an item's history, the catalogue
// admin or the inspector's dashboard; the home page's titles and dates apart on a 375 px phone. With
// GONGKAI_SCREENSHOTS=docs/screenshots the pages are written there for the documentation.
const SHOTS = process.env.GONGKAI_SCREENSHOTS
  ? resolve(process.cwd(), process.env.GONGKAI_SCREENSHOTS)
  : undefined;

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(username: string, viewport = VIEWPORTS.desktop): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  const page = await context.newPage();
  const login = new LoginPage(page, server.base);
  await login.goto();
  await login.login(username, DEMO_PASSWORD);
  expect(new URL(page.url()).pathname).toBe("/admin");
  return page;
}

async function checkPage(page: Page, path: string, shot?: string): Promise<string> {
  const res = await page.goto(`${server.base}${path}`);
  expect(res?.status(), path).toBe(200);
  const text = await visibleText(page);
  expect(internalCodesIn(text), `${path} shows internal codes`).toEqual([]);
  if (SHOTS && shot) await page.screenshot({ path: join(SHOTS, shot), fullPage: true });
  return text;
}

describe("[chromium] the back office in Chinese", () => {
  it("the audit log, an item's history and the catalogue admin show no internal code", async () => {
    const page = await signedIn("demo-office");
    const audit = await checkPage(page, "/admin/audit", "audit-log.png");
    expect(audit).toContain("操作类型");
    expect(audit).toMatch(/共 \d+ 条记录/);
    await checkPage(page, "/admin/audit?action=group:item");

    await page.goto(`${server.base}/admin/items?queue=published`);
    const href = await page.locator('main a[href^="/admin/items/"]').first().getAttribute("href");
    expect(href).toMatch(/^\/admin\/items\/[^/]+$/);
    const item = await checkPage(page, href!, "item-history.png");
    expect(item).toContain("发布");

    const catalog = await checkPage(page, "/admin/catalog?org=gyx", "catalog-admin.png");
    expect(catalog).toContain("政府信息公开指南");
    expect(catalog).toContain("依据条例第二十条第（一）项");
    await page.context().close();
  });

  it("the inspector's dashboard shows overdue and late work by department", async () => {
    const page = await signedIn("demo-inspector");
    const text = await checkPage(page, "/admin", "inspector-dashboard.png");
    expect(text).toContain("督查：各部门超期和逾期情况");
    expect(await page.locator("table.inspector-table thead th").allTextContents()).toEqual([
      "部门",
      "本年收到申请",
      "办理中已超期",
      "本年已答复",
      "其中逾期答复",
      "本年发布信息",
      "其中超过公开时限",
      "操作记录",
    ]);
    await page.context().close();
  });

  it("an error page tells a person what to do, not an error code", async () => {
    const page = await signedIn("demo-office");
    const res = await page.goto(`${server.base}/admin/no-such-page`);
    expect(res?.status()).toBe(404);
    const text = await visibleText(page);
    expect(internalCodesIn(text)).toEqual([]);
    expect(text).not.toContain("错误代码");
    expect(text).toContain("返回工作台");
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "error-404.png"), fullPage: true });
    await page.context().close();
  });
});

describe("[chromium] the home page on a 375 px phone", () => {
  it("keeps each title and its date apart: the date on its own line or right of the title with a gap", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${server.base}/`);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    const rows = await page.locator(".home-latest .item-list li").evaluateAll((lis) =>
      lis.map((li) => {
        const a = li.querySelector("a")!.getBoundingClientRect();
        const d = li.querySelector(".meta")!.getBoundingClientRect();
        return { a: { top: a.top, bottom: a.bottom, right: a.right }, d: { top: d.top, left: d.left } };
      }),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const ownLine = r.d.top >= r.a.bottom - 1;
      const rightWithGap = r.d.left >= r.a.right + 8;
      expect(ownLine || rightWithGap, JSON.stringify(r)).toBe(true);
    }
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "home-375.png"), fullPage: true });
    await context.close();
  });
});
