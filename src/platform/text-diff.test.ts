import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines } from "./text-diff";

describe("line diff", () => {
  it("marks changed paragraphs", () => {
    expect(diffLines("第一条\n第二条\n第三条", "第一条\n第二条（修订）\n第三条")).toEqual([
      { op: "same", text: "第一条" },
      { op: "del", text: "第二条" },
      { op: "add", text: "第二条（修订）" },
      { op: "same", text: "第三条" },
    ]);
  });

  it("rebuilds both sides", () => {
    const lines = fc
      .array(fc.constantFrom("甲", "乙", "丙", "丁"), { maxLength: 12 })
      .map((x) => x.join("\n"));
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const d = diffLines(a, b);
        expect(
          d
            .filter((l) => l.op !== "add")
            .map((l) => l.text)
            .join("\n"),
        ).toBe(a);
        expect(
          d
            .filter((l) => l.op !== "del")
            .map((l) => l.text)
            .join("\n"),
        ).toBe(b);
      }),
    );
  });
});
