// What of the public application archive (申请公开答复选登) the site search finds: each published entry, by
// its de-identified request and reply summaries (the texts the public page shows, nothing else). A withdrawn
// entry leaves the index in the transaction that withdraws it.
import type { Deps, Executor } from "../../../deps";
import type { PageRequest } from "../../../platform/paging";
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
  // By cursor, so the last batch of a long archive costs what the first does.
  let req: PageRequest = { size, page: 1 };
  for (;;) {
    const found = await repo.pageArchive(db, { siteId, status: "published" }, req);
    if (found.rows.length) yield found.rows.map(archiveSearchDoc);
    if (!found.next) return;
    req = { size, page: found.next.page, cursor: found.next };
  }
}
