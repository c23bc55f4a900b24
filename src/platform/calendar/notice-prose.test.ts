import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledNotices } from "./bundled";
import { NOTICE_TEXT_MAX_CHARS, parseNoticeProse } from "./notice-prose";

const fixture = (year: number) =>
  readFileSync(join(import.meta.dirname, `../../../test/fixtures/notices/${year}.txt`), "utf8");

const parse = (text: string) => {
  const r = parseNoticeProse(text);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};
const key = (d: { date: string; off: boolean }) => `${d.date}:${d.off ? "off" : "work"}`;

describe("notice prose", () => {
  it("parsing the published 2021–2026 notices reproduces the bundled data of each year exactly", () => {
    for (let year = 2021; year <= 2026; year++) {
      const parsed = parse(fixture(year));
      expect(parsed.notice.year).toBe(year);
      // A neighbouring notice may give a day of this year (the 2023 notice's 2022-12-31).
      const next = year < 2026 ? parse(fixture(year + 1)).outsideYear : [];
      const ours = [...parsed.notice.days, ...next.filter((d) => d.date.startsWith(`${year}-`))]
        .map(key)
        .sort();
      const bundled = bundledNotices().get(year)!.days.map(key).sort();
      expect(ours, String(year)).toEqual(bundled);
    }
  });

  it("reads the year, document number, each holiday and what it could not import", () => {
    const p = parse(fixture(2026));
    expect(p.notice).toMatchObject({
      year: 2026,
      document_number: "国办发明电〔2025〕7号",
      title: "国务院办公厅关于2026年部分节假日安排的通知",
    });
    expect(p.holidays.map((h) => h.name)).toEqual([
      "元旦",
      "春节",
      "清明节",
      "劳动节",
      "端午节",
      "中秋节",
      "国庆节",
    ]);
    expect(p.holidays[1]).toMatchObject({
      off: [
        "2026-02-15",
        "2026-02-16",
        "2026-02-17",
        "2026-02-18",
        "2026-02-19",
        "2026-02-20",
        "2026-02-21",
        "2026-02-22",
        "2026-02-23",
      ],
      makeup: ["2026-02-14", "2026-02-28"],
    });
    expect(p.ignored).toEqual([]);
    const p2024 = parse(fixture(2024));
    expect(p2024.ignored).toEqual(["春节：鼓励各单位结合带薪年休假等制度落实,安排职工在除夕(2月9日)休息"]);
    expect(parse(fixture(2023)).outsideYear).toEqual([{ date: "2022-12-31", off: true, name: "元旦" }]);
  });

  it("refuses inconsistent text, naming every problem in Chinese", () => {
    const bad = fixture(2026)
      .replace("1月1日（周四）至3日（周六）", "1月1日（周五）至3日（周六）")
      .replace("共9天", "共8天")
      .replace("5月9日（周六）上班", "5月8日上班")
      .replace("9月25日（周五）至27日", "9月31日至27日");
    const r = parseNoticeProse(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const codes = r.problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(["weekday_mismatch", "count_mismatch", "date_invalid"]));
    expect(r.problems.find((p) => p.code === "weekday_mismatch")!.message).toContain("2026-01-01 是周四");
    expect(r.problems.every((p) => /[\u4e00-\u9fff]/.test(p.message))).toBe(true);
    // The make-up day on a Friday is caught by the JSON notice's own check once the rest is fixed.
    const friday = parseNoticeProse(fixture(2026).replace("5月9日（周六）上班", "5月8日上班"));
    expect(!friday.ok && friday.problems.map((p) => p.code)).toEqual(["makeup_not_weekend"]);
  });

  it("refuses text that is not a notice, empty or too long", () => {
    const codes = (t: unknown) => {
      const r = parseNoticeProse(t);
      return r.ok ? [] : r.problems.map((p) => p.code);
    };
    expect(codes("")).toEqual(["text_missing"]);
    expect(codes("今天天气很好。")).toEqual(["year_missing", "sections_missing"]);
    expect(codes("x".repeat(NOTICE_TEXT_MAX_CHARS + 1))).toEqual(["text_too_long"]);
    expect(codes("国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：放假。")).toEqual([
      "section_unreadable",
    ]);
  });

  it("stays linear on hostile input", () => {
    const hostile = `国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：${"1月1日(".repeat(2400)}`;
    const t0 = performance.now();
    parseNoticeProse(hostile.slice(0, NOTICE_TEXT_MAX_CHARS));
    parseNoticeProse(`国务院办公厅关于2027年部分节假日安排的通知\n${"一、元:".repeat(3000)}`);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
