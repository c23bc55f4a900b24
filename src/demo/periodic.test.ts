import { describe, expect, it } from "vitest";
import { LEFT_STALE, periodicRefreshSpecs } from "./periodic";
import type { DemoItemSpec } from "./publish";

// The demo's periodic columns as a well-run county keeps them: each stale monthly, quarterly or yearly column gets
// the items of its latest periods (never dated after today), a fresh one nothing, the chosen slip stays stale past
// its 183 days, and columns updated as things happen are left alone.
const today = "2026-12-07";
const orgs = [
  { code: "gyx", name: "固阳县人民政府", kind: "government" },
  { code: LEFT_STALE.org, name: "兴顺西镇兴顺西村村民委员会", kind: "community" },
];
const col = (code: string, name: string, update_rule: string) => ({ id: code, code, name, update_rule });
const columns = new Map([
  [
    "gyx",
    [
      col("art20-04", "统计信息", "monthly"),
      col("benefits", "惠民政策落实", "quarterly"),
      col("std-budget-1", "政府预算", "yearly"),
      col("fresh", "环境质量状况", "monthly"),
      col("news", "工作动态", "as_needed"),
    ],
  ],
  [LEFT_STALE.org, [col(LEFT_STALE.code, "村（居）务公开", "quarterly")]],
]);
const spec = (org: string, node: string, formed: string): DemoItemSpec => ({
  org,
  kind: "other",
  title: `${node} ${formed}`,
  body: "正文",
  nodes: [node],
  formed,
});
const placed = [
  spec("gyx", "art20-04", "2021-05-10"),
  spec("gyx", "benefits", "2022-04-12"),
  spec("gyx", "std-budget-1", "2020-03-18"),
  spec("gyx", "fresh", "2026-11-20"),
  spec("gyx", "news", "2020-01-10"),
  spec(LEFT_STALE.org, LEFT_STALE.code, "2021-04-20"),
];
const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

describe("the demo's periodic columns", () => {
  it("brings every stale periodic column up to date, leaving the one slip stale", () => {
    const out = periodicRefreshSpecs(orgs, columns, placed, today);
    const latest = (org: string, node: string) =>
      [...placed, ...out]
        .filter((s) => s.org === org && s.nodes?.includes(node))
        .map((s) => s.formed)
        .sort()
        .at(-1)!;
    // formed at least two weeks back, so each is drafted and published before the seed's now
    for (const s of out) expect(days(s.formed, today), s.title).toBeGreaterThanOrEqual(14);
    expect(days(latest("gyx", "art20-04"), today)).toBeLessThan(62);
    expect(out.filter((s) => s.nodes?.[0] === "art20-04").map((s) => s.title)).toEqual([
      "固阳县人民政府2026年10月主要统计数据",
      "固阳县人民政府2026年11月主要统计数据",
    ]);
    expect(days(latest("gyx", "benefits"), today)).toBeLessThan(183);
    expect(days(latest("gyx", "std-budget-1"), today)).toBeLessThan(396);
    expect(out.some((s) => s.nodes?.[0] === "fresh" || s.nodes?.[0] === "news")).toBe(false);
    const slip = days(latest(LEFT_STALE.org, LEFT_STALE.code), today);
    expect(slip).toBeGreaterThan(183);
    expect(slip).toBeLessThan(400);
  });
});
