import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { systemActor } from "../../src/deps";
import { createUser } from "../../src/domains/accounts";
import { LoginPage } from "./pages/login.page";
import { ErrorReportPage, MessagesPage } from "./pages/messages.page";
import { MessagesAdminPage } from "./pages/messages-admin.page";
import { SearchPage } from "./pages/search.page";
import { checkA11y, launchChromium, scrollWidth, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  // A town's and a department's clerk, who handle the messages transferred to their organisation.
  for (const [username, name, orgCode] of [
    ["e2e-jsz", "金山镇信息员", "gyx-jsz"],
    ["e2e-zjj", "住建局信息员", "gyx-zjj"],
  ] as const)
    await createUser(server.deps, systemActor("test"), {
      username,
      name,
      orgCode,
      roles: ["clerk"],
      password: DEMO_PASSWORD,
    });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that fails the test if any script ever runs an alert (an injected payload). */
async function newPage(viewport: { width: number; height: number } = VIEWPORTS.desktop): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale: "zh-CN" })).newPage();
  page.on("dialog", (d) => {
    throw new Error(`a script ran on ${page.url()}: ${d.message()}`);
  });
  return page;
}

async function staff(username: string): Promise<{ page: Page; admin: MessagesAdminPage }> {
  const page = await newPage();
  const login = new LoginPage(page, server.base);
  await login.goto();
  await login.login(username, DEMO_PASSWORD);
  return { page, admin: new MessagesAdminPage(page, server.base) };
}

const PAYLOAD = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
const TITLE = "金山镇东街路灯长期不亮";
/** The name field takes 50 characters. */
const NAME = "钱多多<script>alert(1)</script>";

describe("[chromium] a complaint (投诉), from the citizen's phone through transfer, return and reply to the rating", () => {
  let code = "";
  let secret = "";

  it("a citizen leaves a complaint on a phone, with no account, and gets a tracking code", async () => {
    const page = await newPage(VIEWPORTS.phone);
    const messages = new MessagesPage(page, server.base);
    await messages.gotoForm();
    await checkA11y(page, "message form on a phone");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    ({ code, secret } = await messages.leave({
      type: "投诉",
      title: `${TITLE}${PAYLOAD}`,
      body: `东街路灯已经坏了两个月，晚上出行很不方便。${PAYLOAD}`,
      name: NAME,
      phone: "13812345678",
    }));
    expect(code).toMatch(/^HD/);
    expect(secret.length).toBeGreaterThanOrEqual(8);
    await checkA11y(page, "message submitted");
    await messages.track(code, secret);
    expect(await messages.status()).toBe("待受理");
    // The payload is shown as text, never run (the dialog handler would fail the test).
    expect(await page.locator("main").textContent()).toContain(`${TITLE}${PAYLOAD}`);
    await checkA11y(page, "message status page on a phone");
    await page.context().close();
  });

  it("the office accepts it and transfers it to a town, which returns it", async () => {
    const office = await staff("demo-office");
    await office.admin.open(code);
    expect(await office.admin.mainText()).toContain(NAME);
    await checkA11y(office.page, "message in the back office");
    await office.admin.step("accept");
    await office.admin.step("transfer", { org: "gyx-jsz" });
    expect(await office.admin.status()).toBe("转办中");
    await office.page.context().close();

    const town = await staff("e2e-jsz");
    await town.admin.open(code);
    expect(await town.admin.offered()).toContain("退回");
    expect(await town.admin.offered()).not.toContain("审核并答复");
    await town.admin.step("return", { reason: "路灯由县住建局负责维护，不属于本镇职责。" });
    expect(await town.admin.mainText()).toContain("路灯由县住建局负责维护");
    await town.page.context().close();
  });

  it("the office transfers it to the right department, which drafts; the office approves and publishes", async () => {
    const office = await staff("demo-office");
    await office.admin.open(code);
    await office.admin.step("transfer", { org: "gyx-zjj" });
    await office.page.context().close();

    const dept = await staff("e2e-zjj");
    await dept.admin.open(code);
    await dept.admin.step("draft_reply", { body: "经核查，东街路灯线路老化，已于本周更换，现已恢复照明。" });
    expect(await dept.admin.status()).toBe("答复待审核");
    await dept.page.context().close();

    const office2 = await staff("demo-office");
    await office2.admin.open(code);
    await office2.admin.step("approve_reply");
    expect(await office2.admin.status()).toBe("已答复");
    await office2.admin.step("publish");
    expect(await office2.admin.mainText()).toContain("已公开");
    await checkA11y(office2.page, "answered message in the back office");
    await office2.page.context().close();
  });

  it("the citizen rates it 不满意 and follows up, which reopens it", async () => {
    const page = await newPage(VIEWPORTS.phone);
    const messages = new MessagesPage(page, server.base);
    await messages.track(code, secret);
    expect(await messages.status()).toBe("已答复");
    expect(await page.locator("#reply").textContent()).toContain("现已恢复照明");
    await checkA11y(page, "answered message with the rating form");
    await messages.rate("不满意", "西段的路灯仍然不亮。");
    expect(await messages.status()).toBe("已受理");
    const steps = await messages.stepsText();
    expect(steps).toContain("评价：不满意");
    expect(steps).toContain("追问：西段的路灯仍然不亮。");
    await page.context().close();
  });

  it("the Q&A is public without the name or phone, and the site search finds it", async () => {
    const page = await newPage();
    const messages = new MessagesPage(page, server.base);
    await page.goto(`${server.base}/hd/messages?type=complain`);
    await checkA11y(page, "published questions and answers, filtered by type");
    const text = await messages.openQa(TITLE);
    expect(text).toContain("现已恢复照明");
    expect(text).toContain(PAYLOAD);
    expect(text).not.toContain("钱多多");
    expect(text).not.toContain("13812345678");
    await checkA11y(page, "published question and answer");
    const search = new SearchPage(page, server.base);
    await search.goto(`q=${encodeURIComponent("东街路灯")}`);
    expect(await page.locator("main").textContent()).toContain(TITLE);
    await page.context().close();
  });
});

describe("[chromium] 我为政府网站找错 from any page's footer", () => {
  it("pre-fills the page's address and gives a tracking code; the office counts it by kind", async () => {
    const page = await newPage(VIEWPORTS.phone);
    await page.goto(`${server.base}/gk`);
    const report = new ErrorReportPage(page, server.base);
    await report.openFromFooter();
    expect(await report.pageAddress()).toBe("/gk");
    await checkA11y(page, "error-report form on a phone");
    const code = await report.report("内容错误", "机构列表中金山镇的名称写错了。");
    expect(code).toMatch(/^JC/);
    await page.context().close();

    const office = await staff("demo-office");
    await office.page.goto(`${server.base}/admin/messages/stats`);
    expect(await office.page.locator("#error-report-stats").textContent()).toContain("内容错误");
    await checkA11y(office.page, "error-report statistics");
    await office.page.context().close();
  });
});
