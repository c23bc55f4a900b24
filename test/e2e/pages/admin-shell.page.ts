import type { Page } from "playwright-core";

/** The back office's frame: header with the user box and the navigation. */
export class AdminShell {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole("heading", { level: 1 });
  }

  async userBoxText(): Promise<string> {
    return ((await this.page.locator(".admin-header .user-box").textContent()) ?? "").trim();
  }

  async logout(): Promise<void> {
    await Promise.all([
      this.page.waitForNavigation({ waitUntil: "load" }),
      this.page.getByRole("button", { name: "退出登录" }).click(),
    ]);
  }

  /** Label and href of each entry of the back-office navigation. */
  async navLinks(): Promise<Array<{ label: string; href: string }>> {
    const links = this.page.getByRole("navigation", { name: "管理导航" }).getByRole("link");
    const out: Array<{ label: string; href: string }> = [];
    for (const link of await links.all()) {
      out.push({
        label: ((await link.textContent()) ?? "").trim(),
        href: (await link.getAttribute("href")) ?? "",
      });
    }
    return out;
  }
}
