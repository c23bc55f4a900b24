import { cfbNames, VBA_NAMES } from "./cfb";
import { ACCEPTED_EXTENSIONS, FILE_TYPES, type FileType } from "./file-types";
import { readZipDirectory } from "./zip";

// What a file is, decided by its bytes (magic numbers and, for Office files, the names in their ZIP
// directory). The client's Content-Type is never consulted; the declared extension must agree with the
// content. This only looks; inspect.ts then opens what needs opening, in a worker.

export type SniffResult =
  | { ok: true; type: FileType }
  | { ok: false; code: "unsupported_type" | "macro_not_allowed" | "empty_file"; detail: string };

const startsWith = (b: Buffer, sig: number[] | string, at = 0) => {
  const bytes = typeof sig === "string" ? Buffer.from(sig, "latin1") : Buffer.from(sig);
  return b.length >= at + bytes.length && b.subarray(at, at + bytes.length).equals(bytes);
};

/** Word or Excel inside an OLE2 compound file, by the UTF-16 names of its streams. */
function oleKind(b: Buffer): "doc" | "xls" | "macro" | undefined {
  // The directory when it reads cleanly; otherwise the UTF-16 names anywhere in the file (a damaged file).
  const names = cfbNames(b);
  const has = names
    ? (name: string) => names.includes(name)
    : (name: string) => b.includes(Buffer.from(name, "utf16le"));
  if (VBA_NAMES.some(has)) return "macro";
  if (has("WordDocument")) return "doc";
  if (has("Workbook") || has("Book")) return "xls";
  return undefined;
}

function sniffZip(b: Buffer): SniffResult {
  const names = readZipDirectory(b)?.entries.map((e) => e.name);
  if (!names?.includes("[Content_Types].xml"))
    return { ok: false, code: "unsupported_type", detail: "压缩包不是 Word 或 Excel 文档。" };
  const isWord = names.some((n) => n.startsWith("word/"));
  const isExcel = names.some((n) => n.startsWith("xl/"));
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n)))
    return { ok: false, code: "macro_not_allowed", detail: "含宏的文档不能上传。" };
  if (isWord && !isExcel) return { ok: true, type: "docx" };
  if (isExcel && !isWord) return { ok: true, type: "xlsx" };
  return { ok: false, code: "unsupported_type", detail: "压缩包不是 Word 或 Excel 文档。" };
}

export function sniffType(b: Buffer): SniffResult {
  if (b.length === 0) return { ok: false, code: "empty_file", detail: "文件是空的。" };
  if (startsWith(b, "%PDF-")) return { ok: true, type: "pdf" };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: "png" };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { ok: true, type: "jpeg" };
  if (startsWith(b, "GIF87a") || startsWith(b, "GIF89a")) return { ok: true, type: "gif" };
  if (startsWith(b, "RIFF") && startsWith(b, "WEBP", 8)) return { ok: true, type: "webp" };
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const kind = oleKind(b);
    if (kind === "macro") return { ok: false, code: "macro_not_allowed", detail: "含宏的文档不能上传。" };
    return kind
      ? { ok: true, type: kind }
      : { ok: false, code: "unsupported_type", detail: "不是 Word 或 Excel 文档的复合文件。" };
  }
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(b);
  return { ok: false, code: "unsupported_type", detail: "不支持的文件类型。" };
}

export const extensionOf = (filename: string): string => {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(filename);
  return m ? m[1]!.toLowerCase() : "";
};

export type CheckResult =
  | { ok: true; type: FileType; filename: string }
  | {
      ok: false;
      code: "unsupported_type" | "type_mismatch" | "macro_not_allowed" | "empty_file";
      message: string;
    };

/**
 * Checks content against the declared name. A name without an extension gets the one the content
 * implies; a name whose extension names another type (an .exe renamed .pdf) is refused.
 */
export function checkFile(filename: string, head: Buffer): CheckResult {
  const ext = extensionOf(filename);
  const sniffed = sniffType(head);
  const accepted = ACCEPTED_EXTENSIONS.join("、");
  if (!sniffed.ok) {
    return {
      ok: false,
      code: sniffed.code,
      message:
        sniffed.code === "unsupported_type"
          ? `“${filename}”：${sniffed.detail}只接受 ${accepted} 文件。`
          : `“${filename}”：${sniffed.detail}`,
    };
  }
  const t = FILE_TYPES[sniffed.type];
  if (!ext) return { ok: true, type: sniffed.type, filename: `${filename}.${t.exts[0]}` };
  if (!(t.exts as readonly string[]).includes(ext)) {
    return {
      ok: false,
      code: ACCEPTED_EXTENSIONS.includes(ext) ? "type_mismatch" : "unsupported_type",
      message: `“${filename}”：扩展名 .${ext} 与文件内容（${t.label}）不符。`,
    };
  }
  return { ok: true, type: sniffed.type, filename };
}
