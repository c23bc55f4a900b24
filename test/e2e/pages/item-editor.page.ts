import type { Page } from "playwright-core";

/** The back office's drafting form, /admin/items/new and /admin/items/:id/edit. */
export class ItemEditorPage {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  async gotoNew(kind?: string): Promise<void> {
    await this.page.goto(`${this.base}/admin/items/new${kind ? `?kind=${kind}` : ""}`);
  }

  async fill(fields: {
    kind?: string;
    title: string;
    body: string;
    docNumber?: string;
    interpreter?: string;
  }): Promise<void> {
    if (fields.kind) await this.page.getByLabel("信息类别").selectOption({ label: fields.kind });
    await this.page.getByLabel("标题", { exact: true }).fill(fields.title);
    await this.page.getByLabel("正文", { exact: true }).fill(fields.body);
    if (fields.docNumber) await this.page.getByLabel("文号（可选）").fill(fields.docNumber);
    if (fields.interpreter) await this.page.getByLabel("解读人").fill(fields.interpreter);
  }

  async save(): Promise<void> {
    await Promise.all([
      this.page.waitForNavigation({ waitUntil: "load" }),
      this.page.getByRole("button", { name: "保存草稿" }).click(),
    ]);
  }
}
