// Read-only queries of the open-data domain: published items for lists, exports, feeds and the sitemap,
// and counts of published items per catalogue node. Only `status = 'published'` rows: drafts, withdrawn
// and superseded versions never appear in a list (their own pages say what became of them).
import type { Executor } from "../../deps";
import { type Page, type PageRequest, readPage, seekQuery } from "../../platform/paging";
import { applyItemFilter } from "../publishing";

const LIST_COLUMNS = [
  "items.id",
  "items.site_id",
  "items.org_id",
  "items.kind",
  "items.title",
  "items.title_mn",
  "items.summary",
  "items.index_number",
  "items.doc_number",
  "items.formed_on",
  "items.published_at",
  "items.published_on",
  "items.validity",
  "items.validity_on",
  "items.interprets_id",
  "items.interpreter",
  "items.interpretation_form",
  "items.updated_at",
] as const;

export interface PublishedItemRow {
  id: string;
  site_id: string;
  org_id: string;
  kind: string;
  title: string;
  title_mn: string | null;
  summary: string | null;
  index_number: string | null;
  doc_number: string | null;
  formed_on: string;
  published_at: string | null;
  published_on: string | null;
  validity: string;
  validity_on: string | null;
  interprets_id: string | null;
  interpreter: string | null;
  interpretation_form: string | null;
  updated_at: string;
}

export interface PublishedFilter {
  siteId: string;
  orgIds?: string[];
  kinds?: string[];
  nodeId?: string;
  year?: number;
  validity?: string;
  /** ISO instant: items published or changed (validity, replacement) at or after it. */
  updatedSince?: string;
}

/** Published items matching the filter: publishing's item filter (one for every list), plus updatedSince. */
function published(db: Executor, f: PublishedFilter) {
  const { updatedSince, ...filter } = f;
  const q = applyItemFilter(db.selectFrom("items"), { ...filter, statuses: ["published"] });
  return updatedSince ? q.where("items.updated_at", ">=", updatedSince) : q;
}

/** Newest publication first; the id breaks ties so pages never overlap or skip. */
export async function listPublished(
  db: Executor,
  f: PublishedFilter,
  page: { limit: number; offset: number },
): Promise<PublishedItemRow[]> {
  return published(db, f)
    .select(LIST_COLUMNS)
    .orderBy("items.published_at", "desc")
    .orderBy("items.id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/**
 * The same, a page by number or cursor (src/platform/paging.ts): the exports walk every published item of a
 * site by cursor, each batch a seek on the (…, published_at, id) indexes instead of an OFFSET over the rows before.
 */
export async function pagePublished(
  db: Executor,
  f: PublishedFilter,
  req: PageRequest,
): Promise<Page<PublishedItemRow>> {
  return readPage(
    req,
    (r: PublishedItemRow) => r.published_at ?? "",
    (r) => r.id,
    (seek) =>
      seekQuery(published(db, f).select(LIST_COLUMNS), "items.published_at", "items.id", seek).execute(),
  );
}

/** The same with the plain text of each body, for feed summaries (a few dozen rows). */
export async function listPublishedWithText(
  db: Executor,
  f: PublishedFilter,
  limit: number,
): Promise<Array<PublishedItemRow & { body_text: string }>> {
  return published(db, f)
    .select([...LIST_COLUMNS, "items.body_text"])
    .orderBy("items.published_at", "desc")
    .orderBy("items.id", "desc")
    .limit(limit)
    .execute();
}

export async function countPublished(db: Executor, f: PublishedFilter): Promise<number> {
  const r = await published(db, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The latest change of anything published on the site (for "last updated" and feed `<updated>`). */
export async function lastPublishedChange(db: Executor, f: PublishedFilter): Promise<string | null> {
  const r = await published(db, f)
    .select((eb) => eb.fn.max("items.updated_at").as("at"))
    .executeTakeFirst();
  return (r?.at as string | null | undefined) ?? null;
}

/** Every published item of a site, lightly: what the sitemap lists. */
export async function sitemapItems(db: Executor, siteId: string, limit: number) {
  return published(db, { siteId })
    .select(["items.id", "items.updated_at", "items.published_at"])
    .orderBy("items.published_at", "desc")
    .orderBy("items.id", "desc")
    .limit(limit)
    .execute();
}

/** Published items per catalogue node of the site. */
export async function publishedCountsByNode(db: Executor, siteId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("item_catalog_nodes")
    .innerJoin("items", "items.id", "item_catalog_nodes.item_id")
    .where("items.site_id", "=", siteId)
    .where("items.status", "=", "published")
    .select(["item_catalog_nodes.node_id", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("item_catalog_nodes.node_id")
    .execute();
  return new Map(rows.map((r) => [r.node_id, Number(r.n)]));
}

/** The catalogue nodes each item is filed under. */
export async function nodesOfItems(db: Executor, itemIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < itemIds.length; i += 500) {
    const rows = await db
      .selectFrom("item_catalog_nodes")
      .select(["item_id", "node_id"])
      .where("item_id", "in", itemIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.item_id, [...(out.get(r.item_id) ?? []), r.node_id]);
  }
  return out;
}

/** The organisation a catalogue node belongs to, if the node exists. */
export async function nodeOrg(db: Executor, nodeId: string): Promise<string | undefined> {
  const r = await db.selectFrom("catalog_nodes").select("org_id").where("id", "=", nodeId).executeTakeFirst();
  return r?.org_id;
}

/** When the site's archive of answered applications last gained or lost an entry. */
export async function lastArchiveChange(db: Executor, siteId: string): Promise<string | null> {
  const r = await db
    .selectFrom("application_archive")
    .where("site_id", "=", siteId)
    .where("status", "=", "published")
    .select((eb) => eb.fn.max("published_at").as("at"))
    .executeTakeFirst();
  return (r?.at as string | null | undefined) ?? null;
}

/** When any catalogue node of the site last changed. */
export async function lastCatalogChange(db: Executor, siteId: string): Promise<string | null> {
  const r = await db
    .selectFrom("catalog_nodes")
    .where("site_id", "=", siteId)
    .select((eb) => eb.fn.max("updated_at").as("at"))
    .executeTakeFirst();
  return (r?.at as string | null | undefined) ?? null;
}
