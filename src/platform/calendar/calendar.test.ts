import { describe, expect, it } from "vitest";
import { CalendarYearMissingError, WorkingDayCalendar } from "./calendar";
import type { Notice } from "./notice";
import { formatSpan } from "./span-format";

// TEST DATA, NOT THE REAL 2027 NOTICE (none was published when this was written). It only follows the
// usual pattern: 元旦 1/1-1/3 off, a Spring Festival block 2/6-2/14 with make-up Saturdays 1/30 and 2/20.
const TEST_NOTICE_2027: Notice = {
  year: 2027,
  title: "测试数据：2027年部分节假日安排（虚构）",
  days: [
    { date: "2027-01-01", off: true, name: "元旦" },
    { date: "2027-01-02", off: true, name: "元旦" },
    { date: "2027-01-03", off: true, name: "元旦" },
    { date: "2027-01-30", off: false, name: "春节" },
    ...["06", "07", "08", "09", "10", "11", "12", "13", "14"].map((d) => ({
      date: `2027-02-${d}`,
      off: true,
      name: "春节",
    })),
    { date: "2027-02-20", off: false, name: "春节" },
  ],
};

const cal = new WorkingDayCalendar();

describe("WorkingDayCalendar with real notices", () => {
  it("National Day 2024: 9/29 and 10/12 are working weekends; add-working-days 2024-09-27 20 = 2024-10-30", () => {
    expect(cal.isWorkingDay("2024-09-29")).toBe(true); // Sunday
    expect(cal.isWorkingDay("2024-10-12")).toBe(true); // Saturday
    expect(cal.isWorkingDay("2024-10-01")).toBe(false);
    expect(cal.isWorkingDay("2024-10-07")).toBe(false); // Monday, in lieu
    expect(cal.isWorkingDay("2024-10-13")).toBe(false);
    expect(cal.addWorkingDays("2024-09-27", 20)).toBe("2024-10-30");
    expect(cal.workingDaysBetween("2024-09-27", "2024-10-30")).toBe(20);
    expect(formatSpan(cal.describeSpan("2024-09-27", "2024-10-30"))).toBe(
      "国庆节 10月1日至7日 休息，9月29日、10月12日 上班",
    );
  });

  it("2020 Spring Festival extension: 1/31 to 2/2 off and 2/1 no longer a working Saturday", () => {
    expect(cal.isWorkingDay("2020-01-19")).toBe(true); // the make-up Sunday that remained
    for (const d of ["2020-01-24", "2020-01-30", "2020-01-31", "2020-02-01", "2020-02-02"]) {
      expect(cal.isWorkingDay(d)).toBe(false);
    }
    expect(cal.isWorkingDay("2020-02-03")).toBe(true);
    expect(cal.addWorkingDays("2020-01-23", 1)).toBe("2020-02-03");
    expect(formatSpan(cal.describeSpan("2020-01-15", "2020-02-05"))).toBe(
      "春节 1月24日至2月2日 休息，1月19日 上班",
    );
  });

  it("Spring Festival 2026: 2/14 and 2/28 are working Saturdays", () => {
    expect(cal.isWorkingDay("2026-02-14")).toBe(true);
    expect(cal.isWorkingDay("2026-02-28")).toBe(true);
    expect(cal.isWorkingDay("2026-02-15")).toBe(false);
    expect(cal.isWorkingDay("2026-02-23")).toBe(false);
    expect(cal.addWorkingDays("2026-02-13", 1)).toBe("2026-02-14");
    expect(cal.addWorkingDays("2026-02-14", 1)).toBe("2026-02-24");
    // 2/24-27 (4), 2/28 Sat (5)
    expect(cal.addWorkingDays("2026-02-14", 5)).toBe("2026-02-28");
  });

  it("names a combined block after both holidays, as the 2025 notice does", () => {
    expect(formatSpan(cal.describeSpan("2025-09-26", "2025-10-15"))).toBe(
      "国庆节、中秋节 10月1日至8日 休息，9月28日、10月11日 上班",
    );
    expect(formatSpan(cal.describeSpan("2024-10-08", "2024-10-11"))).toBe("");
  });

  it("n = 0 returns the date itself; negative or fractional n is refused", () => {
    expect(cal.addWorkingDays("2024-10-01", 0)).toBe("2024-10-01");
    expect(() => cal.addWorkingDays("2024-10-01", -1)).toThrow(/非负整数/);
    expect(() => cal.addWorkingDays("2024-10-01", 1.5)).toThrow(/非负整数/);
  });

  it("can count the start day when a county configures it", () => {
    const counting = new WorkingDayCalendar({ countStartDay: true });
    expect(counting.addWorkingDays("2024-09-27", 20)).toBe("2024-10-29");
    expect(counting.addWorkingDays("2024-09-28", 1)).toBe("2024-09-29"); // a Saturday off is skipped
    expect(counting.addWorkingDays("2024-09-27", 1)).toBe("2024-09-27");
  });

  it("gives a month grid for the public calendar page", () => {
    const grid = cal.monthGrid(2024, 10);
    expect(grid).toHaveLength(31);
    expect(grid[0]).toEqual({
      date: "2024-10-01",
      weekday: 2,
      working: false,
      kind: "holiday",
      name: "国庆节",
    });
    expect(grid[7]).toEqual({ date: "2024-10-08", weekday: 2, working: true, kind: "workday" });
    expect(grid[11]).toEqual({
      date: "2024-10-12",
      weekday: 6,
      working: true,
      kind: "makeup_workday",
      name: "国庆节",
    });
    expect(grid[12]!.kind).toBe("weekend");
  });
});

describe("years no source covers", () => {
  it("a deadline crossing from 2026 into 2027 fails naming 2027 until the 2027 notice is imported", () => {
    expect(cal.addWorkingDays("2026-12-01", 5)).toBe("2026-12-08"); // within 2026: fine
    let error: unknown;
    try {
      cal.addWorkingDays("2026-12-15", 20);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarYearMissingError);
    expect(error).toMatchObject({
      code: "calendar_year_missing",
      year: 2027,
      message: "尚未录入2027年的节假日安排（国务院办公厅通知），无法计算工作日",
    });
    expect(() => cal.isWorkingDay("2027-03-01")).toThrow(CalendarYearMissingError);
    expect(() => cal.workingDaysBetween("2026-12-15", "2027-01-04")).toThrow(/2027年/);

    const after = new WorkingDayCalendar({ notices: [TEST_NOTICE_2027] });
    expect(after.coveredYears()).toContain(2027);
    // 12/16-18 (3), 12/21-25 (8), 12/28-31 (12), 1/1-3 元旦, 1/4-8 (17), 1/11-13 (20)
    expect(after.addWorkingDays("2026-12-15", 20)).toBe("2027-01-13");
    expect(formatSpan(after.describeSpan("2026-12-15", "2027-01-13"))).toBe("元旦 1月1日至3日 休息");
    expect(after.isWorkingDay("2027-01-30")).toBe(true);
    expect(after.isWorkingDay("2027-02-08")).toBe(false);
  });

  it("without the bundled data, only the given notices count", () => {
    const only = new WorkingDayCalendar({ notices: [TEST_NOTICE_2027], useBundled: false });
    expect(only.coveredYears()).toEqual([2027]);
    expect(() => only.isWorkingDay("2024-10-08")).toThrow(CalendarYearMissingError);
  });
});

describe("database notices and closures", () => {
  it("a database notice replaces the bundled data of its year entirely", () => {
    const replaced = new WorkingDayCalendar({
      notices: [{ year: 2024, days: [{ date: "2024-01-01", off: true, name: "元旦" }] }],
    });
    expect(replaced.isWorkingDay("2024-10-01")).toBe(true);
    expect(replaced.isWorkingDay("2024-09-29")).toBe(false);
    expect(replaced.isWorkingDay("2025-01-28")).toBe(false); // other years keep the bundled data
  });

  it("refuses an invalid stored notice loudly", () => {
    expect(
      () => new WorkingDayCalendar({ notices: [{ year: 2027, days: [{ date: "2026-01-01", off: true }] }] }),
    ).toThrow(/2027年节假日通知有误/);
  });

  it("a local closure is a day off on top of the notice and shows in explanations", () => {
    const withClosure = new WorkingDayCalendar({
      closures: [{ dates: ["2024-07-22", "2024-07-23", "2024-07-20"], reason: "台风" }],
    });
    expect(withClosure.isWorkingDay("2024-07-22")).toBe(false);
    expect(withClosure.dayInfo("2024-07-22")).toMatchObject({ kind: "closure", name: "台风" });
    expect(withClosure.dayInfo("2024-07-20").kind).toBe("weekend"); // already off: unchanged
    expect(cal.addWorkingDays("2024-07-19", 3)).toBe("2024-07-24");
    expect(withClosure.addWorkingDays("2024-07-19", 3)).toBe("2024-07-26");
    expect(formatSpan(withClosure.describeSpan("2024-07-19", "2024-07-26"))).toBe(
      "本县停止办公 7月22日至23日（台风）",
    );
  });
});
