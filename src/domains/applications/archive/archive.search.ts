// What of the public application archive (申请公开答复选登) the site search finds: each published entry, by
// its de-identified request and reply summaries (the texts the public page shows, nothing else). A withdrawn
// entry leaves the index in the transaction that withdraws it.
import type { Deps, Executor } from "../../../deps";
import { getSearchIndex } from "../../../platform/search";
import type { SearchDoc } from "../../../platform/search/search.types";
import { isReplyOutcome, OUTCOME_LABELS } from "../letters/letter.outcomes";
import * as repo from "./archive.repo";

const TITLE_CHARS = 40;

export function archiveSearchDoc(r: repo.ArchiveRow): SearchDoc {
  const summary = r.summary.replace(/\s+/g, " ").trim();
  const outcome = isReplyOutcome(r.outcome) ? OUTCOME_LABELS[r.outcome] : r.outcome;
  return {
    type: "archive",
    id: r.id,
    siteId: r.site_id,
    orgId: r.org_id,
    title: summary.length > TITLE_CHARS ? `${summary.slice(0, TITLE_CHARS)}…` : summary,
    body: [r.summary, r.reply_summary ?? "", r.org_name, outcome].filter(Boolean).join("\n"),
    docNumber: null,
    kind: r.outcome,
    catalogNodeIds: [],
    publishedAt: r.published_at,
    validity: null,
    url: `/hd/archive/${r.id}`,
    visibility: "public",
  };
}

/** Writes (published) or removes (withdrawn) one entry, inside the transaction that changed it. */
export async function syncArchiveInIndex(
  deps: Pick<Deps, "db" | "clock">,
  trx: Executor,
  row: repo.ArchiveRow,
): Promise<void> {
  const index = getSearchIndex(deps.db, deps.clock);
  if (row.status === "published") await index.upsertDocs(trx, [archiveSearchDoc(row)]);
  else await index.removeDocs(trx, [{ type: "archive", id: row.id }]);
}

/** The published entries of a site, in pages (reindex and the health check). */
export async function* archiveDocsOfSite(
  db: Executor,
  siteId: string,
  size = 500,
): AsyncIterable<SearchDoc[]> {
  for (let offset = 0; ; offset += size) {
    const rows = await repo.listArchive(db, { siteId, status: "published" }, { limit: size, offset });
    if (rows.length) yield rows.map(archiveSearchDoc);
    if (rows.length < size) return;
  }
}
