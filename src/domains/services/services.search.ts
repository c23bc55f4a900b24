// What of a service item the site search finds: a published item by its name, type, conditions, process and
// the names of its materials. Written in the transaction that publishes, changes or cancels it, and in the one
// that edits a material it asks for.
import type { Deps, Executor } from "../../deps";
import { getSearchIndex } from "../../platform/search";
import type { SearchDoc } from "../../platform/search/search.types";
import { syncMnInIndex } from "../mongolian";
import * as hrepo from "./services.halls.repo";
import { type ItemContent, lifeEventName, parseJson } from "./services.model";
import * as repo from "./services.repo";

export const SERVICE_DOC_TYPE = "service";

export async function serviceSearchDoc(db: Executor, row: repo.ItemRow): Promise<SearchDoc> {
  const c = parseJson<Partial<ItemContent>>(row.content_json, {});
  const materials = await repo.materialsOfItem(db, row.id);
  return {
    type: SERVICE_DOC_TYPE,
    id: row.id,
    siteId: row.site_id,
    orgId: row.org_id,
    title: row.name,
    body: [
      row.type,
      row.impl_code,
      (c.life_events ?? []).map(lifeEventName).join(" "),
      c.conditions ?? "",
      (c.process ?? []).map((s) => s.name).join(" "),
      materials.map((m) => m.material.name).join(" "),
      c.result_name ?? "",
      c.place ?? "",
    ]
      .filter(Boolean)
      .join("\n"),
    docNumber: null,
    kind: row.type,
    catalogNodeIds: [],
    publishedAt: row.published_at,
    validity: null,
    url: `/fw/items/${row.id}`,
    visibility: "public",
  };
}

/** Writes (published) or removes (draft, cancelled) one item, inside the caller's transaction. */
export async function syncServiceInIndex(
  deps: Pick<Deps, "db" | "clock">,
  trx: Executor,
  row: repo.ItemRow,
): Promise<void> {
  const index = getSearchIndex(deps.db, deps.clock);
  if (row.status === "published") await index.upsertDocs(trx, [await serviceSearchDoc(trx, row)]);
  else await index.removeDocs(trx, [{ type: SERVICE_DOC_TYPE, id: row.id }]);
  // Its approved Mongolian guide is found while the item is (src/domains/mongolian).
  await syncMnInIndex(deps, trx, "service_item", [row.id]);
}

/** A 一件事 as the search finds it: its name, the one notice, the window and its items' names. */
export async function bundleSearchDoc(
  db: Executor,
  b: hrepo.BundleRow,
  rootOrgId: string | null,
): Promise<SearchDoc> {
  const entries = parseJson<Array<{ item_id: string }>>(b.items_json, []);
  const names: string[] = [];
  for (const e of entries) names.push((await repo.findItem(db, e.item_id))?.name ?? "");
  return {
    type: SERVICE_DOC_TYPE,
    id: b.id,
    siteId: b.site_id,
    orgId: rootOrgId,
    title: b.name,
    body: [lifeEventName(b.life_event), b.notice, b.window, ...names].filter(Boolean).join("\n"),
    docNumber: null,
    kind: "一件事",
    catalogNodeIds: [],
    publishedAt: b.created_at,
    validity: null,
    url: `/fw/bundles/${b.key}`,
    visibility: "public",
  };
}

/** Writes a 一件事 to the search, inside the transaction that arranges it. */
export async function indexBundle(
  deps: Pick<Deps, "db" | "clock">,
  trx: Executor,
  b: hrepo.BundleRow,
  rootOrgId: string | null,
): Promise<void> {
  await getSearchIndex(deps.db, deps.clock).upsertDocs(trx, [await bundleSearchDoc(trx, b, rootOrgId)]);
  // Its approved Mongolian version follows it (src/domains/mongolian).
  await syncMnInIndex(deps, trx, "service_bundle", [b.id]);
}

export async function* serviceDocsOfSite(
  db: Executor,
  siteId: string,
  size = 200,
): AsyncIterable<SearchDoc[]> {
  const bundles = await hrepo.listBundles(db, siteId);
  if (bundles.length) {
    const docs: SearchDoc[] = [];
    for (const b of bundles) docs.push(await bundleSearchDoc(db, b, null));
    yield docs;
  }
  for (let offset = 0; ; offset += size) {
    const { rows } = await repo.listItems(db, { siteId, statuses: ["published"] }, { limit: size, offset });
    if (rows.length) {
      const docs: SearchDoc[] = [];
      for (const r of rows) docs.push(await serviceSearchDoc(db, r));
      yield docs;
    }
    if (rows.length < size) return;
  }
}

export async function countPublishedServices(db: Executor, siteId: string): Promise<number> {
  const items = (await repo.listItems(db, { siteId, statuses: ["published"] }, { limit: 1, offset: 0 }))
    .total;
  return items + (await hrepo.listBundles(db, siteId)).length;
}
