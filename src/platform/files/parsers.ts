import type { FileType } from "./file-types";
import type { ExtractLimits } from "./limits";
import { pdfActiveContent } from "./pdf";
import { importPdfjs } from "./pdfjs-load.mjs";

// The text parsers. They run only inside the file worker (worker.ts), after the file passed inspection:
// each of them can use far more memory and time than the file's size suggests.

export interface Extracted {
  text: string | null;
  /** Why there is no text, or not all of it; for people (reviewers read the file itself then). */
  error: string | null;
}

let pdfjsReady: Promise<void> | undefined;

async function loadUnpdf() {
  const unpdf = await import("unpdf");
  // unpdf 1.0.0's bundled PDF.js must be registered explicitly (its automatic lookup fails).
  pdfjsReady ??= unpdf.definePDFJSModule(importPdfjs);
  await pdfjsReady;
  return unpdf;
}

/** Loads every parser, so a worker's start-up (seconds) is not counted against a file's deadline. */
export async function loadParsers(): Promise<void> {
  await Promise.all([loadUnpdf(), import("mammoth"), import("exceljs")]);
}

export async function pdfText(data: Uint8Array): Promise<string> {
  const unpdf = await loadUnpdf();
  const doc = await unpdf.getDocumentProxy(data, {
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    stopAtErrors: false,
  });
  try {
    // A second look, by the reader itself: document-level scripts the byte scan (pdf.ts) might have missed.
    if (await doc.getJSActions()) throw pdfActiveContent("JavaScript");
    const { text } = await unpdf.extractText(doc, { mergePages: false });
    return text.join("\n\f\n");
  } finally {
    void doc.destroy();
  }
}

export async function docxText(data: Uint8Array): Promise<string> {
  const mammoth = (await import("mammoth")).default;
  const r = await mammoth.extractRawText({ buffer: Buffer.from(data.buffer, data.byteOffset, data.length) });
  return r.value;
}

export async function xlsxText(data: Uint8Array, maxCells: number): Promise<string> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.length) as unknown as ArrayBuffer);
  const lines: string[] = [];
  let cells = 0;
  for (const sheet of wb.worksheets) {
    lines.push(`【${sheet.name}】`);
    sheet.eachRow({ includeEmpty: false }, (row) => {
      if (cells >= maxCells) return;
      const texts: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell) => {
        cells++;
        const t = cell.text?.trim();
        if (t) texts.push(t);
      });
      if (texts.length) lines.push(texts.join("\t"));
    });
  }
  return lines.join("\n");
}

const tidy = (s: string) =>
  s
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();

/**
 * The text of a file. A parser's failure is recorded in `error`, not thrown (a broken PDF is still a
 * file a reviewer can open); refusals (active content) are thrown as AppError.
 */
export async function parseText(
  type: FileType,
  data: Uint8Array,
  limits: Pick<ExtractLimits, "maxChars" | "maxCells">,
): Promise<Extracted> {
  if (type === "doc" || type === "xls")
    return { text: null, error: "旧版 Office 文件（.doc/.xls）不提取文本，请审查人员打开原文件审查。" };
  if (type !== "pdf" && type !== "docx" && type !== "xlsx") return { text: null, error: null };
  let raw: string;
  try {
    raw =
      type === "pdf"
        ? await pdfText(data)
        : type === "docx"
          ? await docxText(data)
          : await xlsxText(data, limits.maxCells);
  } catch (e) {
    if ((e as { code?: string }).code === "pdf_active_content") throw e;
    const reason = e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200);
    return { text: null, error: `无法提取文本：${reason}` };
  }
  let text = tidy(raw);
  if (text.length > limits.maxChars) {
    text = text.slice(0, limits.maxChars);
    return { text, error: `文本超过 ${limits.maxChars} 字，只保存了前 ${limits.maxChars} 字。` };
  }
  if (!text && type === "pdf")
    return { text, error: "PDF 中没有可提取的文字（可能是扫描件），请审查人员打开原文件审查。" };
  return { text, error: null };
}
