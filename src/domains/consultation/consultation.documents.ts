// The draft's documents (征求意见稿及说明): uploaded by the drafting department while the consultation is a
// draft, through the platform's untrusted-file module (type by content, size and count caps, inspection and
// text extraction in the file worker with its limits: the checks of item attachments, checkIncomingFiles).
// All or nothing, as for item attachments.
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { uploadRefusal } from "../../platform/files";
import { newId } from "../../platform/ids";
import { storageOf } from "../../platform/storage";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { checkIncomingFiles, type IncomingFile } from "../publishing/attachments";
import { authoriseConsultation, consultationNotFound } from "./consultation.policy";
import * as repo from "./consultation.repo";

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
export const MAX_DOCUMENTS = 10;
const EXTRACT_BUDGET_MS = 60_000;

const tooMany = (count: number, adding: number): ErrorDetail => ({
  field: "file",
  code: "too_many_files",
  message: `每个征求意见最多${MAX_DOCUMENTS}个文件（已有${count}个，本次${adding}个）。`,
});

/** Throws unless the user may add documents now (drafting department, while a draft); returns the row. */
export async function authoriseDocumentChange(deps: Deps, user: CurrentUser, id: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  const row = await repo.findConsultation(deps.db.kysely, id);
  if (!row) throw consultationNotFound();
  authoriseConsultation(user, "consultation.draft", row, tree);
  if (row.status !== "draft")
    throw new AppError(
      "consultation_documents_locked",
      409,
      "只有草稿状态的征求意见可以上传文件；如需修改请先退回。",
    );
  return row;
}

export async function addDocuments(
  deps: Deps,
  user: CurrentUser,
  id: string,
  files: IncomingFile[],
): Promise<repo.DocumentRow[]> {
  try {
    const row = await authoriseDocumentChange(deps, user, id);
    const problems: ErrorDetail[] = [];
    const existing = await repo.listDocuments(deps.db.kysely, row.id);
    if (existing.length + files.length > MAX_DOCUMENTS) problems.push(tooMany(existing.length, files.length));
    const accepted = await checkIncomingFiles(files, problems, {
      maxBytes: MAX_DOCUMENT_BYTES,
      budgetMs: EXTRACT_BUDGET_MS,
    });
    if (problems.length) throw uploadRefusal(problems, "文件未上传，请按提示处理后重新上传。");
    for (const a of accepted) await a.file.staged.commit();
    const now = deps.clock.now().toISOString();
    const rows: repo.DocumentRow[] = accepted.map((a, i) => ({
      id: newId(),
      consultation_id: row.id,
      position: existing.length + i + 1,
      filename: a.filename,
      mime: a.mime,
      size: a.file.staged.size,
      sha256: a.file.staged.sha256,
      extracted_text: a.extracted.text,
      created_by: user.id,
      created_at: now,
    }));
    await deps.db.kysely.transaction().execute(async (trx) => {
      await repo.insertDocuments(trx, rows);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "consultation.document_add",
        entityType: "consultation",
        entityId: row.id,
        orgId: row.org_id,
        summary: { files: rows.map((r) => r.filename).join("、") },
      });
    });
    return rows;
  } finally {
    for (const f of files) await f.staged.discard();
  }
}

/** A stored document of a published consultation, for the public download. */
export async function publicDocument(deps: Deps, siteId: string, id: string, docId: string) {
  const row = await repo.findConsultation(deps.db.kysely, id);
  if (!row || row.site_id !== siteId || !repo.PUBLIC_STATUSES.includes(row.status)) return undefined;
  const doc = (await repo.listDocuments(deps.db.kysely, id)).find((d) => d.id === docId);
  if (!doc) return undefined;
  return { doc, open: () => storageOf(deps).stream(doc.sha256) };
}
