// 互动交流统计 (issue 13 item 8): messages received in a period by handling organisation, type and channel —
// received, answered, answered on time or late, still open past the due date, answer time in working days
// (the site's statutory calendar), returns, publications and the askers' ratings — and the list of open
// messages past their due date. Stored per year and month in message_statistics (migration 0026) by the
// daily job and on request, so the annual report and the assessment (issue 14) read the same numbers.
//
// Rules: a message counts in the period of its receipt date; it belongs to the organisation that answered
// it (the draft's organisation), else the one holding it now, else the office (the site's root); each return
// (退回) counts for the organisation that sent it back. "On time" compares the first answer with the due
// date stored on its clock, which a return never restarted; an open message is overdue once today is past
// the due date of the clock running now (a follow-up's, if any).
// Error reports (网站纠错) have their own statistics (messages.admin-stats.tsx) and are not counted here.
import type { Actor, Deps, Executor } from "../../deps";
import { AppError, type ErrorDetail, Problems } from "../../platform/errors";
import { isRealDate, shanghaiDateOf } from "../../platform/time";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadCalendar } from "../calendar";
import { loadOrgTree, type OrgTree } from "../orgs";
import { lockSiteRow } from "./hotline.service";
import { messageScope } from "./interaction.policy";
import { CHANNEL_LABELS, MESSAGE_TYPES, TYPE_LABELS } from "./interaction.schemas";
import { addMonths, CLOCK_OWNER } from "./messages.clock";
import type { MessageStatisticsTable } from "./messages.statistics.tables";
import { ALARM_MONTHS, OPEN_STATUSES } from "./messages.steps";

export const GROUPS = ["org", "type", "channel"] as const;
export type StatisticsGroup = (typeof GROUPS)[number];
export const GROUP_LABELS: Record<StatisticsGroup, string> = {
  org: "按部门",
  type: "按类型",
  channel: "按渠道",
};

/** The numbers of one cell (organisation × type × channel); answer_days lists each answer's working days. */
export interface Cell {
  org_id: string;
  type: string;
  channel: string;
  received: number;
  answered: number;
  answered_on_time: number;
  answered_late: number;
  overdue_open: number;
  alarm_open: number;
  rejected: number;
  returned: number;
  published: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  answer_days: number[];
}

type Counts = Omit<Cell, "org_id" | "type" | "channel" | "answer_days">;
const COUNT_KEYS: Array<keyof Counts> = [
  "received",
  "answered",
  "answered_on_time",
  "answered_late",
  "overdue_open",
  "alarm_open",
  "rejected",
  "returned",
  "published",
  "satisfied",
  "basic",
  "unsatisfied",
];

/** One line of a table: a group's counts with its rates and answer times. */
export interface StatisticsRow extends Counts {
  key: string;
  label: string;
  rated: number;
  /** (满意 + 基本满意) / rated, in per cent with one decimal; null when nobody rated. */
  satisfaction_rate: number | null;
  /** Answered on time / answered, in per cent; null when nothing was answered. */
  on_time_rate: number | null;
  /** Working days from receipt to the first answer. */
  answer_days_avg: number | null;
  answer_days_median: number | null;
}

/** An open message past its due date (超期清单). */
export interface OverdueMessage {
  id: string;
  tracking_code: string;
  title: string;
  type: string;
  type_label: string;
  channel: string;
  channel_label: string;
  org_id: string;
  org_name: string;
  received_on: string;
  due_on: string;
  /** Working days past the due date (today counted). */
  days_overdue: number;
  /** Unanswered ALARM_MONTHS months since receipt or follow-up: the hard alarm (RULES.md §5). */
  alarm: boolean;
  alarm_on: string;
}

export interface Period {
  from: string;
  to: string;
}

// ---------------------------------------------------------------------------------------------- the policy

/** What a user sees of the statistics: the whole site, or the rows of their own organisations. */
export interface StatisticsScope {
  siteId: string;
  all: boolean;
  orgIds: readonly string[];
}

/**
 * The statistics' one policy: the office, the inspectors and the administrators see every row of their site;
 * a department or town clerk the rows of the organisations whose messages they handle. 403 for a role that
 * sees no messages (interaction.policy).
 */
export function statisticsScope(user: CurrentUser, tree: OrgTree): StatisticsScope {
  const s = messageScope(user, tree);
  return { siteId: s.siteId, all: s.all, orgIds: s.orgIds };
}

/** Whether a row (of a site, for an organisation) is within the scope; else it is left out, or 404. */
export const maySeeStatisticsRow = (scope: StatisticsScope, row: { site_id: string; org_id: string }) =>
  row.site_id === scope.siteId && (scope.all || scope.orgIds.includes(row.org_id));

export const orgNotFound = () => new AppError("org_not_found", 404, "机构不存在。");

// ---------------------------------------------------------------------------------------------- input

/** The period's problems: each date real and YYYY-MM-DD, the end not before the start. */
export function rangeProblems(from: string | undefined, to: string | undefined): ErrorDetail[] {
  const p = new Problems();
  if (from && !isRealDate(from)) p.add("from", "invalid_date", "开始日期应为 YYYY-MM-DD 格式的真实日期。");
  if (to && !isRealDate(to)) p.add("to", "invalid_date", "结束日期应为 YYYY-MM-DD 格式的真实日期。");
  if (p.empty && from && to && to < from) p.add("to", "invalid_range", "结束日期不能早于开始日期。");
  return p.list;
}

export interface StatisticsQuery {
  from?: string;
  to?: string;
  group?: string;
  org?: string;
}

/** Checks a query (every problem at once, 400) and fills the defaults: this year, grouped by organisation. */
export function parseStatisticsQuery(deps: Pick<Deps, "clock">, q: StatisticsQuery) {
  const from = q.from?.trim() || undefined;
  const to = q.to?.trim() || undefined;
  const group = q.group?.trim() || "org";
  const problems = rangeProblems(from, to);
  if (!(GROUPS as readonly string[]).includes(group))
    problems.push({ field: "group", code: "invalid_group", message: "分组方式应为 org、type 或 channel。" });
  const year = shanghaiDateOf(deps.clock.now()).slice(0, 4);
  return {
    problems,
    period: { from: from ?? (to ? `${to.slice(0, 4)}-01-01` : `${year}-01-01`), to: to ?? `${year}-12-31` },
    group: group as StatisticsGroup,
    org: q.org?.trim() || undefined,
  };
}

// ---------------------------------------------------------------------------------------------- facts

interface Fact {
  id: string;
  tracking_code: string;
  title: string;
  type: string;
  channel: string;
  org_id: string;
  received_on: string;
  answered_on: string | null;
  answer_days: number | null;
  on_time: boolean | null;
  overdue_due_on: string | null;
  days_overdue: number;
  alarm: boolean;
  alarm_on: string;
  rejected: boolean;
  /** The organisation that sent it back, for each return (退回). */
  returned_by: string[];
  published: boolean;
  rating: string | null;
}

const CHUNK = 500;
async function inChunks<T>(ids: readonly string[], run: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await run(ids.slice(i, i + CHUNK))));
  return out;
}

/** Every message of the site received in the period (or every open one), read with its clocks and steps. */
async function factsOf(
  deps: Deps,
  db: Executor,
  siteId: string,
  tree: OrgTree,
  sel: { period?: Period; openOnly?: boolean },
): Promise<Fact[]> {
  let q = db
    .selectFrom("messages")
    .select([
      "id",
      "tracking_code",
      "title",
      "type",
      "channel",
      "status",
      "received_on",
      "reply_org_id",
      "replied_on",
      "published_at",
      "rating",
      "follow_up_on",
    ])
    .where("site_id", "=", siteId)
    .where("type", "in", [...MESSAGE_TYPES]);
  if (sel.period) q = q.where("received_on", ">=", sel.period.from).where("received_on", "<=", sel.period.to);
  if (sel.openOnly) q = q.where("status", "in", [...OPEN_STATUSES]);
  const rows = await q.orderBy("received_on").orderBy("id").execute();
  const ids = rows.map((r) => r.id);
  const [clocks, steps, holders] = await Promise.all([
    inChunks(ids, (part) =>
      db
        .selectFrom("statutory_clocks")
        .select(["owner_id", "kind", "due_on"])
        .where("owner_type", "=", CLOCK_OWNER)
        .where("owner_id", "in", part)
        .execute(),
    ),
    inChunks(ids, (part) =>
      db
        .selectFrom("message_steps")
        .select(["message_id", "action", "on_date", "at"])
        .where("message_id", "in", part)
        .where("action", "in", ["return", "approve_reply"])
        .execute(),
    ),
    inChunks(ids, (part) =>
      db
        .selectFrom("message_holders")
        .select(["message_id", "org_id", "since", "released_at"])
        .where("message_id", "in", part)
        .orderBy("since")
        .execute(),
    ),
  ]);
  const dueOf = new Map(clocks.map((c) => [`${c.owner_id}:${c.kind}`, c.due_on]));
  // A return releases the returning organisation's holding in the same write: the same time stamp.
  const releasedAt = new Map<string, string[]>();
  for (const h of holders)
    if (h.released_at) {
      const k = `${h.message_id}@${h.released_at}`;
      releasedAt.set(k, [...(releasedAt.get(k) ?? []), h.org_id]);
    }
  const returns = new Map<string, string[]>();
  const firstAnswer = new Map<string, string>();
  for (const s of steps) {
    if (s.action === "return")
      returns.set(s.message_id, [
        ...(returns.get(s.message_id) ?? []),
        ...(releasedAt.get(`${s.message_id}@${s.at}`) ?? [""]),
      ]);
    else if (!firstAnswer.has(s.message_id) || s.on_date < firstAnswer.get(s.message_id)!)
      firstAnswer.set(s.message_id, s.on_date);
  }
  const holderOf = new Map<string, string>();
  for (const h of holders)
    if (!h.released_at && !holderOf.has(h.message_id)) holderOf.set(h.message_id, h.org_id);
  const root = tree.roots(siteId)[0]?.id ?? siteId;
  const cal = await loadCalendar(deps, siteId, db);
  const today = shanghaiDateOf(deps.clock.now());
  return rows.map((r) => {
    const orgId = r.reply_org_id ?? holderOf.get(r.id) ?? root;
    const open = (OPEN_STATUSES as readonly string[]).includes(r.status);
    const answeredOn = firstAnswer.get(r.id) ?? r.replied_on ?? null;
    const replyDue = dueOf.get(`${r.id}:reply`) ?? null;
    const runningDue = open ? (dueOf.get(`${r.id}:${r.follow_up_on ? "follow_up" : "reply"}`) ?? null) : null;
    const overdue = runningDue !== null && today > runningDue;
    const alarmOn = addMonths(r.follow_up_on ?? r.received_on, ALARM_MONTHS);
    return {
      id: r.id,
      tracking_code: r.tracking_code,
      title: r.title,
      type: r.type,
      channel: r.channel,
      org_id: orgId,
      received_on: r.received_on,
      answered_on: answeredOn,
      answer_days: answeredOn ? Math.max(0, cal.workingDaysBetween(r.received_on, answeredOn)) : null,
      on_time: answeredOn ? replyDue === null || answeredOn <= replyDue : null,
      overdue_due_on: overdue ? runningDue : null,
      days_overdue: overdue && runningDue ? cal.workingDaysBetween(runningDue, today) : 0,
      alarm: open && today >= alarmOn,
      alarm_on: alarmOn,
      rejected: r.status === "rejected",
      returned_by: (returns.get(r.id) ?? []).map((o) => o || orgId),
      published: r.published_at !== null,
      rating: r.rating,
    };
  });
}

const emptyCell = (org_id: string, type: string, channel: string): Cell => ({
  org_id,
  type,
  channel,
  received: 0,
  answered: 0,
  answered_on_time: 0,
  answered_late: 0,
  overdue_open: 0,
  alarm_open: 0,
  rejected: 0,
  returned: 0,
  published: 0,
  satisfied: 0,
  basic: 0,
  unsatisfied: 0,
  answer_days: [],
});

/** The facts added up per organisation × type × channel. */
export function cellsOf(facts: readonly Fact[]): Cell[] {
  const cells = new Map<string, Cell>();
  const cellOf = (org: string, type: string, channel: string) => {
    const k = `${org}\u0000${type}\u0000${channel}`;
    const c = cells.get(k) ?? emptyCell(org, type, channel);
    cells.set(k, c);
    return c;
  };
  for (const f of facts) {
    const c = cellOf(f.org_id, f.type, f.channel);
    c.received++;
    if (f.answered_on) {
      c.answered++;
      if (f.on_time) c.answered_on_time++;
      else c.answered_late++;
      c.answer_days.push(f.answer_days ?? 0);
    }
    if (f.overdue_due_on) c.overdue_open++;
    if (f.alarm) c.alarm_open++;
    if (f.rejected) c.rejected++;
    if (f.published) c.published++;
    if (f.rating === "satisfied") c.satisfied++;
    else if (f.rating === "basic") c.basic++;
    else if (f.rating === "unsatisfied") c.unsatisfied++;
    // A return counts for the organisation that sent the message back.
    for (const o of f.returned_by) cellOf(o, f.type, f.channel).returned++;
  }
  return [...cells.values()];
}

const pct = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : null);

function median(sorted: number[]): number | null {
  if (!sorted.length) return null;
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

/** Adds cells up into one row. */
export function rowOf(key: string, label: string, cells: readonly Cell[]): StatisticsRow {
  const counts = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as Counts;
  const days: number[] = [];
  for (const c of cells) {
    for (const k of COUNT_KEYS) counts[k] += c[k];
    days.push(...c.answer_days);
  }
  days.sort((a, b) => a - b);
  const rated = counts.satisfied + counts.basic + counts.unsatisfied;
  return {
    key,
    label,
    ...counts,
    rated,
    satisfaction_rate: pct(counts.satisfied + counts.basic, rated),
    on_time_rate: pct(counts.answered_on_time, counts.answered),
    answer_days_avg: days.length
      ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10
      : null,
    answer_days_median: median(days),
  };
}

const labelOf = (group: StatisticsGroup, key: string, tree: OrgTree) =>
  group === "org"
    ? (tree.get(key)?.name ?? key)
    : group === "type"
      ? (TYPE_LABELS[key as keyof typeof TYPE_LABELS] ?? key)
      : (CHANNEL_LABELS[key as keyof typeof CHANNEL_LABELS] ?? key);

/** The rows of a table grouped by organisation (in the tree's order), type or channel (in their lists' order). */
export function groupRows(cells: readonly Cell[], group: StatisticsGroup, tree: OrgTree, siteId: string) {
  const order =
    group === "org"
      ? tree.flatten(siteId).map(({ org }) => org.id)
      : group === "type"
        ? [...MESSAGE_TYPES]
        : Object.keys(CHANNEL_LABELS);
  const keys = [...new Set(cells.map((c) => c[group === "org" ? "org_id" : group]))];
  keys.sort((a, b) => (order.indexOf(a) + 1 || 1e9) - (order.indexOf(b) + 1 || 1e9) || a.localeCompare(b));
  const field = group === "org" ? "org_id" : group;
  return keys.map((k) =>
    rowOf(
      k,
      labelOf(group, k, tree),
      cells.filter((c) => c[field] === k),
    ),
  );
}

// ---------------------------------------------------------------------------------------------- live

export interface StatisticsReport {
  site: { id: string; name: string };
  period: Period;
  group: StatisticsGroup;
  computed_at: string;
  /** The whole site, or only the user's organisations (a department clerk). */
  scope: "site" | "org";
  items: StatisticsRow[];
  total: StatisticsRow;
}

function scopedCells(cells: readonly Cell[], scope: StatisticsScope, orgId: string | undefined) {
  return cells.filter(
    (c) =>
      maySeeStatisticsRow(scope, { site_id: scope.siteId, org_id: c.org_id }) &&
      (!orgId || c.org_id === orgId),
  );
}

/** Resolves `org` (code or id) within the scope; 404 for one the user may not see or that does not exist. */
function orgFilter(tree: OrgTree, scope: StatisticsScope, org: string | undefined): string | undefined {
  if (!org) return undefined;
  const found = tree.flatten(scope.siteId).find(({ org: o }) => o.code === org || o.id === org)?.org;
  if (!found || !maySeeStatisticsRow(scope, { site_id: scope.siteId, org_id: found.id })) throw orgNotFound();
  return found.id;
}

/** Every cell of a site for the period, computed now from the messages. */
export async function computeCells(
  deps: Deps,
  siteId: string,
  period: Period,
  db: Executor = deps.db.kysely,
) {
  const tree = await loadOrgTree(deps, siteId);
  return cellsOf(await factsOf(deps, db, siteId, tree, { period }));
}

async function prepare(deps: Deps, user: CurrentUser, q: StatisticsQuery) {
  const parsed = parseStatisticsQuery(deps, q);
  if (parsed.problems.length)
    throw new AppError("validation_failed", 400, "统计条件有误，请按提示修改。", parsed.problems);
  const tree = await loadOrgTree(deps, user.siteId);
  const scope = statisticsScope(user, tree);
  const orgId = orgFilter(tree, scope, parsed.org);
  const cells = scopedCells(await computeCells(deps, user.siteId, parsed.period), scope, orgId);
  const site = { id: user.siteId, name: tree.roots(user.siteId)[0]?.name ?? "" };
  return { ...parsed, tree, scope, orgId, cells, site };
}

/** The statistics a user may see for a period, grouped by organisation, type or channel (400 on bad input). */
export async function statisticsFor(
  deps: Deps,
  user: CurrentUser,
  q: StatisticsQuery,
): Promise<StatisticsReport> {
  const p = await prepare(deps, user, q);
  return {
    site: p.site,
    period: p.period,
    group: p.group,
    computed_at: deps.clock.now().toISOString(),
    scope: p.scope.all ? "site" : "org",
    items: groupRows(p.cells, p.group, p.tree, p.scope.siteId),
    total: rowOf("total", "合计", p.cells),
  };
}

/** Every group at once and the overdue list, for the page and the Excel export. */
export async function statisticsBookFor(deps: Deps, user: CurrentUser, q: StatisticsQuery) {
  const p = await prepare(deps, user, q);
  const group = (g: StatisticsGroup) => ({
    items: groupRows(p.cells, g, p.tree, p.scope.siteId),
    total: rowOf("total", "合计", p.cells),
  });
  const overdue = await overdueFor(deps, user, { org: p.orgId });
  return {
    site: p.site,
    period: p.period,
    group: p.group,
    org: p.orgId,
    scope: p.scope,
    groups: { org: group("org"), type: group("type"), channel: group("channel") },
    overdue: overdue.items,
    today: overdue.today,
  };
}

/** Open messages past their due date that the user may see, the most overdue first. */
export async function overdueFor(deps: Deps, user: CurrentUser, q: { org?: string } = {}) {
  const tree = await loadOrgTree(deps, user.siteId);
  const scope = statisticsScope(user, tree);
  const orgId = orgFilter(tree, scope, q.org?.trim() || undefined);
  const items = (await overdueOfSite(deps, user.siteId, tree)).filter(
    (m) =>
      maySeeStatisticsRow(scope, { site_id: scope.siteId, org_id: m.org_id }) &&
      (!orgId || m.org_id === orgId),
  );
  return { today: shanghaiDateOf(deps.clock.now()), total: items.length, items };
}

async function overdueOfSite(deps: Deps, siteId: string, tree: OrgTree): Promise<OverdueMessage[]> {
  const facts = await factsOf(deps, deps.db.kysely, siteId, tree, { openOnly: true });
  return facts
    .filter((f) => f.overdue_due_on)
    .map((f) => ({
      id: f.id,
      tracking_code: f.tracking_code,
      title: f.title,
      type: f.type,
      type_label: TYPE_LABELS[f.type as keyof typeof TYPE_LABELS] ?? f.type,
      channel: f.channel,
      channel_label: CHANNEL_LABELS[f.channel as keyof typeof CHANNEL_LABELS] ?? f.channel,
      org_id: f.org_id,
      org_name: tree.get(f.org_id)?.name ?? f.org_id,
      received_on: f.received_on,
      due_on: f.overdue_due_on!,
      days_overdue: f.days_overdue,
      alarm: f.alarm,
      alarm_on: f.alarm_on,
    }))
    .sort((a, b) => b.days_overdue - a.days_overdue || a.due_on.localeCompare(b.due_on));
}

/** Overdue open messages per organisation the user may see (the inspector's dashboard). */
export async function overdueCountsByOrg(deps: Deps, user: CurrentUser) {
  const { items } = await overdueFor(deps, user);
  const by = new Map<string, { org_id: string; org_name: string; overdue: number; alarm: number }>();
  for (const m of items) {
    const r = by.get(m.org_id) ?? { org_id: m.org_id, org_name: m.org_name, overdue: 0, alarm: 0 };
    r.overdue++;
    if (m.alarm) r.alarm++;
    by.set(m.org_id, r);
  }
  return [...by.values()].sort((a, b) => b.overdue - a.overdue);
}

// ---------------------------------------------------------------------------------------------- stored

const monthPeriod = (year: number, month: number): Period => {
  const mm = String(month).padStart(2, "0");
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, "0")}` };
};
const yearPeriod = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/**
 * Recomputes and stores a site's statistics of a year (the year and each of its months) in one transaction,
 * replacing what was stored; audited when a person asked for it. Returns the number of cells stored.
 */
export async function refreshMessageStatistics(
  deps: Deps,
  siteId: string,
  year: number,
  actor?: Actor,
): Promise<{ year: number; cells: number; computed_at: string }> {
  const at = deps.clock.now().toISOString();
  const tree = await loadOrgTree(deps, siteId);
  return deps.db.kysely.transaction().execute(async (trx) => {
    await lockSiteRow(deps, trx, siteId);
    const facts = await factsOf(deps, trx, siteId, tree, { period: yearPeriod(year) });
    const rows: MessageStatisticsTable[] = [];
    const add = (month: number, cells: Cell[]) => {
      for (const c of cells)
        rows.push({
          site_id: siteId,
          year,
          month,
          ...c,
          answer_days: JSON.stringify([...c.answer_days].sort((a, b) => a - b)),
          computed_at: at,
        });
    };
    add(0, cellsOf(facts));
    for (let m = 1; m <= 12; m++) {
      const p = monthPeriod(year, m);
      add(m, cellsOf(facts.filter((f) => f.received_on >= p.from && f.received_on <= p.to)));
    }
    await trx
      .deleteFrom("message_statistics")
      .where("site_id", "=", siteId)
      .where("year", "=", year)
      .execute();
    for (let i = 0; i < rows.length; i += 100)
      await trx
        .insertInto("message_statistics")
        .values(rows.slice(i, i + 100))
        .execute();
    if (actor)
      await recordAudit(trx, deps.clock, actor, {
        action: "message.statistics_refresh",
        entityType: "site",
        entityId: siteId,
        siteId,
        summary: { year, cells: rows.length },
      });
    return { year, cells: rows.length, computed_at: at };
  });
}

/** The stored cells of a site's year (month 0) or month, and when they were computed (null: never). */
export async function storedCells(deps: Pick<Deps, "db">, siteId: string, year: number, month = 0) {
  const rows = await deps.db.kysely
    .selectFrom("message_statistics")
    .selectAll()
    .where("site_id", "=", siteId)
    .where("year", "=", year)
    .where("month", "=", month)
    .execute();
  const cells: Cell[] = rows.map((r) => ({
    ...(Object.fromEntries(COUNT_KEYS.map((k) => [k, Number(r[k])])) as unknown as Counts),
    org_id: r.org_id,
    type: r.type,
    channel: r.channel,
    answer_days: JSON.parse(r.answer_days) as number[],
  }));
  const computedAt = rows.reduce<string | null>((a, r) => (a && a > r.computed_at ? a : r.computed_at), null);
  return { cells, computed_at: computedAt };
}

/** The stored statistics of a site for a year, every group, as the annual report and the assessment use them. */
export interface StoredStatistics {
  site_id: string;
  year: number;
  month: number;
  computed_at: string;
  by_org: StatisticsRow[];
  by_type: StatisticsRow[];
  by_channel: StatisticsRow[];
  total: StatisticsRow;
  cells: Cell[];
}

/**
 * A site's statistics of messages for a year (or one month of it), from the stored snapshot; computed and
 * stored first when there is none yet or `refresh` is set. For other domains (annual report, assessment).
 */
export async function messageStatistics(
  deps: Deps,
  siteId: string,
  opts: { year: number; month?: number; refresh?: boolean },
): Promise<StoredStatistics> {
  const month = opts.month ?? 0;
  let stored = await storedCells(deps, siteId, opts.year, month);
  if (opts.refresh || !stored.computed_at) {
    await refreshMessageStatistics(deps, siteId, opts.year);
    stored = await storedCells(deps, siteId, opts.year, month);
  }
  const tree = await loadOrgTree(deps, siteId);
  return {
    site_id: siteId,
    year: opts.year,
    month,
    computed_at: stored.computed_at ?? deps.clock.now().toISOString(),
    by_org: groupRows(stored.cells, "org", tree, siteId),
    by_type: groupRows(stored.cells, "type", tree, siteId),
    by_channel: groupRows(stored.cells, "channel", tree, siteId),
    total: rowOf("total", "合计", stored.cells),
    cells: stored.cells,
  };
}

/** The daily job: refreshes every site's statistics of the current year (and of last year in January). */
export async function refreshAllMessageStatistics(deps: Deps, opts: { date?: string } = {}) {
  const today = opts.date ?? shanghaiDateOf(deps.clock.now());
  const year = Number(today.slice(0, 4));
  const years = today.slice(5, 7) === "01" ? [year - 1, year] : [year];
  const sites = await deps.db.kysely.selectFrom("sites").select("id").execute();
  let cells = 0;
  for (const s of sites)
    for (const y of years) cells += (await refreshMessageStatistics(deps, s.id, y)).cells;
  return { sites: sites.length, years, cells };
}

/** The page's "更新统计存档": the office stores the year now (audited). */
export async function refreshStatisticsFor(deps: Deps, user: CurrentUser, year: number) {
  const tree = await loadOrgTree(deps, user.siteId);
  if (!statisticsScope(user, tree).all)
    throw new AppError("role_not_allowed", 403, "只有政务公开办、督查室和管理员可以更新统计存档。");
  return refreshMessageStatistics(deps, user.siteId, year, actorOf(user));
}
