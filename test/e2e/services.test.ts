import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { LoginPage } from "./pages/login.page";
import { checkA11y, launchChromium, scrollWidth, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
}, 180_000);

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

/** The public services pages (/fw): life events, a 一件事's combined guide, an item's guide. */
class ServicesPortal {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}
  async open(): Promise<void> {
    await this.page.goto(`${this.base}/fw`);
  }
  async follow(name: string, exact = true): Promise<void> {
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("link", { name, exact }).first().click(),
    ]);
  }
  heading() {
    return this.page.getByRole("heading", { level: 1 });
  }
  /** Clicks a blank form's link and returns the downloaded file's suggested name. */
  async download(linkText: RegExp): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("link", { name: linkText }).first().click(),
    ]);
    return download.suggestedFilename();
  }
}

/** The back office's materials catalogue and a material's form. */
class MaterialsAdmin {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}
  async openMaterial(name: string): Promise<void> {
    await this.page.goto(`${this.base}/admin/services/materials`);
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.locator("#catalogue-title ~ div").getByRole("link", { name, exact: true }).click(),
    ]);
  }
  async setStandard(text: string): Promise<void> {
    await this.page.locator("#standard").fill(text);
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("button", { name: "保存材料" }).click(),
    ]);
  }
  /** The public guides listed as using the material. */
  async guideLinks(): Promise<string[]> {
    return this.page
      .locator("main ul a[href^='/fw/items/']")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  }
}

describe("[chromium] government services: a citizen's 一件事 on a phone, the office's one edit of a material", () => {
  it("a citizen finds 新生儿出生 by life event, reads the guide and downloads a blank form", async () => {
    const page = await newPage(VIEWPORTS.phone);
    const fw = new ServicesPortal(page, server.base);
    await fw.open();
    await checkA11y(page, "services home");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await fw.follow("生育收养");
    expect(await fw.heading().textContent()).toBe("生育收养");
    await checkA11y(page, "life event");
    await fw.follow("新生儿出生一件事");
    expect(await fw.heading().textContent()).toBe("新生儿出生一件事");
    expect(await page.getByText("并联审批").count()).toBeGreaterThan(0);
    await checkA11y(page, "一件事 guide");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await fw.follow("出生医学证明首次签发");
    expect(await fw.heading().textContent()).toBe("出生医学证明首次签发");
    for (const section of ["受理条件", "申请材料", "办理流程", "办理时限", "办理地点"])
      expect(await page.getByRole("heading", { name: section, exact: true }).count(), section).toBe(1);
    await checkA11y(page, "service guide");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    const file = await fw.download(/空白表格/);
    expect(file).toMatch(/出生医学证明首次签发申请表.*\.docx$/);
    await page.context().close();
  });

  it("the office edits a material used by three items and all three guides show the change", async () => {
    const page = await newPage();
    const login = new LoginPage(page, server.base);
    await login.goto();
    await login.login("demo-office", DEMO_PASSWORD);
    const admin = new MaterialsAdmin(page, server.base);
    await admin.openMaterial("出生医学证明");
    await checkA11y(page, "material form");
    const guides = await admin.guideLinks();
    expect(guides).toHaveLength(3);
    const standard = "须为本县助产机构签发、新生儿姓名已填写的原件和复印件各一份。";
    await admin.setStandard(standard);
    expect(await page.locator(".notice, [role=status]").first().textContent()).toContain("3 个事项");
    const citizen = await newPage(VIEWPORTS.phone);
    for (const href of guides) {
      await citizen.goto(`${server.base}${href}`);
      expect(await citizen.locator("article.guide").textContent(), href).toContain(standard);
    }
    await citizen.context().close();
    await page.context().close();
  });
});
