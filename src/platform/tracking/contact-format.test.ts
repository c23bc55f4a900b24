import { describe, expect, it } from "vitest";
import { isEmailAddress, isPhoneNumber, normalisePhone } from "./contact-format";

describe("contact formats of public forms", () => {
  it("normalises a phone number and accepts mobiles and fixed lines with an area code", () => {
    expect(normalisePhone(" +86 139 1234 5678 ")).toBe("13912345678");
    expect(normalisePhone("（0472）1234567")).toBe("04721234567");
    expect(normalisePhone("  ")).toBeNull();
    expect(normalisePhone(undefined)).toBeNull();
    for (const ok of ["13912345678", "0472-1234567", "01012345678-123"]) expect(isPhoneNumber(ok)).toBe(true);
    for (const bad of ["12345", "1391234567", "23912345678", "0472-12345", "abc"])
      expect(isPhoneNumber(bad)).toBe(false);
  });

  it("accepts one e-mail address and nothing that would reach several", () => {
    for (const ok of ["zhang@example.gov.cn", "a.b+c@mail-1.example.com"])
      expect(isEmailAddress(ok)).toBe(true);
    for (const bad of [
      "a@b",
      "a@-b.com",
      "a@b.c",
      "a,b@example.com",
      "<a@example.com>",
      "a@example.com;b@x.cn",
    ])
      expect(isEmailAddress(bad)).toBe(false);
  });
});
