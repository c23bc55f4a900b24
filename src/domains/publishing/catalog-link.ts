import type { Deps } from "../../deps";
import type { Problems } from "../../platform/errors";
import { isUuid } from "../../platform/ids";
import { findCatalogNodeByCode, getCatalogNode } from "../catalog";
import type { ItemKind } from "./publishing.schemas";

/** Where an item is filed when the clerk does not say: the column of its kind in the org's catalogue. */
export const DEFAULT_NODE_CODE: Record<ItemKind, string | undefined> = {
  policy: "art20-01",
  normative: "art20-01",
  interpretation: "interpretation",
  notice: undefined,
  news: undefined,
  plan: "art20-03",
  statistics: "art20-04",
  budget: "art20-07",
  other: undefined,
};

/** Resolves catalogue references (ids or codes) within the issuing org's catalogue, or the kind's default. */
export async function resolveCatalogNodes(
  deps: Deps,
  orgId: string,
  kind: ItemKind,
  refs: string[] | undefined,
  p: Problems,
): Promise<string[]> {
  if (!refs) {
    const code = DEFAULT_NODE_CODE[kind];
    const node = code ? await findCatalogNodeByCode(deps, orgId, code) : undefined;
    return node && !node.inactive ? [node.id] : [];
  }
  const out: string[] = [];
  for (const ref of refs) {
    const node = isUuid(ref)
      ? await getCatalogNode(deps, ref)
      : await findCatalogNodeByCode(deps, orgId, ref);
    if (!node || node.org_id !== orgId)
      p.add(
        "catalog_node",
        "catalog_node_not_found",
        `公开目录中找不到栏目 ${ref}（须为本单位目录的栏目）。`,
      );
    else if (node.inactive) p.add("catalog_node", "catalog_node_archived", `栏目“${node.name}”已停用。`);
    else if (node.kind !== "column")
      p.add("catalog_node", "catalog_node_not_column", `“${node.name}”是目录分组，请选择其下的栏目。`);
    else out.push(node.id);
  }
  return out;
}
