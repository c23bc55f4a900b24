// The CJK fonts every PDF gongkai writes is set in (letters, the annual report): Noto Serif CJK from the
// system's font directories (or files named in the configuration), parsed once per process and handed to each
// pdfkit document, which embeds a subset (only the glyphs used) so the file prints the same anywhere and stays
// small. Generation is local: no network, no system font lookup beyond the files named below.
//
// Speed: parsing a CJK font's layout tables and glyph outlines costs hundreds of milliseconds, so each face is
// read and parsed once per process and the parsed font is handed to every document (pdfkit accepts a fontkit
// font in place of a file); each document still embeds its own subset.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { AppError } from "../errors";

/** A font file and, for a TrueType/OpenType collection (.ttc), the face's PostScript name. */
export interface FontFace {
  path: string;
  postscriptName?: string;
}

export interface PdfFontOptions {
  regular?: FontFace;
  /** Headings and titles; falls back to the regular face when absent or unreadable. */
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
export interface ParsedFont {
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

export const PDF_FONT_MISSING_MESSAGE =
  "生成 PDF 所需的中文字体不可用（需安装 fonts-noto-cjk，或在配置中指定字体文件）。";

/**
 * The regular and bold faces (bold falls back to regular). Without a regular face: the error `missing`
 * makes (default `pdf_font_missing`, 500), naming what to install.
 */
export async function loadPdfFonts(
  options: PdfFontOptions = {},
  missing: () => AppError = () => new AppError("pdf_font_missing", 500, PDF_FONT_MISSING_MESSAGE),
): Promise<{ regular: ParsedFont; bold: ParsedFont }> {
  const regular = await loadFace(options.regular ? [options.regular] : DEFAULT_REGULAR);
  if (!regular) throw missing();
  const bold = (await loadFace(options.bold ? [options.bold] : DEFAULT_BOLD)) ?? regular;
  return { regular, bold };
}

/** Registers the faces on a document as "body" and "bold". */
export function registerPdfFonts(
  doc: PDFKit.PDFDocument,
  fonts: { regular: ParsedFont; bold: ParsedFont },
): void {
  // pdfkit's types only list file sources, but it takes a parsed fontkit face as well.
  doc.registerFont("body", fonts.regular as unknown as Buffer);
  doc.registerFont("bold", fonts.bold as unknown as Buffer);
}

/** The document's bytes once `doc.end()` has been called. */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}
