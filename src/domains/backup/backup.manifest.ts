// The manifest a backup carries (manifest.json): what the database and the data folder held at the moment of
// the snapshot, so a restore can be checked against it. It is signed with a key derived from the site secret:
// a dump and manifest edited together by someone without the key are refused, and a restore with another key
// is named as such before anything is written.
import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Dialect } from "../../db/connect";
import { deriveKey, safeEqual } from "../../platform/crypto";

export const MANIFEST_FILE = "manifest.json";
export const MANIFEST_FORMAT = "gongkai-backup/1";
/** The database inside the backup folder: a SQLite file, or a pg_dump archive in custom format (-Fc). */
export const DATABASE_FILE: Record<Dialect, string> = {
  sqlite: "database.sqlite",
  postgres: "database.pgdump",
};
/** The data folder's files, under the same relative paths. */
export const DATA_DIR = "data";

export interface FileEntry {
  /** Relative to the data folder, with `/` separators. */
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  gongkai_version: string;
  created_at: string;
  engine: Dialect;
  /** SQLite's library version, or the PostgreSQL server's `server_version`. */
  engine_version: string;
  schema: { latest: string | null; migrations: string[] };
  database: {
    file: string;
    size: number;
    sha256: string;
    /** `pg_dump --version` of the program that wrote the archive (PostgreSQL only). */
    tool?: string;
    tool_major?: number;
  };
  /** Rows per table, read in the same snapshot as the dump. */
  tables: Record<string, number>;
  /** The audit chain's head in that snapshot. */
  audit: { last_seq: number; last_hash: string; chain_id: string };
  files: FileEntry[];
  /** What was deliberately left out of the data folder (informative). */
  excluded: string[];
  /** Shows which secret key the backup was made under, without revealing it. */
  key_check: string;
  mac: string;
}

/** JSON with keys sorted at every level, so the MAC does not depend on how the file was formatted. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const hmac = (key: Buffer, data: string) => createHmac("sha256", key).update(data).digest("hex");

export const keyCheck = (secret: Buffer): string =>
  hmac(deriveKey(secret, "backup-key-check"), "gongkai backup key check");

export function signManifest(secret: Buffer, body: Omit<Manifest, "mac" | "key_check">): Manifest {
  const withKey = { ...body, key_check: keyCheck(secret) };
  return { ...withKey, mac: hmac(deriveKey(secret, "backup-manifest"), canonicalJson(withKey)) };
}

export function manifestMacValid(secret: Buffer, m: Manifest): boolean {
  const { mac, ...rest } = m;
  return (
    typeof mac === "string" && safeEqual(mac, hmac(deriveKey(secret, "backup-manifest"), canonicalJson(rest)))
  );
}

/** A relative path that stays inside the folder it is joined to. */
export const SAFE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[^\0\\]+$/;

export type ManifestRead = { ok: true; manifest: Manifest } | { ok: false; problem: string };

/** Reads and shape-checks manifest.json; what a field means is checked by the restore. */
export async function readManifest(dir: string): Promise<ManifestRead> {
  let raw: string;
  try {
    raw = await readFile(join(dir, MANIFEST_FILE), "utf8");
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT"
      ? { ok: false, problem: `备份目录中没有 ${MANIFEST_FILE}：不是备份目录，或备份未完成。` }
      : { ok: false, problem: `无法读取 ${MANIFEST_FILE}：${(e as Error).message}` };
  }
  let m: Manifest;
  try {
    m = JSON.parse(raw) as Manifest;
  } catch {
    return { ok: false, problem: `${MANIFEST_FILE} 不是有效的 JSON。` };
  }
  const shapeOk =
    m &&
    m.format === MANIFEST_FORMAT &&
    (m.engine === "sqlite" || m.engine === "postgres") &&
    typeof m.database?.file === "string" &&
    typeof m.database.sha256 === "string" &&
    m.tables !== null &&
    typeof m.tables === "object" &&
    Object.values(m.tables).every((n) => Number.isSafeInteger(n) && n >= 0) &&
    Number.isSafeInteger(m.audit?.last_seq) &&
    typeof m.audit.last_hash === "string" &&
    Array.isArray(m.files) &&
    m.files.every(
      (f) =>
        typeof f?.path === "string" &&
        SAFE_PATH.test(f.path) &&
        Number.isSafeInteger(f.size) &&
        typeof f.sha256 === "string",
    ) &&
    Array.isArray(m.schema?.migrations) &&
    typeof m.key_check === "string" &&
    typeof m.mac === "string";
  if (!shapeOk)
    return {
      ok: false,
      problem: `${MANIFEST_FILE} 的格式不是 ${MANIFEST_FORMAT}，或缺少字段、含有越出数据目录的路径。`,
    };
  return { ok: true, manifest: m };
}
