import chineseDays from "chinese-days";
import { describe, expect, it } from "vitest";
import { bundledNotices } from "./bundled";
import { provisionalNotice, qingmingDate, statutoryHolidays } from "./statutory-holidays";

describe("statutory holidays", () => {
  it("computes 清明 as chinese-days' astronomical solar term, 2001–2099", () => {
    const wrong: string[] = [];
    for (let y = 2001; y <= 2099; y++) {
      const term = chineseDays.getSolarTerms(`${y}-04-01`, `${y}-04-10`).find((t) => t.name === "清明");
      if (term?.date !== qingmingDate(y)) wrong.push(`${y}: ${term?.date} / ${qingmingDate(y)}`);
    }
    expect(wrong).toEqual([]);
    expect(qingmingDate(2027)).toBe("2027-04-05");
  });

  it("every computed statutory day is a day off in the published notices of 2014–2026", () => {
    for (let y = 2014; y <= 2026; y++) {
      const off = new Set(
        bundledNotices()
          .get(y)!
          .days.filter((d) => d.off)
          .map((d) => d.date),
      );
      const missing = statutoryHolidays(y).flatMap((h) => h.dates.filter((d) => !off.has(d)));
      expect(missing, String(y)).toEqual([]);
    }
  });

  it("follows the 2024 revision from 2025: 春节 4 days from 除夕, 劳动节 2 days", () => {
    const by = (y: number) => Object.fromEntries(statutoryHolidays(y).map((h) => [h.name, h.dates]));
    expect(by(2025)).toEqual({
      元旦: ["2025-01-01"],
      春节: ["2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"],
      清明节: ["2025-04-04"],
      劳动节: ["2025-05-01", "2025-05-02"],
      端午节: ["2025-05-31"],
      中秋节: ["2025-10-06"],
      国庆节: ["2025-10-01", "2025-10-02", "2025-10-03"],
    });
    expect(by(2027)).toEqual({
      元旦: ["2027-01-01"],
      春节: ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"],
      清明节: ["2027-04-05"],
      劳动节: ["2027-05-01", "2027-05-02"],
      端午节: ["2027-06-09"],
      中秋节: ["2027-09-15"],
      国庆节: ["2027-10-01", "2027-10-02", "2027-10-03"],
    });
    expect(by(2028).春节).toEqual(["2028-01-25", "2028-01-26", "2028-01-27", "2028-01-28"]);
    expect(by(2028).端午节).toEqual(["2028-05-28"]);
    expect(by(2028).中秋节).toEqual(["2028-10-03"]);
    expect(by(2024).春节).toEqual(["2024-02-10", "2024-02-11", "2024-02-12"]); // the 2013 rules
  });

  it("builds a provisional notice: 13 days off, no make-up day, a shared day keeps both names", () => {
    const n = provisionalNotice(2028);
    expect(n.days).toHaveLength(12); // 中秋 2028 falls on 3 October, a 国庆 day
    expect(n.days.every((d) => d.off)).toBe(true);
    expect(n.days.find((d) => d.date === "2028-10-03")?.name).toBe("中秋节、国庆节");
    expect(provisionalNotice(2027).days).toHaveLength(13);
    expect(() => provisionalNotice(2024)).toThrow(/不能暂定/);
  });
});
