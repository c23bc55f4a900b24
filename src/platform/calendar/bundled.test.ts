import { describe, expect, it } from "vitest";
import { bundledNotices, bundledYears, noticesFromChineseDays } from "./bundled";

describe("bundled chinese-days data", () => {
  it("covers 2004 to 2026 and not 2027", () => {
    const years = bundledYears();
    expect(years[0]).toBe(2004);
    expect(years).toContain(2026);
    expect(years).not.toContain(2027);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
  });

  it("has the 2020 Spring Festival extension (国办发明电〔2020〕1号), so no correction is needed", () => {
    const days = new Map(
      bundledNotices()
        .get(2020)!
        .days.map((d) => [d.date, d]),
    );
    for (const d of ["2020-01-31", "2020-02-01", "2020-02-02"]) {
      expect(days.get(d)).toEqual({ date: d, off: true, name: "春节" });
    }
    // 2/1 was a make-up Saturday in the original notice; the extension removed it.
    expect([...days.values()].filter((d) => !d.off && d.name === "春节").map((d) => d.date)).toEqual([
      "2020-01-19",
    ]);
  });

  it("uses the notices' holiday names", () => {
    const names = new Set(
      bundledNotices()
        .get(2024)!
        .days.map((d) => d.name),
    );
    expect([...names].sort()).toEqual(
      ["元旦", "中秋节", "劳动节", "国庆节", "清明节", "春节", "端午节"].sort(),
    );
  });

  it("does not count a year holding only stray dates as covered", () => {
    const notices = noticesFromChineseDays({
      holidays: { "2026-02-16": "Spring Festival,春节,4", "2027-01-01": "New Year's Day,元旦,1" },
      workdays: {},
    });
    expect([...notices.keys()]).toEqual([2026]);
  });
});
