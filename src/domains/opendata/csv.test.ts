import { describe, expect, it } from "vitest";
import { spreadsheetSafe, toCsv } from "./csv";
import { parseCsv } from "./csv.test-helpers";

describe("CSV for Excel", () => {
  const columns = [
    { header: "标题", value: (r: { t: string; n: number | null }) => r.t },
    { header: "数量", value: (r: { t: string; n: number | null }) => r.n },
  ];

  it("starts with a BOM, ends records with CRLF and quotes what RFC 4180 asks", () => {
    const rows = [
      { t: '关于"乡村振兴"的通知，第一批', n: 3 },
      { t: "第一行\n第二行", n: null },
      { t: " 前后空格 ", n: -1 },
    ];
    const csv = toCsv(columns, rows);
    expect(csv.startsWith("\uFEFF标题,数量\r\n")).toBe(true);
    expect(csv).toContain('"关于""乡村振兴""的通知，第一批",3\r\n');
    expect(parseCsv(csv.slice(1))).toEqual([
      ["标题", "数量"],
      ['关于"乡村振兴"的通知，第一批', "3"],
      ["第一行\n第二行", ""],
      [" 前后空格 ", "-1"],
    ]);
  });

  it("keeps a spreadsheet from running a cell as a formula", () => {
    expect(spreadsheetSafe('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(spreadsheetSafe("+1")).toBe("'+1");
    expect(spreadsheetSafe("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(spreadsheetSafe("-2")).toBe("'-2");
    expect(spreadsheetSafe(-2)).toBe("-2");
    expect(spreadsheetSafe("固政发〔2020〕1号")).toBe("固政发〔2020〕1号");
    expect(spreadsheetSafe(null)).toBe("");
  });
});
