import type { Page } from "playwright-core";

const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** The public application form (/hd/apply) and the status page (/hd/track). */
export class ApplyPage {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.base}/hd/apply`);
  }

  /** Fills the form as a person would, answering the human check by reading its question. */
  async apply(p: {
    name: string;
    idNumber: string;
    phone: string;
    description: string;
    /** Supporting files (an ID image), chosen in the file field. */
    files?: Array<{ name: string; mimeType: string; buffer: Buffer }>;
  }): Promise<{ code: string; secret: string }> {
    await this.page.getByLabel(/^姓名/).fill(p.name);
    await this.page.getByLabel("证件号码（自然人必填）").fill(p.idNumber);
    await this.page.getByLabel("联系电话").fill(p.phone);
    await this.page.getByLabel(/所需信息的名称/).fill(p.description);
    if (p.files?.length) await this.page.locator("#file").setInputFiles(p.files);
    const question = (await this.page.locator('label[for="check_answer"]').textContent()) ?? "";
    const m = /(.)加(.)等于几/.exec(question)!;
    await this.page.getByLabel(/验证问题/).fill(String(NUM[m[1]!]! + NUM[m[2]!]!));
    await this.page.getByLabel(/本人承诺/).check();
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole("button", { name: "提交申请" }).click(),
    ]);
    return {
      code: ((await this.page.locator("#tracking-code").textContent()) ?? "").trim(),
      secret: ((await this.page.locator("#tracking-secret").textContent()) ?? "").trim(),
    };
  }

  /** Chooses 自然人 or 法人或其他组织 (a radio: works with JavaScript off). */
  async chooseType(kind: "自然人" | "法人或其他组织"): Promise<void> {
    await this.page.getByRole("radio", { name: kind, exact: true }).check();
  }

  /** The computed box of a field, to compare how two inputs look. */
  async boxStyle(selector: string): Promise<Record<string, string>> {
    // A string, evaluated in the page: the test code is compiled without the DOM library.
    const expr = `(() => {
      const c = getComputedStyle(document.querySelector(${JSON.stringify(selector)}));
      return {
        display: c.display,
        width: c.width,
        padding: c.padding,
        border: c.borderTopWidth + " " + c.borderTopStyle + " " + c.borderTopColor,
        font: c.fontSize + " " + c.fontFamily,
      };
    })()`;
    return (await this.page.evaluate(expr)) as Record<string, string>;
  }

  async track(code: string, secret: string): Promise<void> {
    await this.page.goto(`${this.base}/hd/track`);
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
    return (await this.page.locator("ol.events").textContent()) ?? "";
  }
}
