import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../errors";
import { type MaskOptions, maskText } from "../pii";
import { type FileType, isZipType } from "./file-types";
import { EXTRACT_LIMITS, type ExtractLimits, fileError } from "./limits";
import { maskDocx, maskXlsx } from "./mask-office";
import { docxText, loadParsers, parseText, pdfText, xlsxText } from "./parsers";
import { screenPdf } from "./pdf";
import { type Masker, notRedactable, redactPdf } from "./redact-pdf";
import { csvTable, type TableLimits, xlsxSheets, xlsxTable } from "./table";
import { decodeUtf8 } from "./text";
import { TEXT_PARSERS, type TextParserName } from "./text-parsers";
import { inspectZip } from "./zip";

// The file worker: everything that opens an untrusted file's insides runs here, in a thread with its own
// heap limit, so the pool (pool.ts) can kill it when it runs too long or too large and the server goes on.
// Started through worker-entry.mjs, which registers the TypeScript loader first.

export interface FileJob {
  id: number;
  type: FileType;
  data: Uint8Array;
  /** Extract the text too; otherwise only inspect. */
  extract: boolean;
  limits: Pick<ExtractLimits, "maxChars" | "maxCells">;
  /** Mask the file in its own format with these options (docx, xlsx, pdf) instead of extracting. */
  mask?: MaskOptions;
}

/** An uploaded text file: decoded as strict UTF-8 and parsed by a parser of text-parsers.ts. */
export interface TextJob {
  id: number;
  kind: "text";
  parser: TextParserName;
  data: Uint8Array;
  /** How the refusal of invalid UTF-8 names the text (e.g. "文件 notice.txt "). */
  what: string;
}

/** An uploaded spreadsheet to import: its first sheet (xlsx) or its rows (UTF-8 CSV) as text cells (table.ts). */
export interface TableJob {
  id: number;
  kind: "table";
  format: "csv" | "xlsx";
  data: Uint8Array;
  what: string;
  limits: TableLimits;
  /** These named sheets of an .xlsx instead of the first (xlsxSheets). */
  sheets?: string[];
}

export type JobAnswer =
  | {
      id: number;
      ok: true;
      text: string | null;
      error: string | null;
      /** The masked file and what was masked, kind by kind (mask jobs). */
      masked?: { data: Uint8Array; counts: Record<string, number> };
      /** The parser's result (text jobs). */
      parsed?: unknown;
    }
  | { id: number; ok: false; code: string; status: number; message: string };

export async function runJob(job: FileJob | TextJob | TableJob): Promise<JobAnswer> {
  const data = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
  try {
    if ("kind" in job) {
      if (job.kind === "table") return await runTableJob(job, data);
      const text = decodeUtf8(data, job.what).replace(/^\uFEFF/, "");
      return { id: job.id, ok: true, text, error: null, parsed: TEXT_PARSERS[job.parser](text) };
    }
    if (isZipType(job.type)) await inspectZip(data);
    if (job.type === "pdf") await screenPdf(data);
    if (job.mask) return { id: job.id, ok: true, text: null, error: null, masked: await maskFile(job, data) };
    if (!job.extract) return { id: job.id, ok: true, text: null, error: null };
    return { id: job.id, ok: true, ...(await parseText(job.type, data, job.limits)) };
  } catch (e) {
    if (e instanceof AppError)
      return { id: job.id, ok: false, code: e.code, status: e.status, message: e.message };
    // An inspector that fails for a reason of its own: the file is not one it can vouch for.
    return {
      id: job.id,
      ok: false,
      code: "file_corrupt",
      status: 422,
      message: "文件已损坏或格式不正确，未能处理。",
    };
  }
}

async function runTableJob(job: TableJob, data: Buffer): Promise<JobAnswer> {
  if (job.format === "xlsx") await inspectZip(data);
  const parsed =
    job.format === "xlsx" && job.sheets
      ? await xlsxSheets(data, job.sheets, job.limits)
      : job.format === "xlsx"
        ? await xlsxTable(data, job.limits)
        : csvTable(decodeUtf8(data, job.what).replace(/^\uFEFF/, ""), job.limits);
  return { id: job.id, ok: true, text: null, error: null, parsed };
}

const notMaskable = () =>
  fileError("file_not_maskable", "只有 Word（.docx）、Excel（.xlsx）和 PDF 文件可以按原格式去标识化。");

/**
 * Masks the file in its own format, then reads the result back as the public will and refuses it when
 * anything the masker would mask is still there (a finding the rewrite could not reach).
 */
async function maskFile(
  job: FileJob,
  data: Buffer,
): Promise<{ data: Uint8Array; counts: Record<string, number> }> {
  const options = job.mask!;
  const mask: Masker = (t) => maskText(t, options);
  const r =
    job.type === "docx"
      ? await maskDocx(data, mask)
      : job.type === "xlsx"
        ? await maskXlsx(data, mask)
        : job.type === "pdf"
          ? await redactPdf(data, mask)
          : undefined;
  if (!r) throw notMaskable();
  const text =
    job.type === "docx"
      ? await docxText(r.data)
      : job.type === "xlsx"
        ? await xlsxText(r.data, job.limits.maxCells ?? EXTRACT_LIMITS.maxCells)
        : await pdfText(new Uint8Array(r.data)); // PDF.js takes (detaches) the buffer it reads
  if (mask(text).applied.length) {
    if (job.type === "pdf") throw notRedactable("中有个人信息未能在页面内容中定位");
    throw fileError("file_not_maskable", "文件中有个人信息未能在原位置去标识化，请上传已去标识化的版本。");
  }
  return r;
}

// Only in a thread the pool started (a test runner's own worker threads import this file too).
if ((workerData as { gongkaiFileWorker?: boolean } | undefined)?.gongkaiFileWorker) {
  parentPort?.on("message", (job: FileJob | TextJob | TableJob) => {
    void runJob(job).then((answer) => {
      if (!answer.ok || !answer.masked) return parentPort?.postMessage(answer);
      // A copy of its own: a Buffer may sit in Node's shared pool, which cannot be transferred.
      const data = new Uint8Array(answer.masked.data);
      parentPort?.postMessage({ ...answer, masked: { ...answer.masked, data } }, [data.buffer]);
    });
  });
  await loadParsers();
  parentPort?.postMessage({ ready: true });
}
