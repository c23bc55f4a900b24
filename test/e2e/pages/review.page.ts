import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../../src/demo/seed";
import { systemActor } from "../../../src/deps";
import { createApiToken } from "../../../src/domains/accounts";
import { VIEWPORTS } from "../support/browser";
import type { E2EServer } from "../support/server";
import { ItemDetailPage } from "./item-detail.page";
import { ItemEditorPage } from "./item-editor.page";
import { LoginPage } from "./login.page";

export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export const wordFile = (name: string, buffer: Buffer): UploadFile => ({
  name,
  mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  buffer,
});

/**
 * The review steps of an item, as the clerk, the reviewer and the signer take them: a draft notice with
 * attachments submitted for review, the review panel of the item page (findings, one-action masking), and
 * signing and publishing through the API as a 公文管理系统 would.
 */
export class ReviewPage {
  readonly detail: ItemDetailPage;

  constructor(
    readonly page: Page,
    readonly base: string,
  ) {
    this.detail = new ItemDetailPage(page);
  }

  /** A new desktop browser context signed in as `username` (a demo account), or anonymous without one. */
  static async open(browser: Browser, base: string, username?: string): Promise<ReviewPage> {
    const page = await (await browser.newContext({ viewport: VIEWPORTS.desktop, locale: "zh-CN" })).newPage();
    if (username) {
      const login = new LoginPage(page, base);
      await login.goto();
      await login.login(username, DEMO_PASSWORD);
    }
    return new ReviewPage(page, base);
  }

  close(): Promise<void> {
    return this.page.context().close();
  }

  /** The review panel on the item page. */
  panel() {
    return this.page.locator("section.review-panel");
  }

  async panelText(): Promise<string> {
    return (await this.panel().textContent()) ?? "";
  }

  /**
   * As the clerk: drafts a notice, uploads each file on the item page and submits it for review. Returns the
   * item's id and the text of the page after the uploads (the attachments listed).
   */
  async draftWithAttachments(draft: {
    title: string;
    body: string;
    files: readonly UploadFile[];
  }): Promise<{ itemId: string; listed: string }> {
    const editor = new ItemEditorPage(this.page, this.base);
    await editor.gotoNew("notice");
    await editor.fill({ title: draft.title, body: draft.body });
    await editor.save();
    const itemId = this.detail.id();
    for (const file of draft.files) {
      await this.page.setInputFiles('input[type="file"]', file);
      await Promise.all([
        this.page.waitForNavigation(),
        this.page.getByRole("button", { name: "上传", exact: true }).click(),
      ]);
    }
    const listed = (await this.page.locator("main").textContent()) ?? "";
    await this.detail.act("提交审查");
    return { itemId, listed };
  }

  /** As the reviewer on the item page: applies every suggested mask in one action. */
  async maskInOneAction(): Promise<void> {
    await Promise.all([
      this.page.waitForNavigation(),
      this.panel()
        .getByRole("button", { name: /一键去标识化/ })
        .click(),
    ]);
  }

  /** Signs and publishes a reviewed item through the API as the signer; returns each answer's status. */
  static async signAndPublish(server: E2EServer, itemId: string, signer = "demo-signer"): Promise<number[]> {
    const token = await createApiToken(server.deps, systemActor("test"), signer);
    const statuses: number[] = [];
    for (const action of ["sign", "publish"]) {
      const r = await fetch(`${server.base}/api/v1/items/${itemId}/actions`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ action }),
      });
      statuses.push(r.status);
    }
    return statuses;
  }

  /** Follows a download link of the public item page: its status, content type and bytes. */
  async download(name: RegExp): Promise<{ status: number; type: string; body: Buffer }> {
    const href = await this.page.getByRole("link", { name }).getAttribute("href");
    const res = await this.page.request.get(this.base + href!);
    return { status: res.status(), type: res.headers()["content-type"] ?? "", body: await res.body() };
  }
}
