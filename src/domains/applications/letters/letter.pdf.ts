// A letter as PDF, laid out like the Word version, with Noto Serif CJK embedded as a subset (only the
// glyphs used); the fonts are found, parsed once per process and registered by platform/pdf/fonts.ts.
import { AppError } from "../../../platform/errors";
import {
  collectPdf,
  loadPdfFonts,
  PDF_FONT_MISSING_MESSAGE,
  type PdfFontOptions,
  registerPdfFonts,
} from "../../../platform/pdf/fonts";
import { loadPdfKit } from "../../../platform/pdf/pdfkit";
import { LETTER_LAYOUT as L, type Letter, type Letterhead, letterheadPointSize } from "./letter.layout";

export type { FontFace, PdfFontOptions } from "../../../platform/pdf/fonts";

const loadFonts = (options: PdfFontOptions) =>
  loadPdfFonts(options, () => new AppError("letter_font_missing", 500, PDF_FONT_MISSING_MESSAGE));

/**
 * Parses the fonts and renders a throwaway letter ahead of the first real one (e.g. when the server
 * starts): the first document in a process pays for font tables, line-breaking data and cold code
 * (about 0.5 s here), later ones do not.
 */
export async function preloadLetterFonts(fonts: PdfFontOptions = {}): Promise<void> {
  const sample =
    "根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，现答复如下：2025年3月20日。";
  await renderLetterPdf(
    {
      kind: "disclose",
      title: "政府信息公开申请答复书",
      docNumber: "〔2025〕1号",
      salutation: "申请人：",
      paragraphs: [sample, sample],
      signature: "人民政府办公室",
      date: "2025年3月20日",
    },
    { name: "人民政府办公室" },
    fonts,
  );
}

export async function renderLetterPdf(
  letter: Letter,
  letterhead: Letterhead,
  fonts: PdfFontOptions = {},
): Promise<Buffer> {
  const faces = await loadFonts(fonts);
  const mm = L.mm;
  const margins = {
    top: L.margins.topMm * mm,
    bottom: L.margins.bottomMm * mm,
    left: L.margins.leftMm * mm,
    right: L.margins.rightMm * mm,
  };
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: "A4",
    margins,
    bufferPages: true,
    lang: "zh-CN",
    displayTitle: true,
    info: { Title: letter.title, Author: letterhead.name, Subject: letter.docNumber || letter.title },
  });
  const done = collectPdf(doc);
  registerPdfFonts(doc, faces);

  const red = `#${(letterhead.color ?? L.defaultRed).replace(/^#/, "")}`;
  const left = margins.left;
  const width = doc.page.width - margins.left - margins.right;
  const indent = L.bodyPt * 2;

  // Letterhead in red, closed by a thick-over-thin red rule.
  doc.font("bold").fontSize(letterheadPointSize(letterhead.name)).fillColor(red);
  doc.text(letterhead.name, left, margins.top, { width, align: "center", lineBreak: false });
  const ruleY = doc.y + 6;
  doc
    .save()
    .strokeColor(red)
    .lineWidth(2)
    .moveTo(left, ruleY)
    .lineTo(left + width, ruleY)
    .stroke();
  doc
    .lineWidth(0.6)
    .moveTo(left, ruleY + 3)
    .lineTo(left + width, ruleY + 3)
    .stroke()
    .restore();
  doc.fillColor("black");

  doc.font("body").fontSize(L.bodyPt);
  const lineGap = Math.max(0, L.linePitchPt - doc.currentLineHeight());
  doc.y = ruleY + 10;
  if (letter.docNumber) doc.text(letter.docNumber, left, doc.y, { width, align: "right", lineGap });

  doc.moveDown(0.8);
  doc.font("bold").fontSize(L.titlePt).text(letter.title, left, doc.y, { width, align: "center" });
  doc.moveDown(0.6);

  doc.font("body").fontSize(L.bodyPt);
  doc.text(letter.salutation, left, doc.y, { width, lineGap });
  for (const p of letter.paragraphs) doc.text(p, left, doc.y, { width, indent, align: "justify", lineGap });
  doc.moveDown(1);
  for (const line of [letter.signature, letter.date]) {
    doc.text(line, left, doc.y, { width: width - indent, align: "right", lineGap });
  }

  // Page numbers (— 1 —) 7 mm under the type area; the bottom margin is lifted so writing there does not
  // start a new page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("body")
      .fontSize(L.pageNumberPt)
      .text(`— ${i + 1} —`, left, doc.page.height - bottom + 7 * mm, {
        width,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
