// The checks every upload of untrusted files goes through, shared by item attachments and consultation
// documents: each file's size, type by content and name (platform/files checkFile), then inspection and text
// extraction in the file worker within one time budget for the whole upload. Problems are collected, never
// thrown one by one, so the caller refuses the upload once, listing them all (uploadRefusal).
import { AppError, type ErrorDetail } from "../../../platform/errors";
import {
  checkFile,
  EXTRACT_LIMITS,
  type Extracted,
  FILE_TYPES,
  inspectFile,
  typeOfMime,
} from "../../../platform/files";
import type { StagedBlob } from "../../../platform/storage";
import { sanitiseFilename } from "./attachments.filename";

export interface IncomingFile {
  /** As the client declared it; sanitised here. */
  filename: string;
  staged: StagedBlob;
}

export interface CheckedFile<F extends IncomingFile = IncomingFile> {
  file: F;
  /** Sanitised, with the extension of the type found in the content. */
  filename: string;
  mime: string;
  data: Buffer;
  extracted: Extracted;
}

/**
 * Checks and inspects `files`, adding a `file` problem per refusal to `problems` (which may already hold the
 * caller's own, such as too many files). Returns the files with their extracted text when no problem was
 * found, else an empty list: files are not inspected while any is refused. `maxBytes` names the size limit
 * of a file the multipart parser truncated.
 */
export async function checkIncomingFiles<F extends IncomingFile>(
  files: readonly F[],
  problems: ErrorDetail[],
  opts: { maxBytes: number; budgetMs: number },
): Promise<CheckedFile<F>[]> {
  const add = (code: string, message: string) => problems.push({ field: "file", code, message });
  if (files.length === 0) add("no_file", "请选择要上传的文件。");
  const accepted: Array<Omit<CheckedFile<F>, "extracted">> = [];
  for (const file of files) {
    const name = sanitiseFilename(file.filename);
    if (file.staged.truncated) {
      add("file_too_large", `“${name}”超过 ${opts.maxBytes / 1024 / 1024} MB，不能上传。`);
      continue;
    }
    const data = await file.staged.read();
    const checked = checkFile(name, data);
    if (!checked.ok) add(checked.code, checked.message);
    else
      accepted.push({
        file,
        filename: sanitiseFilename(checked.filename),
        mime: FILE_TYPES[checked.type].mime,
        data,
      });
  }
  if (problems.length) return [];

  // One budget for the whole request, so twenty slow files cannot hold it for minutes. A file that is
  // unsafe to open (a ZIP bomb, a lying header, a PDF with scripts) or passes its limits refuses the upload.
  const deadline = Date.now() + opts.budgetMs;
  const out: CheckedFile<F>[] = [];
  for (const a of accepted) {
    const timeoutMs = Math.max(1, Math.min(EXTRACT_LIMITS.timeoutMs, deadline - Date.now()));
    try {
      const extracted = await inspectFile(typeOfMime(a.mime)!, a.data, {
        extract: true,
        limits: { timeoutMs },
      });
      out.push({ ...a, extracted });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      add(e.code, `“${a.filename}”：${e.message}`);
    }
  }
  return problems.length ? [] : out;
}
