import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { systemActor } from "../../src/deps";
import { createApiToken } from "../../src/domains/accounts";
import { addDays } from "../../src/platform/calendar";
import { fixedClock, shanghaiDateOf } from "../../src/platform/time";
import { ConsultationAdminPage, ConsultationPage } from "./pages/consultation.page";
import { LoginPage } from "./pages/login.page";
import { checkA11y, launchChromium, scrollWidth, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

let server: E2EServer;
let browser: Browser;
// The server's test clock: services read deps.clock, so setting it moves "today" for the whole server.
const clock = fixedClock(new Date());

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

async function staff(username: string): Promise<{ page: Page; admin: ConsultationAdminPage }> {
  const page = await newPage();
  const login = new LoginPage(page, server.base);
  await login.goto();
  await login.login(username, DEMO_PASSWORD);
  return { page, admin: new ConsultationAdminPage(page, server.base) };
}

const TITLE = "固阳县城乡生活垃圾分类管理办法（征求意见稿）";
// Issued by a notice (通知): a policy (政策文件) would need its interpretation published with it.
const POLICY = "关于印发固阳县城乡生活垃圾分类管理办法的通知";
const PHONE = "13912345678";

describe("[chromium] a major consultation from opening to the published feedback report, linked to the final policy", () => {
  it("the department opens it for 30 days and the office approves it", async () => {
    const today = shanghaiDateOf(clock.now());
    const dept = await staff("demo-clerk");
    await dept.admin.create({
      title: TITLE,
      draft:
        "第一条 为了加强城乡生活垃圾分类管理，改善人居环境，制定本办法。\n第二条 本县行政区域内的生活垃圾分类适用本办法。",
      major: true,
      start: today,
      end: addDays(today, 30),
    });
    expect(await dept.admin.status()).toBe("草稿");
    await checkA11y(dept.page, "consultation in the back office");
    await dept.admin.step("提交审核");
    expect(await dept.admin.status()).toBe("待审核");
    await dept.page.context().close();

    const office = await staff("demo-office");
    await office.admin.open(TITLE);
    await office.admin.step("审核通过并发布");
    expect(await office.admin.status()).toBe("已发布");
    await office.page.context().close();
  });

  it("a citizen comments on a phone; the number in the text is shown masked once the department approves it", async () => {
    const page = await newPage(VIEWPORTS.phone);
    const pub = new ConsultationPage(page, server.base);
    await pub.open(TITLE);
    expect(await pub.mainText()).toContain("距截止还有 30 天");
    await checkA11y(page, "consultation page on a phone");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await pub.comment({
      body: `建议在小区增设厨余垃圾投放点，有问题可打我电话${PHONE}。`,
      name: "王小明",
      phone: PHONE,
    });
    expect(await pub.mainText()).toContain("您的第1条意见已收到");
    expect(await pub.commentsText()).not.toContain("厨余垃圾投放点"); // pending moderation
    await page.context().close();

    const dept = await staff("demo-clerk");
    await dept.admin.open(TITLE);
    await dept.admin.approveComment(1);
    await dept.page.context().close();

    const again = await newPage(VIEWPORTS.phone);
    const view = new ConsultationPage(again, server.base);
    await view.open(TITLE);
    const comments = await view.commentsText();
    expect(comments).toContain("厨余垃圾投放点");
    expect(comments).toContain("139****5678");
    expect(await view.mainText()).not.toContain(PHONE);
    expect(await view.mainText()).not.toContain("王小明");
    await again.context().close();
  });

  it("the period ends; the department writes the feedback report and the office publishes it", async () => {
    clock.advance(31 * 24 * 60 * 60 * 1000);
    const page = await newPage();
    const pub = new ConsultationPage(page, server.base);
    await pub.open(TITLE);
    expect(await pub.mainText()).toContain("征求意见已结束，不再接收意见");
    await page.context().close();

    const dept = await staff("demo-clerk");
    await dept.admin.open(TITLE);
    await dept.admin.step("结束征求意见");
    expect(await dept.admin.status()).toBe("已结束");
    await dept.admin.writeReport("共收到意见1条，采纳1条。", [
      { number: 1, decision: "采纳", reason: "已在第十条增加小区厨余垃圾投放点的设置要求。" },
    ]);
    await dept.admin.step("提交反馈报告");
    expect(await dept.admin.status()).toBe("反馈报告待审核");
    await dept.page.context().close();

    const office = await staff("demo-office");
    await office.admin.open(TITLE);
    await office.admin.step("审核通过并发布反馈报告");
    expect(await office.admin.status()).toBe("反馈报告已发布");
    await office.page.context().close();
  });

  it("the final policy is published, and the consultation and the policy link to each other", async () => {
    // The policy goes through the publishing workflow as a script would (the publishing journey covers its pages).
    const tok = async (u: string) => createApiToken(server.deps, systemActor("test"), u, "e2e");
    const call = async (who: string, url: string, payload: unknown) => {
      const r = await server.app.inject({
        method: "POST",
        url,
        headers: { authorization: `Bearer ${await tok(who)}` },
        payload: payload as object,
      });
      expect(r.statusCode, r.body).toBeLessThan(300);
      return r.json();
    };
    const item = await call("demo-clerk", "/api/v1/items", {
      title: POLICY,
      body: "第一条 为了加强城乡生活垃圾分类管理，制定本办法。",
      kind: "notice",
    });
    for (const [who, action] of [
      ["demo-clerk", "submit"],
      ["demo-reviewer", "approve"],
      ["demo-signer", "sign"],
      ["demo-office", "publish"],
    ] as const)
      await call(who, `/api/v1/items/${item.id}/actions`, { action });

    const dept = await staff("demo-clerk");
    await dept.admin.open(TITLE);
    await dept.admin.step("关联正式政策文件", { itemId: item.id });
    await dept.page.context().close();

    const page = await newPage();
    const pub = new ConsultationPage(page, server.base);
    await pub.open(TITLE);
    const text = await pub.mainText();
    expect(text).toContain("意见采纳情况反馈报告");
    expect(text).toContain("已在第十条增加小区厨余垃圾投放点的设置要求");
    await checkA11y(page, "consultation with its feedback report");
    await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: POLICY }).click()]);
    expect(page.url()).toContain(`/gk/items/${item.id}`);
    await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: TITLE }).click()]);
    expect(page.url()).toMatch(/\/hd\/consultations\/[0-9a-f-]+$/);
    await page.context().close();
  });
});
