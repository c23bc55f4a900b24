// What the one site search indexes: every domain with public records registers a source here, so the
// reindex command and the dashboard's health check cover it. Each source's mapping lives in its own domain
// (publishing.search.ts, catalog.search.ts, archive.search.ts), which writes the index itself in the
// transaction that publishes, revises or withdraws; a source here lists everything that should be indexed.
import type { Executor } from "../../deps";
import type { SearchDoc } from "../../platform/search/search.types";
import { archiveDocsOfSite } from "../applications";
import { catalogDocsOfSite } from "../catalog";
import { publishedItemDocs } from "../publishing";

export interface SearchSource {
  /** The source's name (the first of its document types). */
  type: string;
  /** Every document type the source writes (publishing writes items, interpretations and Art. 44 entries). */
  types: string[];
  /** Chinese label for people (result lists, the health check). */
  label: string;
  /** Everything of the site that should be in the index, in batches. */
  listAll(db: Executor, siteId: string): AsyncIterable<SearchDoc[]>;
  /** About how many documents `listAll` gives (a progress bar's total). */
  count(db: Executor, siteId: string): Promise<number>;
}

async function countRows(
  db: Executor,
  table: "items" | "catalog_nodes" | "application_archive",
  siteId: string,
  where: [string, string | number],
): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("site_id", "=", siteId)
    .where(where[0] as "site_id", "=", where[1] as string)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

const sources: SearchSource[] = [];

/** Later domains (messages, services, gazette…) call this when they register their routes. */
export function registerSearchSource(source: SearchSource): void {
  if (!sources.some((s) => s.type === source.type)) sources.push(source);
}

export const searchSources = (): readonly SearchSource[] => sources;

/** The label of a document type, for result lists. */
export const TYPE_LABELS: Record<string, string> = {
  item: "政府信息",
  interpretation: "政策解读",
  catalog: "公开目录",
  archive: "依申请公开答复",
  art44: "多次申请公开信息",
  qa: "互动交流问答",
};

registerSearchSource({
  type: "item",
  types: ["item", "interpretation", "art44"],
  label: "政府信息与政策解读",
  listAll: (db, siteId) => publishedItemDocs(db, siteId),
  count: (db, siteId) => countRows(db, "items", siteId, ["status", "published"]),
});
registerSearchSource({
  type: "catalog",
  types: ["catalog"],
  label: "主动公开基本目录",
  listAll: (db, siteId) => catalogDocsOfSite(db, siteId),
  count: (db, siteId) => countRows(db, "catalog_nodes", siteId, ["archived", 0]),
});
registerSearchSource({
  type: "archive",
  types: ["archive"],
  label: "申请公开答复选登",
  listAll: (db, siteId) => archiveDocsOfSite(db, siteId),
  count: (db, siteId) => countRows(db, "application_archive", siteId, ["status", "published"]),
});
