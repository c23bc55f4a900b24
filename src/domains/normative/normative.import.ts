// POST /api/v1/documents/import: the county's document-management system (公文管理系统) pushes a signed document
// with its 文号, dates and files; it becomes a publishing draft, so nothing is typed twice (docs/document-import.md).
// The 文号 is the key: any bracket style (〔〕[]【】()) is the same number, and one that exists on the site is
// refused (409) without changing anything, so a second push of the same batch is harmless. Files arrive in
// base64, size-limited, are sniffed by content and their text extracted in the file worker (platform/files).
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail, Problems } from "../../platform/errors";
import { uploadRefusal } from "../../platform/files";
import { docNumberKey } from "../../platform/search";
import { storageOf } from "../../platform/storage";
import { isRealDate, shanghaiDateOf } from "../../platform/time";
import { actorOf, type CurrentUser } from "../accounts";
import { loadOrgTree } from "../orgs";
import { createItem, ITEM_KINDS, normaliseDocNumber } from "../publishing";
import {
  checkIncomingFiles,
  deleteUnreferencedBlobs,
  type IncomingFile,
  insertCheckedAttachments,
} from "../publishing/attachments";
import { authoriseImport } from "./normative.policy";
import * as repo from "./normative.repo";

export const IMPORT_LIMITS = {
  files: 10,
  fileBytes: 10 * 1024 * 1024,
  totalBytes: 30 * 1024 * 1024,
  budgetMs: 60_000,
};
/** The request body may carry the files in base64 (4/3 of their size) besides the metadata. */
export const IMPORT_BODY_LIMIT = Math.ceil((IMPORT_LIMITS.totalBytes * 4) / 3) + 2 * 1024 * 1024;

/** Kinds a pushed document may be: those that carry a 文号. */
export const IMPORT_KINDS = ITEM_KINDS.filter((k) => !["interpretation", "news"].includes(k));

export interface ImportInput {
  doc_number: string;
  title: string;
  kind: string;
  formed_on: string;
  org: string;
  body_html?: string;
  files?: Array<{ name: string; content_base64: string }>;
}

const docExists = (existing: string) =>
  new AppError("doc_number_exists", 409, "该文号的公文已在本站，未重复导入。", [
    { field: "doc_number", code: "doc_number_exists", message: `已有文号相同的信息（${existing}）。` },
  ]);

/** The site's item holding this 文号 (any bracket style), if any. */
async function existingWith(
  db: Parameters<typeof repo.docNumbersOfSite>[0],
  siteId: string,
  key: string,
  except?: string,
): Promise<string | undefined> {
  const imported = await repo.findImport(db, siteId, key);
  if (imported) return imported.item_id;
  for (const r of await repo.docNumbersOfSite(db, siteId))
    if (r.id !== except && docNumberKey(r.doc_number)?.token === key) return r.id;
  return undefined;
}

const B64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

export async function importDocument(
  deps: Deps,
  user: CurrentUser,
  input: ImportInput,
): Promise<{ id: string; status: "draft" }> {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseImport(user, tree);
  const p = new Problems();
  const today = shanghaiDateOf(deps.clock.now());
  const normalised = typeof input.doc_number === "string" ? normaliseDocNumber(input.doc_number) : undefined;
  const key = normalised?.ok ? docNumberKey(normalised.value) : null;
  if (!normalised?.ok || !key)
    p.add(
      "doc_number",
      "invalid_doc_number",
      normalised && !normalised.ok ? normalised.message : "请填写文号。",
    );
  if (!(IMPORT_KINDS as readonly string[]).includes(input.kind))
    p.add("kind", "invalid_kind", `公文类别应为 ${IMPORT_KINDS.join("、")} 之一。`);
  if (!isRealDate(input.formed_on ?? ""))
    p.add("formed_on", "invalid_date", `成文日期 ${input.formed_on} 不存在，请按 YYYY-MM-DD 填写。`);
  else if (input.formed_on > today) p.add("formed_on", "future_date", "成文日期不能晚于今天。");
  const org = tree.flatten(user.siteId).find((x) => x.org.code === input.org)?.org;
  if (!org) p.add("org", "org_not_found", `机构 ${String(input.org).slice(0, 50)} 不存在。`);
  const files = input.files ?? [];
  if (files.length > IMPORT_LIMITS.files)
    p.add("files", "too_many_files", `一次最多推送 ${IMPORT_LIMITS.files} 个文件。`);
  const decoded: Array<{ name: string; data: Buffer }> = [];
  let total = 0;
  files.forEach((f, i) => {
    if (!B64.test(f.content_base64)) {
      p.add(`files[${i}]`, "invalid_base64", `第 ${i + 1} 个文件“${f.name}”的内容不是 base64。`);
      return;
    }
    const data = Buffer.from(f.content_base64, "base64");
    total += data.length;
    if (data.length === 0) p.add(`files[${i}]`, "empty_file", `第 ${i + 1} 个文件“${f.name}”是空的。`);
    else if (data.length > IMPORT_LIMITS.fileBytes)
      p.add(`files[${i}]`, "file_too_large", `“${f.name}”超过 ${IMPORT_LIMITS.fileBytes / 1024 / 1024} MB。`);
    decoded.push({ name: f.name, data });
  });
  if (total > IMPORT_LIMITS.totalBytes)
    p.add("files", "files_too_large", `文件合计不能超过 ${IMPORT_LIMITS.totalBytes / 1024 / 1024} MB。`);
  if (!input.body_html?.trim() && files.length === 0)
    p.add("body_html", "required", "请提供正文（body_html）或公文文件。");
  p.throwIfAny();
  // A 文号 already here is answered before any file is opened: the second push of a batch costs nothing.
  const before = await existingWith(deps.db.kysely, user.siteId, key!.token);
  if (before) throw docExists(before);

  const storage = storageOf(deps);
  const incoming: IncomingFile[] = [];
  for (const f of decoded)
    incoming.push({
      filename: f.name,
      staged: await storage.stage(f.data, { maxBytes: IMPORT_LIMITS.fileBytes }),
    });
  const created: string[] = [];
  try {
    const problems: ErrorDetail[] = [];
    const accepted = incoming.length
      ? await checkIncomingFiles(incoming, problems, {
          maxBytes: IMPORT_LIMITS.fileBytes,
          budgetMs: IMPORT_LIMITS.budgetMs,
        })
      : [];
    if (problems.length) throw uploadRefusal(problems, "公文文件未通过检查，未导入。");
    const text = accepted
      .map((a) => a.extracted.text ?? "")
      .join("\n")
      .trim();
    const body =
      input.body_html?.trim() ||
      text
        .split(/\n+/)
        .map((l) => `<p>${escapeHtml(l)}</p>`)
        .join("") ||
      `<p>${escapeHtml(input.title)}</p>`;
    for (const a of accepted) if ((await a.file.staged.commit()).created) created.push(a.file.staged.sha256);
    const item = await createItem(
      deps,
      user,
      {
        title: input.title,
        body,
        kind: input.kind as (typeof ITEM_KINDS)[number],
        doc_number: normalised!.ok ? normalised!.value : "",
        formed_on: input.formed_on,
        org: input.org,
      },
      {
        authorise: (orgId, t) => authoriseImport(user, t, orgId),
        within: async (trx, row) => {
          // One site's imports one at a time: the 文号 checked again under the lock, then claimed.
          await repo.lockSite(trx as Transaction<Database>, deps.db.dialect, row.site_id);
          const other = await existingWith(trx, row.site_id, key!.token, row.id);
          if (other) throw docExists(other);
          await repo.insertImport(trx, {
            site_id: row.site_id,
            doc_key: key!.token,
            item_id: row.id,
            imported_by: user.id,
            imported_at: deps.clock.now().toISOString(),
          });
          await insertCheckedAttachments(deps, trx, actorOf(user), row, accepted);
        },
      },
    );
    return { id: item.id, status: "draft" };
  } catch (e) {
    await deleteUnreferencedBlobs(deps, created);
    throw e;
  } finally {
    for (const f of incoming) await f.staged.discard();
  }
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
