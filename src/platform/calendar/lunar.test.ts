import chineseDays from "chinese-days";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import { leapMonthOf, lunarNewYearsEve, lunarToSolar, lunarYearDays, solarToLunar } from "./lunar";

describe("lunar calendar", () => {
  it("places the dates known from published calendars", () => {
    expect(lunarNewYearsEve(2027)).toBe("2027-02-05"); // 除夕 2027 (腊月廿九)
    expect(lunarNewYearsEve(2028)).toBe("2028-01-25");
    expect(lunarToSolar(2027, 5, 5)).toBe("2027-06-09"); // 端午 2027
    expect(lunarToSolar(2027, 8, 15)).toBe("2027-09-15"); // 中秋 2027
    expect(lunarNewYearsEve(2025)).toBe("2025-01-28");
    expect(lunarNewYearsEve(2026)).toBe("2026-02-16");
    expect(lunarToSolar(2026, 5, 5)).toBe("2026-06-19");
    expect(lunarToSolar(2026, 8, 15)).toBe("2026-09-25");
    expect(lunarToSolar(2025, 8, 15)).toBe("2025-10-06");
    expect(leapMonthOf(2025)).toBe(6); // 闰六月
    expect(lunarToSolar(2025, 6, 1, true)).toBe("2025-07-25");
  });

  it("agrees with chinese-days' lunar dates day by day, 2000–2100, but in two far years", () => {
    // chinese-days differs in 2060 (where ICU agrees with this table) and in 2097 (where ICU agrees with
    // chinese-days); both are far beyond the years a provisional calendar is ever computed for.
    const wrong = new Set<string>();
    for (let d = "2000-01-01"; d <= "2100-12-31"; d = addDays(d, 1)) {
      const ours = solarToLunar(d);
      const theirs = chineseDays.getLunarDate(d);
      if (
        ours.year !== theirs.lunarYear ||
        ours.month !== theirs.lunarMon ||
        ours.day !== theirs.lunarDay ||
        ours.leap !== theirs.isLeap
      )
        wrong.add(d.slice(0, 4));
    }
    expect([...wrong]).toEqual(["2060", "2097"]);
  });

  it("agrees with ICU's astronomical Chinese calendar except where a new moon falls near midnight", () => {
    // ICU (Intl, chinese calendar) differs by one day in a few months where the new moon is within minutes
    // of midnight in Beijing; the Purple Mountain / Hong Kong Observatory tables, which the State Council
    // notices follow, are the authority (e.g. 春节 2027 is 6 February, ICU says the 7th).
    const fmt = new Intl.DateTimeFormat("en-u-ca-chinese", {
      month: "numeric",
      day: "numeric",
      timeZone: "UTC",
    });
    const years = new Set<string>();
    for (let d = "2000-01-01"; d <= "2100-12-31"; d = addDays(d, 1)) {
      const p = fmt.formatToParts(new Date(`${d}T00:00:00Z`));
      const month = p.find((x) => x.type === "month")!.value;
      const day = Number(p.find((x) => x.type === "day")!.value);
      const ours = solarToLunar(d);
      if (ours.month !== Number.parseInt(month, 10) || ours.day !== day || ours.leap !== /bis/.test(month))
        years.add(d.slice(0, 4));
    }
    expect([...years]).toEqual(["2012", "2018", "2027", "2030", "2070", "2097"]);
  });

  it("round-trips and refuses dates outside the table", () => {
    for (let y = 1901; y <= 2100; y++) {
      expect(solarToLunar(lunarToSolar(y, 1, 1))).toEqual({ year: y, month: 1, day: 1, leap: false });
      expect(lunarYearDays(y)).toBeGreaterThanOrEqual(353);
      expect(lunarYearDays(y)).toBeLessThanOrEqual(385);
    }
    expect(() => lunarToSolar(2101, 1, 1)).toThrow(/1900 至 2100/);
    expect(() => lunarToSolar(2027, 1, 31)).toThrow(/没有第31天/);
    expect(() => lunarToSolar(2027, 6, 1, true)).toThrow(/没有闰6月/);
  });
});
