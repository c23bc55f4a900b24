// The gazette issue as PDF in the printed layout (GB/T 9704 style): the masthead 「<政府>公报」 in red with the
// issue numbers (年第N期 总第M期) and a red rule, the table of contents by category with each document's page,
// then each document on its own page: title, 文号, body with two-character indents; page numbers — n —.
// Fonts: platform/pdf/fonts.ts (Noto Serif CJK embedded as a subset). This file is the authoritative copy:
// written once at release and stored by its SHA-256.
import { collectPdf, loadPdfFonts, type PdfFontOptions, registerPdfFonts } from "../../platform/pdf/fonts";
import { loadPdfKit } from "../../platform/pdf/pdfkit";
import { CATEGORIES, CATEGORY_LABELS } from "./gazette.steps";
import type { EntryCategory } from "./gazette.tables";

const MM = 72 / 25.4;
// GB/T 9704-2012: top 37 mm, left 28 mm, type area 156 × 225 mm on A4.
const MARGINS = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const RED = "#D0021B";
const MAST_PT = 34;
const TITLE_PT = 20; // 二号
const NUMBER_PT = 16; // 三号
const BODY_PT = 15;
const TOC_PT = 13;

export interface PdfEntry {
  position: number;
  category: EntryCategory;
  title: string;
  doc_number: string | null;
  org_name: string;
  body_text: string;
}

export interface PdfIssue {
  /** e.g. 固阳县人民政府 */
  government: string;
  year: number;
  number: number;
  total_number: number;
  /** YYYY-MM-DD */
  published_on: string;
  /** The compiling office, printed under the masthead. */
  compiler: string;
  entries: PdfEntry[];
  /** The instant of release, written as the file's creation date. */
  at: Date;
}

export const gazetteName = (government: string) => `${government}公报`;
export const issueLabel = (i: { year: number; number: number | null; total_number: number | null }) =>
  `${i.year}年第${i.number ?? "—"}期（总第${i.total_number ?? "—"}期）`;
const chineseDate = (d: string) =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** Entries grouped by category, in the table of contents' order. */
export function byCategory<T extends { category: EntryCategory; position: number }>(entries: readonly T[]) {
  return CATEGORIES.map((c) => ({
    category: c,
    label: CATEGORY_LABELS[c],
    entries: entries.filter((e) => e.category === c).sort((a, b) => a.position - b.position),
  })).filter((g) => g.entries.length > 0);
}

/** The issue as a PDF file (A4). */
export async function renderGazettePdf(issue: PdfIssue, fonts: PdfFontOptions = {}): Promise<Buffer> {
  const faces = await loadPdfFonts(fonts);
  const name = gazetteName(issue.government);
  const label = issueLabel(issue);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGINS,
    bufferPages: true,
    lang: "zh-CN",
    displayTitle: true,
    info: {
      Title: `${name} ${label}`,
      Author: issue.compiler,
      Subject: "政府公报",
      CreationDate: issue.at,
      ModDate: issue.at,
    },
  });
  const done = collectPdf(doc);
  registerPdfFonts(doc, faces);
  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;

  // Masthead
  doc.fillColor(RED).font("bold").fontSize(MAST_PT).text(name, left, MARGINS.top, { width, align: "center" });
  doc.moveDown(0.3);
  doc
    .fillColor("black")
    .font("body")
    .fontSize(NUMBER_PT)
    .text(label, left, doc.y, { width, align: "center" });
  doc.moveDown(0.2);
  const imprint = `${issue.compiler}编印　　${chineseDate(issue.published_on)}出版`;
  doc.fontSize(TOC_PT).text(imprint, left, doc.y, { width, align: "center" });
  doc.moveDown(0.4);
  doc
    .lineWidth(2)
    .strokeColor(RED)
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .stroke();
  doc.strokeColor("black");
  doc.moveDown(1);

  // Table of contents: page numbers are filled in once the documents are laid out.
  doc.font("bold").fontSize(NUMBER_PT).text("目　　录", left, doc.y, { width, align: "center" });
  doc.moveDown(0.6);
  const tocSlots: Array<{ page: number; y: number; position: number }> = [];
  for (const group of byCategory(issue.entries)) {
    doc
      .font("bold")
      .fontSize(TOC_PT + 1)
      .text(`【${group.label}】`, left, doc.y, { width });
    doc.moveDown(0.2);
    for (const e of group.entries) {
      doc.font("body").fontSize(TOC_PT);
      const line = `${e.title}${e.doc_number ? `（${e.doc_number}）` : ""}`;
      const h = doc.heightOfString(line, { width: width - 14 * MM });
      if (doc.y + h > doc.page.height - MARGINS.bottom) doc.addPage();
      const y = doc.y;
      doc.text(line, left + 2 * TOC_PT, y, { width: width - 2 * TOC_PT - 14 * MM });
      tocSlots.push({ page: doc.bufferedPageRange().count - 1, y, position: e.position });
      doc.moveDown(0.3);
    }
    doc.moveDown(0.3);
  }

  // The documents, each from a new page.
  const startPage = new Map<number, number>();
  for (const group of byCategory(issue.entries))
    for (const e of group.entries) {
      doc.addPage();
      startPage.set(e.position, doc.bufferedPageRange().count);
      doc
        .font("bold")
        .fontSize(TITLE_PT)
        .text(e.title, left, MARGINS.top, { width, align: "center", lineGap: 4 });
      doc.moveDown(0.4);
      if (e.doc_number) {
        doc.font("body").fontSize(NUMBER_PT).text(e.doc_number, left, doc.y, { width, align: "center" });
        doc.moveDown(0.2);
      }
      doc.font("body").fontSize(TOC_PT).text(`（${e.org_name}）`, left, doc.y, { width, align: "center" });
      doc.moveDown(0.8);
      doc.font("body").fontSize(BODY_PT);
      for (const para of e.body_text
        .split(/\n+/)
        .map((s) => s.trim())
        .filter(Boolean))
        doc.text(para, left, doc.y, { width, indent: BODY_PT * 2, align: "justify", lineGap: 6 });
    }

  const range = doc.bufferedPageRange();
  for (const slot of tocSlots) {
    doc.switchToPage(slot.page);
    doc
      .font("body")
      .fontSize(TOC_PT)
      .text(String(startPage.get(slot.position) ?? ""), left + width - 12 * MM, slot.y, {
        width: 12 * MM,
        align: "right",
        lineBreak: false,
      });
  }
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("body")
      .fontSize(TOC_PT)
      .text(`— ${i + 1} —`, left, doc.page.height - bottom + 10 * MM, {
        width,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
