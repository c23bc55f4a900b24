import type { Page } from "playwright-core";

/** The back office's page of one item: facts, actions, interpretations, history. */
export class ItemDetailPage {
  constructor(readonly page: Page) {}

  id(): string {
    return new URL(this.page.url()).pathname.split("/")[3]!;
  }

  async status(): Promise<string> {
    return ((await this.page.locator("dl.facts dt:text-is('状态') + dd").textContent()) ?? "").trim();
  }

  /** Clicks an action button (提交审查, 审查通过, 审签, 发布…), optionally with a note. */
  async act(label: string, note?: string): Promise<void> {
    const form = this.page.locator("form.action-form", {
      has: this.page.getByRole("button", { name: label, exact: true }),
    });
    if (note) await form.locator("textarea").fill(note);
    await Promise.all([
      this.page.waitForNavigation({ waitUntil: "load" }),
      form.getByRole("button", { name: label, exact: true }).click(),
    ]);
  }

  async errorSummary(): Promise<string> {
    const s = this.page.locator(".error-summary");
    return (await s.count()) ? ((await s.textContent()) ?? "").trim() : "";
  }

  async flash(): Promise<string> {
    const s = this.page.locator(".notice.ok");
    return (await s.count()) ? ((await s.first().textContent()) ?? "").trim() : "";
  }
}
