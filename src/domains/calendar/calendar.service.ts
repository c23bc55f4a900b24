// Changing the calendar: a year's notice (replacing the bundled data of that year) or a local closure.
// Every change is audited and recomputes the open clocks in the same transaction.
import type { Actor, Deps } from "../../deps";
import {
  type Closure,
  type IsoDate,
  type Notice,
  type ParseResult,
  type ProseNotice,
  parseCalendarImport,
  parseClosure,
  parseNotice,
  parseNoticeProse,
} from "../../platform/calendar";
import { badRequest, notFound } from "../../platform/errors";
import { parseTextFile } from "../../platform/files";
import { newId } from "../../platform/ids";
import { recordAudit } from "../audit";
import { invalidateCalendar, loadCalendar, noticeFromRow } from "./calendar.loader";
import * as repo from "./calendar.repo";
import { describeRecompute, type RecomputeResult, recomputeIn } from "./clock.recompute";

export type ImportResult =
  | { kind: "notice"; notice: Notice; replaced: boolean; recomputed: RecomputeResult }
  | { kind: "closure"; closure: ClosureView; recomputed: RecomputeResult };

export interface ClosureView {
  id: string;
  site_id: string | null;
  dates: IsoDate[];
  from: IsoDate;
  to: IsoDate;
  reason: string;
  created_at: string;
  created_by: string;
}

export const closureView = (r: repo.ClosureRow): ClosureView => ({
  id: r.id,
  site_id: r.site_id,
  dates: JSON.parse(r.dates),
  from: r.first_date,
  to: r.last_date,
  reason: r.reason,
  created_at: r.created_at,
  created_by: r.created_by,
});

const IMPORT_REFUSED = "节假日安排有误，未导入任何内容。请按提示修改后重新导入。";

/** A notice or a closure (told apart by parseCalendarImport); every problem is reported, nothing is saved. */
export async function importCalendarFile(
  deps: Deps,
  actor: Actor,
  json: unknown,
  opts: { siteId?: string | null } = {},
): Promise<ImportResult> {
  const parsed = parseCalendarImport(json);
  if (!parsed.ok) throw badRequest(parsed.problems, IMPORT_REFUSED);
  if (parsed.value.kind === "notice") return saveNotice(deps, actor, parsed.value.notice);
  const closure = await saveClosure(deps, actor, parsed.value.closure, opts.siteId ?? null);
  return { kind: "closure", ...closure };
}

/** A year's notice only (the API's /notices). Replacing a year already entered is allowed and audited. */
export async function importNotice(deps: Deps, actor: Actor, json: unknown) {
  const parsed = parseNotice(json);
  if (!parsed.ok) throw badRequest(parsed.problems, IMPORT_REFUSED);
  return saveNotice(deps, actor, parsed.value);
}

/** The notice as published (its prose): parsed for confirmation, every problem a 400, nothing saved. */
export function previewNoticeText(text: string): ProseNotice {
  return noticePreview(parseNoticeProse(text));
}

/** The parse to confirm; a parse with problems is a 400 naming every one, nothing saved. */
export function noticePreview(parsed: ParseResult<ProseNotice>): ProseNotice {
  if (!parsed.ok) throw badRequest(parsed.problems, "未能识别通知原文，未导入任何内容。请核对后重新粘贴。");
  return parsed.value;
}

/**
 * The notice as an uploaded .txt file (untrusted bytes, size-limited by the caller): decoded as strict UTF-8
 * and parsed in the file worker (heap limit, deadline) like every other uploaded file, never on the request's
 * thread. Returns the text (for the confirmation form) and the parse (for noticePreview). Throws 400
 * invalid_utf8 naming the file and the first bad byte, or the file worker's 4xx.
 */
export function readNoticeFile(
  data: Uint8Array,
  filename: string,
): Promise<{ text: string; parsed: ParseResult<ProseNotice> }> {
  return parseTextFile("calendar-notice", data, { what: `文件 ${filename} ` });
}

/** Imports the notice as published, after the clerk has confirmed its parse (previewNoticeText). */
export async function importNoticeText(deps: Deps, actor: Actor, text: string) {
  const preview = previewNoticeText(text);
  return { ...(await saveNotice(deps, actor, preview.notice)), preview };
}

const summarizeNotice = (n: Notice, source: "package" | "notice") => ({
  source,
  document_number: n.document_number ?? null,
  title: n.title ?? null,
  days_off: n.days.filter((d) => d.off).length,
  makeup_days: n.days.filter((d) => !d.off).length,
});

async function saveNotice(
  deps: Deps,
  actor: Actor,
  notice: Notice,
): Promise<{ kind: "notice"; notice: Notice; replaced: boolean; recomputed: RecomputeResult }> {
  const before = (await loadCalendar(deps)).noticeFor(notice.year);
  const now = deps.clock.now().toISOString();
  const row: repo.NoticeRow = {
    year: notice.year,
    document_number: notice.document_number ?? null,
    url: notice.url ?? null,
    title: notice.title ?? null,
    days: JSON.stringify(notice.days),
    imported_at: now,
    imported_by: actor.label,
  };
  try {
    return await deps.db.kysely.transaction().execute(async (trx) => {
      const existing = await repo.findNotice(trx, notice.year);
      if (existing) await repo.updateNotice(trx, row);
      else await repo.insertNotice(trx, row);
      const previous = existing
        ? summarizeNotice(noticeFromRow(existing), "notice")
        : before && summarizeNotice(before, "package");
      await recordAudit(trx, deps.clock, actor, {
        action: existing ? "calendar.notice.replace" : "calendar.notice.import",
        entityType: "calendar_notice",
        entityId: String(notice.year),
        summary: { year: notice.year, before: previous ?? null, after: summarizeNotice(notice, "notice") },
      });
      const doc = notice.document_number ? `（${notice.document_number}）` : "";
      const recomputed = await recomputeIn(
        deps,
        trx,
        actor,
        `${existing ? "替换" : "录入"}${notice.year}年节假日安排${doc}`,
      );
      return { kind: "notice" as const, notice, replaced: existing !== undefined, recomputed };
    });
  } finally {
    invalidateCalendar(deps);
  }
}

/** A local closure (停止办公), for one site or (siteId null) every site. */
export async function addClosure(deps: Deps, actor: Actor, json: unknown, siteId: string | null = null) {
  const parsed = parseClosure(json);
  if (!parsed.ok) throw badRequest(parsed.problems, "停止办公安排有误，未保存。请按提示修改。");
  return saveClosure(deps, actor, parsed.value, siteId);
}

async function saveClosure(deps: Deps, actor: Actor, closure: Closure, siteId: string | null) {
  const row: repo.ClosureRow = {
    id: newId(),
    site_id: siteId,
    dates: JSON.stringify(closure.dates),
    first_date: closure.dates[0]!,
    last_date: closure.dates[closure.dates.length - 1]!,
    reason: closure.reason,
    created_at: deps.clock.now().toISOString(),
    created_by: actor.label,
  };
  try {
    return await deps.db.kysely.transaction().execute(async (trx) => {
      await repo.insertClosure(trx, row);
      await recordAudit(trx, deps.clock, actor, {
        action: "calendar.closure.add",
        entityType: "calendar_closure",
        entityId: row.id,
        businessDate: row.first_date,
        summary: {
          after: {
            site_id: siteId,
            from: row.first_date,
            to: row.last_date,
            days: closure.dates.length,
            reason: row.reason,
          },
        },
      });
      const recomputed = await recomputeIn(
        deps,
        trx,
        actor,
        `登记停止办公 ${describeDates(closure.dates)}（${closure.reason}）`,
      );
      return { closure: closureView(row), recomputed };
    });
  } finally {
    invalidateCalendar(deps);
  }
}

export async function deleteClosure(
  deps: Deps,
  actor: Actor,
  id: string,
  authorise: (row: { site_id: string | null }) => Promise<void> = async () => {},
) {
  // Authorised on a first read (a closure's site never changes), since the decision reads outside the
  // transaction, which SQLite's single connection would wait on for ever.
  const seen = await repo.findClosure(deps.db.kysely, id);
  if (!seen) throw notFound("停止办公安排", "closure_not_found");
  await authorise(seen);
  try {
    return await deps.db.kysely.transaction().execute(async (trx) => {
      const row = await repo.findClosure(trx, id);
      if (!row) throw notFound("停止办公安排", "closure_not_found");
      await repo.deleteClosure(trx, id);
      await recordAudit(trx, deps.clock, actor, {
        action: "calendar.closure.delete",
        entityType: "calendar_closure",
        entityId: id,
        businessDate: row.first_date,
        summary: {
          before: { site_id: row.site_id, from: row.first_date, to: row.last_date, reason: row.reason },
        },
      });
      const dates: string[] = JSON.parse(row.dates);
      const recomputed = await recomputeIn(
        deps,
        trx,
        actor,
        `撤销停止办公 ${describeDates(dates)}（${row.reason}）`,
      );
      return { closure: closureView(row), recomputed };
    });
  } finally {
    invalidateCalendar(deps);
  }
}

const describeDates = (dates: readonly string[]) =>
  dates.length === 1 ? dates[0]! : `${dates[0]} 至 ${dates[dates.length - 1]}`;

export async function listClosures(deps: Pick<Deps, "db">, siteId?: string | null): Promise<ClosureView[]> {
  return (await repo.listClosures(deps.db.kysely, siteId)).map(closureView);
}

/** The one-line Chinese summary the CLI prints and the back office flashes. */
export function describeImport(r: ImportResult): string {
  const head =
    r.kind === "notice"
      ? `已${r.replaced ? "替换" : "导入"}${r.notice.year}年节假日安排${r.notice.document_number ? `（${r.notice.document_number}）` : ""}：放假 ${r.notice.days.filter((d) => d.off).length} 天，调休上班 ${r.notice.days.filter((d) => !d.off).length} 天`
      : `已登记停止办公 ${describeDates(r.closure.dates)}（${r.closure.reason}），共 ${r.closure.dates.length} 天`;
  return `${head}；${describeRecompute(r.recomputed)}`;
}
