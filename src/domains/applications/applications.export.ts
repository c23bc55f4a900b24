// The back office's queues of applications (by state and by due date) and their Excel export (台账).
// The export may be shared outside the office, so it holds no identity number, phone, e-mail or address.
import type { Deps } from "../../deps";
import type { PageRequest } from "../../platform/paging";
import { contactIndex } from "../../platform/tracking";
import type { CurrentUser } from "../accounts";
import { getClockByOwner, readClock } from "../calendar";
import { loadOrgTree } from "../orgs";
import { applicationScope, listScope } from "./applications.policy";
import * as repo from "./applications.repo";
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, STATUS_LABELS } from "./applications.schemas";
import { isReplyOutcome, OUTCOME_LABELS, OUTCOME_REPORT_ROWS } from "./letters/letter.index";

/** Statuses whose reply clock is running or paused. */
export const OPEN_STATUSES = ["handling", "correction", "consulting", "fee_pending"];
/** "Due soon": the reply is due within this many working days (today not counted). */
export const DUE_SOON_WORKING_DAYS = 3;

export interface QueueRow {
  id: string;
  tracking_code: string;
  status: string;
  applicant_type: string;
  applicant_name: string;
  channel: string;
  received_on: string | null;
  /** The live due date of an open application (projected as if resumed today while paused); else null. */
  due_on: string | null;
  /** The due date was counted over a year without a holiday notice (暂定). */
  due_on_provisional?: boolean;
  replied_on: string | null;
  outcome: string | null;
  overdue: boolean;
  paused: boolean;
  used: number | null;
  remaining: number | null;
}

/**
 * The queues. Overdue and due-soon count only running clocks: a paused clock (correction, consultation,
 * fee) moves its due date later every working day of the pause, so it is listed under 办理中 instead.
 */
export const QUEUES = {
  pending: { label: "待登记", statuses: ["submitted"], test: undefined },
  handling: { label: "办理中", statuses: OPEN_STATUSES, test: undefined },
  overdue: { label: "已逾期", statuses: OPEN_STATUSES, test: (r: QueueRow) => r.overdue },
  due_soon: {
    label: `${DUE_SOON_WORKING_DAYS}个工作日内到期`,
    statuses: OPEN_STATUSES,
    test: (r: QueueRow) =>
      !r.overdue && !r.paused && r.remaining !== null && r.remaining <= DUE_SOON_WORKING_DAYS,
  },
  replied: { label: "已答复", statuses: ["replied"], test: undefined },
  all: { label: "全部", statuses: undefined, test: undefined },
} as const;
export type QueueName = keyof typeof QUEUES;
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];
export const isQueueName = (s: string | undefined): s is QueueName =>
  !!s && (QUEUE_NAMES as string[]).includes(s);

export interface QueueFilter {
  queue: QueueName;
  code?: string;
  applicant?: string;
  /** Searched through the blind index; honoured only for staff who handle applications. */
  idNumber?: string;
}

/** Who may see the queues, and whether they handle applications (and so may search by ID number). */
export async function staffScope(deps: Pick<Deps, "db">, user: CurrentUser) {
  const tree = await loadOrgTree(deps, user.siteId);
  const scope = applicationScope(user, tree);
  return { tree, scope, handles: scope.handlesAny };
}

async function withClocks(deps: Deps, rows: repo.ApplicationRow[]): Promise<QueueRow[]> {
  return Promise.all(
    rows.map(async (r) => {
      const open = OPEN_STATUSES.includes(r.status);
      const clock = open
        ? await getClockByOwner(deps, { ownerType: "application", ownerId: r.id })
        : undefined;
      const reading = clock?.dueOn ? await readClock(deps, clock).catch(() => undefined) : undefined;
      return {
        id: r.id,
        tracking_code: r.tracking_code,
        status: r.status,
        applicant_type: r.applicant_type,
        applicant_name: r.applicant_name,
        channel: r.channel,
        received_on: r.received_on,
        due_on: open ? (reading?.dueOn ?? clock?.dueOn ?? null) : null,
        due_on_provisional: open && Boolean(reading?.provisional ?? clock?.provisional),
        replied_on: r.replied_on,
        outcome: r.outcome,
        overdue: reading?.overdue ?? false,
        paused: reading?.paused ?? false,
        used: reading?.usedWorkingDays ?? null,
        remaining: reading?.remainingWorkingDays ?? null,
      };
    }),
  );
}

const byDue = (a: QueueRow, b: QueueRow) => (a.due_on ?? "9999").localeCompare(b.due_on ?? "9999");

/** One queue, filtered by code, applicant name or identity number; date queues sorted by due date. */
export async function loadQueue(
  deps: Deps,
  user: CurrentUser,
  f: QueueFilter,
  limit = 500,
): Promise<{ rows: QueueRow[]; truncated: boolean; handles: boolean }> {
  const { handles, scope } = await staffScope(deps, user);
  const q = QUEUES[f.queue];
  const idNumber = handles ? f.idNumber?.replace(/\s+/g, "").toUpperCase() : undefined;
  const found = await repo.listApplications(
    deps.db.kysely,
    {
      siteId: user.siteId,
      scope,
      statuses: q.statuses ? [...q.statuses] : undefined,
      trackingCode: f.code?.trim().toUpperCase() || undefined,
      applicantName: f.applicant?.trim() || undefined,
      idIndex: contactIndex(deps.config.secretKey, idNumber) ?? undefined,
    },
    limit + 1,
  );
  const truncated = found.length > limit;
  let rows = await withClocks(deps, found.slice(0, limit));
  if (q.test) rows = rows.filter(q.test).sort(byDue);
  return { rows, truncated, handles };
}

/** Whether a queue is read from the stored state (paged by cursor) rather than from each clock (date queues). */
export const isStateQueue = (queue: QueueName): boolean => QUEUES[queue].test === undefined;

/**
 * One page of a state queue (待登记, 办理中, 已答复, 全部), newest first by submission, by page number or cursor
 * (src/platform/paging.ts), with its total capped at COUNT_CAP.
 */
export async function pageQueue(deps: Deps, user: CurrentUser, f: QueueFilter, req: PageRequest) {
  const { handles, scope, tree } = await staffScope(deps, user);
  const q = QUEUES[f.queue];
  const idNumber = handles ? f.idNumber?.replace(/\s+/g, "").toUpperCase() : undefined;
  const filter: repo.ApplicationFilter = {
    siteId: user.siteId,
    scope: listScope(scope, tree),
    statuses: q.statuses ? [...q.statuses] : undefined,
    trackingCode: f.code?.trim().toUpperCase() || undefined,
    applicantName: f.applicant?.trim() || undefined,
    idIndex: contactIndex(deps.config.secretKey, idNumber) ?? undefined,
  };
  const [found, total] = await Promise.all([
    repo.pageApplications(deps.db.kysely, filter, req),
    repo.countApplicationsCapped(deps.db.kysely, filter),
  ]);
  return { ...found, rows: await withClocks(deps, found.rows), total, handles };
}

/** The dashboard's counts and the applications due soonest (reminders to handlers). */
export async function loadQueueSummary(deps: Deps, user: CurrentUser, soonest = 5) {
  const { scope } = await staffScope(deps, user);
  const found = await repo.listApplications(
    deps.db.kysely,
    { siteId: user.siteId, scope, statuses: ["submitted", ...OPEN_STATUSES] },
    5000,
  );
  const rows = await withClocks(deps, found);
  const open = rows.filter((r) => OPEN_STATUSES.includes(r.status));
  return {
    counts: {
      pending: rows.length - open.length,
      handling: open.length,
      overdue: open.filter(QUEUES.overdue.test).length,
      due_soon: open.filter(QUEUES.due_soon.test).length,
    },
    soonest: open
      .filter((r) => r.due_on && !r.paused)
      .sort(byDue)
      .slice(0, soonest),
  };
}

export const outcomeLabel = (o: string | null) => (o && isReplyOutcome(o) ? OUTCOME_LABELS[o] : (o ?? ""));
export const outcomeReportRow = (o: string | null) => (o && isReplyOutcome(o) ? OUTCOME_REPORT_ROWS[o] : "");

/** The export's columns: what a 政务公开办 keeps in its register, and nothing that identifies a person further. */
export const EXPORT_COLUMNS: Array<{ header: string; width: number; value: (r: QueueRow) => string }> = [
  { header: "查询码", width: 22, value: (r) => r.tracking_code },
  {
    header: "申请人类型",
    width: 14,
    value: (r) => APPLICANT_TYPE_LABELS[r.applicant_type] ?? r.applicant_type,
  },
  { header: "申请人", width: 24, value: (r) => r.applicant_name },
  { header: "收到渠道", width: 12, value: (r) => CHANNEL_LABELS[r.channel] ?? r.channel },
  { header: "收到日期", width: 12, value: (r) => r.received_on ?? "" },
  { header: "答复期限", width: 12, value: (r) => r.due_on ?? "" },
  {
    header: "状态",
    width: 16,
    value: (r) => `${STATUS_LABELS[r.status] ?? r.status}${r.overdue ? "（已逾期）" : ""}`,
  },
  { header: "答复日期", width: 12, value: (r) => r.replied_on ?? "" },
  { header: "答复结果", width: 40, value: (r) => outcomeLabel(r.outcome) },
  { header: "年报表三栏目", width: 14, value: (r) => outcomeReportRow(r.outcome) },
];

/** The register as an .xlsx workbook: one sheet, a styled and frozen header row, an auto-filter. */
export async function buildApplicationsWorkbook(
  rows: QueueRow[],
  opts: { title?: string; created?: Date } = {},
): Promise<Buffer> {
  const title = opts.title ?? "依申请公开台账";
  // exceljs takes most of a second to load: only when a workbook is asked for.
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = "gongkai";
  wb.created = opts.created ?? new Date();
  const ws = wb.addWorksheet(title.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.alignment = { vertical: "middle", horizontal: "center" };
  header.height = 20;
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFB0281A" } };
    cell.border = { bottom: { style: "thin", color: { argb: "FF000000" } } };
  });
  for (const r of rows) ws.addRow(EXPORT_COLUMNS.map((c) => c.value(r)));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
