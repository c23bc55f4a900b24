import { Worker } from "node:worker_threads";
import type { AppError } from "../errors";
import { extractionTimeout, fileError, tooComplex, WORKER_LIMITS, type WorkerLimits } from "./limits";
import type { FileJob, JobAnswer, TableJob, TextJob } from "./worker";

// A small pool of file workers. A worker first loads its parsers and says it is ready; then each job gets
// a deadline. A worker that passes it, or its heap limit, or dies, is terminated (a fresh one starts for
// the next job) and the job's caller gets a 4xx. Idle workers do not keep the process alive.

const ENTRY = new URL("./worker-entry.mjs", import.meta.url);
/** Loading the parsers takes a few seconds; a worker that has not started after this is broken. */
const START_TIMEOUT_MS = 60_000;

type Job = Omit<FileJob, "id"> | Omit<TextJob, "id"> | Omit<TableJob, "id">;
interface Pending {
  job: Job;
  timeoutMs: number;
  resolve(a: JobAnswer): void;
  reject(e: unknown): void;
}
interface Slot {
  worker: Worker;
  ready: boolean;
  busy?: { id: number; pending: Pending; timer?: NodeJS.Timeout };
}

export class FileWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  get isClosed(): boolean {
    return this.closed;
  }

  constructor(private readonly limits: WorkerLimits = WORKER_LIMITS) {}

  /** Runs one job; rejects with file_extraction_timeout, file_too_complex or file_service_busy. */
  run(job: Job, timeoutMs: number): Promise<JobAnswer> {
    if (this.closed) return Promise.reject(new Error("file worker pool is closed"));
    if (this.queue.length >= this.limits.maxQueue)
      return Promise.reject(fileError("file_service_busy", "服务器正在处理其他文件，请稍后重新上传。"));
    return new Promise((resolve, reject) => {
      this.queue.push({ job, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts the workers ahead of the first file (loading the parsers takes seconds), e.g. when the server
   * starts; resolves once they are ready. Failures are left for the first job to meet.
   */
  async warm(): Promise<void> {
    const starting: Array<Promise<void>> = [];
    while (!this.closed && this.slots.length < this.limits.poolSize) {
      const slot = this.spawn();
      starting.push(
        new Promise((resolve) => {
          slot.worker.once("message", () => resolve());
          slot.worker.once("exit", () => resolve());
        }),
      );
    }
    await Promise.all(starting);
  }

  /** Workers alive now (starting, idle or busy). */
  get size(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    const closed = new Error("file worker pool is closed");
    for (const p of this.queue.splice(0)) p.reject(closed);
    const slots = this.slots.splice(0);
    for (const s of slots) {
      clearTimeout(s.busy?.timer);
      s.busy?.pending.reject(closed);
    }
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.limits.poolSize) slot = this.spawn();
      if (!slot) return;
      const pending = this.queue.shift()!;
      slot.busy = { id: this.nextId++, pending };
      slot.worker.ref();
      if (slot.ready) this.post(slot);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(ENTRY, {
      workerData: { gongkaiFileWorker: true },
      // No inherited flags (an inspector, a loader the parent was started with): the entry registers tsx.
      execArgv: [],
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: this.limits.maxYoungGenerationSizeMb,
      },
    });
    const slot: Slot = { worker, ready: false };
    const starting = setTimeout(
      () => this.fail(slot, new Error("file worker did not start")),
      START_TIMEOUT_MS,
    );
    worker.on("message", (m: JobAnswer | { ready: true }) => {
      if ("ready" in m) {
        clearTimeout(starting);
        slot.ready = true;
        if (slot.busy) this.post(slot);
        else worker.unref();
        return;
      }
      const busy = slot.busy;
      if (!busy || busy.id !== m.id) return;
      clearTimeout(busy.timer);
      slot.busy = undefined;
      worker.unref();
      busy.pending.resolve(m);
      this.pump();
    });
    // Once started, a worker that fails was brought down by its file; before that, the server is at fault.
    worker.on("error", (e: Error & { code?: string }) => {
      clearTimeout(starting);
      if (!slot.ready) return this.fail(slot, new Error(`file worker failed to start: ${e.message}`));
      this.fail(
        slot,
        tooComplex(e.code === "ERR_WORKER_OUT_OF_MEMORY" ? "处理时所需内存过多" : "使处理程序出错"),
      );
    });
    worker.on("exit", (code) => {
      clearTimeout(starting);
      this.fail(
        slot,
        slot.ready ? tooComplex("使处理程序异常退出") : new Error(`file worker exited (${code})`),
      );
    });
    this.slots.push(slot);
    return slot;
  }

  /** Hands the slot's job to its (ready) worker and starts the job's deadline. */
  private post(slot: Slot): void {
    const busy = slot.busy!;
    const { job, timeoutMs } = busy.pending;
    busy.timer = setTimeout(() => this.fail(slot, extractionTimeout(timeoutMs)), timeoutMs);
    const copy = new Uint8Array(job.data); // the caller keeps its buffer; the copy moves
    slot.worker.postMessage({ ...job, id: busy.id, data: copy } satisfies FileJob | TextJob | TableJob, [
      copy.buffer,
    ]);
  }

  /** Ends a worker that failed: its job's caller gets `error`, the next job a fresh worker. */
  private fail(slot: Slot, error: AppError | Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const busy = slot.busy;
    slot.busy = undefined;
    slot.worker.removeAllListeners("message");
    void slot.worker.terminate().catch(() => undefined);
    if (busy) {
      clearTimeout(busy.timer);
      busy.pending.reject(error);
    }
    if (!this.closed) this.pump();
  }
}

let shared: FileWorkerPool | undefined;

/** The process's pool, started on first use (and again after it was closed: a later app in the same process). */
export const filePool = (): FileWorkerPool => {
  if (!shared || shared.isClosed) shared = new FileWorkerPool();
  return shared;
};
