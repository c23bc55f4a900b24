// Untrusted files (附件、申请材料、答复材料): one module, outside the domains. Sniffing by content, ZIPs
// inflated as streams against hard caps, PDFs screened for scripts, text extracted in a worker thread with
// a heap limit and a deadline, text decoded as strict UTF-8. See docs/security-files.md.
export {
  ACCEPTED_EXTENSIONS,
  FILE_TYPES,
  type FileType,
  isZipType,
  maskedFileName,
  servesInline,
  typeOfMime,
} from "./file-types";
export {
  checkUpload,
  inspectFile,
  MASKABLE_TYPES,
  type MaskedFile,
  maskFile,
  type UploadCheck,
} from "./inspect";
export {
  EXTRACT_LIMITS,
  type ExtractLimits,
  FILE_ERRORS,
  type FileErrorCode,
  PDF_LIMITS,
  uploadRefusal,
  WORKER_LIMITS,
  ZIP_LIMITS,
} from "./limits";
export type { Extracted } from "./parsers";
export { screenPdf } from "./pdf";
export { filePool } from "./pool";
export { type CheckResult, checkFile, extensionOf, type SniffResult, sniffType } from "./sniff";
export { TABLE_LIMITS, type Table, type TableLimits } from "./table";
export { parseTableFile, parseWorkbookFile } from "./table-job";
export { decodeUtf8, firstInvalidUtf8 } from "./text";
export { parseTextFile } from "./text-job";
export type { TextParsed, TextParserName } from "./text-parsers";
export { inspectZip, readZipDirectory, type ZipReport } from "./zip";
