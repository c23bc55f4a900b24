import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { Deps, Executor } from "../../../deps";
import { AppError, type ErrorDetail } from "../../../platform/errors";
import { maskedFileName, servesInline, typeOfMime, uploadRefusal } from "../../../platform/files";
import { newId } from "../../../platform/ids";
import { storageOf } from "../../../platform/storage";
import { actorOf, type CurrentUser, can } from "../../accounts";
import { recordAudit } from "../../audit";
import { loadOrgTree, type OrgTree } from "../../orgs";
import { invalidateItemPages } from "../page-cache";
import { itemNotFound, mayViewItem } from "../publishing.policy";
import * as items from "../publishing.repo";
import { type CheckedFile, checkIncomingFiles, type IncomingFile } from "./attachments.checks";
import * as repo from "./attachments.repo";

export type { AttachmentMeta, AttachmentRow } from "./attachments.repo";

type ItemRow = items.ItemRow;

/** Per file; the multipart parser stops storing a file at this size. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_FILES_PER_ITEM = 20;
/** Text extraction time for all the files of one upload together. */
export const EXTRACT_BUDGET_MS = 60_000;

// Who may add or remove attachments, and when (decided here, documented in the report):
// - while the item is a draft: whoever may draft for its organisation (item.draft);
// - while it is submitted for review (保密审查): the reviewer (item.review), to put in a redacted
//   replacement; the drafter must have it sent back first;
// - afterwards nobody: what was reviewed and signed is what is published. A revision starts a new version.
type EditRule = { status: string; action: "item.draft" | "item.review" };
const EDIT_RULES: EditRule[] = [
  { status: "draft", action: "item.draft" },
  { status: "submitted", action: "item.review" },
];

/** Statuses whose attachments the public may download: withdrawn items serve nothing. */
const DOWNLOADABLE = new Set(["published", "superseded"]);
export const attachmentsArePublic = (item: Pick<ItemRow, "status">) => DOWNLOADABLE.has(item.status);

export const mayEditAttachments = (
  user: CurrentUser,
  item: Pick<ItemRow, "status" | "org_id">,
  tree: OrgTree,
) => EDIT_RULES.some((r) => r.status === item.status && can(user, r.action, item.org_id, tree));

/** The item policy's visibility (publishing.policy.ts): its site and organisation. */
export const mayViewAttachments = (
  user: CurrentUser,
  item: Pick<ItemRow, "site_id" | "org_id">,
  tree: OrgTree,
) => mayViewItem(user, item, tree);

async function loadItem(deps: Deps, itemId: string): Promise<ItemRow> {
  const item = await items.findItem(deps.db.kysely, itemId);
  if (!item) throw new AppError("item_not_found", 404, "信息不存在。");
  return item;
}

/** Throws unless `user` may add or remove attachments of the item now; returns the item. */
export async function authoriseAttachmentChange(
  deps: Deps,
  user: CurrentUser,
  itemId: string,
): Promise<ItemRow> {
  const item = await loadItem(deps, itemId);
  const tree = await loadOrgTree(deps, user.siteId);
  if (mayEditAttachments(user, item, tree)) return item;
  if (!mayViewAttachments(user, item, tree)) throw itemNotFound();
  const rule = EDIT_RULES.find((r) => r.status === item.status);
  if (rule?.action === "item.draft")
    throw new AppError("role_not_allowed", 403, "草稿的附件由起草单位的信息员增删。");
  if (rule?.action === "item.review" && can(user, "item.draft", item.org_id, tree))
    throw new AppError(
      "attachments_locked",
      409,
      "信息已提交审查，附件只能由审查员更换；如需修改请等待退回。",
    );
  if (rule) throw new AppError("role_not_allowed", 403, "您的角色不能更换审查中信息的附件。");
  throw new AppError(
    "attachments_locked",
    409,
    "只有草稿和审查中的信息可以增删附件；已审签或发布的信息请修订。",
  );
}

export type { IncomingFile } from "./attachments.checks";

/** 413 when a file is too large, 415 when every problem is a file type, 422 for an unsafe file (files/limits.ts). */
const refusal = (problems: ErrorDetail[]): AppError =>
  uploadRefusal(problems, "附件未上传，请按提示处理后重新上传。");

/**
 * Checks every file (type by content, name, size, count), inspects it and extracts its text in the file
 * worker (platform/files), then stores blobs and rows. All or nothing: one bad file refuses the whole
 * upload, and refused files leave no blob and no row. The staged temp files are always consumed.
 */
export async function addAttachments(
  deps: Deps,
  user: CurrentUser,
  itemId: string,
  files: IncomingFile[],
): Promise<repo.AttachmentMeta[]> {
  try {
    const item = await authoriseAttachmentChange(deps, user, itemId);
    const problems: ErrorDetail[] = [];
    const { count } = await repo.attachmentStats(deps.db.kysely, item.id);
    if (count + files.length > MAX_FILES_PER_ITEM) problems.push(tooMany(count, files.length));
    const accepted = await checkIncomingFiles(files, problems, {
      maxBytes: MAX_FILE_BYTES,
      budgetMs: EXTRACT_BUDGET_MS,
    });
    if (problems.length) throw refusal(problems);

    const now = deps.clock.now().toISOString();
    const rows: repo.AttachmentRow[] = [];
    for (const a of accepted) {
      const type = typeOfMime(a.mime)!;
      const extracted = a.extracted;
      if (extracted.error) deps.logger.info({ item: item.id, type }, "attachment text not fully extracted");
      rows.push({
        id: newId(),
        item_id: item.id,
        position: 0,
        filename: a.filename,
        mime: a.mime,
        size: a.file.staged.size,
        sha256: a.file.staged.sha256,
        extracted_text: extracted.text,
        extract_error: extracted.error,
        masked_text: null,
        masked_sha256: null,
        masked_size: null,
        created_by: user.id,
        created_at: now,
      });
    }

    // Blobs first: a row must never name a missing blob. A failed transaction removes what it created.
    const created: string[] = [];
    for (const a of accepted) if ((await a.file.staged.commit()).created) created.push(a.file.staged.sha256);
    try {
      await deps.db.kysely.transaction().execute(async (trx) => {
        const fresh = await items.findItem(trx, item.id);
        if (fresh?.status !== item.status)
          throw new AppError("item_changed", 409, "信息状态刚刚发生了变化，请刷新后重试。");
        const stats = await repo.attachmentStats(trx, item.id);
        if (stats.count + rows.length > MAX_FILES_PER_ITEM)
          throw refusal([tooMany(stats.count, rows.length)]);
        rows.forEach((r, i) => {
          r.position = stats.next + i;
        });
        await repo.insertAttachments(trx, rows);
        for (const r of rows) {
          await recordAudit(trx, deps.clock, actorOf(user), {
            action: "item.attachment_add",
            entityType: "item",
            entityId: item.id,
            orgId: item.org_id,
            summary: {
              attachment: r.id,
              filename: r.filename,
              size: r.size,
              sha256: r.sha256,
              mime: r.mime,
              item_status: item.status,
            },
          });
        }
      });
    } catch (e) {
      await deleteUnreferenced(deps, created);
      throw e;
    }
    invalidateItemPages(deps, [item.id]);
    return repo.listAttachmentMeta(deps.db.kysely, item.id);
  } finally {
    for (const f of files) await f.staged.discard();
  }
}

/**
 * Files already checked and extracted (checkIncomingFiles) become attachments of an item the caller creates in
 * `trx` (a document-management import): rows and audit entries there. The caller commits the staged blobs
 * before its transaction and removes what it created when the transaction fails (deleteUnreferencedBlobs).
 */
export async function insertCheckedAttachments(
  deps: Deps,
  trx: Executor,
  actor: { id: string | null; label: string },
  item: Pick<ItemRow, "id" | "org_id" | "status">,
  accepted: readonly CheckedFile[],
): Promise<void> {
  const now = deps.clock.now().toISOString();
  const rows: repo.AttachmentRow[] = accepted.map((a, i) => ({
    id: newId(),
    item_id: item.id,
    position: i + 1,
    filename: a.filename,
    mime: a.mime,
    size: a.file.staged.size,
    sha256: a.file.staged.sha256,
    extracted_text: a.extracted.text,
    extract_error: a.extracted.error,
    masked_text: null,
    masked_sha256: null,
    masked_size: null,
    created_by: actor.id ?? "",
    created_at: now,
  }));
  if (rows.length === 0) return;
  await repo.insertAttachments(trx, rows);
  for (const r of rows)
    await recordAudit(trx, deps.clock, actor, {
      action: "item.attachment_add",
      entityType: "item",
      entityId: item.id,
      orgId: item.org_id,
      summary: {
        attachment: r.id,
        filename: r.filename,
        size: r.size,
        sha256: r.sha256,
        mime: r.mime,
        item_status: item.status,
      },
    });
}

/** Removes blobs no attachment row names (after a refused import). */
export const deleteUnreferencedBlobs = (deps: Deps, hashes: string[]) => deleteUnreferenced(deps, hashes);

const tooMany = (count: number, adding: number): ErrorDetail => ({
  field: "file",
  code: "too_many_attachments",
  message: `每条信息最多 ${MAX_FILES_PER_ITEM} 个附件，已有 ${count} 个，本次上传 ${adding} 个。`,
});

/** Blobs are shared by content across items; one goes when no row names it any more. */
async function deleteUnreferenced(deps: Deps, hashes: string[]): Promise<void> {
  for (const sha of new Set(hashes)) {
    if ((await repo.countBlobReferences(deps.db.kysely, sha)) === 0) await storageOf(deps).delete(sha);
  }
}

export async function removeAttachment(
  deps: Deps,
  user: CurrentUser,
  itemId: string,
  attachmentId: string,
): Promise<repo.AttachmentMeta> {
  const item = await authoriseAttachmentChange(deps, user, itemId);
  const att = await repo.findAttachmentMeta(deps.db.kysely, item.id, attachmentId);
  if (!att) throw new AppError("attachment_not_found", 404, "附件不存在。");
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.deleteAttachment(trx, item.id, att.id);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "item.attachment_remove",
      entityType: "item",
      entityId: item.id,
      orgId: item.org_id,
      summary: {
        attachment: att.id,
        filename: att.filename,
        size: att.size,
        sha256: att.sha256,
        mime: att.mime,
        item_status: item.status,
      },
    });
  });
  await deleteUnreferenced(deps, att.masked_sha256 ? [att.sha256, att.masked_sha256] : [att.sha256]);
  invalidateItemPages(deps, [item.id]);
  return att;
}

/**
 * For a revision (修订): the new version starts with the attachments of the one it revises. Blobs are
 * shared by content, so only rows are copied. Call inside the transaction that creates the version.
 */
export async function copyAttachments(
  trx: Executor,
  fromItemId: string,
  toItemId: string,
  by: { userId: string; at: string },
): Promise<number> {
  const rows = await repo.listAttachmentRows(trx, fromItemId);
  await repo.insertAttachments(
    trx,
    rows.map((r) => ({ ...r, id: newId(), item_id: toItemId, created_by: by.userId, created_at: by.at })),
  );
  return rows.length;
}

/** The review engine's de-identified copy of an attachment's text; the caller audits in its transaction. */
export const storeMaskedText = (trx: Executor, attachmentId: string, masked: string | null) =>
  repo.setMaskedText(trx, attachmentId, masked);

/** The attachments of an item, in order, without their texts. */
export const listAttachments = (deps: Pick<Deps, "db">, itemId: string) =>
  repo.listAttachmentMeta(deps.db.kysely, itemId);

/** Texts of an item's attachments, for the review engine and the search index. */
export async function attachmentTexts(deps: Pick<Deps, "db">, itemId: string) {
  const rows = await repo.listAttachmentRows(deps.db.kysely, itemId);
  return rows.map((r) => ({
    id: r.id,
    filename: r.filename,
    mime: r.mime,
    sha256: r.sha256,
    text: r.extracted_text,
    masked_text: r.masked_text,
    extract_error: r.extract_error,
  }));
}

/** Staff: the extracted text of one attachment. */
export async function getAttachmentText(deps: Deps, user: CurrentUser, itemId: string, attachmentId: string) {
  const item = await loadItem(deps, itemId);
  if (!mayViewAttachments(user, item, await loadOrgTree(deps, user.siteId))) throw itemNotFound();
  const row = await repo.findAttachmentRow(deps.db.kysely, item.id, attachmentId);
  if (!row) throw new AppError("attachment_not_found", 404, "附件不存在。");
  return row;
}

/** The public rendition of a de-identified attachment: its masked text as a UTF-8 text file. */
export function maskedDownload(meta: repo.AttachmentMeta, maskedText: string): Download {
  const body = Buffer.from(`\ufeff${maskedText}`, "utf8");
  const base = meta.filename.replace(/\.[^.]+$/, "");
  return {
    meta: {
      ...meta,
      filename: maskedFilename(base),
      mime: "text/plain; charset=utf-8",
      size: body.length,
      sha256: createHash("sha256").update(body).digest("hex"),
    },
    inline: true,
    open: () => Readable.from([body]),
  };
}

export const maskedFilename = (base: string) => `${base}（去标识化文本）.txt`;

/** What the public sees of a masked file: its own name, size and fingerprint, the original's type. */
const maskedFileMeta = (meta: repo.AttachmentMeta, sha256: string, size: number): repo.AttachmentMeta => ({
  ...meta,
  filename: maskedFileName(meta.filename),
  sha256,
  size,
});

export interface Download {
  meta: repo.AttachmentMeta;
  inline: boolean;
  open(): Readable;
}

/**
 * A file to send: to anyone when the item is published or superseded, otherwise only to staff who may
 * see the item. Everything else is "not found", so drafts do not reveal that they exist.
 */
export async function findDownload(
  deps: Deps,
  who: { public: true } | { user: CurrentUser },
  itemId: string,
  attachmentId: string,
): Promise<Download> {
  const notFound = new AppError("attachment_not_found", 404, "附件不存在。");
  const item = await items.findItem(deps.db.kysely, itemId);
  if (!item) throw notFound;
  if ("public" in who) {
    if (!attachmentsArePublic(item)) throw notFound;
  } else if (!mayViewAttachments(who.user, item, await loadOrgTree(deps, who.user.siteId))) {
    throw notFound;
  }
  const meta = await repo.findAttachmentMeta(deps.db.kysely, item.id, attachmentId);
  if (!meta) throw notFound;
  if ("public" in who) {
    // A de-identified attachment is offered to the public only masked: the original file, with the
    // personal information in it, stays in the restricted archive (work plan 四(二)). Since migration 0018
    // the masked copy is a file of the same format; older ones were kept as masked text.
    if (meta.masked_sha256) {
      const storage = storageOf(deps);
      const sha = meta.masked_sha256;
      if (!(await storage.exists(sha))) {
        deps.logger.error({ attachment: meta.id, sha256: sha }, "masked attachment blob missing");
        throw notFound;
      }
      const masked = maskedFileMeta(meta, sha, meta.masked_size ?? meta.size);
      return { meta: masked, inline: servesInline(meta.mime), open: () => storage.stream(sha) };
    }
    const row = await repo.findAttachmentRow(deps.db.kysely, item.id, attachmentId);
    if (row?.masked_text != null) return maskedDownload(meta, row.masked_text);
  }
  const storage = storageOf(deps);
  if (!(await storage.exists(meta.sha256))) {
    deps.logger.error({ attachment: meta.id, sha256: meta.sha256 }, "attachment blob missing");
    throw notFound;
  }
  // Images inline; PDFs and everything else as downloads (a viewer may run what a PDF carries).
  return { meta, inline: servesInline(meta.mime), open: () => storage.stream(meta.sha256) };
}

/** Attachments as the public sees them: a de-identified one is offered as its masked text. */
export async function listPublicAttachments(
  deps: Pick<Deps, "db">,
  itemId: string,
): Promise<repo.AttachmentMeta[]> {
  const rows = await repo.listAttachmentRows(deps.db.kysely, itemId);
  return rows.map(({ extracted_text: _e, masked_text, ...meta }) =>
    meta.masked_sha256
      ? maskedFileMeta(meta, meta.masked_sha256, meta.masked_size ?? meta.size)
      : masked_text == null
        ? meta
        : maskedDownload(meta, masked_text).meta,
  );
}
