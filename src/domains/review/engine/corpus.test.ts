// Real legal text holds no personal data: any ID, mobile, bank card or e-mail found in it is a false
// positive. Reads the shared corpus beside the repository (tests may; the product must not need it).
// A missing corpus fails this suite rather than skipping it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { scanText } from "./scan";

const CORPUS = join(import.meta.dirname, "../../../../../shared/corpus/laws-zh.jsonl.gz");
const LIMIT = 2_000_000;

function firstDocuments(): string[] {
  if (!existsSync(CORPUS)) throw new Error(`the shared corpus is required at ${CORPUS}`);
  const docs: string[] = [];
  let chars = 0;
  for (const line of gunzipSync(readFileSync(CORPUS)).toString("utf8").split("\n")) {
    if (!line.trim()) continue;
    const text = (JSON.parse(line) as { text: string }).text;
    docs.push(text);
    chars += text.length;
    if (chars >= LIMIT) break;
  }
  return docs;
}

describe("false positives on real legal text", () => {
  it("finds no ID, mobile, bank card or e-mail in the first 2M characters", () => {
    const docs = firstDocuments();
    const hits = docs.flatMap((d) =>
      scanText(d, { kinds: ["id_card", "mobile", "bank_card", "email"] }).map((f) => `${f.kind} ${f.text}`),
    );
    expect(docs.reduce((n, d) => n + d.length, 0)).toBeGreaterThanOrEqual(LIMIT);
    expect(hits).toEqual([]);
  });
});
