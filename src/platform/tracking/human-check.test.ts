import { describe, expect, it } from "vitest";
import { checkHumanAnswer, newHumanCheck } from "./index";

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
