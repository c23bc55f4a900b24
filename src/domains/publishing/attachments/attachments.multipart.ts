import multipart, { type Multipart, type MultipartFile } from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { AppError } from "../../../platform/errors";
import type { Storage } from "../../../platform/storage";
import type { AppInstance } from "../../../web/types";
import { type IncomingFile, MAX_FILE_BYTES, MAX_FILES_PER_ITEM } from "./attachments.service";

/**
 * Registers multipart parsing for the whole app, with the attachment limits. Bodies are streamed (never
 * buffered whole): each file goes to a temp file of the storage while it is hashed, one at a time.
 */
export async function registerMultipart(app: AppInstance): Promise<void> {
  await app.register(multipart, {
    throwFileSizeLimit: false, // an oversized file is reported with the others (attachments.service.ts)
    limits: {
      fileSize: MAX_FILE_BYTES,
      files: MAX_FILES_PER_ITEM,
      fields: 30,
      // The longest form field is an application's description: 5,000 characters, 3 bytes each in UTF-8.
      fieldSize: 32 * 1024,
      parts: MAX_FILES_PER_ITEM + 20,
      headerPairs: 100,
    },
  });
}

function multipartError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  switch ((e as { code?: string }).code) {
    case "FST_FILES_LIMIT":
      return new AppError("too_many_files", 413, `一次最多上传 ${MAX_FILES_PER_ITEM} 个文件。`);
    case "FST_PARTS_LIMIT":
    case "FST_FIELDS_LIMIT":
      return new AppError("too_many_parts", 413, "提交的表单项过多。");
    case "FST_REQ_FILE_TOO_LARGE":
      return new AppError("file_too_large", 413, `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB。`);
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return new AppError("not_multipart", 415, "请以 multipart/form-data 方式上传文件。");
  }
  return new AppError("bad_upload", 400, "上传的数据不完整或格式不正确，请重新上传。");
}

export interface Upload {
  /** The plain fields sent before the first file (the form puts `_csrf` first). */
  readonly fields: Record<string, string>;
  /** Streams every `file` part into staging; other file fields are skipped. Errors discard what was staged. */
  stageFiles(storage: Storage): Promise<IncomingFile[]>;
  /**
   * Reads every `file` part into memory instead (small uploads that must never touch the disk in clear,
   * such as an applicant's ID image, encrypted before storing). A file longer than `maxBytes` is cut off
   * and flagged `truncated`; parts beyond `maxFiles` are read and dropped, counted in `dropped`. The fields
   * after the files are kept in `fields` too.
   */
  bufferFiles(opts: { maxBytes: number; maxFiles: number }): Promise<BufferedFiles>;
  /** Reads and drops whatever is left of the body, so the connection can serve the next request. */
  drain(): Promise<void>;
}

export interface BufferedFile {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

export interface BufferedFiles {
  files: BufferedFile[];
  dropped: number;
}

async function bufferStream(
  file: MultipartFile["file"],
  maxBytes: number,
): Promise<{ data: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of file as AsyncIterable<Buffer>) {
    if (truncated) continue;
    if (size + chunk.length > maxBytes) {
      truncated = true;
      chunks.length = 0; // keep nothing of a refused file
      continue;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return {
    data: Buffer.concat(chunks),
    truncated: truncated || (file as { truncated?: boolean }).truncated === true,
  };
}

const uploads = new WeakMap<FastifyRequest, Upload>();

async function dropStream(file: MultipartFile["file"]): Promise<void> {
  try {
    for await (const _ of file) {
      // discard
    }
  } catch {
    // a broken part is reported by the iterator
  }
}

/**
 * Starts reading a multipart body: the fields before the first file, which is left waiting. Calling it
 * again for the same request returns the same reader.
 */
export async function openUpload(req: FastifyRequest): Promise<Upload> {
  const existing = uploads.get(req);
  if (existing) return existing;
  const parts = req.parts() as AsyncIterableIterator<Multipart>;
  let finished = false;
  let pending: Multipart | undefined;
  const fields: Record<string, string> = Object.create(null);
  const next = async (): Promise<Multipart | undefined> => {
    if (finished) return undefined;
    try {
      const r = await parts.next();
      if (r.done) finished = true;
      return r.done ? undefined : r.value;
    } catch (e) {
      finished = true;
      throw multipartError(e);
    }
  };
  const keepField = (p: Multipart) => {
    if (p.type !== "field") return;
    // A cut-off value must never be taken for what was sent: refuse the form instead.
    if (p.valueTruncated || p.fieldnameTruncated)
      throw new AppError("field_too_long", 413, `表单项“${p.fieldname.slice(0, 40)}”过长，未能提交。`, [
        { field: p.fieldname.slice(0, 40), code: "field_too_long", message: "内容过长，请删减后重新提交。" },
      ]);
    if (typeof p.value === "string" && !(p.fieldname in fields)) fields[p.fieldname] = p.value;
  };

  const upload: Upload = {
    fields,
    async stageFiles(storage) {
      const out: IncomingFile[] = [];
      try {
        for (;;) {
          const p = pending ?? (await next());
          pending = undefined;
          if (!p) break;
          if (p.type === "field") keepField(p);
          else if (p.fieldname !== "file" || !p.filename)
            await dropStream(p.file); // "no file chosen" sends an empty part
          else
            out.push({
              filename: p.filename,
              staged: await storage.stage(p.file, { maxBytes: MAX_FILE_BYTES }),
            });
        }
        return out;
      } catch (e) {
        for (const f of out) await f.staged.discard();
        throw multipartError(e);
      }
    },
    async bufferFiles({ maxBytes, maxFiles }) {
      const files: BufferedFile[] = [];
      let dropped = 0;
      for (;;) {
        const p = pending ?? (await next());
        pending = undefined;
        if (!p) break;
        if (p.type === "field") keepField(p);
        else if (p.fieldname !== "file" || !p.filename) await dropStream(p.file);
        else if (files.length >= maxFiles) {
          dropped++;
          await dropStream(p.file);
        } else {
          try {
            files.push({ filename: p.filename, ...(await bufferStream(p.file, maxBytes)) });
          } catch (e) {
            finished = true;
            throw multipartError(e);
          }
        }
      }
      return { files, dropped };
    },
    async drain() {
      try {
        for (;;) {
          const p = pending ?? (await next());
          pending = undefined;
          if (!p) return;
          if (p.type === "file") await dropStream(p.file);
        }
      } catch {
        // nothing more to read
      }
    },
  };
  uploads.set(req, upload);
  try {
    for (;;) {
      const p = await next();
      if (!p) break;
      if (p.type === "file") {
        pending = p;
        break;
      }
      keepField(p);
    }
  } catch (e) {
    await upload.drain();
    throw e;
  }
  return upload;
}

/** Drains an upload a request opened but did not finish (a refused CSRF token, an error). */
export async function drainUpload(req: FastifyRequest): Promise<void> {
  await uploads.get(req)?.drain();
}

/**
 * A preValidation hook for multipart forms: the CSRF token is read from the fields that precede the file
 * (forms put `_csrf` first), so the check runs before any file is read. Only signed-in people get that
 * far; the rest are refused by the check.
 */
export async function readMultipartFields(req: FastifyRequest): Promise<void> {
  if (!req.user || !req.isMultipart()) return;
  req.body = { ...(await openUpload(req)).fields };
}

/**
 * The same for a public form (the application form, no sign-in): only the fields before the first file
 * are read here, so a request without a valid CSRF token is refused before any file is buffered.
 */
export async function readPublicMultipartFields(req: FastifyRequest): Promise<void> {
  if (!req.isMultipart()) return;
  req.body = { ...(await openUpload(req)).fields };
}
