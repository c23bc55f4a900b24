import type { Page } from "playwright-core";

/** The portal's site search (/search): query box, filters in a <details>, result list, pager. */
export class SearchPage {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  async goto(query = ""): Promise<void> {
    await this.page.goto(`${this.base}/search${query ? `?${query}` : ""}`);
  }

  /** The search form of the page itself (the header has its own). */
  form() {
    return this.page.locator("main form.search-form");
  }

  async search(q: string): Promise<void> {
    await this.form().getByLabel("请输入关键词").fill(q);
    await Promise.all([
      this.page.waitForNavigation(),
      this.form().getByRole("button", { name: "搜索", exact: true }).click(),
    ]);
  }

  /** Opens the filters (a <details>, so no JavaScript is needed) and applies an organisation. */
  async filterByOrg(orgName: string): Promise<void> {
    const details = this.form().locator("details");
    if (!(await details.getAttribute("open"))) await details.locator("summary").click();
    const select = this.form().getByLabel("发布机构");
    const value = await select.locator("option", { hasText: orgName }).first().getAttribute("value");
    await select.selectOption(value!);
    await Promise.all([
      this.page.waitForNavigation(),
      this.form().getByRole("button", { name: "筛选", exact: true }).click(),
    ]);
  }

  async count(): Promise<string> {
    return ((await this.page.locator(".search-results [role=status]").textContent()) ?? "").trim();
  }

  hits() {
    return this.page.locator("ol.search-hits > li");
  }

  async hitTitles(): Promise<string[]> {
    return (await this.hits().locator("h3").allInnerTexts()).map((t) => t.trim());
  }

  async openHit(title: string): Promise<void> {
    await Promise.all([
      this.page.waitForNavigation(),
      this.hits().locator("h3 a", { hasText: title }).first().click(),
    ]);
  }
}
