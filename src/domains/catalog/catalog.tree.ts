import type { CatalogNodeRow } from "./catalog.repo";
import type { StandardRow } from "./catalog.seed-areas";
import type { UpdateRule } from "./catalog.tables";

/** A catalogue node as the rest of the application sees it. */
export interface CatalogNode extends Omit<CatalogNodeRow, "standard" | "archived"> {
  /** As stored: plain strings, whatever the template's types promised. */
  standard: StoredStandardRow | null;
  archived: boolean;
  /** Archived itself or beneath an archived group: nothing is filed under it and the portal hides it. */
  inactive: boolean;
  depth: number;
}

const RULE_LABELS: Record<UpdateRule, string> = {
  realtime: "实时更新",
  days: "",
  monthly: "每月更新",
  quarterly: "每季度更新",
  yearly: "每年更新",
  as_needed: "有变化时更新",
};

export const UPDATE_RULE_NAMES: Record<UpdateRule, string> = {
  realtime: "实时",
  days: "限期（工作日）",
  monthly: "每月",
  quarterly: "每季度",
  yearly: "每年",
  as_needed: "有变化时",
};

export function updateRuleLabel(rule: string, days: number | null): string {
  if (rule === "days") return `形成或变更之日起${days ?? "?"}个工作日内更新`;
  return RULE_LABELS[rule as UpdateRule] ?? rule;
}

export type StoredStandardRow = Record<keyof StandardRow, string>;

function parseStandard(json: string | null): StoredStandardRow | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as StoredStandardRow;
  } catch {
    return null;
  }
}

/**
 * Orders one organisation's rows depth-first (siblings by sort_order, then code), parents before children,
 * with depth and the inherited archived state. Rows whose parent is missing are treated as top level.
 */
export function buildTree(rows: CatalogNodeRow[]): CatalogNode[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, CatalogNodeRow[]>();
  for (const r of rows) {
    const key = r.parent_id && ids.has(r.parent_id) ? r.parent_id : null;
    const list = children.get(key) ?? [];
    list.push(r);
    children.set(key, list);
  }
  for (const list of children.values())
    list.sort((a, b) => a.sort_order - b.sort_order || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const out: CatalogNode[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number, inactive: boolean) => {
    for (const r of children.get(parent) ?? []) {
      if (seen.has(r.id)) continue; // a cycle in stored data must not hang the page
      seen.add(r.id);
      const archived = r.archived === 1;
      out.push({
        ...r,
        standard: parseStandard(r.standard),
        archived,
        inactive: inactive || archived,
        depth,
      });
      walk(r.id, depth + 1, inactive || archived);
    }
  };
  walk(null, 0, false);
  return out;
}

/** The node's ancestors from the top, then the node itself. */
export function pathTo(nodes: ReadonlyArray<Pick<CatalogNode, "id" | "parent_id">>, id: string) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  let cur = byId.get(id);
  while (cur && out.length < 64) {
    out.unshift(cur.id);
    cur = cur.parent_id ? byId.get(cur.parent_id) : undefined;
  }
  return out;
}

/** Nests a depth-first list for rendering. */
export interface TreeBranch {
  node: CatalogNode;
  children: TreeBranch[];
}

export function nest(nodes: CatalogNode[]): TreeBranch[] {
  const roots: TreeBranch[] = [];
  const byId = new Map<string, TreeBranch>();
  for (const node of nodes) {
    const branch = { node, children: [] };
    byId.set(node.id, branch);
    const parent = node.parent_id ? byId.get(node.parent_id) : undefined;
    (parent ? parent.children : roots).push(branch);
  }
  return roots;
}
