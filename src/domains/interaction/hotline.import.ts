// Uploading 12345's export (Excel .xlsx or CSV): read in the file worker under hard caps (platform/files
// parseTableFile), every row checked as a pushed ticket is (hotline.checks.ts) and every problem named by row
// and column in Chinese; a clean file waits, encrypted, for the office's confirmation, which imports every row
// in one transaction (a number already known is updated, never duplicated) with audit entries.
import type { Deps } from "../../deps";
import { decryptField, encryptField } from "../../platform/crypto";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { parseTableFile, type Table } from "../../platform/files";
import { newId } from "../../platform/ids";
import { shanghaiDateOf } from "../../platform/time";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import {
  type CheckedTicket,
  checkTicket,
  type RawTicket,
  TICKET_FIELD_LABELS,
  TICKET_FIELDS,
  type TicketField,
  ticketHash,
} from "./hotline.checks";
import { authoriseHotlineImport } from "./hotline.policy";
import { findTicket, lockSiteRow, upsertTicketIn } from "./hotline.service";
import { TYPE_LABELS } from "./interaction.schemas";

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
const REQUIRED: readonly TicketField[] = ["ticket_no", "type", "title", "body", "dispatched_on"];

/** A problem of the upload: the row of the file (1 = the header) and the column, when it is one cell's. */
export interface RowProblem {
  row: number | null;
  column: string | null;
  code: string;
  message: string;
}

export interface PreviewRow {
  row: number;
  ticket_no: string;
  type: string;
  title: string;
  dispatched_on: string;
  org: string;
  satisfaction: string;
  /** new: a ticket to create; update: known, its 承办单位 or satisfaction changes; same: nothing changes. */
  outcome: "new" | "update" | "same";
}

export interface ImportPreview {
  filename: string;
  rows: PreviewRow[];
  problems: RowProblem[];
  /** Set when there is no problem: the confirmation posts it. */
  import_id: string | null;
}

/** The header's cells → fields: 12345's Chinese column names or the API's English keys. */
function headerMap(header: string[], problems: RowProblem[]): Map<number, TicketField> {
  const byName = new Map<string, TicketField>();
  for (const f of TICKET_FIELDS) {
    byName.set(f, f);
    byName.set(TICKET_FIELD_LABELS[f], f);
  }
  const map = new Map<number, TicketField>();
  header.forEach((h, i) => {
    const f = byName.get(h.replace(/\s/g, "").toLowerCase());
    if (!f) return;
    if ([...map.values()].includes(f))
      problems.push({ row: 1, column: h, code: "duplicate_column", message: `第1行：列“${h}”出现了两次。` });
    else map.set(i, f);
  });
  for (const f of REQUIRED)
    if (![...map.values()].includes(f))
      problems.push({
        row: 1,
        column: TICKET_FIELD_LABELS[f],
        code: "missing_column",
        message: `第1行（表头）缺少“${TICKET_FIELD_LABELS[f]}”列。`,
      });
  return map;
}

interface Checked {
  raws: Array<{ n: number; raw: RawTicket }>;
  tickets: Array<{ n: number; t: CheckedTicket }>;
  problems: RowProblem[];
}

/** Checks every row against the site as it is now; the problems name row and column. */
async function checkRows(deps: Deps, siteId: string, raws: Checked["raws"], problems: RowProblem[]) {
  const tree = await loadOrgTree(deps, siteId);
  const today = shanghaiDateOf(deps.clock.now());
  const seen = new Map<string, number>();
  const tickets: Checked["tickets"] = [];
  for (const { n, raw } of raws) {
    const before = problems.length;
    const t = checkTicket(raw, { tree, siteId, today }, (f, code, message) =>
      problems.push({
        row: n,
        column: TICKET_FIELD_LABELS[f],
        code,
        message: `第${n}行“${TICKET_FIELD_LABELS[f]}”：${message}`,
      }),
    );
    const first = t.ticketNo ? seen.get(t.ticketNo) : undefined;
    if (first !== undefined)
      problems.push({
        row: n,
        column: TICKET_FIELD_LABELS.ticket_no,
        code: "duplicate_ticket_no",
        message: `第${n}行“工单编号”：与第${first}行的工单编号“${t.ticketNo}”重复。`,
      });
    else if (t.ticketNo) seen.set(t.ticketNo, n);
    if (problems.length === before) tickets.push({ n, t });
  }
  return tickets;
}

function rawsOf(table: Table, problems: RowProblem[]): Checked["raws"] {
  const [header, ...data] = table.rows;
  if (!header) {
    problems.push({ row: null, column: null, code: "empty_file", message: "文件中没有内容。" });
    return [];
  }
  const map = headerMap(header.cells, problems);
  if (!data.length)
    problems.push({ row: null, column: null, code: "no_rows", message: "文件只有表头，没有工单。" });
  return data.map(({ n, cells }) => {
    const raw: RawTicket = {};
    for (const [i, f] of map) raw[f] = cells[i] ?? "";
    return { n, raw };
  });
}

const formatOf = (filename: string) =>
  /\.xlsx$/i.test(filename) ? "xlsx" : /\.csv$/i.test(filename) ? "csv" : null;

/**
 * Reads and checks an uploaded export. With no problem, the rows wait (encrypted: they hold callers' names
 * and phones) for the confirmation; the preview says what each row will do.
 */
export async function previewImport(
  deps: Deps,
  user: CurrentUser,
  file: { filename: string; data: Uint8Array; truncated?: boolean },
): Promise<ImportPreview> {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseHotlineImport(user, tree);
  const format = formatOf(file.filename);
  const refuse = (code: string, message: string) =>
    new AppError("validation_failed", 400, message, [{ field: "file", code, message }]);
  if (file.truncated)
    throw refuse("file_too_large", `文件超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请拆分后分别导入。`);
  if (!format)
    throw refuse("file_type", "请上传12345热线导出的 Excel（.xlsx）或 CSV（.csv，UTF-8 编码）文件。");
  const table = await parseTableFile(format, file.data, { what: `文件 ${file.filename} ` });
  const problems: RowProblem[] = [];
  const raws = rawsOf(table, problems);
  const tickets = await checkRows(deps, user.siteId, raws, problems);
  const key = deps.config.secretKey;
  const rows: PreviewRow[] = [];
  for (const { n, t } of tickets) {
    const known = await findTicket(deps.db.kysely, user.siteId, t.ticketNo);
    const changes =
      known &&
      ((known.payload_hash !== ticketHash(key, t) && t.orgId && t.orgId !== known.org_id) ||
        (t.satisfaction && t.satisfaction !== known.satisfaction));
    const raw = raws.find((r) => r.n === n)!.raw;
    rows.push({
      row: n,
      ticket_no: t.ticketNo,
      type: TYPE_LABELS[t.type],
      title: t.title,
      dispatched_on: t.dispatchedOn,
      org: raw.org ?? "",
      satisfaction: raw.satisfaction ?? "",
      outcome: !known ? "new" : changes ? "update" : "same",
    });
  }
  let importId: string | null = null;
  if (!problems.length) {
    importId = newId();
    // Previews never confirmed hold callers' names (encrypted): kept a day, then dropped.
    const dayAgo = new Date(deps.clock.now().getTime() - 86_400_000).toISOString();
    await deps.db.kysely
      .deleteFrom("hotline_imports")
      .where("imported_at", "is", null)
      .where("created_at", "<", dayAgo)
      .execute();
    await deps.db.kysely
      .insertInto("hotline_imports")
      .values({
        id: importId,
        site_id: user.siteId,
        user_id: user.id,
        filename: file.filename.slice(0, 200),
        rows_enc: encryptField(key, JSON.stringify(raws)),
        row_count: raws.length,
        created_at: deps.clock.now().toISOString(),
        imported_at: null,
      })
      .execute();
  }
  return { filename: file.filename, rows, problems, import_id: importId };
}

export const problemDetails = (problems: RowProblem[]): ErrorDetail[] =>
  problems.map((p) => ({ field: p.column ?? "file", code: p.code, message: p.message }));

/** Imports a previewed file in one transaction, after checking every row again; nothing half-saved. */
export async function confirmImport(deps: Deps, user: CurrentUser, importId: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseHotlineImport(user, tree);
  const staged = await deps.db.kysely
    .selectFrom("hotline_imports")
    .selectAll()
    .where("id", "=", importId)
    .where("site_id", "=", user.siteId)
    .executeTakeFirst();
  if (!staged) throw new AppError("hotline_import_not_found", 404, "导入记录不存在，请重新上传文件。");
  if (staged.imported_at) throw new AppError("hotline_import_done", 409, "此文件已经导入过。");
  const raws = JSON.parse(decryptField(deps.config.secretKey, staged.rows_enc)) as Checked["raws"];
  const problems: RowProblem[] = [];
  const tickets = await checkRows(deps, user.siteId, raws, problems);
  if (problems.length)
    throw new AppError(
      "validation_failed",
      400,
      "文件中有不符合要求的行，未导入任何工单。",
      problemDetails(problems),
    );
  const actor = actorOf(user);
  const counts = { created: 0, updated: 0, same: 0 };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await lockSiteRow(deps, trx, user.siteId);
    const again = await trx
      .updateTable("hotline_imports")
      .set({ imported_at: deps.clock.now().toISOString(), rows_enc: "" })
      .where("id", "=", importId)
      .where("imported_at", "is", null)
      .executeTakeFirst();
    if (Number(again.numUpdatedRows) !== 1)
      throw new AppError("hotline_import_done", 409, "此文件已经导入过。");
    for (const { t } of tickets) {
      const r = await upsertTicketIn(deps, trx, actor, user.siteId, t, "import", "update");
      counts[r.outcome === "created" ? "created" : r.outcome]++;
    }
    await recordAudit(trx, deps.clock, actor, {
      action: "hotline.import",
      entityType: "hotline_import",
      entityId: importId,
      siteId: user.siteId,
      summary: { filename: staged.filename, rows: tickets.length, ...counts },
    });
  });
  return counts;
}
