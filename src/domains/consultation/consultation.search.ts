// What of a consultation the site search finds: a published one (open and after) by its title, draft text,
// the feedback report once published and the adoption reasons. Written in the transaction of each step.
import type { Deps, Executor } from "../../deps";
import { getSearchIndex } from "../../platform/search";
import type { SearchDoc } from "../../platform/search/search.types";
import { syncMnInIndex } from "../mongolian";
import * as repo from "./consultation.repo";

export const CONSULTATION_DOC_TYPE = "consultation";

export async function consultationSearchDoc(db: Executor, row: repo.ConsultationRow): Promise<SearchDoc> {
  const report =
    row.status === "reported"
      ? [
          row.report_summary ?? "",
          ...(await repo.listComments(db, row.id, "approved")).map((c) => c.decision_reason ?? ""),
        ]
      : [];
  return {
    type: CONSULTATION_DOC_TYPE,
    id: row.id,
    siteId: row.site_id,
    orgId: row.org_id,
    title: row.title,
    body: [row.draft_text, ...report].filter(Boolean).join("\n"),
    docNumber: null,
    kind: row.status === "reported" ? "report" : "consultation",
    catalogNodeIds: [],
    publishedAt: row.opened_at,
    validity: null,
    url: `/hd/consultations/${row.id}`,
    visibility: "public",
  };
}

/** Writes (published) or removes (not yet published) one consultation, inside the step's transaction. */
export async function syncConsultationInIndex(
  deps: Pick<Deps, "db" | "clock">,
  trx: Executor,
  row: repo.ConsultationRow,
): Promise<void> {
  const index = getSearchIndex(deps.db, deps.clock);
  if (repo.PUBLIC_STATUSES.includes(row.status))
    await index.upsertDocs(trx, [await consultationSearchDoc(trx, row)]);
  else await index.removeDocs(trx, [{ type: CONSULTATION_DOC_TYPE, id: row.id }]);
  // Its approved Mongolian version is found while the consultation is public (src/domains/mongolian).
  await syncMnInIndex(deps, trx, "consultation", [row.id]);
}

/** Every published consultation of a site, in pages (reindex and the health check). */
export async function* consultationDocsOfSite(
  db: Executor,
  siteId: string,
  size = 200,
): AsyncIterable<SearchDoc[]> {
  for (let offset = 0; ; offset += size) {
    const { rows } = await repo.listConsultations(
      db,
      { siteId, statuses: repo.PUBLIC_STATUSES },
      { limit: size, offset },
    );
    const docs: SearchDoc[] = [];
    for (const r of rows) docs.push(await consultationSearchDoc(db, r));
    if (docs.length) yield docs;
    if (rows.length < size) return;
  }
}

export async function countPublishedConsultations(db: Executor, siteId: string): Promise<number> {
  return (
    await repo.listConsultations(db, { siteId, statuses: repo.PUBLIC_STATUSES }, { limit: 1, offset: 0 })
  ).total;
}
