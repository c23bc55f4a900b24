// The dashboards' one entry point: checks the query (every problem at once), authorises the user against the
// dashboard (dashboards.policy.ts) and computes its charts; renders the SVGs and the Excel workbook on demand.
import type { Deps } from "../../deps";
import { buildChartsWorkbook, type ChartSpec, renderChartSvg } from "../../platform/charts";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { shanghaiDateOf } from "../../platform/time";
import type { CurrentUser } from "../accounts";
import { inspectionDashboard } from "./dashboards.inspection";
import { authoriseDashboard, type DashboardScope, dashboardNotFound } from "./dashboards.policy";
import { allCharts, type Dashboard, officeDashboard } from "./dashboards.series";

/** The first year gongkai's figures cover (the 2021 annual-report format). */
export const FIRST_YEAR = 2021;

export interface DashboardQuery {
  year?: string;
  org?: string;
  chart?: string;
}

/** The query checked: year defaults to this year (Asia/Shanghai); every problem listed (400). */
export function parseDashboardQuery(deps: Pick<Deps, "clock">, q: DashboardQuery) {
  const thisYear = Number(shanghaiDateOf(deps.clock.now()).slice(0, 4));
  const problems: ErrorDetail[] = [];
  const y = q.year?.trim();
  let year = thisYear;
  if (y) {
    if (!/^\d{4}$/.test(y) || Number(y) < FIRST_YEAR || Number(y) > thisYear)
      problems.push({
        field: "year",
        code: "invalid_year",
        message: `年份应为 ${FIRST_YEAR} 至 ${thisYear} 之间的四位数字。`,
      });
    else year = Number(y);
  }
  const org = q.org?.trim() || undefined;
  if (org && !/^[A-Za-z0-9_-]{1,60}$/.test(org))
    problems.push({
      field: "org",
      code: "invalid_org",
      message: "机构代码只能包含字母、数字、下划线和连字符。",
    });
  const chart = q.chart?.trim() || undefined;
  if (chart && !/^[a-z0-9-]{1,40}$/.test(chart))
    problems.push({ field: "chart", code: "invalid_chart", message: "图表名称有误。" });
  if (problems.length) throw new AppError("validation_failed", 400, "统计条件有误，请按提示修改。", problems);
  return { year, org, chart, thisYear };
}

export interface LoadedDashboard {
  scope: DashboardScope;
  dashboard: Dashboard;
  thisYear: number;
}

/** A dashboard the user may see, for the query's year and organisation. */
export async function loadDashboard(
  deps: Deps,
  user: CurrentUser,
  name: string,
  q: DashboardQuery,
): Promise<LoadedDashboard> {
  const parsed = parseDashboardQuery(deps, q);
  const scope = await authoriseDashboard(deps, user, name, parsed.org);
  const dashboard =
    scope.name === "office"
      ? await officeDashboard(deps, scope, parsed.year)
      : await inspectionDashboard(deps, scope, parsed.year);
  return { scope, dashboard, thisYear: parsed.thisYear };
}

/** Every chart of the dashboard drawn (in order), keyed by chart id. */
export async function renderDashboardSvgs(d: Dashboard): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const spec of allCharts(d)) out.set(spec.id, await renderChartSvg(spec));
  return out;
}

/** The heading of every sheet and of the page: whose figures, which year. */
export function dashboardHeading(loaded: LoadedDashboard): string {
  const { scope, dashboard } = loaded;
  const who = scope.org?.name ?? scope.tree.get(scope.rootId)?.name ?? "";
  return `${who} ${dashboard.year}年 ${dashboard.title}（截至${dashboard.today}）`;
}

/** The workbook of one chart (`chart`) or of the whole dashboard; 404 for an unknown chart. */
export async function dashboardWorkbook(
  deps: Deps,
  loaded: LoadedDashboard,
  chart?: string,
): Promise<{ buffer: Buffer; filename: string }> {
  const charts: ChartSpec[] = allCharts(loaded.dashboard).filter((c) => !chart || c.id === chart);
  if (charts.length === 0) throw dashboardNotFound();
  const buffer = await buildChartsWorkbook({
    heading: dashboardHeading(loaded),
    charts,
    created: deps.clock.now(),
  });
  const d = loaded.dashboard;
  const org = loaded.scope.org ? `-${loaded.scope.org.code}` : "";
  return { buffer, filename: `dashboard-${d.name}-${d.year}${org}${chart ? `-${chart}` : ""}.xlsx` };
}
