// CI gate on the evaluation set (test/fixtures/review/eval.jsonl): precision and recall per kind, and no
// decoy (document number, credit code, office phone, ID with a wrong check digit…) masked.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EVAL_PATH, generateEval, serializeEval } from "../../../../test/fixtures/review/eval-generator";
import { evaluate, loadEval } from "../../../../test/fixtures/review/eval-metrics";

const STRICT = ["id_card", "mobile", "bank_card", "email"];
const LOOSE = ["name", "address"];

describe("evaluation set", () => {
  const lines = loadEval();
  const report = evaluate(lines);

  it("is the committed output of its seeded generator, with at least 300 passages", () => {
    expect(lines.length).toBeGreaterThanOrEqual(300);
    expect(readFileSync(EVAL_PATH, "utf8")).toBe(serializeEval(generateEval()));
  });

  it("labels spans that exist in the text", () => {
    for (const l of lines) {
      const n = [...l.text].length;
      for (const s of [...l.labels, ...l.decoys])
        expect(s.start >= 0 && s.start < s.end && s.end <= n).toBe(true);
    }
  });

  it.each(STRICT)("%s: precision and recall ≥ 0.98", (kind) => {
    const s = report.kinds[kind];
    expect(s, `no ${kind} in the set`).toBeDefined();
    expect(s!.tp).toBeGreaterThan(10);
    expect(s!.precision, report.misses.join("\n")).toBeGreaterThanOrEqual(0.98);
    expect(s!.recall, report.misses.join("\n")).toBeGreaterThanOrEqual(0.98);
  });

  it.each(LOOSE)("%s: precision and recall ≥ 0.9", (kind) => {
    const s = report.kinds[kind]!;
    expect(s.tp).toBeGreaterThan(10);
    expect(s.precision, report.misses.join("\n")).toBeGreaterThanOrEqual(0.9);
    expect(s.recall, report.misses.join("\n")).toBeGreaterThanOrEqual(0.9);
  });

  it("masks no decoy", () => {
    expect(report.decoysMasked, report.misses.filter((m) => m.includes("DECOY")).join("\n")).toBe(0);
  });
});
