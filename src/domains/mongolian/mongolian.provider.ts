import type { Executor } from "../../deps";
import type { ItemMongolian, ItemRow, MongolianProvider } from "../publishing";
import * as repo from "./mongolian.repo";
import { syncMnInIndex } from "./mongolian.search";
import { itemSourceSha } from "./mongolian.subjects";

/**
 * The approved Mongolian of items, for publishing's pages, lists and API (publishing/mn-port.ts). An item that
 * has no approved version but still carries the Mongolian saved with it before versions had their own review
 * (items.title_mn / body_mn_html, approved with the Chinese in the item's own workflow) shows that text.
 */
export async function approvedMongolianFor(
  db: Executor,
  items: readonly ItemRow[],
): Promise<Map<string, ItemMongolian>> {
  const approved = await repo.approvedOf(
    db,
    "item",
    items.map((i) => i.lineage_id),
  );
  const out = new Map<string, ItemMongolian>();
  for (const item of items) {
    const mn = approved.get(item.lineage_id);
    if (mn)
      out.set(item.id, {
        title: mn.title,
        summary: mn.summary,
        bodyHtml: mn.body_html ?? "",
        outdated: mn.source_sha256 !== itemSourceSha(item),
        sourceVersion: mn.source_version,
        revision: mn.revision,
        approvedAt: mn.approved_at,
      });
    else if (item.title_mn && item.body_mn_html)
      out.set(item.id, {
        title: item.title_mn,
        summary: null,
        bodyHtml: item.body_mn_html,
        outdated: false,
        sourceVersion: item.version,
        revision: 0,
        approvedAt: item.published_at,
      });
  }
  return out;
}

export const mongolianProvider: MongolianProvider = {
  approvedFor: approvedMongolianFor,
  syncIndex: (deps, trx, items) =>
    syncMnInIndex(
      deps,
      trx,
      "item",
      items.map((i) => i.lineage_id),
    ),
};

/** Approved Mongolian names of catalogue columns, for the /mn catalogue pages (catalog/mn-names-port.ts). */
export async function approvedNodeNames(
  db: Executor,
  nodeIds: readonly string[],
): Promise<Map<string, string>> {
  const approved = await repo.approvedOf(db, "catalog_node", nodeIds);
  return new Map([...approved].map(([id, v]) => [id, v.title]));
}
