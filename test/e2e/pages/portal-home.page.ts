import type { Page } from "playwright-core";

export type PortalLang = "zh-CN" | "mn-Mong";

/** The public portal's home page: / in Chinese, /mn/ in Mongolian. */
export class PortalHome {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  async goto(lang: PortalLang = "zh-CN"): Promise<void> {
    await this.page.goto(`${this.base}${lang === "mn-Mong" ? "/mn/" : "/"}`);
  }

  mainNav() {
    return this.page.locator("nav.main-nav");
  }

  async navLabels(): Promise<string[]> {
    return (await this.mainNav().getByRole("link").allInnerTexts()).map((s) => s.trim());
  }

  searchBox() {
    return this.page.getByRole("search").getByRole("searchbox");
  }

  async footerText(): Promise<string> {
    return ((await this.page.getByRole("contentinfo").textContent()) ?? "").trim();
  }
}
