import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// Issue 11, item 8: the dependency runs one way, publishing → review. Review reaches items through the port
// publishing provides (review.port.ts); this fails if a file of review imports publishing again, directly or
// through another module of src. Test files and test helpers may import publishing (to build fixtures).

const SRC = resolve(import.meta.dirname, "..", "..");
const REVIEW = join(SRC, "domains", "review");
const PUBLISHING = join(SRC, "domains", "publishing");

const isTestFile = (path: string) => /\.test\.|\.test-helpers\./.test(path);
// The database schema composes every domain's table types (type-only): a dependency of everything, not a
// path by which review uses publishing's code.
const COMPOSITION = new Set([join(SRC, "db", "schema.ts")]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !isTestFile(path) ? [path] : [];
  });
}

/** The module specifiers of a source: static imports and re-exports (type-only too) and dynamic imports. */
function specifiersOf(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:^|[\s;}])(?:import|export)\s[^;"']*?from\s*["']([^"']+)["']/g))
    found.push(m[1]!);
  for (const m of source.matchAll(/(?:^|[\s;])import\s*["']([^"']+)["']/g)) found.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push(m[1]!);
  return found;
}

/** The file a relative specifier names (a .ts/.tsx file or a folder's index); packages are outside src. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const base = resolve(dirname(from), spec);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, "index.ts"),
    join(base, "index.tsx"),
  ])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return undefined;
}

/** Every path from a review file into publishing, as the chain of files that leads there. */
function chainsIntoPublishing(): string[] {
  const chains: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (file.startsWith(PUBLISHING + "/")) {
      chains.push([...chain, file].map((f) => relative(SRC, f)).join(" → "));
      return;
    }
    if (seen.has(file) || COMPOSITION.has(file)) return;
    seen.add(file);
    for (const spec of specifiersOf(readFileSync(file, "utf8"))) {
      const target = resolveImport(file, spec);
      if (target && !isTestFile(target)) walk(target, [...chain, file]);
    }
  };
  for (const file of sourceFiles(REVIEW)) walk(file, []);
  return chains;
}

describe("review depends on publishing through a port only", () => {
  it("finds every form of import the check relies on", () => {
    const source = [
      'import { a } from "../publishing/publishing.repo";',
      'import type { B } from "../publishing";',
      'export { c } from "../publishing/rich-text";',
      'import "../publishing/side-effect";',
      'const d = await import("../publishing/page-cache");',
      "import {\n  e,\n  f,\n} from '../publishing/attachments/attachments.repo';",
    ].join("\n");
    expect(specifiersOf(source)).toEqual([
      "../publishing/publishing.repo",
      "../publishing",
      "../publishing/rich-text",
      "../publishing/attachments/attachments.repo",
      "../publishing/side-effect",
      "../publishing/page-cache",
    ]);
    expect(resolveImport(join(REVIEW, "review.service.ts"), "../publishing")).toBe(
      join(PUBLISHING, "index.ts"),
    );
  });

  it("no file of review imports publishing, directly or through another module", () => {
    expect(sourceFiles(REVIEW).length).toBeGreaterThan(5);
    expect(chainsIntoPublishing()).toEqual([]);
  });

  it("publishing provides the port review uses", () => {
    const routes = readFileSync(join(PUBLISHING, "publishing.routes.ts"), "utf8");
    expect(routes).toContain("provideReviewItems(app, reviewItems)");
  });
});
