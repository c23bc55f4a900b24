import { userInfo } from "node:os";
import { loadConfig } from "../config";
import { createDeps, type Deps, systemActor } from "../deps";
import { AppError } from "../platform/errors";
import { decodeUtf8 } from "../platform/files/text";

/** Runs a command with its own dependencies and closes the database afterwards. */
export async function withDeps<T>(fn: (deps: Deps) => Promise<T>): Promise<T> {
  const deps = createDeps(loadConfig());
  try {
    return await fn(deps);
  } finally {
    await deps.db.close();
  }
}

export const cliActor = () => {
  let who = "unknown";
  try {
    who = userInfo().username;
  } catch {}
  return systemActor(`cli:${who}`);
};

/** Prints an error for people (Chinese message, stable code, every problem) and sets the exit code. */
export function reportCliError(e: unknown): void {
  if (e instanceof AppError) {
    console.error(`错误 [${e.code}]：${e.message}`);
    for (const d of e.details) console.error(`  - ${d.field ? `${d.field}: ` : ""}${d.message} [${d.code}]`);
    process.exitCode = e.status === 404 ? 3 : 2;
    return;
  }
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return decodeUtf8(Buffer.concat(chunks), "标准输入"); // invalid UTF-8 is refused, never replaced
}

/** Wraps a command's action so any error is reported the CLI's way (reportCliError). */
export const runCommand =
  <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
  async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      reportCliError(e);
    }
  };
