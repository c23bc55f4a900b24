import { describe, expect, it } from "vitest";
import { checkHumanAnswer, newHumanCheck, publicFormProblems } from "./index";

const key = Buffer.alloc(32, 9);
const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

describe("human check", () => {
  it("accepts the right sum (also in full-width digits) and refuses a wrong, expired or forged one", () => {
    const now = 1_800_000_000_000;
    const { question, token } = newHumanCheck(key, now);
    const m = /^(.)加(.)等于几？$/.exec(question)!;
    const sum = NUM[m[1]!]! + NUM[m[2]!]!;
    expect(checkHumanAnswer(key, token, String(sum), now)).toBe(true);
    expect(
      checkHumanAnswer(
        key,
        token,
        String(sum).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
        now,
      ),
    ).toBe(true);
    expect(checkHumanAnswer(key, token, String(sum + 1), now)).toBe(false);
    expect(checkHumanAnswer(key, token, String(sum), now + 2 * 60 * 60_000)).toBe(false);
    expect(checkHumanAnswer(Buffer.alloc(32, 8), token, String(sum), now)).toBe(false);
    expect(checkHumanAnswer(key, "x.y.z", "3", now)).toBe(false);
  });
});

describe("a public form's spam defences", () => {
  const secret = Buffer.alloc(32, 7);
  const now = Date.UTC(2026, 11, 7, 2);
  it("names the hidden field filled in and a wrong answer, and nothing for a person who answered", () => {
    const { question, token } = newHumanCheck(secret, now);
    const right = String([...question].reduce((sum, c) => sum + (NUM[c] ?? 0), 0));
    expect(publicFormProblems(secret, now, { check_token: token, check_answer: right }, "x")).toEqual([]);
    expect(
      publicFormProblems(
        secret,
        now,
        { website: "http://spam", check_token: token, check_answer: "99" },
        "验证失败",
      ),
    ).toEqual([
      { code: "rejected", message: "验证失败" },
      { field: "check_answer", code: "human_check_failed", message: "验证失败" },
    ]);
  });
});
