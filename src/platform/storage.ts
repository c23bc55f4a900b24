import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Blobs addressed by the SHA-256 of their content: the same file stored twice takes the room of one,
 * and a stored blob never changes, so its hash is a strong ETag. What a blob *is* (its name, its item)
 * lives in the database; this layer knows bytes only.
 */
export interface Storage {
  /** Streams bytes to a temporary file, hashing and counting them; nothing is visible until `commit`. */
  stage(source: Readable | Buffer, opts?: { maxBytes?: number }): Promise<StagedBlob>;
  /** Stores a buffer in one step (stage + commit). */
  put(data: Buffer): Promise<StoredBlob>;
  read(sha256: string): Promise<Buffer>;
  /** Reads a stored blob as a stream (downloads). */
  stream(sha256: string): Readable;
  exists(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
  /** Removes temp files older than `olderThanMs` (a crash between stage and commit leaves them). */
  sweepTemp(olderThanMs?: number): Promise<number>;
}

export interface StoredBlob {
  sha256: string;
  size: number;
  /** False when identical content was already stored (deduplicated). */
  created: boolean;
}

export interface StagedBlob {
  readonly sha256: string;
  readonly size: number;
  /** True when the source was longer than `maxBytes`: the temp file is already gone, commit refuses. */
  readonly truncated: boolean;
  /** The bytes, read back from the temp file (callers that must inspect the content). */
  read(): Promise<Buffer>;
  /** Moves the temp file to its content address (atomic rename). */
  commit(): Promise<StoredBlob>;
  /** Deletes the temp file; safe to call more than once and after commit. */
  discard(): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;

function checkSha(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256.slice(0, 80)}`);
  return sha256;
}

/** `<root>/ab/cd/<sha256>`, two levels of 256 folders so no folder grows huge. */
export const blobPath = (root: string, sha256: string): string =>
  join(root, sha256.slice(0, 2), sha256.slice(2, 4), checkSha(sha256));

const fileExists = async (path: string): Promise<boolean> => {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
};

/** The local-disk implementation; `root` is usually `<dataDir>/files`. Temp files live in `<root>/tmp`, same disk, so rename is atomic. */
export function createLocalStorage(root: string): Storage {
  const tmpDir = join(root, "tmp");

  /** Destroys a write stream and waits until its file is closed, so a following rm cannot race its open. */
  function destroyed(out: ReturnType<typeof createWriteStream>): Promise<void> {
    if (out.closed) return Promise.resolve();
    return new Promise((res) => {
      out.once("close", () => res());
      out.destroy();
    });
  }

  async function stage(source: Readable | Buffer, opts: { maxBytes?: number } = {}): Promise<StagedBlob> {
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${Date.now()}-${randomBytes(8).toString("hex")}`);
    const hash = createHash("sha256");
    const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
    let size = 0;
    let truncated = false;
    const out = createWriteStream(tmp, { flags: "wx", mode: 0o640 });
    try {
      if (Buffer.isBuffer(source)) {
        if (source.length > max) truncated = true;
        else {
          hash.update(source);
          size = source.length;
          await new Promise<void>((res, rej) => out.end(source, (e?: Error | null) => (e ? rej(e) : res())));
        }
        if (truncated) await destroyed(out);
      } else {
        await pipeline(
          source,
          async function* (chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              if (truncated) continue; // keep reading so the producer finishes, store nothing more
              if (size + chunk.length > max) {
                truncated = true;
                continue;
              }
              size += chunk.length;
              hash.update(chunk);
              yield chunk;
            }
          },
          out,
        );
      }
    } catch (e) {
      await destroyed(out);
      await rm(tmp, { force: true });
      throw e;
    }
    // A source that reports truncation itself (busboy's fileSize limit) is too large as well.
    if ((source as { truncated?: boolean }).truncated) truncated = true;
    if (truncated) await rm(tmp, { force: true });
    const sha256 = hash.digest("hex");
    let done = truncated;
    return {
      sha256,
      size,
      truncated,
      read: () => {
        if (done) throw new Error("staged blob is no longer available");
        return readFile(tmp);
      },
      async commit() {
        if (done) throw new Error(truncated ? "staged blob was truncated" : "staged blob already handled");
        done = true;
        const target = blobPath(root, sha256);
        if (await fileExists(target)) {
          await rm(tmp, { force: true });
          return { sha256, size, created: false };
        }
        await mkdir(join(root, sha256.slice(0, 2), sha256.slice(2, 4)), { recursive: true });
        await rename(tmp, target);
        return { sha256, size, created: true };
      },
      async discard() {
        done = true;
        await rm(tmp, { force: true });
      },
    };
  }

  return {
    stage,
    async put(data) {
      return (await stage(data)).commit();
    },
    read: async (sha256) => readFile(blobPath(root, sha256)),
    stream: (sha256) => createReadStream(blobPath(root, sha256)),
    exists: async (sha256) => fileExists(blobPath(root, sha256)),
    async delete(sha256) {
      try {
        await unlink(blobPath(root, sha256));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      }
    },
    async sweepTemp(olderThanMs = 24 * 60 * 60 * 1000) {
      let names: string[];
      try {
        names = await readdir(tmpDir);
      } catch {
        return 0;
      }
      const cutoff = Date.now() - olderThanMs;
      let removed = 0;
      for (const name of names) {
        const path = join(tmpDir, name);
        const s = await stat(path).catch(() => undefined);
        if (s && s.mtimeMs <= cutoff) {
          await rm(path, { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}

const byRoot = new Map<string, Storage>();

/**
 * The storage of a running app: `deps.storage` when the composition root provides one, otherwise the
 * local disk under `<dataDir>/files` (one instance per folder).
 */
export function storageOf(deps: { config: { dataDir: string }; storage?: Storage }): Storage {
  if (deps.storage) return deps.storage;
  const root = join(deps.config.dataDir, "files");
  let s = byRoot.get(root);
  if (!s) {
    s = createLocalStorage(root);
    byRoot.set(root, s);
  }
  return s;
}
