// Files an applicant sends with an information-disclosure application (申请人提交的证明材料): the image of an
// identity document, a business licence, a letter of authorisation. They are personal data of the most
// sensitive kind, so:
// - they are read into memory (never staged to disk in clear), checked by content, and encrypted with
//   AES-256-GCM before they are stored, in a store of their own (`<dataDir>/applicant-files`);
// - their names are encrypted like the other personal fields (a name such as “张三身份证.jpg” names the person);
// - only staff who handle applications may open them, and every opening is written to the audit log.
import { join } from "node:path";
import { Readable } from "node:stream";
import type { Actor, Deps, Executor } from "../../../deps";
import { decryptBlob, decryptField, encryptBlob, encryptField } from "../../../platform/crypto";
import { AppError, Problems } from "../../../platform/errors";
import { checkFile, FILE_TYPES, type FileType, inspectFile, servesInline } from "../../../platform/files";
import { newId } from "../../../platform/ids";
import { type Storage, storageOf } from "../../../platform/storage";
import { actorOf, type CurrentUser } from "../../accounts";
import { recordAudit } from "../../audit";
import { sanitiseFilename } from "../../publishing/attachments/attachments.filename";
import { loadApplicationFor } from "../applications.policy";
import * as apps from "../applications.repo";
import { type Download, uploadRefusal } from "../documents/documents.service";
import type { ApplicationFileTable } from "./applicant-files.tables";

/** What an applicant may send: photos or scans of documents. */
export const APPLICANT_FILE_TYPES: readonly FileType[] = ["jpeg", "png", "pdf"];
export const MAX_APPLICANT_FILES = 3;
export const MAX_APPLICANT_FILE_BYTES = 5 * 1024 * 1024;
/** The office may add scans of a paper application while it is open (the letter, its envelope). */
export const MAX_FILES_PER_APPLICATION = 10;
export const ACCEPT_APPLICANT_FILES = ".jpg,.jpeg,.png,.pdf";

/** A file as received: from a form part, or decoded from the API's base64. */
export interface ApplicantUpload {
  filename: string;
  data: Buffer;
  /** The form reader cut it off at the size limit. */
  truncated?: boolean;
}

export interface CheckedFile {
  filename: string;
  type: FileType;
  data: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/;

/** Decodes the API's `attachments`, naming each one that is not base64. */
export function decodeApiAttachments(
  list: ReadonlyArray<{ filename: string; content_base64: string }> | undefined,
  p: Problems,
): ApplicantUpload[] {
  const out: ApplicantUpload[] = [];
  (list ?? []).forEach((a, i) => {
    if (!BASE64.test(a.content_base64)) {
      p.add(
        `attachments.${i}.content_base64`,
        "invalid_base64",
        `第 ${i + 1} 个附件的内容不是有效的 base64 编码。`,
      );
      return;
    }
    out.push({ filename: a.filename, data: Buffer.from(a.content_base64, "base64") });
  });
  return out;
}

/**
 * Checks type (by content), size and count, then screens each file in the file worker (a PDF with scripts
 * is refused), adding every problem to `p`; returns the acceptable files. `dropped` counts form parts
 * beyond the count limit the reader did not keep.
 */
export async function checkApplicantFiles(
  files: readonly ApplicantUpload[],
  p: Problems,
  opts: { dropped?: number; existing?: number; max?: number } = {},
): Promise<CheckedFile[]> {
  const max = opts.max ?? MAX_APPLICANT_FILES;
  const total = files.length + (opts.dropped ?? 0) + (opts.existing ?? 0);
  if (total > max)
    p.add(
      "file",
      "too_many_files",
      opts.existing
        ? `每件申请最多 ${max} 个材料文件，已有 ${opts.existing} 个，本次上传 ${total - opts.existing} 个。`
        : `最多上传 ${max} 个材料文件，本次选择了 ${total} 个。`,
    );
  const accepted: CheckedFile[] = [];
  const allowed = APPLICANT_FILE_TYPES.flatMap((t) => FILE_TYPES[t].exts).join("、");
  for (const file of files) {
    const name = sanitiseFilename(file.filename);
    if (file.truncated || file.data.length > MAX_APPLICANT_FILE_BYTES) {
      p.add(
        "file",
        "file_too_large",
        `“${name}”超过 ${MAX_APPLICANT_FILE_BYTES / 1024 / 1024} MB，请压缩后上传。`,
      );
      continue;
    }
    const checked = checkFile(name, file.data);
    if (!checked.ok) {
      p.add(
        "file",
        checked.code,
        checked.code === "unsupported_type" ? `“${name}”：只接受 ${allowed} 文件。` : checked.message,
      );
      continue;
    }
    if (!APPLICANT_FILE_TYPES.includes(checked.type)) {
      p.add(
        "file",
        "unsupported_type",
        `“${name}”是 ${FILE_TYPES[checked.type].label} 文件；证明材料只接受 ${allowed} 文件。`,
      );
      continue;
    }
    try {
      await inspectFile(checked.type, file.data);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      p.add("file", e.code, `“${name}”：${e.message}`);
      continue;
    }
    accepted.push({ filename: checked.filename, type: checked.type, data: file.data });
  }
  return accepted;
}

export const applicantFileStorage = (deps: Pick<Deps, "config">): Storage =>
  storageOf({ config: { dataDir: join(deps.config.dataDir, "applicant-files") } });

/** Encrypted and stored, waiting for their rows; `discard` removes the blobs if the rows are not written. */
export interface SealedFiles {
  rows: Array<
    Omit<ApplicationFileTable, "application_id" | "position" | "source" | "created_by" | "created_at">
  >;
  discard(): Promise<void>;
}

/** Encrypts each file and stores the ciphertext. Call before the transaction; `discard` on failure. */
export async function sealFiles(
  deps: Pick<Deps, "config">,
  files: readonly CheckedFile[],
): Promise<SealedFiles> {
  const storage = applicantFileStorage(deps);
  const key = deps.config.secretKey;
  const rows: SealedFiles["rows"] = [];
  const discard = async () => {
    for (const r of rows) await storage.delete(r.blob_sha256).catch(() => undefined);
  };
  try {
    for (const f of files) {
      const stored = await storage.put(encryptBlob(key, f.data));
      rows.push({
        id: newId(),
        filename_enc: encryptField(key, f.filename),
        mime: FILE_TYPES[f.type].mime,
        size: f.data.length,
        blob_sha256: stored.sha256,
      });
    }
  } catch (e) {
    await discard();
    throw e;
  }
  return { rows, discard };
}

/** Writes the rows of sealed files (inside the caller's transaction). */
export async function insertFileRows(
  trx: Executor,
  applicationId: string,
  sealed: SealedFiles,
  source: ApplicationFileTable["source"],
  actor: Actor,
  at: string,
): Promise<void> {
  if (sealed.rows.length === 0) return;
  const last = await trx
    .selectFrom("application_files")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
  const start = Number(last?.max ?? 0);
  await trx
    .insertInto("application_files")
    .values(
      sealed.rows.map((r, i) => ({
        ...r,
        application_id: applicationId,
        position: start + i + 1,
        source,
        created_by: actor.label,
        created_at: at,
      })),
    )
    .execute();
}

export interface ApplicantFileMeta {
  id: string;
  position: number;
  filename: string;
  mime: string;
  size: number;
  source: ApplicationFileTable["source"];
  created_by: string;
  created_at: string;
}

const fileRows = (db: Executor, applicationId: string) =>
  db
    .selectFrom("application_files")
    .selectAll()
    .where("application_id", "=", applicationId)
    .orderBy("position")
    .execute();

export const countFiles = async (db: Executor, applicationId: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom("application_files")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("application_id", "=", applicationId)
        .executeTakeFirst()
    )?.n ?? 0,
  );

/** The files of an application with their names decrypted, for the people who handle it. */
export async function listApplicantFiles(deps: Deps, applicationId: string): Promise<ApplicantFileMeta[]> {
  const key = deps.config.secretKey;
  return (await fileRows(deps.db.kysely, applicationId)).map((r) => ({
    id: r.id,
    position: r.position,
    filename: decryptField(key, r.filename_enc),
    mime: r.mime,
    size: r.size,
    source: r.source,
    created_by: r.created_by,
    created_at: r.created_at,
  }));
}

async function handledApplication(deps: Deps, user: CurrentUser, applicationId: string) {
  return (await loadApplicationFor(deps, user, "handle", applicationId)).row;
}

/** Handlers only: the list, with names. */
export async function listFilesForHandler(deps: Deps, user: CurrentUser, applicationId: string) {
  const row = await handledApplication(deps, user, applicationId);
  return listApplicantFiles(deps, row.id);
}

/** Handlers only: one file, decrypted; the opening is audited (who looked at whose identity document). */
export async function openApplicantFile(
  deps: Deps,
  user: CurrentUser,
  applicationId: string,
  fileId: string,
): Promise<Download> {
  const app = await handledApplication(deps, user, applicationId);
  const row = await deps.db.kysely
    .selectFrom("application_files")
    .selectAll()
    .where("application_id", "=", app.id)
    .where("id", "=", fileId)
    .executeTakeFirst();
  const missing = new AppError("file_not_found", 404, "材料不存在。");
  if (!row) throw missing;
  const storage = applicantFileStorage(deps);
  if (!(await storage.exists(row.blob_sha256))) {
    deps.logger.error({ file: row.id }, "applicant file blob missing");
    throw missing;
  }
  const data = decryptBlob(deps.config.secretKey, await storage.read(row.blob_sha256));
  await recordAudit(deps.db.kysely, deps.clock, actorOf(user), {
    action: "application.file.view",
    entityType: "application",
    entityId: app.id,
    orgId: app.org_id,
    siteId: app.site_id,
    summary: { tracking_code: app.tracking_code, file: row.id, position: row.position },
  });
  return {
    filename: decryptField(deps.config.secretKey, row.filename_enc),
    mime: row.mime,
    size: data.length,
    sha256: row.blob_sha256,
    // Images are shown in the browser, behind the same no-store headers; PDFs download (a viewer may run them).
    inline: servesInline(row.mime),
    open: () => Readable.from([data]),
  };
}

/** The office adds scans to an open application (a paper letter, an ID copy handed in). All or nothing. */
export async function addOfficeFiles(
  deps: Deps,
  user: CurrentUser,
  applicationId: string,
  uploads: readonly ApplicantUpload[],
  dropped = 0,
): Promise<ApplicantFileMeta[]> {
  const app = await handledApplication(deps, user, applicationId);
  if (app.status === "replied" || app.status === "merged")
    throw new AppError("files_locked", 409, "已答复或已合并的申请不能再添加材料。");
  const p = new Problems();
  if (uploads.length + dropped === 0) p.add("file", "no_file", "请选择要上传的文件。");
  const existing = await countFiles(deps.db.kysely, app.id);
  const checked = await checkApplicantFiles(uploads, p, {
    dropped,
    existing,
    max: MAX_FILES_PER_APPLICATION,
  });
  if (!p.empty) throw uploadRefusal(p.list);
  const sealed = await sealFiles(deps, checked);
  const actor = actorOf(user);
  try {
    await deps.db.kysely.transaction().execute(async (trx) => {
      const now = deps.clock.now().toISOString();
      // Two uploads to the same application count and number their files one after the other.
      await apps.lockApplication(trx, app.id, now);
      const count = await countFiles(trx, app.id);
      if (count + sealed.rows.length > MAX_FILES_PER_APPLICATION)
        throw new AppError(
          "too_many_files",
          409,
          `每件申请最多 ${MAX_FILES_PER_APPLICATION} 个材料文件，已有 ${count} 个，本次上传 ${sealed.rows.length} 个。`,
        );
      await insertFileRows(trx, app.id, sealed, "office", actor, now);
      await recordAudit(trx, deps.clock, actor, {
        action: "application.file.add",
        entityType: "application",
        entityId: app.id,
        orgId: app.org_id,
        siteId: app.site_id,
        summary: { tracking_code: app.tracking_code, files: sealed.rows.length, source: "office" },
      });
    });
  } catch (e) {
    await sealed.discard();
    throw e;
  }
  return listApplicantFiles(deps, app.id);
}
