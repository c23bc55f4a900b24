import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildCreditCode, checkCreditCode, isValidCreditCode, isValidDivisionCode } from "./credit-code";

describe("unified social credit code (GB 32100-2015)", () => {
  it("accepts real published codes", () => {
    // Published codes of real bodies.
    expect(isValidCreditCode("91350100M000100Y43")).toBe(true);
    expect(isValidCreditCode("11441700007280420Y")).toBe(true);
  });

  it("names what is wrong", () => {
    expect(checkCreditCode("91350100M000100Y4")).toBe("format");
    expect(checkCreditCode("91350100M000100Y44")).toBe("check_char");
    expect(checkCreditCode("91350100M000100I43")).toBe("format");
  });

  it("built codes validate and a changed character is caught", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{8}$/),
        fc.integer({ min: 0, max: 16 }),
        (body, pos) => {
          const code = buildCreditCode("11", "150222", body);
          expect(isValidCreditCode(code)).toBe(true);
          const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
          const ch = code[pos]!;
          const other = alphabet[(alphabet.indexOf(ch) + 1) % alphabet.length]!;
          const broken = code.slice(0, pos) + other + code.slice(pos + 1);
          // Division digits must stay digits for the format; skip positions 2-7 when the swap leaves [0-9].
          if (pos >= 2 && pos <= 7 && !/\d/.test(other)) return;
          expect(isValidCreditCode(broken)).toBe(false);
        },
      ),
    );
  });

  it("checks division codes", () => {
    expect(isValidDivisionCode("150222")).toBe(true);
    expect(isValidDivisionCode("150222100")).toBe(true);
    expect(isValidDivisionCode("050222")).toBe(false);
    expect(isValidDivisionCode("15022")).toBe(false);
  });
});
