// Review engine benchmark: `node bin/run-ts.mjs bench/review.bench.ts`.
// 1. precision and recall per kind on the evaluation set, and decoys a default maskText would mask;
// 2. scanText throughput on 1 MB and 5 MB of real legal text against a trivial regex pass measured in
//    the same run (so the ratio, not the machine, is what to compare between runs);
// 3. findings per kind on the whole corpus, which holds no personal data: every PII finding is a false
//    positive.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { PII_KINDS, scanText } from "../src/domains/review/engine";
import { evaluate, loadEval } from "../test/fixtures/review/eval-metrics";

const CORPUS = join(import.meta.dirname, "../../shared/corpus/laws-zh.jsonl.gz");
const MB = 1024 * 1024;

function evalSection(): void {
  const report = evaluate(loadEval());
  console.log("== evaluation set (exact spans) ==");
  console.log("kind              tp    fp    fn  precision  recall");
  for (const [k, s] of Object.entries(report.kinds).sort()) {
    console.log(
      `${k.padEnd(16)}${String(s.tp).padStart(5)} ${String(s.fp).padStart(5)} ${String(s.fn).padStart(5)}` +
        `  ${s.precision.toFixed(3).padStart(9)}  ${s.recall.toFixed(3).padStart(6)}`,
    );
  }
  console.log(`decoys masked: ${report.decoysMasked}`);
  for (const m of report.misses.slice(0, 10)) console.log(`  ${m}`);
}

/** The first characters of `text` whose UTF-8 encoding reaches `bytes`. */
function prefixOfBytes(text: string, bytes: number): string {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Buffer.byteLength(text.slice(0, mid)) < bytes) lo = mid + 1;
    else hi = mid;
  }
  return text.slice(0, lo);
}

function timeMs(fn: () => unknown, runs: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

function throughputSection(all: string): void {
  console.log("\n== throughput (median of runs, UTF-8 MB) ==");
  for (const size of [1, 5]) {
    const text = prefixOfBytes(all, size * MB);
    const runs = size === 1 ? 9 : 5;
    const scanMs = timeMs(() => scanText(text), runs);
    const baseMs = timeMs(() => {
      const re = /\d{11}/g;
      let n = 0;
      while (re.exec(text)) n++;
      return n;
    }, runs);
    const scanRate = size / (scanMs / 1000);
    const baseRate = size / (baseMs / 1000);
    console.log(
      `${size} MB (${text.length} chars): scanText ${scanMs.toFixed(1)} ms = ${scanRate.toFixed(1)} MB/s; ` +
        `baseline /\\d{11}/g ${baseMs.toFixed(2)} ms = ${baseRate.toFixed(0)} MB/s; ` +
        `scanText is ${(scanMs / baseMs).toFixed(1)}x the baseline's time`,
    );
  }
}

function corpusSection(docs: string[]): void {
  const counts = new Map<string, number>();
  const examples = new Map<string, string[]>();
  let chars = 0;
  const t0 = performance.now();
  for (const doc of docs) {
    chars += doc.length;
    for (const f of scanText(doc)) {
      counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
      const ex = examples.get(f.kind) ?? [];
      if (ex.length < 3) ex.push(JSON.stringify(f.text));
      examples.set(f.kind, ex);
    }
  }
  const ms = performance.now() - t0;
  console.log(
    `\n== whole corpus: ${docs.length} documents, ${chars} chars, scanned in ${ms.toFixed(0)} ms ==`,
  );
  console.log("personal-information findings (all false positives):");
  for (const k of PII_KINDS)
    console.log(
      `  ${k.padEnd(16)}${String(counts.get(k) ?? 0).padStart(6)}  ${(examples.get(k) ?? []).join(" ")}`,
    );
  console.log("other findings (wording and secrecy checks on laws, for information):");
  for (const [k, n] of [...counts].sort()) {
    if (!(PII_KINDS as readonly string[]).includes(k))
      console.log(`  ${k.padEnd(22)}${String(n).padStart(6)}  ${(examples.get(k) ?? []).join(" ")}`);
  }
}

evalSection();
if (!existsSync(CORPUS)) {
  console.log(`\ncorpus not found at ${CORPUS}; skipping throughput and false-positive sections`);
} else {
  const docs = gunzipSync(readFileSync(CORPUS))
    .toString("utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);
  throughputSection(docs.join("\n\n"));
  corpusSection(docs);
}
