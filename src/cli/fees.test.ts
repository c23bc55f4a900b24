import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerFeesCommands } from "./fees";

/** Runs `gongkai <args>` in-process and returns what it printed and the exit code it set. */
async function runCli(...args: string[]) {
  const program = new Command("gongkai").exitOverride();
  registerFeesCommands(program);
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  // reportCliError writes through console.error, which vitest routes through its own console.
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

afterEach(() => {
  process.exitCode = undefined;
});

describe("gongkai fees", () => {
  it('prints exactly {"yuan":4700} for 250 pages (CONTRACT.md)', async () => {
    const r = await runCli("fees", "--pages", "250");
    expect(r).toEqual({ stdout: '{"yuan":4700}\n', stderr: "", exitCode: 0 });
  });

  it.each([
    ["--pages", "30", 0],
    ["--pages", "31", 10],
    ["--nth-in-month", "10", 0],
    ["--nth-in-month", "11", 100],
    ["--nth-in-month", "31", 200],
    ["--nth-in-month", "41", 300],
  ])("%s %s → %i 元", async (flag, n, yuan) => {
    const r = await runCli("fees", flag, n);
    expect(JSON.parse(r.stdout)).toEqual({ yuan });
    expect(r.exitCode).toBe(0);
  });

  it("accepts --opt=value", async () => {
    expect((await runCli("fees", "--nth-in-month=35")).stdout).toBe('{"yuan":200}\n');
  });

  it("refuses both options, and neither, with exit 2 and nothing on stdout", async () => {
    for (const args of [["fees", "--pages", "40", "--nth-in-month", "3"], ["fees"]]) {
      const r = await runCli(...args);
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("fee_method_required");
    }
  });

  it.each([
    ["--pages", "0", "fee_pages_invalid"],
    ["--pages", "abc", "invalid_number"],
    ["--pages", "-5", "invalid_number"],
    ["--pages", "1e3", "invalid_number"],
    ["--nth-in-month", "0", "fee_nth_invalid"],
    ["--nth-in-month", "2.5", "invalid_number"],
  ])("refuses %s %s with exit 2 [%s]", async (flag, n, code) => {
    const r = await runCli("fees", `${flag}=${n}`);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(code);
  });
});
