import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { collectPdf, loadPdfFonts, registerPdfFonts } from "../../platform/pdf/fonts";
import { COLUMNS, TABLE3_ROWS } from "./reports.labels";
import { renderAnnualReportPdf } from "./reports.pdf";
import { drawTable, layoutTable, type Rows } from "./reports.pdf-table";
import type { AnnualReport } from "./reports.service";

// Table 三 pushed down the page by ever longer sections: wherever it breaks across pages, each page it is on
// starts with its heading rows (申请人情况 …); a page never holds the heading rows alone.
const row = (n: number) =>
  Object.fromEntries([...COLUMNS, "total"].map((c) => [c, c === "total" ? 6 * n : n]));
const docs = { made: 1, repealed: 0, in_force: 6 };
const report = {
  year: 2025,
  org: null,
  org_name: "测试县人民政府",
  site: { name: "测试县人民政府" },
  table2: {
    regulations: docs,
    normative: docs,
    licensing: 3412,
    penalty: 214,
    coercion: 11,
    fees_wan_yuan: 86.5,
    figures: { entered: true, orgs: 1, updated_at: null },
  },
  table3: Object.fromEntries(TABLE3_ROWS.map((r) => [r, row(7)])),
  table4: Object.fromEntries(
    ["review", "litigation_direct", "litigation_after_review"].map((k) => [
      k,
      { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
    ]),
  ),
  checks: [{ name: "一 + 二 = （七）+ 四", ok: true, details: [] }],
} as unknown as AnnualReport;

let ready: Promise<void> | undefined;
async function pages(data: Buffer): Promise<string[]> {
  const unpdf = await import("unpdf");
  ready ??= unpdf.definePDFJSModule(() => import("unpdf/pdfjs"));
  await ready;
  const doc = await unpdf.getDocumentProxy(new Uint8Array(data), { verbosity: 0, isEvalSupported: false });
  try {
    const out: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const c = await (await doc.getPage(i)).getTextContent();
      out.push(
        c.items
          .map((x) => ("str" in x ? x.str : ""))
          .join("")
          .replace(/\s+/g, ""),
      );
    }
    return out;
  } finally {
    void doc.destroy();
  }
}

describe("the annual report's PDF tables across pages", () => {
  it("repeats a table's heading rows at the top of every page it continues on, never splitting merged rows", async () => {
    const doc = new PDFDocument({
      size: "A4",
      margins: { top: 80, bottom: 80, left: 70, right: 60 },
      bufferPages: true,
    });
    const done = collectPdf(doc);
    registerPdfFonts(doc, await loadPdfFonts());
    const rows: Rows = [
      [
        { text: "事项", rowspan: 2 },
        { text: "申请人情况", colspan: 2 },
      ],
      [{ text: "自然人" }, { text: "法人" }],
      ...Array.from({ length: 70 }, (_, i) =>
        i % 10 === 0
          ? [{ text: `第${i}组`, rowspan: 3 }, { text: `行${i}` }, { text: String(i) }]
          : i % 10 < 3
            ? [{ text: `行${i}` }, { text: String(i) }]
            : [{ text: `行${i}` }, { text: `行${i}` }, { text: String(i) }],
      ),
    ];
    const width = doc.page.width - 130;
    drawTable(doc, layoutTable(doc, [width * 0.4, width * 0.3, width * 0.3], rows, 2));
    doc.end();
    const text = await pages(await done);
    expect(text.length).toBeGreaterThan(1);
    for (const [i, p] of text.entries()) {
      expect(p.startsWith("事项申请人情况自然人法人"), `page ${i + 1}: ${p.slice(0, 40)}`).toBe(true);
      // a group of merged rows (第N组 and its two rows) is never split
      for (const m of p.matchAll(/第(\d+)组/g)) {
        const n = Number(m[1]);
        expect(p, `group ${n}`).toContain(`行${n + 2}${n + 2}`);
      }
    }
  }, 60_000);

  it("keeps table 三 whole on a page when it fits, and never leaves its heading rows alone", async () => {
    for (const paragraphs of [4, 10, 16]) {
      const overview = Array.from(
        { length: paragraphs },
        (_, i) =>
          `（${i + 1}）本年度全县政务公开工作稳步推进，各项任务按计划完成，群众满意度持续提升，相关制度不断健全。`,
      ).join("\n");
      const pdf = await renderAnnualReportPdf({
        ...report,
        sections: {
          overview,
          problems: "问题。",
          other: "其他。",
          version: 1,
          updated_at: "2026-01-20T00:00:00Z",
        },
      });
      const text = await pages(pdf);
      const withTable3 = text.filter((p) =>
        /上年结转政府信息公开申请数量|属于国家秘密|（七）总计|结转下年度继续办理/.test(p),
      );
      expect(withTable3, `${paragraphs} paragraphs`).toHaveLength(1);
      expect(withTable3[0]).toContain("申请人情况自然人法人或其他组织");
      for (const p of text) if (p.includes("申请人情况")) expect(p).toMatch(/申请数量/);
    }
  }, 60_000);
});
