// What of the Mongolian versions the site search finds (issue 18): each approved translation of a published
// item (under its lineage, pointing at the published version's Mongolian page) and each approved Mongolian name
// of a catalogue column. Mongolian spellings are folded alike at index and query time
// (src/platform/search/mongolian.ts), so a query typed with other variant selectors or look-alike letters finds
// them. Written in the transaction that approves the translation or publishes, replaces or withdraws the item.
// A later domain's subject (mongolian.kinds.ts) is found while its Chinese is public, at its /mn page: its domain
// calls syncMnInIndex in the transaction that publishes, revises or withdraws it (with its own search entry).
import type { Deps, Executor } from "../../deps";
import { getSearchIndex } from "../../platform/search";
import type { SearchDoc } from "../../platform/search/search.types";
import { type ItemRow, versionsOf } from "../publishing";
import { mnKind, mnKinds } from "./mongolian.kinds";
import * as repo from "./mongolian.repo";
import type { MnSubjectType } from "./mongolian.tables";

export const MN_ITEM_DOC_TYPE = "mn_item";
export const MN_CATALOG_DOC_TYPE = "mn_catalog";
/** The search source's document types; a later domain's subject adds its own when registered. */
export const MN_DOC_TYPES: string[] = [MN_ITEM_DOC_TYPE, MN_CATALOG_DOC_TYPE];
export const kindDocType = (type: MnSubjectType) => `mn_${type}`;

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

/** A later domain's subjects: each approved translation whose Chinese is public, at its /mn page. */
async function kindDocs(db: Executor, type: MnSubjectType, ids: readonly string[]) {
  const kind = mnKind(type);
  const approved = await repo.approvedOf(db, type, ids);
  const docs: SearchDoc[] = [];
  const gone: { type: string; id: string }[] = [];
  for (const id of new Set(ids)) {
    const mn = approved.get(id);
    // Without an approved translation there is no entry to write or remove (its domain calls this at each step).
    if (!mn) continue;
    const source = kind ? await kind.find(db, id) : undefined;
    if (source?.publicPath && source.searchable !== false)
      docs.push({
        type: kindDocType(type),
        id,
        siteId: source.siteId,
        orgId: source.orgId,
        title: mn.title,
        body: [mn.summary ?? "", mn.body_text ?? ""].filter(Boolean).join("\n").slice(0, MAX_BODY_CHARS),
        docNumber: null,
        kind: null,
        catalogNodeIds: [],
        publishedAt: source.publishedAt ?? mn.approved_at,
        validity: null,
        url: `/mn${source.publicPath}`,
        visibility: "public",
      });
    else gone.push({ type: kindDocType(type), id });
  }
  return { docs, gone };
}

const docsOf = (db: Executor, type: MnSubjectType, ids: readonly string[]) =>
  type === "item"
    ? itemDocs(db, ids)
    : type === "catalog_node"
      ? catalogDocs(db, ids)
      : kindDocs(db, type, ids);

/** Brings the index in line with these subjects, inside the caller's transaction. */
export async function syncMnInIndex(
  deps: Pick<Deps, "db" | "clock">,
  trx: Executor,
  type: MnSubjectType,
  subjectIds: readonly string[],
): Promise<void> {
  if (subjectIds.length === 0) return;
  const { docs, gone } = await docsOf(trx, type, subjectIds);
  const index = getSearchIndex(deps.db, deps.clock);
  if (gone.length) await index.removeDocs(trx, gone);
  if (docs.length) await index.upsertDocs(trx, docs);
}

/** Every entry of a site, in batches (reindex and the health check). */
export async function* mnDocsOfSite(db: Executor, siteId: string, size = 200): AsyncIterable<SearchDoc[]> {
  for (const type of ["item", ...mnKinds().map((k) => k.type)] as MnSubjectType[]) {
    let after = "";
    for (;;) {
      const ids = await repo.approvedSubjects(db, siteId, type, after, size);
      if (ids.length === 0) break;
      after = ids.at(-1)!;
      yield (await docsOf(db, type, ids)).docs;
      if (ids.length < size) break;
    }
  }
  const nodes = await repo.approvedNodeSubjects(db, siteId);
  if (nodes.length) yield (await catalogDocs(db, nodes)).docs;
}
