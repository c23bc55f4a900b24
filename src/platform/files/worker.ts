import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../errors";
import { type FileType, isZipType } from "./file-types";
import type { ExtractLimits } from "./limits";
import { loadParsers, parseText } from "./parsers";
import { screenPdf } from "./pdf";
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
}

export type JobAnswer =
  | { id: number; ok: true; text: string | null; error: string | null }
  | { id: number; ok: false; code: string; status: number; message: string };

export async function runJob(job: FileJob): Promise<JobAnswer> {
  const data = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
  try {
    if (isZipType(job.type)) await inspectZip(data);
    if (job.type === "pdf") await screenPdf(data);
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

// Only in a thread the pool started (a test runner's own worker threads import this file too).
if ((workerData as { gongkaiFileWorker?: boolean } | undefined)?.gongkaiFileWorker) {
  parentPort?.on("message", (job: FileJob) => {
    void runJob(job).then((answer) => parentPort?.postMessage(answer));
  });
  await loadParsers();
  parentPort?.postMessage({ ready: true });
}
