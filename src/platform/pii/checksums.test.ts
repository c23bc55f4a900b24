import { describe, expect, it } from "vitest";
import {
  idCheckChar,
  isLandline,
  isMobileNumber,
  isValidBankCard,
  isValidBirthDate,
  isValidOldResidentId,
  isValidResidentId,
  looksLikeResidentId,
  luhnValid,
} from "./checksums";

describe("resident ID (GB 11643-1999)", () => {
  it("computes the mod 11-2 check character, X included", () => {
    // The standard's own worked example.
    expect(idCheckChar("11010519491231002")).toBe("X");
    expect(idCheckChar("15022219900101123")).toBe("1");
  });

  it("accepts real-shaped IDs and refuses wrong check digits, dates and provinces", () => {
    expect(isValidResidentId("11010519491231002X")).toBe(true);
    expect(isValidResidentId("11010519491231002x")).toBe(true);
    expect(isValidResidentId("150222199001011231")).toBe(true);
    expect(isValidResidentId("150222199001011232")).toBe(false);
    expect(looksLikeResidentId("150222199001011232")).toBe(true);
    // 1970-02-29 never existed; 99 is no province; 1850 is before anyone alive.
    expect(looksLikeResidentId("150222197002290018")).toBe(false);
    expect(looksLikeResidentId("990222199001011231")).toBe(false);
    expect(looksLikeResidentId("150222185001011231")).toBe(false);
  });

  it("accepts leap days only in leap years and no future birth dates", () => {
    expect(isValidBirthDate(2000, 2, 29)).toBe(true);
    expect(isValidBirthDate(1900, 2, 29)).toBe(false);
    expect(isValidBirthDate(new Date().getUTCFullYear() + 1, 1, 1)).toBe(false);
  });

  it("validates first-generation 15-digit IDs by division and date", () => {
    expect(isValidOldResidentId("150222650312123")).toBe(true);
    expect(isValidOldResidentId("150222651312123")).toBe(false);
  });
});

describe("bank cards, mobiles, landlines", () => {
  it("checks Luhn with issuer prefix and length", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(isValidBankCard("6222021234567890128")).toBe(true);
    expect(isValidBankCard("6222021234567890127")).toBe(false);
    // Luhn-valid but an American Express length/prefix at 18 digits is an ID-shaped number, not a card here.
    expect(isValidBankCard("370102198303197442")).toBe(false);
  });

  it("knows the allocated mobile segments", () => {
    expect(isMobileNumber("13812345678")).toBe(true);
    expect(isMobileNumber("19912345678")).toBe(true);
    expect(isMobileNumber("12345678901")).toBe(false);
    expect(isMobileNumber("15412345678")).toBe(false);
  });

  it("tells three- from four-digit area codes", () => {
    expect(isLandline("0472", "8123456")).toBe(true);
    expect(isLandline("010", "12345678")).toBe(false); // local numbers start 2-9
    expect(isLandline("010", "62345678")).toBe(true);
    expect(isLandline("021", "62345678")).toBe(true);
    expect(isLandline("031", "2345678")).toBe(false); // 031x needs a fourth digit
  });
});
