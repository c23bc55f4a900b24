import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * The `gongkai` command as a user runs it (a new Node process, about a second with tsx), with a data folder of
 * its own that is removed after the test file. `gongkai(url, ...args)` resolves with stdout, stderr and the
 * exit code, whatever the code.
 */
export function cliRunner(name: string): {
  dir: string;
  gongkai(url: string, ...args: string[]): Promise<CliResult>;
} {
  const dir = mkdtempSync(join(tmpdir(), `gongkai-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  async function gongkai(url: string, ...args: string[]): Promise<CliResult> {
    try {
      const { stdout, stderr } = await run(process.execPath, ["bin/gongkai.mjs", ...args], {
        cwd: root,
        env: { ...process.env, NODE_ENV: "test", GONGKAI_DATABASE_URL: url, GONGKAI_DATA_DIR: dir },
      });
      return { stdout, stderr, code: 0 };
    } catch (e) {
      const err = e as { stdout: string; stderr: string; code: number };
      return { stdout: err.stdout, stderr: err.stderr, code: err.code };
    }
  }
  return { dir, gongkai };
}
