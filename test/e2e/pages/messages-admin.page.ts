import type { Page } from "playwright-core";

/** The back office's messages: the list (/admin/messages) and a message's page with its step forms. */
export class MessagesAdminPage {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  /** Finds the message by its tracking code and opens it. */
  async open(code: string): Promise<void> {
    await this.page.goto(`${this.base}/admin/messages?code=${encodeURIComponent(code)}`);
    await Promise.all([this.page.waitForNavigation(), this.page.getByRole("link", { name: code }).click()]);
  }

  /** The steps offered on the page (the headings of the step forms). */
  async offered(): Promise<string[]> {
    return (await this.page.locator("form.action-form h3").allTextContents()).map((s) => s.trim());
  }

  /** Submits one step's form; fields by name (a select is chosen by its value). */
  async step(action: string, fields: Record<string, string> = {}): Promise<void> {
    for (const [name, value] of Object.entries(fields)) {
      const select = this.page.locator(`select#${action}-${name}`);
      if ((await select.count()) > 0) await select.selectOption(value);
      else await this.page.locator(`#${action}-${name}`).fill(value);
    }
    await Promise.all([this.page.waitForNavigation(), this.page.locator(`#${action}-submit`).click()]);
  }

  async status(): Promise<string> {
    return ((await this.page.locator("#status").textContent()) ?? "").trim();
  }

  async mainText(): Promise<string> {
    return (await this.page.locator("main").textContent()) ?? "";
  }
}
