// What of the Mongolian versions the site search finds (issue 18): each approved translation of a published
// item (under its lineage, pointing at the published version's Mongolian page) and each approved Mongolian name
// of a catalogue column. Mongolian spellings are folded alike at index and query time
// (src/platform/search/mongolian.ts), so a query typed with other variant selectors or look-alike letters finds
// them. Written in the transaction that approves the translation or publishes, replaces or withdraws the item.
import type { Deps, Executor } from "../../deps";
import { getSearchIndex } from "../../platform/search";
import type { SearchDoc } from "../../platform/search/search.types";
import { type ItemRow, versionsOf } from "../publishing";
import * as repo from "./mongolian.repo";
import type { MnSubjectType } from "./mongolian.tables";

export const MN_ITEM_DOC_TYPE = "mn_item";
export const MN_CATALOG_DOC_TYPE = "mn_catalog";

const MAX_BODY_CHARS = 200_000;

function itemDoc(published: ItemRow, mn: repo.MnVersionRow): SearchDoc {
  return {
    type: MN_ITEM_DOC_TYPE,
    id: published.lineage_id,
    siteId: published.site_id,
    orgId: published.org_id,
    title: mn.title,
    body: [mn.summary ?? "", mn.body_text ?? ""].filter(Boolean).join("\n").slice(0, MAX_BODY_CHARS),
    // The 文号 finds the Chinese item; the Mongolian entry would only repeat it.
    docNumber: null,
    kind: published.kind,
    catalogNodeIds: [],
    publishedAt: published.published_at,
    validity: published.validity,
    url: `/mn/gk/items/${published.id}`,
    visibility: "public",
  };
}

/** The entries of these item lineages as they now stand (approved translation and a published version). */
async function itemDocs(db: Executor, lineages: readonly string[]) {
  const approved = await repo.approvedOf(db, "item", lineages);
  const docs: SearchDoc[] = [];
  const gone: { type: string; id: string }[] = [];
  for (const lineage of new Set(lineages)) {
    const mn = approved.get(lineage);
    const published = mn ? (await versionsOf(db, lineage)).find((v) => v.status === "published") : undefined;
    if (mn && published) docs.push(itemDoc(published, mn));
    else gone.push({ type: MN_ITEM_DOC_TYPE, id: lineage });
  }
  return { docs, gone };
}

async function catalogDocs(db: Executor, nodeIds: readonly string[]) {
  const approved = await repo.approvedOf(db, "catalog_node", nodeIds);
  const docs: SearchDoc[] = [];
  const gone: { type: string; id: string }[] = [];
  for (const id of new Set(nodeIds)) {
    const mn = approved.get(id);
    const node = mn ? await repo.findCatalogNodeName(db, id) : undefined;
    if (mn && node && !node.archived)
      docs.push({
        type: MN_CATALOG_DOC_TYPE,
        id,
        siteId: node.site_id,
        orgId: node.org_id,
        title: mn.title,
        body: "",
        docNumber: null,
        kind: null,
        catalogNodeIds: [id],
        publishedAt: mn.approved_at,
        validity: null,
        url: `/mn/gk/list?node=${encodeURIComponent(id)}`,
        visibility: "public",
      });
    else gone.push({ type: MN_CATALOG_DOC_TYPE, id });
  }
  return { docs, gone };
}

/** Brings the index in line with these subjects, inside the caller's transaction. */
export async function syncMnInIndex(
  deps: Pick<Deps, "db" | "clock">,
  trx: Executor,
  type: MnSubjectType,
  subjectIds: readonly string[],
): Promise<void> {
  if (subjectIds.length === 0) return;
  const { docs, gone } =
    type === "item" ? await itemDocs(trx, subjectIds) : await catalogDocs(trx, subjectIds);
  const index = getSearchIndex(deps.db, deps.clock);
  if (gone.length) await index.removeDocs(trx, gone);
  if (docs.length) await index.upsertDocs(trx, docs);
}

/** Every entry of a site, in batches (reindex and the health check). */
export async function* mnDocsOfSite(db: Executor, siteId: string, size = 200): AsyncIterable<SearchDoc[]> {
  let after = "";
  for (;;) {
    const lineages = await repo.approvedItemSubjects(db, siteId, after, size);
    if (lineages.length === 0) break;
    after = lineages.at(-1)!;
    yield (await itemDocs(db, lineages)).docs;
    if (lineages.length < size) break;
  }
  const nodes = await repo.approvedNodeSubjects(db, siteId);
  if (nodes.length) yield (await catalogDocs(db, nodes)).docs;
}
