import type { Page } from "playwright-core";

const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** The public consultation pages: /hd/consultations and /hd/consultations/{id}. */
export class ConsultationPage {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  async gotoList(): Promise<void> {
    await this.page.goto(`${this.base}/hd/consultations`);
  }

  async open(title: string): Promise<void> {
    await this.gotoList();
    await Promise.all([this.page.waitForNavigation(), this.page.getByRole("link", { name: title }).click()]);
  }

  /** Sends a comment as a person would, answering the human check by reading its question. */
  async comment(p: { body: string; name?: string; phone?: string }): Promise<void> {
    await this.page.getByLabel(/^意见内容/).fill(p.body);
    if (p.name) await this.page.getByLabel("姓名（选填）").fill(p.name);
    if (p.phone) await this.page.getByLabel("联系电话（选填）").fill(p.phone);
    const question = (await this.page.locator('label[for="check_answer"]').textContent()) ?? "";
    const m = /(.)加(.)等于几/.exec(question)!;
    await this.page.getByLabel(/验证问题/).fill(String(NUM[m[1]!]! + NUM[m[2]!]!));
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("button", { name: "提交意见" }).click(),
    ]);
  }

  async mainText(): Promise<string> {
    return (await this.page.locator("main").textContent()) ?? "";
  }

  commentsText(): Promise<string> {
    return this.page
      .locator("section[aria-labelledby=comments-title]")
      .textContent()
      .then((t) => t ?? "");
  }
}

/** The back office's consultation pages: /admin/consultations. */
export class ConsultationAdminPage {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  async create(p: {
    title: string;
    draft: string;
    major: boolean;
    start: string;
    end: string;
  }): Promise<void> {
    await this.page.goto(`${this.base}/admin/consultations/new`);
    await this.page.getByLabel(/^标题/).fill(p.title);
    await this.page.getByLabel(/^征求意见稿正文/).fill(p.draft);
    if (p.major) await this.page.getByLabel(/重大行政决策/).check();
    await this.page.getByLabel(/^开始日期/).fill(p.start);
    await this.page.getByLabel(/^截止日期/).fill(p.end);
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("button", { name: "保存草稿" }).click(),
    ]);
  }

  async open(title: string): Promise<void> {
    await this.page.goto(`${this.base}/admin/consultations`);
    await Promise.all([this.page.waitForNavigation(), this.page.getByRole("link", { name: title }).click()]);
  }

  /** Takes a step offered on the page, by its button label, filling its fields first. */
  async step(label: string, fields: { note?: string; itemId?: string } = {}): Promise<void> {
    const form = this.page.locator("form.step-form", { has: this.page.getByRole("button", { name: label }) });
    if (fields.note) await form.getByRole("textbox").first().fill(fields.note);
    if (fields.itemId) await form.getByLabel(/信息编号/).fill(fields.itemId);
    await Promise.all([this.page.waitForNavigation(), form.getByRole("button", { name: label }).click()]);
  }

  async status(): Promise<string> {
    return (await this.page.locator("dl.meta-table dd").first().textContent())?.trim() ?? "";
  }

  async approveComment(number: number): Promise<void> {
    const item = this.page.locator(`#comment-${number}`);
    await Promise.all([
      this.page.waitForNavigation(),
      item.getByRole("button", { name: "通过并公开" }).click(),
    ]);
  }

  /** Fills the feedback report: the summary and, per comment number, the decision and its reason. */
  async writeReport(summary: string, decisions: Array<{ number: number; decision: string; reason: string }>) {
    await this.page.getByLabel(/^采纳情况说明/).fill(summary);
    for (const d of decisions) {
      await this.page.locator(`#decision_${d.number}`).selectOption({ label: d.decision });
      await this.page.locator(`#reason_${d.number}`).fill(d.reason);
    }
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("button", { name: "保存反馈报告" }).click(),
    ]);
  }

  async mainText(): Promise<string> {
    return (await this.page.locator("main").textContent()) ?? "";
  }
}
