import { AppError, type ErrorDetail } from "../errors";
import type { MaskOptions } from "../pii";
import { FILE_TYPES, type FileType, isZipType } from "./file-types";
import { EXTRACT_LIMITS, type ExtractLimits } from "./limits";
import type { Extracted } from "./parsers";
import { filePool } from "./pool";
import { checkFile } from "./sniff";

// The one way in for an uploaded file: its type by content (sniff.ts, here), then whatever must be opened
// to trust it (a ZIP inflated and counted, a PDF screened for scripts) and its text, in a worker.

const needsWorker = (type: FileType, extract: boolean) =>
  isZipType(type) || type === "pdf" || (extract && FILE_TYPES[type].text);

/**
 * Inspects a file whose type is known (and, with `extract`, extracts its text) in the file worker.
 * Throws the module's 4xx AppError: file_too_complex, file_corrupt, file_extraction_timeout,
 * pdf_active_content, pdf_unscannable; 503 file_service_busy when too many files wait.
 */
export async function inspectFile(
  type: FileType,
  data: Buffer,
  opts: { extract?: boolean; limits?: Partial<ExtractLimits> } = {},
): Promise<Extracted> {
  const limits = { ...EXTRACT_LIMITS, ...opts.limits };
  const extract = opts.extract ?? false;
  if (!needsWorker(type, extract)) {
    const legacy = extract && (type === "doc" || type === "xls");
    return {
      text: null,
      error: legacy ? "旧版 Office 文件（.doc/.xls）不提取文本，请审查人员打开原文件审查。" : null,
    };
  }
  const answer = await filePool().run(
    { type, data, extract, limits: { maxChars: limits.maxChars, maxCells: limits.maxCells } },
    limits.timeoutMs,
  );
  if (!answer.ok) throw new AppError(answer.code, answer.status, answer.message);
  return { text: answer.text, error: answer.error };
}

export type UploadCheck =
  | { ok: true; type: FileType; filename: string; extracted: Extracted }
  | { ok: false; problem: ErrorDetail };

/**
 * Checks one uploaded file: type by content and name (sniff.ts), then inspection and, with `extract`, its
 * text. A refusal comes back as a problem for the form (`field: "file"`, the file's name in the message);
 * only a server condition (503 busy) is thrown.
 */
export async function checkUpload(
  filename: string,
  data: Buffer,
  opts: { extract?: boolean; limits?: Partial<ExtractLimits> } = {},
): Promise<UploadCheck> {
  const checked = checkFile(filename, data);
  if (!checked.ok)
    return { ok: false, problem: { field: "file", code: checked.code, message: checked.message } };
  try {
    const extracted = await inspectFile(checked.type, data, opts);
    return { ok: true, type: checked.type, filename: checked.filename, extracted };
  } catch (e) {
    if (!(e instanceof AppError) || e.status >= 500) throw e;
    return { ok: false, problem: { field: "file", code: e.code, message: `“${filename}”：${e.message}` } };
  }
}

export interface MaskedFile {
  data: Buffer;
  /** What was masked, kind by kind; empty when the file held nothing to mask (then `data` is the input). */
  counts: Record<string, number>;
}

/**
 * Masks a Word, Excel or PDF file in its own format, in the file worker (inspected first, with the same
 * limits as extraction). Throws the module's 4xx AppError, among them pdf_not_redactable for a PDF whose
 * text cannot be removed reliably and file_not_maskable for other types.
 */
export async function maskFile(
  type: FileType,
  data: Buffer,
  mask: MaskOptions,
  opts: { limits?: Partial<ExtractLimits> } = {},
): Promise<MaskedFile> {
  const limits = { ...EXTRACT_LIMITS, ...opts.limits };
  const answer = await filePool().run(
    { type, data, extract: false, mask, limits: { maxChars: limits.maxChars, maxCells: limits.maxCells } },
    limits.timeoutMs,
  );
  if (!answer.ok) throw new AppError(answer.code, answer.status, answer.message);
  if (!answer.masked) throw new Error("the file worker returned no masked file");
  const out = answer.masked.data;
  return { data: Buffer.from(out.buffer, out.byteOffset, out.byteLength), counts: answer.masked.counts };
}

/** The types maskFile keeps in their own format. */
export const MASKABLE_TYPES: readonly FileType[] = ["docx", "xlsx", "pdf"];
