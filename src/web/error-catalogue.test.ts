import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FILE_ERRORS } from "../platform/files/limits";

const ROOT = join(import.meta.dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.includes(".test.") && !name.includes("test-helpers") ? [path] : [];
  });
}

// The ways src gives an error its code: the class and its subclasses, and the factories that take a code.
const THROWN = [
  /(?:new AppError|super)\(\s*"([a-z0-9_]+)",\s*\d{3}/g,
  /notFound\(\s*(?:"[^"]*"|`[^`]*`),\s*"([a-z0-9_]+)"\)/g,
  /conflict\(\s*"([a-z0-9_]+)"/g,
  /fileError\(\s*"([a-z0-9_]+)"/g,
  /new ClockError\(\s*"([a-z0-9_]+)"/g,
  /\d{3}: \["([a-z0-9_]+)", "/g, // the framework's 4xx table in errors.tsx
];

function codesThrownInSrc(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of sourceFiles(join(ROOT, "src"))) {
    const text = readFileSync(file, "utf8");
    for (const re of THROWN) for (const m of text.matchAll(re)) codes.set(m[1]!, file);
  }
  for (const code of Object.keys(FILE_ERRORS)) codes.set(code, "src/platform/files/limits.ts");
  return codes;
}

describe("docs/errors.md", () => {
  it("lists every error code thrown in src", () => {
    const doc = readFileSync(join(ROOT, "docs", "errors.md"), "utf8");
    const documented = new Set([...doc.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1]!));
    const codes = codesThrownInSrc();
    // The scan finds the codes (a broken pattern would pass vacuously).
    expect(codes.size).toBeGreaterThan(80);
    for (const known of ["validation_failed", "csrf_invalid", "calendar_year_missing", "file_too_complex"]) {
      expect(codes.has(known), known).toBe(true);
    }
    const missing = [...codes].filter(([code]) => !documented.has(code)).map(([c, f]) => `${c} (${f})`);
    expect(missing).toEqual([]);
  });
});
