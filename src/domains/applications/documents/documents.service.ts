// Documents released with the reply to an information-disclosure application (依申请公开答复时提供的政府信息).
//
// The office uploads the files it provides; each is checked by content and its text extracted in the file
// worker (platform/files), then de-identified by the personal-information engine (platform/pii) in its own
// format: a Word, Excel or PDF file stays one, masked in place (a PDF's text removed). The applicant
// downloads only that masked file, never the original, which stays with the office (staff download it from
// the back office). A PDF that cannot be redacted reliably is refused with a request for a redacted version.
import { createHash } from "node:crypto";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { Deps } from "../../../deps";
import { decryptBlob, encryptBlob, encryptField } from "../../../platform/crypto";
import { AppError, type ErrorDetail } from "../../../platform/errors";
import {
  checkFile,
  EXTRACT_LIMITS,
  type Extracted,
  FILE_TYPES,
  inspectFile,
  MASKABLE_TYPES,
  maskedFileName,
  maskFile,
  uploadRefusal as refuseFiles,
  servesInline,
} from "../../../platform/files";
import { newId } from "../../../platform/ids";
import { ERROR_PII_KINDS, maskText, type PiiKind } from "../../../platform/pii";
import { type Storage, storageOf } from "../../../platform/storage";
import { actorOf, type CurrentUser } from "../../accounts";
import { recordAudit } from "../../audit";
import { sanitiseFilename } from "../../publishing/attachments/attachments.filename";
import type { IncomingFile } from "../../publishing/attachments/attachments.service";
import { MAX_FILE_BYTES } from "../../publishing/attachments/attachments.service";
import { scanOptionsFor } from "../../review/review.service";
import { loadApplicationFor } from "../applications.policy";
import * as apps from "../applications.repo";
import * as repo from "./documents.repo";

export type { DocumentMeta } from "./documents.repo";

export const MAX_DOCUMENTS = 20;
/** Text extraction time for all the files of one upload together. */
export const EXTRACT_BUDGET_MS = 60_000;

/** Documents may be added or removed while the application is being handled, never after the reply. */
export const EDITABLE_STATUSES: readonly string[] = ["handling", "consulting", "correction", "fee_pending"];
/** The applicant receives documents only with a reply that discloses (公开 / 部分公开). */
export const RELEASING_OUTCOMES: readonly string[] = ["disclose", "partial"];

/**
 * What is masked. A publication goes to everyone and masks only the kinds reported as errors; a released
 * document goes to one applicant, who is not the data subject (Art. 15 of the Regulations: third parties'
 * personal information is not disclosed without consent), so personal names and detailed addresses are
 * masked too. What must stay readable is the office's business, which the masked text keeps.
 */
export const DOCUMENT_MASK_KINDS: readonly PiiKind[] = [...ERROR_PII_KINDS, "name", "address"];

export const PII_LABELS: Partial<Record<PiiKind, string>> = {
  id_card: "身份证号",
  mobile: "手机号",
  landline: "固定电话",
  bank_card: "银行卡号",
  email: "电子邮箱",
  passport: "护照号码",
  travel_permit: "港澳台通行证号码",
  name: "姓名",
  address: "详细住址",
};

/** "身份证号 1 处、手机号 1 处", in the order of DOCUMENT_MASK_KINDS; "" when nothing was masked. */
export function describeFindings(findings: string | Record<string, number>): string {
  const counts: Record<string, number> = typeof findings === "string" ? safeJson(findings) : findings;
  return DOCUMENT_MASK_KINDS.filter((k) => (counts[k] ?? 0) > 0)
    .map((k) => `${PII_LABELS[k] ?? k} ${counts[k]} 处`)
    .join("、");
}

function safeJson(s: string): Record<string, number> {
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === "object" ? (v as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/**
 * Released documents keep their originals in a store of their own (`<dataDir>/application-documents`),
 * so removing a published attachment with the same content never removes a released original, nor the
 * other way round.
 */
export const documentStorage = (deps: Pick<Deps, "config">): Storage =>
  storageOf({ config: { dataDir: join(deps.config.dataDir, "application-documents") } });

/** Throws unless `user` may add or remove released documents of the application now; returns it. */
export async function authoriseDocumentChange(deps: Deps, user: CurrentUser, applicationId: string) {
  const { row } = await loadApplicationFor(deps, user, "handle", applicationId);
  if (!EDITABLE_STATUSES.includes(row.status))
    throw new AppError(
      "documents_locked",
      409,
      "只有办理中的申请可以增删答复提供的材料；已答复、合并或尚未登记的申请不能修改。",
    );
  return row;
}

/** Staff who handle applications: the documents with their originals (the list is shown to inspectors too). */
export async function authoriseOriginals(deps: Deps, user: CurrentUser, applicationId: string) {
  return (await loadApplicationFor(deps, user, "handle", applicationId)).row;
}

/** An upload refused: 413 too large, 415 file types, 422 an unsafe file (platform/files), otherwise 400. */
export const uploadRefusal = (problems: ErrorDetail[]) =>
  refuseFiles(problems, "材料未上传，请按提示处理后重新上传。");

const tooMany = (count: number, adding: number): ErrorDetail => ({
  field: "file",
  code: "too_many_documents",
  message: `每件申请最多提供 ${MAX_DOCUMENTS} 份材料，已有 ${count} 份，本次上传 ${adding} 份。`,
});

/**
 * Checks every file (type by content, size, count), extracts and de-identifies its text, then stores the
 * blobs and rows. All or nothing; the staged temp files are always consumed. A file without extractable
 * text (an image, a scan, a legacy .doc) is refused: the applicant receives text only, so such a file
 * would reach nobody; convert it to Word or a PDF with text first.
 */
export async function addDocuments(
  deps: Deps,
  user: CurrentUser,
  applicationId: string,
  files: IncomingFile[],
): Promise<repo.DocumentMeta[]> {
  try {
    const app = await authoriseDocumentChange(deps, user, applicationId);
    const problems: ErrorDetail[] = [];
    const add = (code: string, message: string) => problems.push({ field: "file", code, message });
    if (files.length === 0) add("no_file", "请选择要上传的文件。");
    const { count } = await repo.documentStats(deps.db.kysely, app.id);
    if (count + files.length > MAX_DOCUMENTS) problems.push(tooMany(count, files.length));
    const options = await scanOptionsFor(deps.db.kysely, app.site_id);
    const deadline = Date.now() + EXTRACT_BUDGET_MS;
    const accepted: Array<{
      file: IncomingFile;
      row: repo.DocumentRow;
      counts: Record<string, number>;
      masked: Buffer | null;
    }> = [];
    for (const file of files) {
      const name = sanitiseFilename(file.filename);
      if (file.staged.truncated) {
        add("file_too_large", `“${name}”超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，不能上传。`);
        continue;
      }
      const data = await file.staged.read();
      const checked = checkFile(name, data);
      if (!checked.ok) {
        add(checked.code, checked.message);
        continue;
      }
      const type = checked.type;
      if (!FILE_TYPES[type].text) {
        add(
          "no_text",
          `“${name}”：图片和旧版 Office 文件无法提取文字，不能去标识化；请转换为 Word（.docx）或可复制文字的 PDF 后上传。`,
        );
        continue;
      }
      const timeoutMs = Math.max(1, Math.min(EXTRACT_LIMITS.timeoutMs, deadline - Date.now()));
      let extracted: Extracted;
      try {
        // In the file worker: a ZIP bomb, a lying header, a PDF with scripts or a parser past its limits is refused.
        extracted = await inspectFile(type, data, { extract: true, limits: { timeoutMs } });
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        add(e.code, `“${name}”：${e.message}`);
        continue;
      }
      if (!extracted.text || extracted.error) {
        add(
          "no_text",
          `“${name}”：${extracted.error ?? "没有可提取的文字。"}不能去标识化，请检查文件后重新上传。`,
        );
        continue;
      }
      const masked = maskText(extracted.text, { ...options, maskKinds: DOCUMENT_MASK_KINDS });
      const key = deps.config.secretKey;
      const counts: Record<string, number> = {};
      for (const f of masked.applied) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
      // The file itself, masked in its own format (in the file worker); unchanged when nothing was found.
      let maskedFile: Buffer | null = null;
      if (masked.applied.length && MASKABLE_TYPES.includes(type)) {
        try {
          const timeout = Math.max(1, Math.min(EXTRACT_LIMITS.timeoutMs, deadline - Date.now()));
          maskedFile = (
            await maskFile(
              type,
              data,
              { ...options, maskKinds: DOCUMENT_MASK_KINDS },
              { limits: { timeoutMs: timeout } },
            )
          ).data;
        } catch (e) {
          if (!(e instanceof AppError) || e.status >= 500) throw e;
          add(e.code, `“${name}”：${e.message}`);
          continue;
        }
      }
      accepted.push({
        file,
        counts,
        masked: maskedFile,
        row: {
          id: newId(),
          application_id: app.id,
          position: 0,
          filename: sanitiseFilename(checked.filename),
          mime: FILE_TYPES[type].mime,
          size: file.staged.size,
          sha256: file.staged.sha256,
          blob_sha256: null,
          // Internal, and full of what the applicant must not see: encrypted like the applicant's fields.
          extracted_text: encryptField(key, extracted.text),
          masked_text: masked.text,
          masked_blob_sha256: null,
          masked_sha256: maskedFile
            ? createHash("sha256").update(maskedFile).digest("hex")
            : file.staged.sha256,
          masked_size: maskedFile ? maskedFile.length : file.staged.size,
          findings: JSON.stringify(counts),
          created_by: user.id,
          created_at: deps.clock.now().toISOString(),
        },
      });
    }
    if (problems.length) throw uploadRefusal(problems);

    // Blobs first, encrypted (a fresh IV each: never shared between rows): a row must never name a missing
    // blob. A failed transaction removes what it stored.
    const storage = documentStorage(deps);
    const created: string[] = [];
    for (const a of accepted) {
      // Read back from the staged temp file one at a time: up to 20 files of 20 MB stay out of memory.
      a.row.blob_sha256 = (
        await storage.put(encryptBlob(deps.config.secretKey, await a.file.staged.read()))
      ).sha256;
      created.push(a.row.blob_sha256);
      // The applicant's copy: the masked file, or the original itself when nothing had to be masked.
      a.row.masked_blob_sha256 = a.masked
        ? (await storage.put(encryptBlob(deps.config.secretKey, a.masked))).sha256
        : a.row.blob_sha256;
      if (a.masked) created.push(a.row.masked_blob_sha256);
    }
    try {
      await deps.db.kysely.transaction().execute(async (trx) => {
        const fresh = await apps.findApplication(trx, app.id);
        if (fresh?.status !== app.status)
          throw new AppError("application_changed", 409, "申请状态刚刚发生了变化，请刷新后重试。");
        const stats = await repo.documentStats(trx, app.id);
        if (stats.count + accepted.length > MAX_DOCUMENTS)
          throw uploadRefusal([tooMany(stats.count, accepted.length)]);
        for (const [i, a] of accepted.entries()) {
          a.row.position = stats.next + i;
          await repo.insertDocument(trx, a.row);
          await recordAudit(trx, deps.clock, actorOf(user), {
            action: "application.document_add",
            entityType: "application",
            entityId: app.id,
            orgId: app.org_id,
            siteId: app.site_id,
            // Never the text: the name, the fingerprint and how much was masked.
            summary: {
              document: a.row.id,
              filename: a.row.filename,
              size: a.row.size,
              sha256: a.row.sha256,
              mime: a.row.mime,
              masked: a.counts,
            },
          });
        }
      });
    } catch (e) {
      for (const sha of created) await storage.delete(sha).catch(() => undefined);
      throw e;
    }
    return repo.listDocumentMeta(deps.db.kysely, app.id);
  } finally {
    for (const f of files) await f.staged.discard();
  }
}

/** Removes a document's blob: its own encrypted one, or a legacy clear blob once no row names it. */
async function deleteBlobOf(
  deps: Deps,
  doc: Pick<repo.DocumentRow, "sha256" | "blob_sha256" | "masked_blob_sha256">,
): Promise<void> {
  const storage = documentStorage(deps);
  if (doc.masked_blob_sha256 && doc.masked_blob_sha256 !== doc.blob_sha256)
    await storage.delete(doc.masked_blob_sha256);
  if (doc.blob_sha256) await storage.delete(doc.blob_sha256);
  else if ((await repo.countBlobReferences(deps.db.kysely, doc.sha256)) === 0)
    await storage.delete(doc.sha256);
}

export async function removeDocument(
  deps: Deps,
  user: CurrentUser,
  applicationId: string,
  documentId: string,
): Promise<repo.DocumentMeta> {
  const app = await authoriseDocumentChange(deps, user, applicationId);
  const doc = await repo.findDocument(deps.db.kysely, app.id, documentId);
  if (!doc) throw new AppError("document_not_found", 404, "材料不存在。");
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.deleteDocument(trx, app.id, doc.id);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "application.document_remove",
      entityType: "application",
      entityId: app.id,
      orgId: app.org_id,
      siteId: app.site_id,
      summary: {
        document: doc.id,
        filename: doc.filename,
        size: doc.size,
        sha256: doc.sha256,
        mime: doc.mime,
      },
    });
  });
  await deleteBlobOf(deps, doc);
  const { extracted_text: _e, masked_text: _m, ...meta } = doc;
  return meta;
}

/** The documents of an application, in order, without their texts (back office). */
export const listDocuments = (deps: Pick<Deps, "db">, applicationId: string) =>
  repo.listDocumentMeta(deps.db.kysely, applicationId);

export interface Download {
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  inline: boolean;
  open(): Readable;
}

/** Staff who handle applications: the original file. */
export async function findOriginal(
  deps: Deps,
  user: CurrentUser,
  applicationId: string,
  documentId: string,
): Promise<Download> {
  const app = await authoriseOriginals(deps, user, applicationId);
  const doc = await repo.findDocument(deps.db.kysely, app.id, documentId);
  const missing = new AppError("document_not_found", 404, "材料不存在。");
  if (!doc) throw missing;
  const storage = documentStorage(deps);
  const address = doc.blob_sha256 ?? doc.sha256;
  if (!(await storage.exists(address))) {
    deps.logger.error({ document: doc.id }, "application document blob missing");
    throw missing;
  }
  const clear = doc.blob_sha256
    ? decryptBlob(deps.config.secretKey, await storage.read(doc.blob_sha256))
    : null;
  return {
    filename: doc.filename,
    mime: doc.mime,
    size: doc.size,
    sha256: doc.sha256,
    inline: servesInline(doc.mime),
    open: () => (clear ? Readable.from([clear]) : storage.stream(doc.sha256)),
  };
}

/** `<原文件名>（去标识化）.txt` for documents released before masking kept the format (migration 0018). */
export const maskedFilename = (filename: string) => `${filename.replace(/\.[^.]+$/, "")}（去标识化）.txt`;

/** The applicant's name, size and fingerprint of a released document. */
const releasedMeta = (d: repo.DocumentMeta) =>
  d.masked_blob_sha256
    ? { filename: maskedFileName(d.filename), size: d.masked_size ?? d.size }
    : { filename: maskedFilename(d.filename), size: d.size };

/** Whether the applicant receives documents: replied, with a reply that discloses. */
export const releases = (a: { status: string; outcome: string | null }) =>
  a.status === "replied" && a.outcome !== null && RELEASING_OUTCOMES.includes(a.outcome);

/** The documents the applicant may download (already authenticated by code and secret); else none. */
export async function releasedDocuments(
  deps: Pick<Deps, "db">,
  trackingCode: string,
): Promise<Array<{ id: string; filename: string; size: number }>> {
  const app = await apps.findByTrackingCode(deps.db.kysely, trackingCode);
  if (!app || !releases(app)) return [];
  const list = await repo.listDocumentMeta(deps.db.kysely, app.id);
  return list.map((d) => ({ id: d.id, ...releasedMeta(d) }));
}

/**
 * The applicant's copy: the masked text as a UTF-8 text file (with a BOM, so Windows Notepad reads it).
 * "Not found" unless the application (already authenticated by code and secret) was replied to with a
 * disclosing outcome and the document is its own.
 */
export async function findMaskedDownload(
  deps: Pick<Deps, "db" | "config">,
  trackingCode: string,
  documentId: string,
): Promise<Download> {
  const missing = new AppError("document_not_found", 404, "材料不存在或尚未提供。");
  const app = await apps.findByTrackingCode(deps.db.kysely, trackingCode);
  if (!app || !releases(app)) throw missing;
  const doc = await repo.findDocument(deps.db.kysely, app.id, documentId);
  const file = doc ? await maskedCopyOf(deps, doc) : null;
  if (!file) throw missing;
  return file;
}

/**
 * The masked copy of one released document: the masked file in its own format (Word, Excel, PDF), or the
 * masked text as a UTF-8 text file for documents released before format-keeping masking. Null when there
 * is none. Used for the applicant's download and for the reply e-mail, so both carry the same file.
 */
export async function maskedCopyOf(
  deps: Pick<Deps, "db" | "config">,
  doc: Pick<repo.DocumentRow, "filename" | "mime" | "masked_blob_sha256" | "masked_sha256" | "masked_text">,
): Promise<Download | null> {
  if (doc.masked_blob_sha256) {
    const storage = documentStorage(deps);
    if (!(await storage.exists(doc.masked_blob_sha256))) return null;
    const clear = decryptBlob(deps.config.secretKey, await storage.read(doc.masked_blob_sha256));
    return {
      filename: maskedFileName(doc.filename),
      mime: doc.mime,
      size: clear.length,
      sha256: doc.masked_sha256 ?? createHash("sha256").update(clear).digest("hex"),
      inline: false,
      open: () => Readable.from([clear]),
    };
  }
  if (doc.masked_text == null) return null;
  const body = Buffer.from(`\ufeff${doc.masked_text}`, "utf8");
  return {
    filename: maskedFilename(doc.filename),
    mime: "text/plain; charset=utf-8",
    size: body.length,
    sha256: createHash("sha256").update(body).digest("hex"),
    inline: false,
    open: () => Readable.from([body]),
  };
}
