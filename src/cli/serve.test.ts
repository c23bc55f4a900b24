import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it, vi } from "vitest";

// Each command starts Node and tsx (about a second); leave room on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "gongkai-serve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `gongkai …` with NODE_ENV=production; a server that starts anyway is stopped after 20 s. */
async function gongkaiInProduction(dbFile: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["bin/gongkai.mjs", ...args], {
      cwd: root,
      timeout: 20_000,
      env: {
        ...process.env,
        NODE_ENV: "production",
        GONGKAI_SECRET_KEY: "ab".repeat(32),
        GONGKAI_DATABASE_URL: `sqlite:${dbFile}`,
        GONGKAI_DATA_DIR: dir,
        HOST: "127.0.0.1",
        PORT: "0",
      },
    });
    return { stdout, stderr, code: 0 as number | null };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number | null; killed?: boolean };
    return { stdout: err.stdout, stderr: err.stderr, code: err.killed ? null : err.code };
  }
}

it("serve --demo refuses to seed the published demo password when NODE_ENV=production", async () => {
  const db = join(dir, "serve.db");
  const r = await gongkaiInProduction(db, "serve", "--demo");
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("demo_in_production");
  expect(r.stdout).not.toContain("Demo@gongkai2026");
  // Refused before touching the database.
  expect(existsSync(db)).toBe(false);
});

it("seed demo refuses too when NODE_ENV=production", async () => {
  const r = await gongkaiInProduction(join(dir, "seed.db"), "seed", "demo");
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("demo_in_production");
});
