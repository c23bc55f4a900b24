// The dashboards' charts as data (ChartSpec): what the office (政务公开办) and the inspection office (督查室)
// look at, computed for one year and the user's scope (dashboards.policy.ts). The page, the Excel workbook
// and the JSON API all read these, so they always agree.
import type { Deps } from "../../deps";
import { type ChartSpec, MONTH_LABELS } from "../../platform/charts";
import { shanghaiDateOf } from "../../platform/time";
import { OUTCOME_LABELS, OUTCOMES } from "../applications";
import { healthHistory } from "../health";
import { computeCells, rowOf } from "../interaction";
import type { DashboardScope } from "./dashboards.policy";
import {
  type ApplicationMonthRow,
  countApplicationsByOrgMonth,
  countItemsByOrgMonth,
  countOutcomesByOrg,
  type ItemMonthRow,
} from "./dashboards.repo";

export interface DashboardSection {
  id: string;
  title: string;
  charts: ChartSpec[];
}

export interface Dashboard {
  name: DashboardScope["name"];
  title: string;
  year: number;
  today: string;
  org: DashboardScope["org"] | null;
  sections: DashboardSection[];
}

/** Percentage with one decimal; null when there is nothing to divide by. */
export const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

export const months = () => MONTH_LABELS.map(() => 0);
export const sumBy = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((a, r) => a + f(r), 0);

/** How many organisations a stacked chart shows by name; the rest are summed as 其他单位. */
const STACK_LIMIT = 7;
const ART26_NOTE =
  "按时：发布日期在信息形成或变更之日起20个工作日内（《政府信息公开条例》第二十六条）；发布时工作日历未覆盖的年份不计入按时或超时。";

export interface Facts {
  items: ItemMonthRow[];
  apps: ApplicationMonthRow[];
  outcomes: Array<{ org_id: string | null; outcome: string; count: number }>;
  /** Messages per month (index 0 = January), the cells of the scope's organisations. */
  messages: Array<ReturnType<typeof rowOf>>;
  messageCells: Awaited<ReturnType<typeof computeCells>>;
}

const pad = (m: number) => String(m).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export async function factsOf(
  deps: Deps,
  scope: DashboardScope,
  year: number,
  today: string,
): Promise<Facts> {
  const db = deps.db.kysely;
  const inScope = new Set(scope.orgIds);
  const [items, apps, outcomes] = await Promise.all([
    countItemsByOrgMonth(db, scope.siteId, scope.orgIds, year),
    countApplicationsByOrgMonth(db, scope.siteId, scope.orgIds, scope.whole, year, today),
    countOutcomesByOrg(db, scope.siteId, scope.orgIds, scope.whole, year),
  ]);
  const messages = [];
  const messageCells = [];
  for (let m = 1; m <= 12; m++) {
    const cells = (
      await computeCells(deps, scope.siteId, {
        from: `${year}-${pad(m)}-01`,
        to: `${year}-${pad(m)}-${lastDay(year, m)}`,
      })
    ).filter((c) => inScope.has(c.org_id));
    messages.push(rowOf(String(m), MONTH_LABELS[m - 1]!, cells));
    messageCells.push(...cells);
  }
  return { items, apps, outcomes, messages, messageCells };
}

/** The organisations that appear in any of the rows, in the tree's order, named. */
export function orgsIn(scope: DashboardScope, ids: Iterable<string | null>) {
  const present = new Set([...ids].map((id) => id ?? scope.rootId));
  return scope.choices.filter((c) => present.has(c.id));
}

function itemCharts(scope: DashboardScope, f: Facts): ChartSpec[] {
  const orgs = orgsIn(
    scope,
    f.items.map((r) => r.org_id),
  );
  const perOrg = orgs.map((o) => {
    const rows = f.items.filter((r) => r.org_id === o.id);
    const values = months();
    for (const r of rows) values[r.month - 1]! += r.published;
    return {
      org: o,
      values,
      published: sumBy(rows, (r) => r.published),
      onTime: sumBy(rows, (r) => r.on_time),
      late: sumBy(rows, (r) => r.late),
    };
  });
  const byVolume = [...perOrg].sort((a, b) => b.published - a.published);
  const shown = byVolume.slice(0, STACK_LIMIT);
  const rest = byVolume.slice(STACK_LIMIT);
  const stacked = shown.map((p) => ({ name: p.org.name, values: p.values }));
  if (rest.length)
    stacked.push({
      name: `其他${rest.length}个单位`,
      values: months().map((_, i) => sumBy(rest, (p) => p.values[i]!)),
    });
  const timeliness = perOrg.filter((p) => p.onTime + p.late > 0);
  return [
    {
      id: "items-monthly",
      title: "各单位每月主动公开信息数",
      kind: "stacked",
      categoryLabel: "月份",
      seriesLabel: "单位",
      categories: MONTH_LABELS,
      series: stacked,
      unit: "条",
      transposeTable: true,
      totals: true,
      note:
        rest.length > 0
          ? `发布量最多的${STACK_LIMIT}个单位分列，其余合并为“其他单位”；各单位全年数量见下一图表。按发布日期计月，含已撤回和已被新版本替代的信息。`
          : "按发布日期计月，含已撤回和已被新版本替代的信息。",
    },
    {
      id: "items-timeliness",
      title: "各单位主动公开按时率",
      kind: "bar",
      horizontal: true,
      categoryLabel: "单位",
      categories: timeliness.map((p) => p.org.name),
      series: [{ name: "按时率", values: timeliness.map((p) => rate(p.onTime, p.onTime + p.late)) }],
      tableOnly: [
        { name: "发布（条）", values: timeliness.map((p) => p.published) },
        { name: "按时（条）", values: timeliness.map((p) => p.onTime) },
        { name: "超时（条）", values: timeliness.map((p) => p.late) },
      ],
      unit: "%",
      note: ART26_NOTE,
    },
  ];
}

const appsMonthly = (f: Facts, pick: (r: ApplicationMonthRow) => number) => {
  const values = months();
  for (const r of f.apps) values[r.month - 1]! += pick(r);
  return values;
};

function applicationCharts(f: Facts): ChartSpec[] {
  const byOutcome = new Map<string, number>();
  for (const r of f.outcomes) byOutcome.set(r.outcome, (byOutcome.get(r.outcome) ?? 0) + r.count);
  const outcomes = OUTCOMES.filter((o) => byOutcome.get(o));
  return [
    {
      id: "applications-monthly",
      title: "依申请公开：每月收到、答复和逾期件数",
      kind: "bar",
      categoryLabel: "月份",
      categories: MONTH_LABELS,
      series: [
        { name: "收到", values: appsMonthly(f, (r) => r.received) },
        { name: "答复", values: appsMonthly(f, (r) => r.answered) },
        { name: "逾期", values: appsMonthly(f, (r) => r.overdue) },
      ],
      unit: "件",
      totals: true,
      note: "收到按登记收到日期计月，答复按答复日期计月，逾期按答复期限计月（期限届满时未答复：之后才答复的，或至今仍未答复的）。",
    },
    {
      id: "applications-outcomes",
      title: "依申请公开：本年答复结果",
      kind: "bar",
      horizontal: true,
      categoryLabel: "答复结果",
      categories: outcomes.map((o) => OUTCOME_LABELS[o]),
      series: [{ name: "件数", values: outcomes.map((o) => byOutcome.get(o) ?? 0) }],
      unit: "件",
      totals: true,
    },
  ];
}

function messageCharts(f: Facts): ChartSpec[] {
  const m = f.messages;
  return [
    {
      id: "messages-monthly",
      title: "互动交流：每月收到和按期答复的留言",
      kind: "bar",
      categoryLabel: "月份",
      categories: MONTH_LABELS,
      series: [
        { name: "收到", values: m.map((r) => r.received) },
        { name: "按期答复", values: m.map((r) => r.answered_on_time) },
        { name: "逾期答复", values: m.map((r) => r.answered_late) },
        { name: "超期未答复", values: m.map((r) => r.overdue_open) },
      ],
      unit: "件",
      totals: true,
      note: "按收到日期计月（与互动交流统计相同）；超期未答复为至今仍未答复且已过办理期限的留言。",
    },
    {
      id: "messages-satisfaction",
      title: "互动交流：每月按期答复率和满意率",
      kind: "line",
      categoryLabel: "月份",
      categories: MONTH_LABELS,
      series: [
        { name: "按期答复率", values: m.map((r) => r.on_time_rate) },
        { name: "满意率", values: m.map((r) => r.satisfaction_rate) },
      ],
      tableOnly: [{ name: "评价（件）", values: m.map((r) => r.rated) }],
      unit: "%",
      note: "满意率 =（满意 + 基本满意）÷ 已评价；没有答复或没有评价的月份不计算。",
    },
  ];
}

async function healthChart(deps: Deps, scope: DashboardScope, year: number): Promise<ChartSpec> {
  const runs = (await healthHistory(deps, scope.siteId, 400)).filter((r) =>
    r.checked_on.startsWith(`${year}-`),
  );
  const byMonth = MONTH_LABELS.map((_, i) => runs.filter((r) => Number(r.checked_on.slice(5, 7)) === i + 1));
  return {
    id: "health-trend",
    title: "网站健康检查：每月得分",
    kind: "line",
    categoryLabel: "月份",
    categories: MONTH_LABELS,
    series: [
      {
        name: "平均得分",
        values: byMonth.map((rs) =>
          rs.length ? Math.round((sumBy(rs, (r) => r.score) / rs.length) * 10) / 10 : null,
        ),
      },
      {
        name: "最低得分",
        values: byMonth.map((rs) => (rs.length ? Math.min(...rs.map((r) => r.score)) : null)),
      },
    ],
    tableOnly: [
      { name: "检查次数", values: byMonth.map((rs) => rs.length) },
      { name: "预判不合格次数", values: byMonth.map((rs) => rs.filter((r) => r.verdict === "fail").length) },
    ],
    unit: "分",
    note: "每日检查的预判得分（满分100分，60分及格，另有单项否决）；详见网站健康检查。",
  };
}

/** The office's dashboard: items, applications, messages and (site-wide only) health, for a year. */
export async function officeDashboard(deps: Deps, scope: DashboardScope, year: number): Promise<Dashboard> {
  const today = shanghaiDateOf(deps.clock.now());
  const f = await factsOf(deps, scope, year, today);
  const sections: DashboardSection[] = [
    { id: "items", title: "主动公开", charts: itemCharts(scope, f) },
    { id: "applications", title: "依申请公开", charts: applicationCharts(f) },
    { id: "messages", title: "互动交流", charts: messageCharts(f) },
  ];
  if (scope.whole)
    sections.push({ id: "health", title: "网站健康", charts: [await healthChart(deps, scope, year)] });
  return { name: "office", title: "政务公开统计图表", year, today, org: scope.org ?? null, sections };
}

export const allCharts = (d: Dashboard) => d.sections.flatMap((s) => s.charts);
