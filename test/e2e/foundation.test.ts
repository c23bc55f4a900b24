import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/seed";
import { AdminShell } from "./pages/admin-shell.page";
import { LoginPage } from "./pages/login.page";
import { PortalHome } from "./pages/portal-home.page";
import {
  checkA11y,
  launchChromium,
  resultsDir,
  scrollWidth,
  VIEWPORTS,
  writingMode,
} from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

// One server (fresh SQLite database, demo county) and one browser for the whole file. Each journey uses
// its own demo user and its own browser context, so they cannot disturb one another.
let server: E2EServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(
  viewport: { width: number; height: number } = VIEWPORTS.desktop,
  storageState?: string | object,
): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale: "zh-CN",
    // biome-ignore lint/suspicious/noExplicitAny: playwright's storageState accepts its own state object
    storageState: storageState as any,
  });
  contexts.push(context);
  return context.newPage();
}

/** Logs `username` in once and returns the cookies, so later pages start signed in. */
async function signedInState(username: string) {
  const page = await newPage();
  const login = new LoginPage(page, server.base);
  await login.goto();
  await login.login(username, DEMO_PASSWORD);
  expect(new URL(page.url()).pathname).toBe("/admin");
  const state = await page.context().storageState();
  await page.context().close();
  return state;
}

const path = (page: Page) => new URL(page.url()).pathname;

describe("[chromium] staff sign in and out", () => {
  it("the demo clerk logs in, sees the back office, logs out and is sent back to the login page", async () => {
    const page = await newPage();
    const login = new LoginPage(page, server.base);
    await login.goto();
    expect(await login.isShown()).toBe(true);

    await login.login("demo-clerk", DEMO_PASSWORD);
    expect(path(page)).toBe("/admin");
    const shell = new AdminShell(page);
    expect(await shell.heading().textContent()).toBe("工作台");
    const userBox = await shell.userBoxText();
    expect(userBox).toContain("李信息");
    expect(userBox).toContain("固阳县人民政府办公室");
    expect(await shell.navLinks()).toContainEqual({ label: "工作台", href: "/admin" });

    await page.screenshot({ path: join(resultsDir(), "foundation-dashboard-1280.png"), fullPage: true });

    await shell.logout();
    expect(path(page)).toBe("/admin/login");
    expect(await login.isShown()).toBe(true);

    const res = await page.goto(`${server.base}/admin`);
    expect(res?.ok()).toBe(true);
    expect(path(page)).toBe("/admin/login");
    expect(await login.isShown()).toBe(true);
  });

  it("five wrong passwords pause that account from this address, after which even the right password is refused", async () => {
    const page = await newPage();
    const login = new LoginPage(page, server.base);
    await login.goto();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await login.login("demo-inspector", `wrong-password-${attempt}`);
      const summary = await login.errorSummaryText();
      expect(summary, `attempt ${attempt}`).toContain("登录未成功");
      if (attempt < 5) expect(summary, `attempt ${attempt}`).toContain("用户名或密码不正确");
    }
    // The pause applies to this address only (docs/security.md): a stranger cannot lock the official out.
    await login.login("demo-inspector", DEMO_PASSWORD);
    expect(path(page)).toBe("/admin/login");
    expect(await login.errorSummaryText()).toContain("登录失败次数过多");
    await page.goto(`${server.base}/admin`);
    expect(path(page)).toBe("/admin/login");
  });

  it("a login POST without the CSRF token is refused with 403 (code csrf_invalid for programs, a Chinese page for people) and signs nobody in", async () => {
    const page = await newPage();
    // No session cookie at all yet.
    const cold = await page.request.post(`${server.base}/admin/login`, {
      form: { username: "demo-reviewer", password: DEMO_PASSWORD },
      maxRedirects: 0,
    });
    expect(cold.status()).toBe(403);
    expect(cold.headers()["x-error-code"]).toBe("csrf_invalid");
    expect(await cold.text()).toContain("页面已过期或来源不明");

    // With the session cookie from the login page, but no token.
    const login = new LoginPage(page, server.base);
    await login.goto();
    const warm = await page.request.post(`${server.base}/admin/login`, {
      form: { username: "demo-reviewer", password: DEMO_PASSWORD },
      maxRedirects: 0,
    });
    expect(warm.status()).toBe(403);
    expect(warm.headers()["x-error-code"]).toBe("csrf_invalid");

    // The real form with its hidden token removed.
    await login.goto();
    await page.evaluate("document.querySelector('input[name=_csrf]').remove()");
    await page.getByLabel("用户名").fill("demo-reviewer");
    await page.getByLabel("密码", { exact: true }).fill(DEMO_PASSWORD);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/admin/login") && r.request().method() === "POST"),
      page.getByRole("button", { name: "登录" }).click(),
    ]);
    expect(response.status()).toBe(403);
    await page.waitForLoadState("load");
    // A person reads what happened and what to do, never the internal code.
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("页面已过期或来源不明");
    expect(main).not.toContain("csrf_invalid");

    await page.goto(`${server.base}/admin`);
    expect(path(page)).toBe("/admin/login");
  });
});

describe("[chromium] public portal home", () => {
  it("shows the five main navigation items, the search box and the footer with the site identifier", async () => {
    const page = await newPage(VIEWPORTS.desktop);
    const home = new PortalHome(page, server.base);
    await home.goto("zh-CN");
    expect(await home.navLabels()).toEqual(["首页", "政务公开", "政务服务", "互动交流", "政府公报"]);
    expect(await home.mainNav().getByRole("link", { name: "首页" }).getAttribute("aria-current")).toBe(
      "page",
    );
    await expect(home.searchBox().isVisible()).resolves.toBe(true);
    expect(await home.footerText()).toContain("网站标识码：1502220001");
    await page.screenshot({ path: join(resultsDir(), "foundation-home-1280.png"), fullPage: true });
  });

  it("the Mongolian home is vertical Mongolian script", async () => {
    const page = await newPage(VIEWPORTS.phone);
    const home = new PortalHome(page, server.base);
    await home.goto("mn-Mong");
    expect(await page.locator("html").getAttribute("lang")).toBe("mn-Mong");
    expect(await writingMode(page, "main")).toBe("vertical-lr");
    expect(await home.navLabels()).toHaveLength(5);
  });
});

type Who = "anonymous" | "demo-office" | "demo-admin";
// Back-office pages and the login page at both widths. The public pages are checked at 360 px (axe, layout,
// the 适老化 toggle) in both languages by accessibility.test.ts; here four of them are checked at 1280 px too.
const PAGES: Array<{
  label: string;
  url: string;
  who: Who;
  noHorizontalScroll: boolean;
  mongolian?: boolean;
  desktopOnly?: boolean;
}> = [
  { label: "login page", url: "/admin/login", who: "anonymous", noHorizontalScroll: true },
  { label: "dashboard (demo-office)", url: "/admin", who: "demo-office", noHorizontalScroll: false },
  { label: "audit log (demo-office)", url: "/admin/audit", who: "demo-office", noHorizontalScroll: false },
  { label: "organisations (demo-admin)", url: "/admin/orgs", who: "demo-admin", noHorizontalScroll: false },
  { label: "accounts (demo-admin)", url: "/admin/users", who: "demo-admin", noHorizontalScroll: false },
  {
    label: "catalogue editor (demo-office)",
    url: "/admin/catalog?org=gyx-jyj",
    who: "demo-office",
    noHorizontalScroll: false,
  },
  {
    label: "holiday notices (demo-office)",
    url: "/admin/calendar",
    who: "demo-office",
    noHorizontalScroll: false,
  },
  {
    label: "publishing queues (demo-office)",
    url: "/admin/items",
    who: "demo-office",
    noHorizontalScroll: false,
  },
  {
    label: "review settings (demo-office)",
    url: "/admin/review/settings",
    who: "demo-office",
    noHorizontalScroll: false,
  },
  {
    label: "applications (demo-office)",
    url: "/admin/applications",
    who: "demo-office",
    noHorizontalScroll: false,
  },
  {
    label: "Art. 44 groups (demo-office)",
    url: "/admin/applications/repeated",
    who: "demo-office",
    noHorizontalScroll: false,
  },
  {
    label: "archive entries (demo-office)",
    url: "/admin/applications/archive",
    who: "demo-office",
    noHorizontalScroll: false,
  },
  { label: "mail outbox (demo-office)", url: "/admin/mail", who: "demo-office", noHorizontalScroll: false },
  {
    label: "12345 import (demo-office)",
    url: "/admin/hotline/import",
    who: "demo-office",
    noHorizontalScroll: false,
  },
  { label: "public home", url: "/", who: "anonymous", noHorizontalScroll: true, desktopOnly: true },
  {
    label: "Mongolian home",
    url: "/mn/",
    who: "anonymous",
    noHorizontalScroll: false,
    desktopOnly: true,
    mongolian: true,
  },
  {
    label: "information list",
    url: "/gk/list",
    who: "anonymous",
    noHorizontalScroll: true,
    desktopOnly: true,
  },
  {
    label: "application form",
    url: "/hd/apply",
    who: "anonymous",
    noHorizontalScroll: true,
    desktopOnly: true,
  },
];

// Each page is loaded once, in one page per user: axe at 1280 px, then the same page resized to 360 px for axe
// again (what shows differs: the menus fold) and the layout. Pages marked desktopOnly are checked at 1280 px only
// (the public pages at 360 px are in public-pages.*.test.ts).
describe("[chromium] accessibility at 1280x800 and 360x740", () => {
  const pages = new Map<Who, Page>();
  beforeAll(async () => {
    for (const who of ["anonymous", "demo-office", "demo-admin"] as const)
      pages.set(
        who,
        await newPage(VIEWPORTS.desktop, who === "anonymous" ? undefined : await signedInState(who)),
      );
  });

  for (const p of PAGES) {
    it(`${p.label} ${p.url} has no serious or critical axe violations`, async () => {
      const page = pages.get(p.who)!;
      await page.setViewportSize(VIEWPORTS.desktop);
      const res = await page.goto(`${server.base}${p.url}`);
      expect(res?.status()).toBe(200);
      const shown = new URL(page.url());
      expect(shown.pathname + shown.search).toBe(p.url);
      await checkA11y(page, `${p.label} at ${VIEWPORTS.desktop.width}px`);
      if (p.mongolian) {
        expect(await page.locator("html").getAttribute("lang")).toBe("mn-Mong");
        expect(await writingMode(page, "main")).toBe("vertical-lr");
      }
      if (p.desktopOnly) return;
      await page.setViewportSize(VIEWPORTS.phone);
      await checkA11y(page, `${p.label} at ${VIEWPORTS.phone.width}px`);
      if (p.noHorizontalScroll)
        expect(await scrollWidth(page), "page scrolls horizontally").toBeLessThanOrEqual(
          VIEWPORTS.phone.width + 1,
        );
    });
  }
});
