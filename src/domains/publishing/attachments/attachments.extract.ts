import { FILE_TYPES, type FileType, zipEntryNames } from "./attachments.sniff";

// Text of an attachment, for the confidentiality review (保密审查) and for search. Failure never
// refuses an upload: it is recorded in extract_error, and reviewers then read the file itself.

export interface ExtractLimits {
  /** Give up after this long; the parsers cannot be cancelled, so their work is only abandoned. */
  timeoutMs: number;
  /** Keep at most this many characters of text. */
  maxChars: number;
  /** Do not open an Office file whose declared unpacked size exceeds this (a ZIP bomb defence). */
  maxUnzippedBytes: number;
  /** Excel: stop after this many cells. */
  maxCells: number;
}

export const EXTRACT_LIMITS: ExtractLimits = {
  timeoutMs: 20_000,
  maxChars: 1_000_000,
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxCells: 500_000,
};

export interface Extracted {
  text: string | null;
  error: string | null;
}

class ExtractTimeout extends Error {}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, rej) => {
        timer = setTimeout(() => rej(new ExtractTimeout()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

let pdfjsReady: Promise<void> | undefined;

async function pdfText(data: Buffer): Promise<string> {
  const unpdf = await import("unpdf");
  // unpdf 1.0.0's bundled PDF.js must be registered explicitly (its automatic lookup fails).
  pdfjsReady ??= unpdf.definePDFJSModule(() => import("unpdf/pdfjs"));
  await pdfjsReady;
  const doc = await unpdf.getDocumentProxy(new Uint8Array(data), {
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    stopAtErrors: false,
  });
  try {
    const { text } = await unpdf.extractText(doc, { mergePages: false });
    return text.join("\n\f\n");
  } finally {
    void doc.destroy();
  }
}

async function docxText(data: Buffer): Promise<string> {
  const mammoth = (await import("mammoth")).default;
  const r = await mammoth.extractRawText({ buffer: data });
  return r.value;
}

async function xlsxText(data: Buffer, maxCells: number): Promise<string> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as Parameters<typeof wb.xlsx.load>[0]);
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

export async function extractText(
  type: FileType,
  data: Buffer,
  limits: ExtractLimits = EXTRACT_LIMITS,
): Promise<Extracted> {
  if (!FILE_TYPES[type].text) {
    return {
      text: null,
      error:
        type === "doc" || type === "xls"
          ? "旧版 Office 文件（.doc/.xls）不提取文本，请审查人员打开原文件审查。"
          : null,
    };
  }
  if (type === "docx" || type === "xlsx") {
    const zip = zipEntryNames(data);
    if (!zip || zip.uncompressed > limits.maxUnzippedBytes)
      return { text: null, error: "文档解压后过大，未提取文本，请审查人员打开原文件审查。" };
  }
  try {
    const work =
      type === "pdf" ? pdfText(data) : type === "docx" ? docxText(data) : xlsxText(data, limits.maxCells);
    let text = tidy(await withTimeout(work, limits.timeoutMs));
    let error: string | null = null;
    if (text.length > limits.maxChars) {
      text = text.slice(0, limits.maxChars);
      error = `文本超过 ${limits.maxChars} 字，只保存了前 ${limits.maxChars} 字。`;
    } else if (!text && type === "pdf") {
      error = "PDF 中没有可提取的文字（可能是扫描件），请审查人员打开原文件审查。";
    }
    return { text, error };
  } catch (e) {
    if (e instanceof ExtractTimeout)
      return {
        text: null,
        error: `提取文本超时（${limits.timeoutMs / 1000} 秒），请审查人员打开原文件审查。`,
      };
    const reason = e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200);
    return { text: null, error: `无法提取文本：${reason}` };
  }
}
