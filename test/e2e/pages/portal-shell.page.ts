import type { Page } from "playwright-core";

/** The public portal's shell as a visitor uses it: the 适老化 toggle, the main navigation, the type size. */
export class PortalShell {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  async goto(path: string): Promise<void> {
    await this.page.goto(`${this.base}${path}`);
  }

  readonly elderToggle = () => this.page.locator("a.elder-toggle");

  /** Follows the visible toggle (a plain link: it works with JavaScript off). */
  async toggleElderMode(): Promise<void> {
    await Promise.all([this.page.waitForNavigation(), this.elderToggle().click()]);
  }

  async openSection(name: string): Promise<void> {
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.locator("nav.main-nav a", { hasText: name }).click(),
    ]);
  }

  /** The computed font size (px) of the page's body text and of its main heading. */
  async fontSizes(): Promise<{ body: number; h1: number }> {
    // A string expression: the test project is compiled without the DOM's types.
    const px = async (sel: string) =>
      Number.parseFloat(
        String(
          await this.page.evaluate(
            `getComputedStyle(document.querySelector(${JSON.stringify(sel)})).fontSize`,
          ),
        ),
      );
    return { body: await px("body"), h1: await px("main h1") };
  }

  async elderModeOn(): Promise<boolean> {
    return (await this.page.locator("html").getAttribute("class"))?.split(/\s+/).includes("elder") ?? false;
  }
}
