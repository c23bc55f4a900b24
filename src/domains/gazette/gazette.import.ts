// Back issues of the gazette imported from their printed files (`gongkai gazette import DIR`, docs/gazette.md):
// a manifest.json in DIR naming each file's year, numbers, date and (optionally) table of contents, or file
// names of the form YYYY-NN-MMM-YYYYMMDD.pdf|docx (年, 年第N期, 总第M期, 出版日期). Every name and entry is
// checked first (all problems listed, nothing imported); then each file's text is extracted in the file worker
// (platform/files: type by content, limits, a deadline), the file stored by its SHA-256 and the issue written
// as released with its text, indexed in search — one transaction a file. A file already imported (same
// SHA-256) is skipped, so a second run changes nothing.
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Actor, Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { checkUpload } from "../../platform/files";
import { newId } from "../../platform/ids";
import { storageOf } from "../../platform/storage";
import { isRealDate } from "../../platform/time";
import { invalidatePublicPages } from "../../web/page-cache";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { issueLabel } from "./gazette.pdf";
import * as repo from "./gazette.repo";
import { syncIssueInIndex } from "./gazette.search";
import { rootOrgOf } from "./gazette.service";
import { CATEGORIES } from "./gazette.steps";
import type { EntryCategory } from "./gazette.tables";

export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
const FILE_NAME = /^(\d{4})-(\d{1,3})-(\d{1,5})-(\d{8})\.(pdf|docx)$/i;

export interface ImportSpec {
  file: string;
  year: number;
  number: number;
  total_number: number;
  published_on: string;
  documents: Array<{ title: string; doc_number?: string; org?: string; category?: string }>;
}

export interface ImportProgress {
  done: number;
  total: number;
  file: string;
}

export interface ImportResult {
  imported: number;
  skipped: number;
  failed: Array<{ file: string; code: string; message: string }>;
}

const isInt = (v: unknown, min: number, max: number) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** The specs of a folder: from its manifest, else from the file names; every problem at once. */
export async function readImportDir(dir: string): Promise<ImportSpec[]> {
  const p: ErrorDetail[] = [];
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    throw new AppError("gazette_import_failed", 400, `往期公报导入未完成：找不到文件夹“${dir}”。`, [
      { field: "dir", code: "import_dir_missing", message: `找不到文件夹“${dir}”。` },
    ]);
  }
  const specs: ImportSpec[] = [];
  if (names.includes("manifest.json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
    } catch {
      p.push({
        field: "manifest.json",
        code: "manifest_invalid",
        message: "manifest.json 不是有效的 JSON。",
      });
    }
    const list = (parsed as { issues?: unknown })?.issues;
    if (parsed !== undefined && !Array.isArray(list))
      p.push({
        field: "manifest.json",
        code: "manifest_invalid",
        message: "manifest.json 应包含 issues 数组。",
      });
    for (const [i, raw] of (Array.isArray(list) ? list : []).entries()) {
      const e = (raw ?? {}) as Record<string, unknown>;
      const at = `manifest.json issues[${i}]`;
      const file = typeof e.file === "string" ? e.file : "";
      if (!file || file.includes("/") || file.includes("\\") || !names.includes(file))
        p.push({ field: at, code: "manifest_invalid", message: `${at}：file 应为本文件夹中的文件名。` });
      else if (!/\.(pdf|docx)$/i.test(file))
        p.push({
          field: at,
          code: "file_name_invalid",
          message: `${at}：只能导入 PDF 或 Word（.docx）文件。`,
        });
      if (!isInt(e.year, 1949, 2100))
        p.push({ field: at, code: "manifest_invalid", message: `${at}：year 应为年份。` });
      if (!isInt(e.number, 1, 999))
        p.push({ field: at, code: "manifest_invalid", message: `${at}：number 应为正整数。` });
      if (!isInt(e.total_number, 1, 99999))
        p.push({ field: at, code: "manifest_invalid", message: `${at}：total_number 应为正整数。` });
      if (typeof e.published_on !== "string" || !isRealDate(e.published_on))
        p.push({
          field: at,
          code: "invalid_date",
          message: `${at}：published_on 应为有效日期（YYYY-MM-DD）。`,
        });
      const docs = Array.isArray(e.documents) ? (e.documents as Array<Record<string, unknown>>) : [];
      for (const [j, d] of docs.entries()) {
        if (typeof d?.title !== "string" || !d.title.trim())
          p.push({ field: at, code: "manifest_invalid", message: `${at}.documents[${j}]：缺少 title。` });
        if (d?.category !== undefined && !(CATEGORIES as readonly unknown[]).includes(d.category))
          p.push({
            field: at,
            code: "manifest_invalid",
            message: `${at}.documents[${j}]：category 不正确。`,
          });
      }
      specs.push({
        file,
        year: e.year as number,
        number: e.number as number,
        total_number: e.total_number as number,
        published_on: e.published_on as string,
        documents: docs.map((d) => ({
          title: String(d?.title ?? "").trim(),
          ...(typeof d?.doc_number === "string" ? { doc_number: d.doc_number.trim() } : {}),
          ...(typeof d?.org === "string" ? { org: d.org.trim() } : {}),
          ...(typeof d?.category === "string" ? { category: d.category } : {}),
        })),
      });
    }
  } else {
    for (const name of names) {
      if (name.startsWith(".")) continue;
      const m = FILE_NAME.exec(name);
      if (!m) {
        p.push({
          field: name,
          code: "file_name_invalid",
          message: `“${name}”：文件名应为 年-年期号-总期号-出版日期.pdf（或 .docx），如 2019-03-027-20190630.pdf。`,
        });
        continue;
      }
      const date = `${m[4]!.slice(0, 4)}-${m[4]!.slice(4, 6)}-${m[4]!.slice(6, 8)}`;
      if (!isRealDate(date))
        p.push({ field: name, code: "invalid_date", message: `“${name}”：出版日期 ${m[4]} 不是有效日期。` });
      specs.push({
        file: name,
        year: Number(m[1]),
        number: Number(m[2]),
        total_number: Number(m[3]),
        published_on: date,
        documents: [],
      });
    }
  }
  const seenNumber = new Map<string, string>();
  const seenTotal = new Map<number, string>();
  for (const s of specs) {
    const key = `${s.year}-${s.number}`;
    if (seenNumber.has(key))
      p.push({
        field: s.file,
        code: "number_taken",
        message: `“${s.file}”与“${seenNumber.get(key)}”的年期号相同。`,
      });
    if (seenTotal.has(s.total_number))
      p.push({
        field: s.file,
        code: "number_taken",
        message: `“${s.file}”与“${seenTotal.get(s.total_number)}”的总期号相同。`,
      });
    seenNumber.set(key, s.file);
    seenTotal.set(s.total_number, s.file);
  }
  if (p.length) throw new AppError("gazette_import_failed", 400, `往期公报导入未完成：${p[0]!.message}`, p);
  return specs;
}

/** Imports the folder's back issues into the site; returns how many were imported, skipped and refused. */
export async function importBackIssues(
  deps: Deps,
  actor: Actor,
  siteId: string,
  dir: string,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportResult> {
  const specs = await readImportDir(dir);
  const tree = await loadOrgTree(deps, siteId);
  const root = rootOrgOf(tree, siteId);
  const orgsByName = new Map(tree.flatten(siteId).map(({ org }) => [org.name, org.id]));
  const out: ImportResult = { imported: 0, skipped: 0, failed: [] };
  const fail = (file: string, code: string, message: string) => out.failed.push({ file, code, message });
  for (const [i, spec] of specs.entries()) {
    onProgress({ done: i, total: specs.length, file: spec.file });
    const path = join(dir, spec.file);
    if ((await stat(path)).size > IMPORT_MAX_BYTES) {
      fail(spec.file, "file_too_large", `文件超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB。`);
      continue;
    }
    const data = await readFile(path);
    const sha = createHash("sha256").update(data).digest("hex");
    if (await repo.findIssueByFile(deps.db.kysely, siteId, sha)) {
      out.skipped++;
      continue;
    }
    const checked = await checkUpload(spec.file, data, { extract: true });
    if (!checked.ok) {
      fail(spec.file, checked.problem.code, checked.problem.message);
      continue;
    }
    if (checked.type !== "pdf" && checked.type !== "docx") {
      fail(spec.file, "file_name_invalid", "只能导入 PDF 或 Word（.docx）文件。");
      continue;
    }
    const text = (checked.extracted.text ?? "").trim();
    const stored = await storageOf(deps).put(data);
    const now = deps.clock.now().toISOString();
    try {
      await deps.db.kysely.transaction().execute(async (trx) => {
        await repo.lockSite(trx, deps.db.dialect, siteId);
        if (await repo.findIssueByFile(trx, siteId, sha))
          throw new AppError("gazette_file_exists", 409, "相同内容的公报文件已经存在。");
        const taken = await repo.listIssues(trx, { siteId, year: spec.year });
        if (taken.rows.some((r) => r.number === spec.number))
          throw new AppError("number_taken", 409, `${spec.year}年第${spec.number}期已在数据库中。`);
        const all = await repo.listIssues(trx, { siteId, statuses: ["released"] });
        if (all.rows.some((r) => r.total_number === spec.total_number))
          throw new AppError("number_taken", 409, `总第${spec.total_number}期已在数据库中。`);
        const row: repo.IssueRow = {
          id: newId(),
          site_id: siteId,
          org_id: root.id,
          source: "imported",
          status: "released",
          year: spec.year,
          number: spec.number,
          total_number: spec.total_number,
          published_on: spec.published_on,
          note: null,
          file_sha256: stored.sha256,
          file_size: stored.size,
          file_type: checked.type,
          file_name: spec.file,
          body_text: text,
          created_by: actor.id,
          submitted_by: null,
          reviewed_by: null,
          released_by: actor.id,
          submitted_at: null,
          reviewed_at: null,
          released_at: now,
          created_at: now,
          updated_at: now,
        };
        await repo.insertIssue(trx, row);
        await repo.insertEntries(
          trx,
          spec.documents.map((d, n) => ({
            id: newId(),
            issue_id: row.id,
            position: n + 1,
            category: (d.category ?? "other") as EntryCategory,
            item_id: null,
            org_id: (d.org && orgsByName.get(d.org)) || null,
            org_name: d.org ?? "",
            title: d.title,
            doc_number: d.doc_number || null,
            formed_on: null,
            body_text: "",
          })),
        );
        await recordAudit(trx, deps.clock, actor, {
          action: "gazette.import",
          entityType: "gazette_issue",
          entityId: row.id,
          orgId: root.id,
          summary: { issue: issueLabel(row), file: spec.file, sha256: stored.sha256 },
        });
        await syncIssueInIndex(deps, trx, row);
      });
      out.imported++;
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      fail(spec.file, e.code, e.message);
    }
  }
  onProgress({ done: specs.length, total: specs.length, file: "" });
  if (out.imported) invalidatePublicPages(deps);
  return out;
}
