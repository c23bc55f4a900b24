import { describe, expect, it } from "vitest";
import { parseCalendarImport, parseClosure, parseNotice } from "./notice";

const codes = (r: { ok: boolean; problems?: { code: string }[] }) =>
  r.ok ? [] : r.problems!.map((p) => p.code);

describe("parseNotice", () => {
  it("accepts the CLI format and sorts the days", () => {
    const r = parseNotice({
      year: 2027,
      document_number: "国办发明电〔2026〕7号",
      days: [
        { date: "2027-02-20", off: false },
        { date: "2027-01-01", off: true, name: "元旦" },
      ],
    });
    expect(r).toEqual({
      ok: true,
      value: {
        year: 2027,
        document_number: "国办发明电〔2026〕7号",
        days: [
          { date: "2027-01-01", off: true, name: "元旦" },
          { date: "2027-02-20", off: false },
        ],
      },
    });
  });

  it("reports every problem at once, each with a stable code and a Chinese message", () => {
    const r = parseNotice({
      year: 2027,
      title: 5,
      days: [
        { date: "2027-01-01", off: true },
        { date: "2026-12-31", off: true }, // wrong year
        { date: "2027-02-30", off: true }, // does not exist
        { date: "2027-01-01", off: true }, // duplicate
        { date: "2027-02-06" }, // off missing
        { off: true }, // date missing
        { date: "2027-02-10", off: false }, // a Wednesday cannot be a make-up working day
        { date: "2027-02-07", off: "yes" },
        "2027-05-01",
      ],
    });
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual([
      "field_invalid",
      "date_wrong_year",
      "date_invalid",
      "date_duplicate",
      "off_missing",
      "date_missing",
      "makeup_not_weekend",
      "off_invalid",
      "day_not_object",
    ]);
    if (!r.ok) {
      expect(r.problems[1]).toEqual({
        field: "days[1].date",
        code: "date_wrong_year",
        message: "日期 2026-12-31 不在通知年份 2027 年内",
      });
      expect(r.problems[3]!.message).toBe("日期 2027-01-01 重复出现（另见第 1 项）");
    }
  });

  it("reports missing fields", () => {
    expect(codes(parseNotice({}))).toEqual(["year_missing", "days_missing"]);
    expect(codes(parseNotice({ year: "2027", days: [] }))).toEqual(["year_invalid", "days_empty"]);
    expect(codes(parseNotice({ year: 2027, days: [{ date: "2027-02-20", off: false }] }))).toEqual([
      "no_days_off",
    ]);
    expect(codes(parseNotice([]))).toEqual(["notice_not_object"]);
  });
});

describe("parseClosure", () => {
  it("accepts one date, a list, or a range", () => {
    expect(parseClosure({ date: "2024-07-22", reason: "台风" })).toEqual({
      ok: true,
      value: { dates: ["2024-07-22"], reason: "台风" },
    });
    expect(parseClosure({ from: "2024-07-30", to: "2024-08-02", reason: "防汛" })).toEqual({
      ok: true,
      value: { dates: ["2024-07-30", "2024-07-31", "2024-08-01", "2024-08-02"], reason: "防汛" },
    });
    expect(parseClosure({ dates: ["2024-07-23", "2024-07-22"], reason: "台风" })).toEqual({
      ok: true,
      value: { dates: ["2024-07-22", "2024-07-23"], reason: "台风" },
    });
  });

  it("reports problems", () => {
    expect(codes(parseClosure({ date: "2024-02-30" }))).toEqual(["reason_missing", "date_invalid"]);
    expect(codes(parseClosure({ reason: "x", from: "2024-08-02", to: "2024-07-30" }))).toEqual([
      "range_reversed",
    ]);
    expect(codes(parseClosure({ reason: "x" }))).toEqual(["dates_missing"]);
  });
});

describe("parseCalendarImport", () => {
  it("tells a notice from a closure", () => {
    const n = parseCalendarImport({ year: 2027, days: [{ date: "2027-01-01", off: true }] });
    expect(n.ok && n.value.kind).toBe("notice");
    const c = parseCalendarImport({ date: "2024-07-22", reason: "台风" });
    expect(c.ok && c.value.kind).toBe("closure");
  });
});
