// A letter as PDF, laid out like the Word version, with Noto Serif CJK embedded as a subset (only the
// glyphs used) so it prints the same anywhere and stays small. Generation is local: no network, no
// system font lookup beyond the files named below.
//
// Speed: parsing a CJK font's layout tables and glyph outlines costs hundreds of milliseconds, so each
// face is read and parsed once per process and the parsed font is handed to every document (pdfkit
// accepts a fontkit font in place of a file); each document still embeds its own subset.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { AppError } from "../../../platform/errors";
import { LETTER_LAYOUT as L, type Letter, type Letterhead, letterheadPointSize } from "./letter.layout";

/** A font file and, for a TrueType/OpenType collection (.ttc), the face's PostScript name. */
export interface FontFace {
  path: string;
  postscriptName?: string;
}

export interface PdfFontOptions {
  regular?: FontFace;
  /** Letterhead and title; falls back to the regular face when absent or unreadable. */
  bold?: FontFace;
}

// Debian/Ubuntu fonts-noto-cjk first, then the Fedora and Arch locations of the same files.
const NOTO_DIRS = [
  "/usr/share/fonts/opentype/noto",
  "/usr/share/fonts/google-noto-cjk",
  "/usr/share/fonts/noto-cjk",
];
const candidates = (file: string, postscriptName: string): FontFace[] =>
  NOTO_DIRS.map((dir) => ({ path: `${dir}/${file}`, postscriptName }));
const DEFAULT_REGULAR = candidates("NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular");
const DEFAULT_BOLD = candidates("NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold");

/** The little of fontkit used here: a parsed face that pdfkit can lay out and subset. */
interface ParsedFont {
  layout(text: string): unknown;
}
// fontkit as pdfkit itself resolves it, so the object is the kind pdfkit expects (and no second copy).
const fontkit = createRequire(createRequire(import.meta.url).resolve("pdfkit"))("fontkit") as {
  create(data: Uint8Array, postscriptName?: string): ParsedFont;
};

const parsedFaces = new Map<string, Promise<ParsedFont | null>>();

/** The face parsed once per process; null when the file cannot be read or parsed (try the next). */
function parseFace(face: FontFace): Promise<ParsedFont | null> {
  const key = `${face.path}#${face.postscriptName ?? ""}`;
  let p = parsedFaces.get(key);
  if (!p) {
    p = readFile(face.path).then(
      (data) => {
        try {
          const font = fontkit.create(data, face.postscriptName);
          return typeof font?.layout === "function" ? font : null;
        } catch {
          return null;
        }
      },
      () => null,
    );
    parsedFaces.set(key, p);
  }
  return p;
}

async function loadFace(faces: FontFace[]): Promise<ParsedFont | null> {
  for (const face of faces) {
    const font = await parseFace(face);
    if (font) return font;
  }
  return null;
}

async function loadFonts(options: PdfFontOptions) {
  const regular = await loadFace(options.regular ? [options.regular] : DEFAULT_REGULAR);
  if (!regular) {
    throw new AppError(
      "letter_font_missing",
      500,
      "生成 PDF 所需的中文字体不可用（需安装 fonts-noto-cjk，或在配置中指定字体文件）。",
    );
  }
  const bold = (await loadFace(options.bold ? [options.bold] : DEFAULT_BOLD)) ?? regular;
  return { regular, bold };
}

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

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

export async function renderLetterPdf(
  letter: Letter,
  letterhead: Letterhead,
  fonts: PdfFontOptions = {},
): Promise<Buffer> {
  const { regular, bold } = await loadFonts(fonts);
  const mm = L.mm;
  const margins = {
    top: L.margins.topMm * mm,
    bottom: L.margins.bottomMm * mm,
    left: L.margins.leftMm * mm,
    right: L.margins.rightMm * mm,
  };
  const doc = new PDFDocument({
    size: "A4",
    margins,
    bufferPages: true,
    lang: "zh-CN",
    displayTitle: true,
    info: { Title: letter.title, Author: letterhead.name, Subject: letter.docNumber || letter.title },
  });
  const done = collect(doc);
  // pdfkit's types only list file sources, but it takes a parsed fontkit face as well.
  doc.registerFont("body", regular as unknown as Buffer);
  doc.registerFont("bold", bold as unknown as Buffer);

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
