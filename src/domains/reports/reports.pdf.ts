// The annual report as PDF in the layout of 国办公开办函〔2021〕30号: the title, sections 一 to 六 in order,
// tables 二, 三 and 四 ruled with single lines and merged header cells as the published reports print them
// (the same cells as the Word file, reports.docx.ts), page numbers — 1 —. Fonts: platform/pdf/fonts.ts
// (Noto Serif CJK embedded as a subset). Tables (reports.pdf-table.ts) are never split inside a group of merged
// rows, repeat their heading rows on each page they continue on, start on a new page rather than leave two rows
// of themselves at a page's foot, and keep a table 二 section's heading rows with its figures.
import { collectPdf, loadPdfFonts, type PdfFontOptions, registerPdfFonts } from "../../platform/pdf/fonts";
import { loadPdfKit } from "../../platform/pdf/pdfkit";
import { formatWan } from "./reports.docx";
import {
  COLUMN_LABELS,
  COLUMNS,
  type Column,
  OUTCOME_LINES,
  RESULT_LABELS,
  ROW_LABELS,
  TABLE3_ROWS,
  type Table3Row,
} from "./reports.labels";
import { CELL_PT, type Cell, drawTable, fittingHeight, layoutTable, type Rows } from "./reports.pdf-table";
import type { AnnualReport } from "./reports.service";

const MM = 72 / 25.4;
const MARGINS = { top: 30 * MM, bottom: 28 * MM, left: 25 * MM, right: 22 * MM };
const TITLE_PT = 20;
const HEADING_PT = 15;
const BODY_PT = 13;
const n = (v: number) => String(v);

function table2Rows(t: AnnualReport["table2"]): Rows {
  const section = (text: string): Cell[] => [{ text, colspan: 4, bold: true, keepWithNext: true }];
  const single = (label: string, v: string): Cell[] => [
    { text: label, keepWithNext: label === "信息内容" },
    { text: v, colspan: 3 },
  ];
  return [
    section("第二十条第（一）项"),
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"].map((text) => ({
      text,
      keepWithNext: true,
    })),
    ...(
      [
        ["规章", t.regulations],
        ["行政规范性文件", t.normative],
      ] as const
    ).map(([label, d]) => [label, n(d.made), n(d.repealed), n(d.in_force)].map((text) => ({ text }))),
    section("第二十条第（五）项"),
    single("信息内容", "本年处理决定数量"),
    single("行政许可", n(t.licensing)),
    section("第二十条第（六）项"),
    single("信息内容", "本年处理决定数量"),
    single("行政处罚", n(t.penalty)),
    single("行政强制", n(t.coercion)),
    section("第二十条第（八）项"),
    single("信息内容", "本年收费金额（单位：万元）"),
    single("行政事业性收费", formatWan(t.fees_wan_yuan)),
  ];
}

/** The applicant columns' labels broken where the published reports break them in their narrow columns. */
const NARROW_LABELS: Partial<Record<Column, string>> = { commercial: "商业\n企业", research: "科研\n机构" };

function table3Rows(t: AnnualReport["table3"]): Rows {
  const nums = (row: Table3Row): Cell[] =>
    [...COLUMNS, "total" as const].map((c) => ({ text: n(t[row][c]) }));
  const outcomes = TABLE3_ROWS.filter((r) => OUTCOME_LINES[r]);
  const groupSize = (g: string) => outcomes.filter((r) => OUTCOME_LINES[r]!.group === g).length;
  let group = "";
  const outcomeRows = outcomes.map((r, i): Cell[] => {
    const l = OUTCOME_LINES[r]!;
    const lead: Cell[] = i === 0 ? [{ text: "三、本年度办理结果", rowspan: outcomes.length + 1 }] : [];
    let label: Cell[];
    if (!l.group) label = [{ text: l.label, colspan: 2, left: true }];
    else if (l.group !== group) {
      group = l.group;
      label = [
        { text: l.group, rowspan: groupSize(l.group) },
        { text: l.label, left: true },
      ];
    } else label = [{ text: l.label, left: true }];
    return [...lead, ...label, ...nums(r)];
  });
  const orgColumns: Column[] = ["commercial", "research", "public_interest", "legal_service", "other"];
  return [
    [
      {
        text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        colspan: 3,
        rowspan: 3,
      },
      { text: "申请人情况", colspan: 7 },
    ],
    [
      { text: "自然人", rowspan: 2 },
      { text: "法人或其他组织", colspan: 5 },
      { text: "总计", rowspan: 2 },
    ],
    orgColumns.map((c) => ({ text: NARROW_LABELS[c] ?? COLUMN_LABELS[c] })),
    [{ text: ROW_LABELS.received, colspan: 3, left: true }, ...nums("received")],
    [{ text: ROW_LABELS.carried_in, colspan: 3, left: true }, ...nums("carried_in")],
    ...outcomeRows,
    [{ text: ROW_LABELS.total, colspan: 2 }, ...nums("total")],
    [{ text: ROW_LABELS.carried_out, colspan: 3, left: true }, ...nums("carried_out")],
  ];
}

function table4Rows(t: AnnualReport["table4"]): Rows {
  const kinds = ["review", "litigation_direct", "litigation_after_review"] as const;
  const keys = ["upheld", "corrected", "other", "pending", "total"] as const;
  return [
    [
      { text: "行政复议", colspan: 5, rowspan: 2 },
      { text: "行政诉讼", colspan: 10 },
    ],
    [
      { text: "未经复议直接起诉", colspan: 5 },
      { text: "复议后起诉", colspan: 5 },
    ],
    kinds.flatMap(() => keys.map((k) => ({ text: RESULT_LABELS[k]! }))),
    kinds.flatMap((kind) => keys.map((k) => ({ text: n(t[kind][k]) }))),
  ];
}

/** The office's text of sections 一, 五 and 六, when written (otherwise the report holds the tables only). */
export interface ReportProse {
  overview: string;
  problems: string;
  other: string;
}

/** The report's title: 「<机构>XXXX年政府信息公开工作年度报告」. */
export const reportTitle = (r: Pick<AnnualReport, "org" | "org_name" | "site" | "year">) =>
  `${r.org ? r.org_name : r.site.name}${r.year}年政府信息公开工作年度报告`;

/** The report as a PDF file (A4). */
export async function renderAnnualReportPdf(
  r: AnnualReport & { sections?: ReportProse | null },
  fonts: PdfFontOptions = {},
): Promise<Buffer> {
  const faces = await loadPdfFonts(fonts);
  const title = reportTitle(r);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGINS,
    bufferPages: true,
    lang: "zh-CN",
    displayTitle: true,
    info: { Title: title, Author: r.org ? r.org_name : r.site.name, Subject: "政府信息公开工作年度报告" },
  });
  const done = collectPdf(doc);
  registerPdfFonts(doc, faces);
  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;

  doc.font("bold").fontSize(TITLE_PT).text(title, left, MARGINS.top, { width, align: "center" });
  if (!r.sections) {
    doc.moveDown(0.3);
    doc
      .font("body")
      .fontSize(BODY_PT)
      .text(r.org ? "（统计表）" : "（统计表，全县各机构汇总）", left, doc.y, { width, align: "center" });
  }
  doc.moveDown(0.8);

  const heading = (text: string) => {
    if (doc.y + HEADING_PT * 3 > doc.page.height - MARGINS.bottom) doc.addPage();
    doc.moveDown(0.4);
    doc.font("bold").fontSize(HEADING_PT).text(text, left, doc.y, { width });
    doc.moveDown(0.3);
  };
  const prose = (text: string) => {
    doc.font("body").fontSize(BODY_PT);
    for (const p of text
      .split(/\n+/)
      .map((s) => s.trim())
      .filter(Boolean))
      doc.text(p, left, doc.y, { width, indent: BODY_PT * 2, align: "justify", lineGap: 4 });
  };
  const note = (text: string) => {
    doc.moveDown(0.3);
    doc
      .font("body")
      .fontSize(CELL_PT + 1)
      .text(text, left, doc.y, { width });
  };

  if (r.sections) {
    heading("一、总体情况");
    prose(r.sections.overview);
  }
  // A table starts on the page of its heading, with at least its heading rows and first group; one that fits on a
  // page but would leave most of itself for the next page starts on a new page instead (no half-empty page with
  // two rows of a table on it).
  const table = (title: string, widths: number[], rows: Rows, headerRows: number) => {
    const l = layoutTable(doc, widths, rows, headerRows);
    const bottom = doc.page.height - MARGINS.bottom;
    const headingHeight = HEADING_PT * 2.6;
    const room = bottom - doc.y - headingHeight;
    const fits = fittingHeight(l, room);
    const body = bottom - MARGINS.top - headingHeight;
    if (doc.y > MARGINS.top + 1 && (fits < l.start || fits < Math.min(l.total, body) / 2)) doc.addPage();
    heading(title);
    drawTable(doc, l);
  };

  table(
    "二、主动公开政府信息情况",
    [0.31, 0.23, 0.23, 0.23].map((f) => f * width),
    table2Rows(r.table2),
    0,
  );
  const numW = 0.075 * width;
  table(
    "三、收到和处理政府信息公开申请情况",
    [0.1 * width, 0.1 * width, width - 0.2 * width - 7 * numW, ...new Array<number>(7).fill(numW)],
    table3Rows(r.table3),
    3,
  );
  const check = r.checks[0];
  note(
    check?.ok
      ? `数据校验：${check.name}，各列均平衡。`
      : `数据校验：${check?.name ?? ""}，${check?.details.map((d) => d.label).join("、")}列不平衡，修正前不能发布。`,
  );
  table(
    "四、政府信息公开行政复议、行政诉讼情况",
    new Array<number>(15).fill(width / 15),
    table4Rows(r.table4),
    3,
  );
  if (r.sections) {
    heading("五、存在的主要问题及改进情况");
    prose(r.sections.problems);
    heading("六、其他需要报告的事项");
    prose(r.sections.other);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("body")
      .fontSize(BODY_PT)
      .text(`— ${i + 1} —`, left, doc.page.height - bottom + 8 * MM, {
        width,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
