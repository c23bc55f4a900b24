import { describe, expect, it } from "vitest";
import {
  addDays,
  compareIsoDates,
  diffDays,
  formatMonthDay,
  fromDayNumber,
  InvalidDateError,
  isIsoDate,
  parseIsoDate,
  toDayNumber,
  todayInShanghai,
  weekday,
  weekdayName,
} from "./dates";

describe("IsoDate helpers", () => {
  it("validates shape and existence", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2027-02-30")).toBe(false);
    expect(isIsoDate("2024-9-27")).toBe(false);
    expect(isIsoDate("2024-09-27T00:00:00Z")).toBe(false);
    expect(isIsoDate(20240927)).toBe(false);
    expect(() => parseIsoDate("2024-13-01")).toThrow(InvalidDateError);
  });

  it("adds calendar days across month, year and leap-day boundaries", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(diffDays("2024-09-27", "2024-10-30")).toBe(33);
    expect(fromDayNumber(toDayNumber("1999-12-31"))).toBe("1999-12-31");
  });

  it("knows weekdays (0 = Sunday)", () => {
    expect(weekday("2024-09-29")).toBe(0);
    expect(weekday("2024-10-12")).toBe(6);
    expect(weekday("2024-09-27")).toBe(5);
    expect(weekdayName("2026-02-14")).toBe("星期六");
  });

  it("compares and formats", () => {
    expect(compareIsoDates("2024-01-02", "2024-01-10")).toBe(-1);
    expect(compareIsoDates("2024-01-10", "2024-01-10")).toBe(0);
    expect(formatMonthDay("2024-10-01")).toBe("10月1日");
  });

  it("gives today's date in Asia/Shanghai whatever the host time zone", () => {
    expect(todayInShanghai(new Date("2024-09-26T15:59:59Z"))).toBe("2024-09-26");
    expect(todayInShanghai(new Date("2024-09-26T16:00:00Z"))).toBe("2024-09-27");
    expect(todayInShanghai(new Date("2026-12-31T16:30:00Z"))).toBe("2027-01-01");
  });
});
