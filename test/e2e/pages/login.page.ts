import type { Page } from "playwright-core";

/** The back office's login page, /admin/login. */
export class LoginPage {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.base}/admin/login`);
  }

  /** Fills the form and submits it, waiting for the resulting page to load. */
  async login(username: string, password: string): Promise<void> {
    await this.page.getByLabel("用户名").fill(username);
    await this.page.getByLabel("密码", { exact: true }).fill(password);
    await Promise.all([
      this.page.waitForNavigation({ waitUntil: "load" }),
      this.page.getByRole("button", { name: "登录" }).click(),
    ]);
  }

  heading() {
    return this.page.getByRole("heading", { level: 1 });
  }

  isShown(): Promise<boolean> {
    return this.page.getByRole("heading", { level: 1, name: "工作人员登录" }).isVisible();
  }

  /** The text of the error summary, or "" when the page shows none. */
  async errorSummaryText(): Promise<string> {
    const summary = this.page.locator(".error-summary");
    if ((await summary.count()) === 0) return "";
    return ((await summary.textContent()) ?? "").trim();
  }
}
