// A news or social feed imported as one more stream of the early warning (issue 17 item 2): an RSS or Atom
// file, or a CSV / Excel table (标题, 内容, 链接, 发布时间), parsed in the file worker (platform/files) under
// hard limits. Every problem is listed by entry or row and nothing is saved unless all are fine; an entry
// imported before (same source, title, link and time) is skipped.
import type { Deps } from "../../deps";
import { sha256Hex } from "../../platform/crypto";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { parseTableFile, parseTextFile } from "../../platform/files";
import { newId } from "../../platform/ids";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { authoriseSiteWide } from "./opinion.policy";
import * as repo from "./opinion.repo";
import { parseInstant } from "./opinion.service";

export const FEED_MAX_BYTES = 5 * 1024 * 1024;

export interface RawEntry {
  title: string;
  text: string;
  link: string | null;
  date: string | null;
}

const COLUMNS: Record<string, keyof RawEntry> = {
  标题: "title",
  title: "title",
  内容: "text",
  正文: "text",
  摘要: "text",
  text: "text",
  content: "text",
  链接: "link",
  网址: "link",
  link: "link",
  url: "link",
  发布时间: "date",
  时间: "date",
  日期: "date",
  date: "date",
  published_at: "date",
};

/** An entry's time: ISO, RFC 822 (RSS), or YYYY-MM-DD[ HH:MM] in Asia/Shanghai. */
export function entryInstant(raw: string): string | undefined {
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return parseInstant(`${s}T00:00`);
  const local = parseInstant(s.replace(/\//g, "-"));
  if (local) return local;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export function formatOf(filename: string): "rss" | "csv" | "xlsx" | undefined {
  const ext = filename.toLowerCase().split(".").pop() ?? "";
  if (["xml", "rss", "atom"].includes(ext)) return "rss";
  if (ext === "csv") return "csv";
  if (ext === "xlsx") return "xlsx";
  return undefined;
}

async function readEntries(format: "rss" | "csv" | "xlsx", data: Uint8Array): Promise<RawEntry[]> {
  if (format === "rss") {
    const { parsed } = await parseTextFile("rss-feed", data, { what: "订阅源文件" });
    if ("error" in parsed)
      throw new AppError("feed_invalid", 400, "文件不是有效的 RSS 或 Atom 订阅源。", [
        { field: "file", code: "feed_invalid", message: "文件不是有效的 RSS 或 Atom 订阅源。" },
      ]);
    return parsed.entries;
  }
  const table = await parseTableFile(format, data, { what: "舆情信息表" });
  const [header, ...rows] = table.rows;
  const map = new Map<number, keyof RawEntry>();
  for (const [i, h] of (header?.cells ?? []).entries()) {
    const f = COLUMNS[h.trim().toLowerCase()] ?? COLUMNS[h.trim()];
    if (f) map.set(i, f);
  }
  if (![...map.values()].includes("title"))
    throw new AppError("feed_invalid", 400, "表格第一行应为列名，至少包括“标题”。", [
      {
        field: "file",
        code: "feed_columns",
        message: "表格第一行应为列名，至少包括“标题”，可有“内容”“链接”“发布时间”。",
      },
    ]);
  return rows.map((r) => {
    const e: RawEntry = { title: "", text: "", link: null, date: null };
    for (const [i, f] of map) {
      const v = r.cells[i]?.trim() ?? "";
      if (f === "title" || f === "text") e[f] = v;
      else e[f] = v || null;
    }
    return e;
  });
}

/** Imports a feed file for the user's site; returns how many entries were new and how many known. */
export async function importFeed(
  deps: Deps,
  user: CurrentUser,
  file: { filename: string; data: Uint8Array; source?: string },
) {
  authoriseSiteWide(user, "opinion.manage", await loadOrgTree(deps, user.siteId));
  const format = formatOf(file.filename);
  const problems: ErrorDetail[] = [];
  if (!format)
    problems.push({
      field: "file",
      code: "feed_format",
      message: "请上传 RSS/Atom（.xml、.rss）、CSV 或 Excel（.xlsx）文件。",
    });
  if (file.data.byteLength === 0)
    problems.push({ field: "file", code: "file_empty", message: "上传的文件是空的。" });
  if (file.data.byteLength > FEED_MAX_BYTES)
    problems.push({ field: "file", code: "file_too_large", message: "文件不能超过 5 MB。" });
  const source = (file.source ?? "").trim() || file.filename;
  if (Array.from(source).length > 100)
    problems.push({ field: "source", code: "too_long", message: "来源名称不能超过100字。" });
  if (problems.length) throw new AppError("validation_failed", 400, "订阅源未导入，请按提示修改。", problems);
  const entries = await readEntries(format!, file.data);
  const now = deps.clock.now().toISOString();
  const rows = entries.map((e, i) => {
    const n = format === "rss" ? `第 ${i + 1} 条` : `第 ${i + 2} 行`;
    if (!e.title.trim() && !e.text.trim())
      problems.push({ field: "file", code: "entry_empty", message: `${n}：没有标题和内容。` });
    let at = now;
    if (e.date) {
      const d = entryInstant(e.date);
      if (!d)
        problems.push({
          field: "file",
          code: "entry_date",
          message: `${n}：发布时间“${e.date.slice(0, 40)}”无法识别。`,
        });
      else at = d.localeCompare(now) > 0 ? now : d; // ISO instants compare as text
    }
    return {
      id: newId(),
      site_id: user.siteId,
      source,
      title: e.title.slice(0, 500),
      body: e.text.slice(0, 20_000),
      link: e.link?.slice(0, 2000) ?? null,
      published_at: at,
      fingerprint: sha256Hex(`${source}\u0000${e.title}\u0000${e.link ?? ""}\u0000${at}`),
      imported_at: now,
    };
  });
  if (!rows.length) problems.push({ field: "file", code: "feed_empty", message: "文件中没有可导入的条目。" });
  if (problems.length) throw new AppError("validation_failed", 400, "订阅源未导入，请按提示修改。", problems);
  let imported = 0;
  await deps.db.kysely.transaction().execute(async (trx) => {
    for (const r of rows) if (await repo.insertFeedEntry(trx, r)) imported++;
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "opinion.feed_import",
      entityType: "site",
      entityId: user.siteId,
      summary: { source, imported, known: rows.length - imported },
    });
  });
  return { source, imported, known: rows.length - imported };
}
