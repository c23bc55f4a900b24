import type { Page } from "playwright-core";

const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Answers the human check of the form on the page by reading its question, as a person would. */
async function answerCheck(page: Page): Promise<void> {
  const question = (await page.locator('label[for="check_answer"]').textContent()) ?? "";
  const m = /(.)加(.)等于几/.exec(question)!;
  await page.locator("#check_answer").fill(String(NUM[m[1]!]! + NUM[m[2]!]!));
}

/** The public message pages: the form (/hd/messages/new), the tracking page with its rating, and the Q&A. */
export class MessagesPage {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  async gotoForm(): Promise<void> {
    await this.page.goto(`${this.base}/hd/messages/new`);
  }

  /** Fills and submits the form; returns the tracking code and secret shown once. */
  async leave(p: {
    type: "咨询" | "建议" | "投诉" | "求助";
    title: string;
    body: string;
    name: string;
    phone?: string;
    email?: string;
  }): Promise<{ code: string; secret: string }> {
    await this.page.getByRole("radio", { name: p.type, exact: true }).check();
    await this.page.getByLabel(/^标题/).fill(p.title);
    await this.page.getByLabel(/^留言内容/).fill(p.body);
    await this.page.getByLabel(/^姓名/).fill(p.name);
    if (p.phone) await this.page.getByLabel("联系电话").fill(p.phone);
    if (p.email) await this.page.getByLabel("电子邮箱").fill(p.email);
    await answerCheck(this.page);
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("button", { name: "提交留言" }).click(),
    ]);
    return {
      code: ((await this.page.locator("#tracking-code").textContent()) ?? "").trim(),
      secret: ((await this.page.locator("#tracking-secret").textContent()) ?? "").trim(),
    };
  }

  async track(code: string, secret: string): Promise<void> {
    await this.page.goto(`${this.base}/hd/messages/track`);
    await this.page.getByLabel("查询码").fill(code);
    await this.page.getByLabel("查询密码").fill(secret);
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("button", { name: "查询", exact: true }).click(),
    ]);
  }

  async status(): Promise<string> {
    return ((await this.page.locator("#status").textContent()) ?? "").trim();
  }

  async stepsText(): Promise<string> {
    return (await this.page.locator("#steps").textContent()) ?? "";
  }

  /** Rates the answer on the tracking page, with an optional follow-up question. */
  async rate(rating: "满意" | "基本满意" | "不满意", followUp?: string): Promise<void> {
    await this.page.getByRole("radio", { name: rating, exact: true }).check();
    if (followUp) await this.page.getByLabel(/^追问/).fill(followUp);
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("button", { name: "提交评价" }).click(),
    ]);
  }

  /** Opens the published Q&A list and the entry with this title; returns the entry's main text. */
  async openQa(title: string): Promise<string> {
    await this.page.goto(`${this.base}/hd/messages`);
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.locator("main ul.qa-list a", { hasText: title }).first().click(),
    ]);
    return (await this.page.locator("main").textContent()) ?? "";
  }
}

/** 我为政府网站找错: the footer link of a public page and the form it opens. */
export class ErrorReportPage {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  /** Follows the footer link of the page now shown. */
  async openFromFooter(): Promise<void> {
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.locator("footer").getByRole("link", { name: "我为政府网站找错" }).click(),
    ]);
  }

  pageAddress(): Promise<string> {
    return this.page.locator("#page_url").inputValue();
  }

  async report(kind: "内容错误" | "链接不可用" | "服务不可用" | "其他问题", description: string) {
    await this.page.getByRole("radio", { name: kind, exact: true }).check();
    await this.page.getByLabel(/^问题描述/).fill(description);
    await answerCheck(this.page);
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("button", { name: "提交纠错" }).click(),
    ]);
    return ((await this.page.locator("#tracking-code").textContent()) ?? "").trim();
  }
}
