// What of the disclosure catalogue (主动公开基本目录) the site search finds: every active node, by its name,
// its path and its description, leading to the node's list of information. An archived node (or one beneath
// an archived group) leaves the index in the same transaction that archives it.
import type { Deps, Executor } from "../../deps";
import { getSearchIndex } from "../../platform/search";
import type { SearchDoc } from "../../platform/search/search.types";
import * as repo from "./catalog.repo";
import { buildTree } from "./catalog.tree";

async function orgNameOf(db: Executor, orgId: string): Promise<string> {
  const row = await db.selectFrom("orgs").select("name").where("id", "=", orgId).executeTakeFirst();
  return row?.name ?? "";
}

/** Every node of one organisation's catalogue: the documents of the active ones, the refs of the others. */
export async function catalogOrgDocs(
  db: Executor,
  orgId: string,
): Promise<{ docs: SearchDoc[]; inactive: { type: string; id: string }[] }> {
  const tree = buildTree(await repo.listNodesOfOrg(db, orgId));
  const orgName = await orgNameOf(db, orgId);
  const byId = new Map(tree.map((n) => [n.id, n]));
  const pathOf = (id: string | null): string[] => {
    const out: string[] = [];
    for (let n = id ? byId.get(id) : undefined; n; n = n.parent_id ? byId.get(n.parent_id) : undefined)
      out.unshift(n.name);
    return out;
  };
  const docs: SearchDoc[] = [];
  const inactive: { type: string; id: string }[] = [];
  for (const n of tree) {
    if (n.inactive) {
      inactive.push({ type: "catalog", id: n.id });
      continue;
    }
    docs.push({
      type: "catalog",
      id: n.id,
      siteId: n.site_id,
      orgId: n.org_id,
      title: n.name,
      body: [orgName, pathOf(n.parent_id).join(" / "), n.description].filter(Boolean).join("\n"),
      docNumber: null,
      kind: null,
      catalogNodeIds: [n.id],
      publishedAt: null,
      validity: null,
      url: `/gk/list?node=${n.id}`,
      visibility: "public",
    });
  }
  return { docs, inactive };
}

/** Rewrites one organisation's catalogue in the index, inside the transaction that changed it. */
export async function syncCatalogOrgInIndex(
  deps: Pick<Deps, "db" | "clock">,
  trx: Executor,
  orgId: string,
): Promise<void> {
  const { docs, inactive } = await catalogOrgDocs(trx, orgId);
  const index = getSearchIndex(deps.db, deps.clock);
  if (inactive.length) await index.removeDocs(trx, inactive);
  if (docs.length) await index.upsertDocs(trx, docs);
}

/** The active catalogue of a site, one organisation per batch (reindex and the health check). */
export async function* catalogDocsOfSite(db: Executor, siteId: string): AsyncIterable<SearchDoc[]> {
  const orgs = await db
    .selectFrom("catalog_nodes")
    .select("org_id")
    .distinct()
    .where("site_id", "=", siteId)
    .orderBy("org_id")
    .execute();
  for (const o of orgs) yield (await catalogOrgDocs(db, o.org_id)).docs;
}
