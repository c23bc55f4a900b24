// What of the gazette the site search finds, written in the transaction that releases, imports or corrects:
// each released issue (its title, numbers and table of contents; an imported one with its extracted text),
// each of its documents (title, 文号, issuing body, full text; `kind` holds the issue's id so the gazette
// database can filter by issue), and each correction notice.
import type { Deps, Executor } from "../../deps";
import { getSearchIndex } from "../../platform/search";
import type { SearchDoc } from "../../platform/search/search.types";
import { syncMnInIndex } from "../mongolian";
import { gazetteName, issueLabel } from "./gazette.pdf";
import * as repo from "./gazette.repo";

export const ISSUE_DOC_TYPE = "gazette_issue";
export const ENTRY_DOC_TYPE = "gazette";
export const CORRECTION_DOC_TYPE = "gazette_correction";

export const issueUrl = (id: string, prefix = "") => `${prefix}/gb/issues/${id}`;
export const entryAnchor = (position: number) => `doc-${position}`;
export const correctionAnchor = (id: string) => `correction-${id}`;

/** Noon of the day of publication in Shanghai, as an instant (the year filter and date sort use it). */
const publishedAtOf = (issue: repo.IssueRow) =>
  issue.published_on ? new Date(`${issue.published_on}T12:00:00+08:00`).toISOString() : null;

export function issueSearchDocs(
  government: string,
  issue: repo.IssueRow,
  entries: readonly repo.EntryRow[],
  corrections: readonly repo.CorrectionRow[],
): SearchDoc[] {
  const label = `${gazetteName(government)} ${issueLabel(issue)}`;
  const publishedAt = publishedAtOf(issue);
  const base = { siteId: issue.site_id, catalogNodeIds: [], validity: null, visibility: "public" as const };
  return [
    {
      ...base,
      type: ISSUE_DOC_TYPE,
      id: issue.id,
      orgId: issue.org_id,
      title: label,
      body: [...entries.map((e) => `${e.title} ${e.doc_number ?? ""} ${e.org_name}`), issue.body_text ?? ""]
        .filter(Boolean)
        .join("\n"),
      docNumber: null,
      kind: issue.id,
      publishedAt,
      url: issueUrl(issue.id),
    },
    ...entries.map((e) => ({
      ...base,
      type: ENTRY_DOC_TYPE,
      id: e.id,
      orgId: e.org_id,
      title: e.title,
      body: `${label}\n${e.org_name}\n${e.body_text}`,
      docNumber: e.doc_number,
      kind: issue.id,
      publishedAt,
      url: `${issueUrl(issue.id)}#${entryAnchor(e.position)}`,
    })),
    ...corrections.map((c) => ({
      ...base,
      type: CORRECTION_DOC_TYPE,
      id: c.id,
      orgId: issue.org_id,
      title: `更正：${label}${c.entry_id ? ` ${entries.find((e) => e.id === c.entry_id)?.title ?? ""}` : ""}`,
      body: c.text,
      docNumber: null,
      kind: issue.id,
      publishedAt: new Date(`${c.published_on}T12:00:00+08:00`).toISOString(),
      url: `${issueUrl(issue.id)}#${correctionAnchor(c.id)}`,
    })),
  ];
}

/** Writes a released issue, its documents and corrections into the index, inside the caller's transaction. */
export async function syncIssueInIndex(
  deps: Pick<Deps, "db" | "clock">,
  trx: Executor,
  issue: repo.IssueRow,
): Promise<void> {
  // Its approved Mongolian version is found once the issue is released (src/domains/mongolian).
  await syncMnInIndex(deps, trx, "gazette_issue", [issue.id]);
  if (issue.status !== "released") return;
  const [entries, corrections, government] = await Promise.all([
    repo.listEntries(trx, [issue.id]),
    repo.listCorrections(trx, { siteId: issue.site_id, issueId: issue.id }),
    repo.siteNameOf(trx, issue.site_id),
  ]);
  await getSearchIndex(deps.db, deps.clock).upsertDocs(
    trx,
    issueSearchDocs(government, issue, entries, corrections),
  );
}

/** Every released issue of a site with its documents and corrections, in pages (reindex, the health check). */
export async function* gazetteDocsOfSite(
  db: Executor,
  siteId: string,
  size = 50,
): AsyncIterable<SearchDoc[]> {
  const government = await repo.siteNameOf(db, siteId);
  for (let offset = 0; ; offset += size) {
    const { rows } = await repo.listIssues(db, { siteId, statuses: ["released"] }, { limit: size, offset });
    const entries = await repo.listEntries(
      db,
      rows.map((r) => r.id),
    );
    const corrections = await repo.listCorrections(db, { siteId });
    const docs = rows.flatMap((r) =>
      issueSearchDocs(
        government,
        r,
        entries.filter((e) => e.issue_id === r.id),
        corrections.filter((c) => c.issue_id === r.id),
      ),
    );
    if (docs.length) yield docs;
    if (rows.length < size) return;
  }
}

export async function countGazetteDocs(db: Executor, siteId: string): Promise<number> {
  const { rows } = await repo.listIssues(db, { siteId, statuses: ["released"] });
  const entries = await repo.listEntries(
    db,
    rows.map((r) => r.id),
  );
  const corrections = await repo.listCorrections(db, { siteId });
  return rows.length + entries.length + corrections.length;
}
