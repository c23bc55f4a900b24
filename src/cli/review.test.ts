import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it, vi } from "vitest";
import { gbkBytes } from "../platform/files/files.test-helpers";
import { registerReviewCommands } from "./review";

const dir = mkdtempSync(join(tmpdir(), "gk-review-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `gongkai <args>` in-process and returns what it printed and the exit code it set. */
async function runCli(...args: string[]) {
  const program = new Command("gongkai").exitOverride();
  registerReviewCommands(program);
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => {
    stderr += `${parts.join(" ")}\n`;
  });
  try {
    process.exitCode = undefined;
    await program.parseAsync(args, { from: "user" });
    return { stdout, stderr, exitCode: process.exitCode ?? 0 };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

describe("gongkai review: text files must be UTF-8", () => {
  it("scans a UTF-8 file", async () => {
    const ok = join(dir, "ok.txt");
    writeFileSync(ok, "联系电话：13912345678", "utf8");
    const r = await runCli("review", "scan", ok, "--kinds", "mobile");
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).findings).toHaveLength(1);
  });

  it("refuses a file that is not UTF-8 (GBK) with invalid_utf8, instead of scanning replacement characters", async () => {
    const gbk = join(dir, "gbk.txt");
    writeFileSync(gbk, Buffer.concat([gbkBytes(), Buffer.from(" 13912345678")]));
    for (const command of ["scan", "mask"]) {
      const r = await runCli("review", command, gbk);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("[invalid_utf8]");
      expect(r.stderr).toContain("不是有效的 UTF-8 编码");
      expect(r.exitCode).toBe(2);
    }
  });
});
