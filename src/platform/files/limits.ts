import { AppError, type ErrorDetail } from "../errors";

// Every limit on an untrusted file, in one place (docs/security-files.md lists them), and the refusals they
// lead to: each a 4xx with a stable code. The numbers are sized against the worker's memory: mammoth needs
// about 100 MB of heap per MB of document.xml, so what passes the zip caps must still fit the worker.

export const ZIP_LIMITS = {
  /** Entries in one Office file; real documents have tens, rarely hundreds. */
  maxEntries: 2000,
  /** Real inflated bytes of one entry (document.xml, a sheet). */
  maxEntryBytes: 32 * 1024 * 1024,
  /** Real inflated bytes of all entries together. */
  maxTotalBytes: 96 * 1024 * 1024,
  /** Inflated ÷ compressed for one entry; Office XML is 5–30, a bomb is hundreds or thousands. */
  maxRatio: 100,
  /** Below this many inflated bytes an entry may have any ratio (a tiny, very regular XML part). */
  ratioFloorBytes: 1024 * 1024,
};
export type ZipLimits = typeof ZIP_LIMITS;

export const PDF_LIMITS = {
  /** Real inflated bytes of one non-image stream (page content, fonts, object streams). */
  maxStreamBytes: 64 * 1024 * 1024,
  /** Of all of them together. */
  maxTotalBytes: 256 * 1024 * 1024,
};
export type PdfLimits = typeof PDF_LIMITS;

export const EXTRACT_LIMITS = {
  /** One file's whole stay in a worker (inspection and extraction); the worker is killed after it. */
  timeoutMs: 20_000,
  /** Keep at most this many characters of text. */
  maxChars: 1_000_000,
  /** Excel: stop after this many cells. */
  maxCells: 500_000,
};
export type ExtractLimits = typeof EXTRACT_LIMITS;

export const WORKER_LIMITS = {
  /** Workers alive at once; more files wait their turn. */
  poolSize: 2,
  /** V8 old-generation heap of a worker; a parser that needs more is killed (file_too_complex). */
  maxOldGenerationSizeMb: 768,
  maxYoungGenerationSizeMb: 64,
  /** Files waiting for a worker; beyond this the server answers 503 file_service_busy. */
  maxQueue: 32,
};
export type WorkerLimits = typeof WORKER_LIMITS;

/** The stable codes of this module, with their statuses. */
export const FILE_ERRORS = {
  file_too_complex: 422,
  file_extraction_timeout: 422,
  file_corrupt: 422,
  pdf_active_content: 422,
  pdf_unscannable: 422,
  pdf_not_redactable: 422,
  file_not_maskable: 422,
  invalid_utf8: 400,
  table_too_large: 422,
  file_service_busy: 503,
} as const;
export type FileErrorCode = keyof typeof FILE_ERRORS;

export const fileError = (code: FileErrorCode, message: string): AppError =>
  new AppError(code, FILE_ERRORS[code], message);

export const tooComplex = (why: string) =>
  fileError(
    "file_too_complex",
    `文件${why}，超出安全处理的限度，未能处理。请精简文件（例如拆分为几个文件）后重新上传。`,
  );
export const corrupt = (why: string) => fileError("file_corrupt", `文件已损坏或格式不正确（${why}）。`);
export const extractionTimeout = (ms: number) =>
  fileError(
    "file_extraction_timeout",
    `处理文件超时（${ms >= 1000 ? `${Math.round(ms / 1000)} 秒` : `${ms} 毫秒`}），未能提取文字。请精简文件后重新上传。`,
  );

const TYPE_CODES = new Set(["unsupported_type", "type_mismatch", "macro_not_allowed"]);

/**
 * An upload refused, with every problem: 413 when a file is too large; the code and status of this module's
 * refusal when every problem is that one (422 file_too_complex…); 415 when every problem is a file type;
 * otherwise 400 validation_failed.
 */
export function uploadRefusal(problems: ErrorDetail[], message: string): AppError {
  if (problems.some((p) => p.code === "file_too_large"))
    return new AppError("file_too_large", 413, message, problems);
  const first = problems[0]?.code;
  if (first && first in FILE_ERRORS && problems.every((p) => p.code === first))
    return new AppError(first, FILE_ERRORS[first as FileErrorCode], message, problems);
  if (problems.length && problems.every((p) => TYPE_CODES.has(p.code)))
    return new AppError("unsupported_type", 415, message, problems);
  return new AppError("validation_failed", 400, message, problems);
}
