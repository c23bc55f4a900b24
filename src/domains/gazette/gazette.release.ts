// Releasing an issue, inside the step's transaction (the issue's row already locked): the site's row locked so
// numbers are allocated one release at a time (年第N期 within the issue's year, 总第M期 over all years), the
// documents' text snapshotted as printed, the PDF of the printed layout generated once and stored by its
// SHA-256 (the authoritative copy; its hash is published and found by /verify), and the issue indexed in the
// site search — all or nothing.
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { storageOf } from "../../platform/storage";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { issueLabel, renderGazettePdf } from "./gazette.pdf";
import * as repo from "./gazette.repo";
import { syncIssueInIndex } from "./gazette.search";

/** The compiling office as printed under the masthead. */
export const compilerOf = (government: string) => `${government}办公室`;

export async function releaseInStep(
  deps: Deps,
  trx: Transaction<Database>,
  user: CurrentUser,
  row: repo.IssueRow,
  entries: repo.EntryRow[],
  at: { now: string; today: string },
): Promise<repo.IssueRow> {
  await repo.lockSite(trx, deps.db.dialect, row.site_id);
  const { number, total } = await repo.nextNumbers(trx, row.site_id, row.year);
  for (const e of entries)
    await repo.updateEntry(trx, e.id, {
      category: e.category,
      org_id: e.org_id,
      org_name: e.org_name,
      title: e.title,
      doc_number: e.doc_number,
      formed_on: e.formed_on,
      body_text: e.body_text,
    });
  const government = await repo.siteNameOf(trx, row.site_id);
  const pdf = await renderGazettePdf({
    government,
    compiler: compilerOf(government),
    year: row.year,
    number,
    total_number: total,
    published_on: at.today,
    entries,
    at: new Date(at.now),
  });
  const stored = await storageOf(deps).put(pdf);
  const clash = await repo.findIssueByFile(trx, row.site_id, stored.sha256);
  if (clash) throw new AppError("gazette_file_exists", 409, "相同内容的公报文件已经存在，不能重复发布。");
  const set = {
    status: "released" as const,
    number,
    total_number: total,
    published_on: at.today,
    file_sha256: stored.sha256,
    file_size: stored.size,
    file_type: "pdf",
    file_name: `gazette-${row.year}-${String(number).padStart(2, "0")}.pdf`,
    released_by: user.id,
    released_at: at.now,
    updated_at: at.now,
  };
  await repo.updateIssue(trx, row.id, set);
  const next: repo.IssueRow = { ...row, ...set };
  await recordAudit(trx, deps.clock, actorOf(user), {
    action: "gazette.release",
    entityType: "gazette_issue",
    entityId: row.id,
    orgId: row.org_id,
    summary: {
      issue: issueLabel(next),
      documents: entries.length,
      pdf_sha256: stored.sha256,
    },
  });
  await syncIssueInIndex(deps, trx, next);
  return next;
}
