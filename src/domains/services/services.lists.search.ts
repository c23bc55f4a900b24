// What of a 权责清单 or 公共服务事项清单 the site search finds: one document per published list, titled with
// the department and kind, found by its entries' names, codes, types or categories and their service items.
// Written in the transaction that publishes a version.
import type { Deps, Executor } from "../../deps";
import { getSearchIndex } from "../../platform/search";
import type { SearchDoc } from "../../platform/search/search.types";
import { syncMnInIndex } from "../mongolian";
import { LIST_KIND_LABELS, parseEntries } from "./services.lists.model";
import * as lrepo from "./services.lists.repo";

export const SERVICE_LIST_DOC_TYPE = "service_list";

export const publicListUrl = (orgCode: string, kind: string, prefix = "") =>
  `${prefix}/fw/lists/${encodeURIComponent(orgCode)}/${kind}`;

/** The search document of a list's version in force (`published`: that version's row). */
export async function listSearchDoc(
  db: Executor,
  list: lrepo.ListRow,
  published: lrepo.ListVersionRow,
): Promise<SearchDoc> {
  const org = await lrepo.findOrg(db, list.org_id);
  const entries = parseEntries(published.entries_json);
  const kindLabel = LIST_KIND_LABELS[list.kind];
  return {
    type: SERVICE_LIST_DOC_TYPE,
    id: list.id,
    siteId: list.site_id,
    orgId: list.org_id,
    title: `${org?.name ?? ""}${kindLabel}`,
    body: [
      `第 ${published.number} 版 ${published.decision}`,
      ...entries.map((e) => [e.code, e.name, e.type || e.category, e.body || e.provider].join(" ")),
    ].join("\n"),
    docNumber: null,
    kind: kindLabel,
    catalogNodeIds: [],
    publishedAt: published.decided_at,
    validity: null,
    url: publicListUrl(org?.code ?? "", list.kind),
    visibility: "public",
  };
}

/** Writes a list's published version to the search, inside the transaction that publishes it. */
export async function indexList(
  deps: Pick<Deps, "db" | "clock">,
  trx: Executor,
  list: lrepo.ListRow,
  published: lrepo.ListVersionRow,
): Promise<void> {
  await getSearchIndex(deps.db, deps.clock).upsertDocs(trx, [await listSearchDoc(trx, list, published)]);
  // Its approved Mongolian version is found once the list is published (src/domains/mongolian).
  await syncMnInIndex(deps, trx, "service_list", [list.id]);
}

export async function* listDocsOfSite(db: Executor, siteId: string): AsyncIterable<SearchDoc[]> {
  const docs: SearchDoc[] = [];
  for (const list of await lrepo.listLists(db, { siteId, published: true })) {
    const v = await lrepo.findVersion(db, list.id, list.version);
    if (v) docs.push(await listSearchDoc(db, list, v));
  }
  if (docs.length) yield docs;
}

export async function countPublishedLists(db: Executor, siteId: string): Promise<number> {
  return (await lrepo.listLists(db, { siteId, published: true })).length;
}
