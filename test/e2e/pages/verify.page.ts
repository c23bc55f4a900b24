import type { Page } from "playwright-core";

/** The portal's verify page (/verify): a SHA-256 to paste, a file to upload, and the result. */
export class VerifyPage {
  constructor(
    readonly page: Page,
    readonly base: string,
    readonly prefix = "",
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.base}${this.prefix}/verify`);
  }

  async checkHash(sha256: string): Promise<void> {
    await this.page.locator("#sha256").fill(sha256);
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.locator("form[method=get].verify-form button[type=submit]").click(),
    ]);
  }

  async upload(name: string, buffer: Buffer): Promise<void> {
    await this.page.locator("#file").setInputFiles({ name, mimeType: "application/octet-stream", buffer });
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.locator("form[method=post].verify-form button[type=submit]").click(),
    ]);
  }

  result() {
    return this.page.locator("section.verify-result");
  }

  errorSummary() {
    return this.page.locator(".error-summary");
  }
}
