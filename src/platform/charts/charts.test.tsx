import ExcelJS from "exceljs";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { type ChartSpec, MONTH_LABELS, tableOf } from "./chart-spec";
import { renderChartSvg, sanitiseSvg, UnsafeSvgError } from "./chart-svg";
import { ChartFigure } from "./chart-view";
import { buildChartsWorkbook, sheetName } from "./chart-xlsx";

const EVIL = `<script>alert("x")</script>`;
const IMG = `<img src=x onerror=alert(1)>`;

const spec = (over: Partial<ChartSpec> = {}): ChartSpec => ({
  id: "volumes",
  title: "各单位发布信息数",
  kind: "bar",
  categoryLabel: "单位",
  categories: [EVIL, "县财政局", `A&B "quoted"`],
  series: [
    { name: "按时", values: [3, 5, 0] },
    { name: IMG, values: [1, null, 2] },
  ],
  unit: "件",
  totals: true,
  ...over,
});

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("charts (ECharts SSR → SVG, table, Excel)", () => {
  for (const kind of ["bar", "stacked", "line"] as const)
    for (const horizontal of [false, true])
      it(`draws a well-formed, labelled ${kind}${horizontal ? " (horizontal)" : ""} chart with every label escaped`, async () => {
        const svg = await renderChartSvg(spec({ kind, horizontal }));
        // Well-formed (fast-xml-parser's validator is strict about attributes and nesting).
        expect(XMLValidator.validate(svg)).toBe(true);
        const root = /^<svg\b[^>]*>/.exec(svg)![0];
        expect(root).toContain(`role="img"`);
        const titleId = /aria-labelledby="([^"]+)"/.exec(root)![1];
        expect(svg).toContain(`<title id="${titleId}">各单位发布信息数</title>`);
        // No element but drawing ones; the evil labels are text, never markup.
        expect(svg).not.toMatch(/<(script|img|style|foreignObject|iframe)\b/i);
        for (const tag of svg.match(/<[^>]*>/g) ?? []) expect(tag).not.toMatch(/\son\w+=/i);
        expect(svg).not.toContain("style=");
        const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]!));
        // The legend shows the series names; the long category label may be truncated, never unescaped.
        expect(texts).toContain(IMG);
        expect(texts.some((t) => t?.startsWith("<script") || t?.startsWith("<scr"))).toBe(true);
      });

  it("refuses SVG holding anything but drawing elements or with an event handler", () => {
    expect(() => sanitiseSvg(`<svg><script>alert(1)</script></svg>`)).toThrow(UnsafeSvgError);
    expect(() => sanitiseSvg(`<svg><foreignObject></foreignObject></svg>`)).toThrow(UnsafeSvgError);
    expect(() => sanitiseSvg(`<svg><rect onclick="x()"></rect></svg>`)).toThrow(UnsafeSvgError);
    expect(
      sanitiseSvg(`<svg><text style="font-size:12px;fill:red" class="a">x</text><style>.a{}</style></svg>`),
    ).toBe(`<svg><text font-size="12px">x</text></svg>`);
  });

  it("makes the table from the same numbers, with totals, also transposed", () => {
    const t = tableOf(spec());
    expect(t.head).toEqual(["单位", "按时", IMG]);
    expect(t.rows).toEqual([
      { label: EVIL, cells: [3, 1] },
      { label: "县财政局", cells: [5, null] },
      { label: `A&B "quoted"`, cells: [0, 2] },
    ]);
    expect(t.total).toEqual([8, 3]);
    const months: ChartSpec = {
      id: "m",
      title: "每月",
      kind: "stacked",
      categoryLabel: "月份",
      seriesLabel: "单位",
      categories: MONTH_LABELS,
      series: [{ name: "甲", values: MONTH_LABELS.map((_, i) => i) }],
      transposeTable: true,
      totals: true,
    };
    const tt = tableOf(months);
    expect(tt.head).toEqual(["单位", ...MONTH_LABELS, "合计"]);
    expect(tt.rows[0]!.cells.at(-1)).toBe(66);
    expect(tt.total!.at(-1)).toBe(66);
  });

  it("renders the figure: the chart, then a captioned table with the same numbers, escaped, and the Excel link", async () => {
    const s = spec();
    const html = String(
      <ChartFigure spec={s} svg={await renderChartSvg(s)} xlsxHref="/x.xlsx?chart=volumes" />,
    );
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toMatch(/<caption id="chart-volumes-caption">数据表：各单位发布信息数（件）<\/caption>/);
    expect(html.indexOf("<svg")).toBeLessThan(html.indexOf("<table"));
    expect(html).toContain(`href="/x.xlsx?chart=volumes"`);
    expect(html).toContain("下载 Excel");
    const cells = [...html.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual(["3", "1", "5", "—", "0", "2", "8", "3"]);
  });

  it("writes one sheet per chart that reads back with the same numbers; formulas stay text", async () => {
    const a = spec({ categories: ["=1+1", "县财政局", "B"] });
    const buf = await buildChartsWorkbook({ heading: "乙县 2026年", charts: [a, spec({ id: "b" })] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["各单位发布信息数", "各单位发布信息数(2)"]);
    const ws = wb.worksheets[0]!;
    const rows = ws
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(["乙县 2026年"]);
    expect(rows[2]).toEqual(["单位", "按时", IMG]);
    expect(rows[3]).toEqual(["'=1+1", 3, 1]);
    expect(rows[4]).toEqual(["县财政局", 5, ""]);
    expect(rows[6]).toEqual(["合计", 8, 3]);
    expect(sheetName("a/b:c", new Set())).toBe("a b c");
  });
});
