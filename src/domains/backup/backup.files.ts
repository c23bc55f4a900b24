// The data folder in a backup: every regular file under it is copied (never hard-linked: the backup may be
// on another device, and a link would share later changes), hashed as it is copied, except what must never
// or need not travel: the secret key, the audit head file (rewritten from the restored database), the
// SQLite database itself (copied through the online backup API instead), and half-written uploads.
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { lstat, mkdir, readdir, rename, rm } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { HEAD_FILE } from "../audit/audit.anchor";
import type { FileEntry } from "./backup.manifest";

/** The development key lives here (config.ts); a key set in GONGKAI_SECRET_KEY is in no file at all. */
export const SECRET_KEY_FILE = "secret.key";

export interface DataScope {
  dataDir: string;
  /** Absolute paths never to include (the SQLite database and its -wal/-shm/-journal, the backup's own folder). */
  skipPaths: string[];
}

/** Why a path of the data folder stays out of the backup; null: it goes in. */
export function exclusion(rel: string, abs: string, scope: DataScope): string | null {
  if (rel === SECRET_KEY_FILE) return "密钥文件（从不备份）";
  if (rel === HEAD_FILE || (rel.startsWith(`${HEAD_FILE}.`) && rel.endsWith(".tmp")))
    return "审计链头文件（恢复时依据数据库重写）";
  for (const p of scope.skipPaths)
    if (abs === p || abs.startsWith(`${p}${sep}`)) return "数据库文件或备份目录";
  // Storage roots keep staged uploads in <root>/tmp until they are committed (platform/storage.ts).
  if (/(?:^|\/)files\/tmp(?:\/|$)/.test(rel)) return "未完成的上传暂存文件";
  return null;
}

export interface Walked {
  files: Array<{ rel: string; abs: string; size: number; mtimeMs: number }>;
  /** Symbolic links, sockets and the like: named in the summary, not followed. */
  skipped: string[];
}

/** Regular files under the data folder that a backup includes, in a stable order. */
export async function walkData(scope: DataScope): Promise<Walked> {
  const root = resolve(scope.dataDir);
  const out: Walked = { files: [], skipped: [] };
  async function walk(dir: string): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw e;
    }
    for (const name of names) {
      const abs = join(dir, name);
      const rel = relative(root, abs).split(sep).join("/");
      if (exclusion(rel, abs, scope)) continue;
      const st = await lstat(abs).catch(() => undefined);
      if (!st) continue; // removed meanwhile
      if (st.isDirectory()) await walk(abs);
      else if (st.isFile()) out.files.push({ rel, abs, size: st.size, mtimeMs: st.mtimeMs });
      else out.skipped.push(rel);
    }
  }
  await walk(root);
  return out;
}

/** Streams `from` to a new file `to` (mode 0600), hashing and counting what was written. */
export async function copyHashed(from: string, to: string): Promise<{ size: number; sha256: string }> {
  await mkdir(dirname(to), { recursive: true, mode: 0o700 });
  const hash = createHash("sha256");
  let size = 0;
  const tmp = `${to}.${randomBytes(4).toString("hex")}.part`;
  try {
    await pipeline(
      createReadStream(from),
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(tmp, { flags: "wx", mode: 0o600 }),
    );
    await rename(tmp, to);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return { size, sha256: hash.digest("hex") };
}

export async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest("hex") };
}

/**
 * Copies the data folder into `target`. Called twice around the database snapshot: blobs are addressed by
 * their content and never change, so the second pass copies only what appeared since the first (an upload
 * committed just before the snapshot is then in the backup too); a file that changed is copied again.
 */
export async function copyData(
  scope: DataScope,
  target: string,
  copied: Map<string, FileEntry & { mtimeMs: number }>,
): Promise<string[]> {
  const walked = await walkData(scope);
  for (const f of walked.files) {
    const seen = copied.get(f.rel);
    if (seen && seen.size === f.size && seen.mtimeMs === f.mtimeMs) continue;
    try {
      const r = await copyHashed(f.abs, join(target, ...f.rel.split("/")));
      copied.set(f.rel, { path: f.rel, ...r, mtimeMs: f.mtimeMs });
    } catch (e) {
      // Deleted between the listing and the copy (a blob no row refers to any more): nothing to keep.
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
  return walked.skipped;
}
