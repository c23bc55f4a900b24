// The shapes the API and the pages share: an issue as the public list gives it (CONTRACT.md), and an issue's
// full view (table of contents by category, documents, corrections linked both ways).
import type { Executor } from "../../deps";
import { byCategory, gazetteName, issueLabel } from "./gazette.pdf";
import * as repo from "./gazette.repo";
import { correctionAnchor, entryAnchor, issueUrl } from "./gazette.search";
import { CATEGORY_LABELS, STATUS_LABELS } from "./gazette.steps";

export const fileUrl = (id: string, prefix = "") => `${prefix}/gb/issues/${id}/file`;

/** One issue in the public list (GET /api/v1/gazette/issues). */
export function issueListJson(r: repo.IssueRow) {
  const isPdf = r.file_type === "pdf" && r.file_sha256 !== null;
  return {
    id: r.id,
    year: r.year,
    number: r.number ?? 0,
    total_number: r.total_number ?? 0,
    published_on: r.published_on,
    url: issueUrl(r.id),
    pdf_url: isPdf ? fileUrl(r.id) : null,
    pdf_sha256: isPdf ? r.file_sha256 : null,
  };
}

export interface IssueView {
  row: repo.IssueRow;
  government: string;
  entries: repo.EntryRow[];
  corrections: repo.CorrectionRow[];
}

export async function loadIssueView(db: Executor, row: repo.IssueRow): Promise<IssueView> {
  const [entries, corrections, government] = await Promise.all([
    repo.listEntries(db, [row.id]),
    repo.listCorrections(db, { siteId: row.site_id, issueId: row.id }),
    repo.siteNameOf(db, row.site_id),
  ]);
  return { row, entries, corrections, government };
}

/** An issue in full (GET /api/v1/gazette/issues/{id}). */
export function issueJson(v: IssueView) {
  const { row } = v;
  return {
    ...issueListJson(row),
    title: `${gazetteName(v.government)} ${issueLabel(row)}`,
    status: row.status,
    status_label: STATUS_LABELS[row.status],
    source: row.source,
    note: row.note,
    file: row.file_sha256
      ? {
          url: fileUrl(row.id),
          type: row.file_type ?? "pdf",
          name: row.file_name ?? "",
          size: row.file_size ?? 0,
          sha256: row.file_sha256,
        }
      : null,
    toc: byCategory(v.entries).map((g) => ({
      category: g.category,
      label: CATEGORY_LABELS[g.category],
      documents: g.entries.map((e) => e.position),
    })),
    documents: v.entries.map((e) => ({
      id: e.id,
      position: e.position,
      category: e.category,
      item_id: e.item_id,
      title: e.title,
      doc_number: e.doc_number,
      org: e.org_name,
      formed_on: e.formed_on,
      url: `${issueUrl(row.id)}#${entryAnchor(e.position)}`,
      corrections: v.corrections.filter((c) => c.entry_id === e.id).map((c) => c.id),
    })),
    corrections: v.corrections.map((c) => ({
      id: c.id,
      published_on: c.published_on,
      text: c.text,
      document_id: c.entry_id,
      url: `${issueUrl(row.id)}#${correctionAnchor(c.id)}`,
      corrects_url: c.entry_id
        ? `${issueUrl(row.id)}#${entryAnchor(v.entries.find((e) => e.id === c.entry_id)?.position ?? 0)}`
        : issueUrl(row.id),
    })),
  };
}
