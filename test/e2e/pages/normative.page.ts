import type { Page } from "playwright-core";

/** The back office's normative-document clean-ups (规范性文件清理) and the public register. */
export class NormativeCleanupPage {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  async gotoNew(): Promise<void> {
    await this.page.goto(`${this.base}/admin/normative/cleanups`);
  }

  /** Fills the title and one outcome (继续有效 / 废止 / 失效) per listed document, then saves. */
  async record(title: string, outcomes: Record<string, string>): Promise<void> {
    await this.page.getByLabel("清理结果标题").fill(title);
    for (const [doc, outcome] of Object.entries(outcomes))
      await this.page.getByLabel(`《${doc}》的清理结论`).selectOption({ label: outcome });
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("button", { name: "保存清理记录" }).click(),
    ]);
  }

  /** Drafts the three lists as an item; lands on that item's back-office page. */
  async release(): Promise<void> {
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("button", { name: "生成发布稿" }).click(),
    ]);
  }
}

export class NormativeRegisterPage {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  async goto(query = ""): Promise<void> {
    await this.page.goto(`${this.base}/gk/normative-register${query}`);
  }

  async filterValidity(label: string): Promise<void> {
    await this.page.getByLabel("有效性").selectOption({ label });
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("button", { name: "筛选" }).click(),
    ]);
  }

  /** The validity shown on the card of a document. */
  async validityOf(title: string): Promise<string> {
    const card = this.page.locator("ol.register > li", {
      has: this.page.getByRole("link", { name: title, exact: true }),
    });
    return ((await card.locator(".tag").textContent()) ?? "").trim();
  }
}
