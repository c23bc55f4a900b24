// PostgreSQL's own programs do the dump and the restore: pg_dump -Fc writes the archive, pg_restore turns it
// back into SQL that psql runs in one transaction. They are looked for in Debian's versioned folders
// (/usr/lib/postgresql/N/bin) and then on PATH, and the one matching the server's major version is preferred
// (pg_dump must not be older than the server; a newer pg_restore may emit settings an older server lacks).
import { execFile, spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { AppError } from "../../platform/errors";

const exec = promisify(execFile);
const DEBIAN_ROOT = "/usr/lib/postgresql";

export type PgTool = "pg_dump" | "pg_restore" | "psql";

export interface FoundTool {
  path: string;
  major: number;
  version: string;
}

async function candidates(tool: PgTool): Promise<string[]> {
  const dirs = await readdir(DEBIAN_ROOT).catch(() => [] as string[]);
  const versioned = dirs
    .filter((d) => /^\d+$/.test(d))
    .sort((a, b) => Number(b) - Number(a))
    .map((d) => join(DEBIAN_ROOT, d, "bin", tool));
  return [...versioned, tool]; // the bare name: found on PATH by the operating system
}

async function versionOf(path: string): Promise<FoundTool | undefined> {
  try {
    const { stdout } = await exec(path, ["--version"], { timeout: 10_000 });
    const m = /(\d+)(?:\.(\d+))?/.exec(stdout);
    return m ? { path, major: Number(m[1]), version: stdout.trim() } : undefined;
  } catch {
    return undefined;
  }
}

/** The program of the server's major version if there is one, else the oldest one at least `minMajor`. */
export async function findPgTool(
  tool: PgTool,
  serverMajor: number,
  minMajor = serverMajor,
): Promise<FoundTool> {
  const found: FoundTool[] = [];
  for (const path of await candidates(tool)) {
    const v = await versionOf(path);
    if (v && !found.some((f) => f.major === v.major)) found.push(v);
  }
  const usable = found.filter((f) => f.major >= minMajor).sort((a, b) => a.major - b.major);
  const pick = usable.find((f) => f.major === serverMajor) ?? usable[0];
  if (!pick)
    throw new AppError(
      "pg_tool_missing",
      500,
      `找不到 PostgreSQL ${minMajor} 或更高版本的 ${tool}（已查找 ${DEBIAN_ROOT}/*/bin 和 PATH${
        found.length ? `，只找到 ${found.map((f) => f.major).join("、")} 版` : ""
      }）：请安装 postgresql-client-${minMajor}。`,
    );
  return pick;
}

/** The connection URL without its password, which travels in PGPASSWORD instead (never on a command line). */
export function pgConnection(url: string): { uri: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  // The child inherits the environment (PATH, locale) and gets only the password added.
  return { uri: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env } };
}

/** Runs a program to its end; a non-zero exit is an error carrying the end of what it wrote to stderr. */
export function runTool(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString("utf8")).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path} exited with ${code ?? signal}: ${stderr.trim()}`));
    });
  });
}

/**
 * Loads an archive into the database in one transaction: psql reads `preamble` (drops, when replacing), then
 * pg_restore's SQL, and commits only after pg_restore has exited 0. Any error (ON_ERROR_STOP) or a failed
 * pg_restore ends psql without COMMIT, so the database is left as it was.
 */
export function restoreArchive(
  tools: { pgRestore: string; psql: string },
  archive: string,
  url: string,
  preamble: string,
): Promise<void> {
  const { uri, env } = pgConnection(url);
  return new Promise((resolve, reject) => {
    const psql = spawn(
      tools.psql,
      ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--no-psqlrc", "--dbname", uri, "--file", "-"],
      { env, stdio: ["pipe", "ignore", "pipe"] },
    );
    const restore = spawn(tools.pgRestore, ["--no-owner", "--no-privileges", "--file", "-", archive], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let psqlErr = "";
    let restoreErr = "";
    psql.stderr.on("data", (d: Buffer) => {
      psqlErr = (psqlErr + d.toString("utf8")).slice(-4000);
    });
    restore.stderr.on("data", (d: Buffer) => {
      restoreErr = (restoreErr + d.toString("utf8")).slice(-4000);
    });
    let restoreCode: number | null | undefined;
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      restore.kill();
      psql.kill();
      reject(e);
    };
    psql.stdin.on("error", () => {}); // psql stopped at an error: its exit code says so
    psql.on("error", fail);
    restore.on("error", fail);
    psql.stdin.write(`SET client_min_messages = warning;\nBEGIN;\n${preamble}\n`);
    restore.stdout.pipe(psql.stdin, { end: false });
    restore.on("close", (code) => {
      restoreCode = code;
      if (code === 0) psql.stdin.end("COMMIT;\n");
      else psql.stdin.end(); // no COMMIT: psql's transaction is rolled back when it disconnects
    });
    psql.on("close", (code) => {
      if (failed) return;
      const finish = () => {
        if (code !== 0) return fail(new Error(`psql exited with ${code}: ${psqlErr.trim()}`));
        if (restoreCode !== 0)
          return fail(new Error(`pg_restore exited with ${restoreCode}: ${restoreErr.trim()}`));
        resolve();
      };
      if (restoreCode === undefined) restore.once("close", finish);
      else finish();
    });
  });
}
