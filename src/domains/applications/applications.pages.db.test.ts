import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp, countRows } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import type { AppInstance } from "../../web/types";

const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Reads the form's human check and answers it as a person would. */
function answer(html: string): { token: string; sum: string } {
  const token = /name="check_token" value="([^"]+)"/.exec(html)![1]!;
  const m = /(.)加(.)等于几？/.exec(html)!;
  return { token, sum: String(NUM[m[1]!]! + NUM[m[2]!]!) };
}

describeEachDialect("public application form and status page", (ctx) => {
  let app: AppInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
  });
  afterAll(async () => app?.close());

  it("works without JavaScript: every problem listed, then a tracking code, then the status page", async () => {
    const s = new Session(app);
    const page = await s.get("/hd/apply");
    expect(page.statusCode).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const before = await countRows(ctx, "audit_log");
    const bad = await s.post("/hd/apply", {
      _csrf: csrf,
      check_token: answer(page.body).token,
      check_answer: "99",
      kind: "natural",
      name: "",
      id_number: "123",
      description: "",
      delivery: "email",
    });
    expect(bad.statusCode).toBe(400);
    for (const m of [
      "验证问题的答案不正确",
      "请阅读并勾选承诺",
      "居民身份证号码不正确",
      "请至少填写一种联系方式",
      "请填写电子邮箱",
    ])
      expect(bad.body).toContain(m);
    expect(await countRows(ctx, "audit_log")).toBe(before);

    const { token, sum } = answer(bad.body);
    const csrf2 = /name="_csrf" value="([^"]+)"/.exec(bad.body)![1]!;
    const ok = await s.post("/hd/apply", {
      _csrf: csrf2,
      check_token: token,
      check_answer: sum,
      kind: "natural",
      name: "王小明",
      id_type: "resident_id",
      id_number: "110101199003074514",
      phone: "13812345678",
      description: "申请公开固阳县2025年城乡低保资金发放情况。",
      delivery: "online",
      carrier: "electronic",
      declaration: "yes",
    });
    expect(ok.statusCode, ok.body.slice(0, 3000)).toBe(201);
    const code = /id="tracking-code">([^<]+)</.exec(ok.body)![1]!;
    const secret = /id="tracking-secret">([^<]+)</.exec(ok.body)![1]!;
    expect(ok.body).not.toContain("110101199003074514");

    const csrf3 = /name="_csrf" value="([^"]+)"/.exec(ok.body)![1]!;
    const track = await s.post("/hd/track", { _csrf: csrf3, code, secret });
    expect(track.statusCode).toBe(200);
    expect(track.body).toContain("待登记");
    const wrong = await s.post("/hd/track", { _csrf: csrf3, code, secret: "NOPE" });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain("查询码或查询密码不正确");
  });

  it("refuses a filled honeypot and a post without the CSRF token", async () => {
    const s = new Session(app);
    const page = await s.get("/mn/hd/apply");
    expect(page.body).toContain('lang="mn-Mong"');
    const noCsrf = await s.post("/mn/hd/apply", { name: "x" });
    expect(noCsrf.statusCode).toBe(403);
    const fresh = await s.get("/hd/apply");
    const { token, sum } = answer(fresh.body);
    const before = await countRows(ctx, "audit_log");
    const spam = await s.post("/hd/apply", {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(fresh.body)![1]!,
      check_token: token,
      check_answer: sum,
      website: "http://spam.example/",
      kind: "natural",
      name: "机器人",
      id_number: "110101199003074514",
      phone: "13812345678",
      description: "申请公开某项政府信息内容。",
      delivery: "online",
      declaration: "yes",
    });
    expect(spam.statusCode).toBe(400);
    expect(await countRows(ctx, "audit_log")).toBe(before);
  });

  it("holds the form to the API's rules: unknown choices and over-long fields are named, never replaced", async () => {
    const s = new Session(app);
    const page = await s.get("/hd/apply");
    const { token, sum } = answer(page.body);
    const before = await countRows(ctx, "audit_log");
    const res = await s.post("/hd/apply", {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!,
      check_token: token,
      check_answer: sum,
      kind: "natural",
      name: "王".repeat(150),
      id_type: "alien",
      id_number: "ABCD",
      phone: "13812345678",
      description: "申".repeat(6000),
      delivery: "teleport",
      carrier: "stone",
      declaration: "yes",
    });
    expect(res.statusCode).toBe(400);
    for (const m of [
      "申请人姓名或名称不能超过 100 个字",
      "所需信息的描述不能超过 5000 个字",
      "请选择证件类型",
      "请选择获取信息的方式",
      "请选择信息的载体形式",
    ])
      expect(res.body).toContain(m);
    expect(await countRows(ctx, "audit_log")).toBe(before);
  });

  it("refuses organisation-only fields from a natural person by name, and keeps them visible to clear", async () => {
    const s = new Session(app);
    const page = await s.get("/hd/apply");
    // Without CSS the labels say who fills them; with CSS they are hidden while 自然人 is chosen.
    expect(page.body).toContain("组织类型（法人或其他组织填写）");
    expect(page.body).toContain("统一社会信用代码（法人或其他组织必填）");
    expect(page.body.match(/class="org-only"/g)).toHaveLength(2);
    const { token, sum } = answer(page.body);
    const before = await countRows(ctx, "audit_log");
    const res = await s.post("/hd/apply", {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!,
      check_token: token,
      check_answer: sum,
      kind: "natural",
      org_type: "legal_person",
      name: "王小明",
      id_type: "resident_id",
      id_number: "110101199003074514",
      credit_code: "91150222MA0N8X5Y4K",
      legal_rep: "王大明",
      phone: "13812345678",
      description: "申请公开固阳县2025年城乡低保资金发放情况。",
      delivery: "online",
      carrier: "electronic",
      declaration: "yes",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("自然人无需填写统一社会信用代码");
    expect(res.body).toContain("申请人类型为自然人时无需填写法定代表人或负责人");
    // Each refused field is marked invalid, which keeps its block shown (app.css, :has).
    expect(res.body).toMatch(/id="credit_code"[^>]*aria-invalid="true"/);
    expect(res.body).toMatch(/id="legal_rep"[^>]*aria-invalid="true"/);
    expect(await countRows(ctx, "audit_log")).toBe(before);
  });
});
