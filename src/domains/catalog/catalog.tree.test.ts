import { describe, expect, it } from "vitest";
import type { CatalogNodeRow } from "./catalog.repo";
import { buildTree, nest, pathTo, updateRuleLabel } from "./catalog.tree";

const row = (
  id: string,
  parent: string | null,
  sort: number,
  extra: Partial<CatalogNodeRow> = {},
): CatalogNodeRow => ({
  id,
  site_id: "s",
  org_id: "o",
  parent_id: parent,
  code: id,
  name: id.toUpperCase(),
  kind: "group",
  source: "custom",
  update_rule: "as_needed",
  update_days: null,
  description: "",
  standard: null,
  sort_order: sort,
  archived: 0,
  created_at: "",
  updated_at: "",
  ...extra,
});

describe("catalogue tree", () => {
  it("orders depth-first by sort order, parents before children, with depth", () => {
    const nodes = buildTree([row("b", null, 2), row("a2", "a", 2), row("a", null, 1), row("a1", "a", 1)]);
    expect(nodes.map((n) => [n.id, n.depth])).toEqual([
      ["a", 0],
      ["a1", 1],
      ["a2", 1],
      ["b", 0],
    ]);
    expect(nest(nodes).map((b) => [b.node.id, b.children.map((c) => c.node.id)])).toEqual([
      ["a", ["a1", "a2"]],
      ["b", []],
    ]);
    expect(pathTo(nodes, "a2")).toEqual(["a", "a2"]);
  });

  it("marks everything beneath an archived group inactive", () => {
    const nodes = buildTree([row("a", null, 1, { archived: 1 }), row("a1", "a", 1), row("b", null, 2)]);
    expect(nodes.map((n) => [n.id, n.archived, n.inactive])).toEqual([
      ["a", true, true],
      ["a1", false, true],
      ["b", false, false],
    ]);
  });

  it("treats orphans as top level and never loops on a stored cycle", () => {
    const nodes = buildTree([row("x", "missing", 1), row("p", "q", 1), row("q", "p", 1)]);
    expect(nodes.map((n) => n.id)).toEqual(["x"]);
  });

  it("says how often a node is updated", () => {
    expect(updateRuleLabel("days", 20)).toBe("形成或变更之日起20个工作日内更新");
    expect(updateRuleLabel("quarterly", null)).toBe("每季度更新");
  });
});
