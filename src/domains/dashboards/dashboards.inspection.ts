// The inspection office's (督查室) dashboard: a timeliness ranking of departments, their overdue applications and
// messages, and the monthly trend of the three timeliness rates, from the same facts as the office's.
import type { Deps } from "../../deps";
import { MONTH_LABELS } from "../../platform/charts";
import { shanghaiDateOf } from "../../platform/time";
import { rowOf } from "../interaction";
import type { DashboardScope } from "./dashboards.policy";
import {
  type Dashboard,
  type DashboardSection,
  type Facts,
  factsOf,
  months,
  orgsIn,
  rate,
  sumBy,
} from "./dashboards.series";

/** Per organisation of the scope: the inspection office's figures for the year. */
function inspectionRows(scope: DashboardScope, f: Facts) {
  const ids = [
    ...f.items.map((r) => r.org_id),
    ...f.apps.map((r) => r.org_id),
    ...f.messageCells.map((c) => c.org_id),
  ];
  return orgsIn(scope, ids).map((o) => {
    const own = <T extends { org_id: string | null }>(rs: readonly T[]) =>
      rs.filter((r) => (r.org_id ?? scope.rootId) === o.id);
    const items = own(f.items);
    const apps = own(f.apps);
    const msgs = rowOf(o.id, o.name, own(f.messageCells));
    const onTime = sumBy(items, (r) => r.on_time);
    const answered = sumBy(apps, (r) => r.answered);
    const answeredLate = sumBy(apps, (r) => r.answered_late);
    const rates = {
      items: rate(onTime, onTime + sumBy(items, (r) => r.late)),
      applications: rate(answered - answeredLate, answered),
      messages: msgs.on_time_rate,
    };
    const known = Object.values(rates).filter((v): v is number => v !== null);
    return {
      org: o,
      rates,
      score: known.length ? Math.round((sumBy(known, (v) => v) / known.length) * 10) / 10 : null,
      appsOverdueOpen: sumBy(apps, (r) => r.overdue_open),
      appsAnsweredLate: answeredLate,
      msgsOverdueOpen: msgs.overdue_open,
      msgsAnsweredLate: msgs.answered_late,
    };
  });
}

/** The inspection office's dashboard: the timeliness ranking, overdue work by department, the monthly trend. */
export async function inspectionDashboard(
  deps: Deps,
  scope: DashboardScope,
  year: number,
): Promise<Dashboard> {
  const today = shanghaiDateOf(deps.clock.now());
  const f = await factsOf(deps, scope, year, today);
  const rows = inspectionRows(scope, f);
  const ranked = rows
    .filter((r) => r.score !== null)
    .sort((a, b) => b.score! - a.score! || a.org.name.localeCompare(b.org.name, "zh-CN"));
  const overdue = rows
    .map((r) => ({
      ...r,
      total: r.appsOverdueOpen + r.appsAnsweredLate + r.msgsOverdueOpen + r.msgsAnsweredLate,
    }))
    .filter((r) => r.total > 0)
    .sort((a, b) => b.total - a.total);
  const itemsRate = months().map((_, i) => {
    const rs = f.items.filter((r) => r.month === i + 1);
    const on = sumBy(rs, (r) => r.on_time);
    return rate(on, on + sumBy(rs, (r) => r.late));
  });
  const appsRate = months().map((_, i) => {
    const rs = f.apps.filter((r) => r.month === i + 1);
    const answered = sumBy(rs, (r) => r.answered);
    return rate(answered - sumBy(rs, (r) => r.answered_late), answered);
  });
  const sections: DashboardSection[] = [
    {
      id: "ranking",
      title: "各部门及时率排名",
      charts: [
        {
          id: "timeliness-ranking",
          title: "各部门综合及时率排名",
          kind: "bar",
          horizontal: true,
          categoryLabel: "部门（按综合及时率排名）",
          categories: ranked.map((r, i) => `${i + 1}. ${r.org.name}`),
          series: [{ name: "综合及时率", values: ranked.map((r) => r.score) }],
          tableOnly: [
            { name: "主动公开按时率", values: ranked.map((r) => r.rates.items) },
            { name: "申请按期答复率", values: ranked.map((r) => r.rates.applications) },
            { name: "留言按期答复率", values: ranked.map((r) => r.rates.messages) },
          ],
          unit: "%",
          note: "综合及时率为该部门有数据的各项及时率的平均数：主动公开20个工作日内发布、依申请公开按期答复、互动交流留言按期答复。",
        },
      ],
    },
    {
      id: "overdue",
      title: "各部门逾期情况",
      charts: [
        {
          id: "overdue-by-org",
          title: "各部门逾期申请和留言",
          kind: "stacked",
          horizontal: true,
          categoryLabel: "部门",
          categories: overdue.map((r) => r.org.name),
          series: [
            { name: "申请：办理中已超期", values: overdue.map((r) => r.appsOverdueOpen) },
            { name: "申请：逾期答复", values: overdue.map((r) => r.appsAnsweredLate) },
            { name: "留言：超期未答复", values: overdue.map((r) => r.msgsOverdueOpen) },
            { name: "留言：逾期答复", values: overdue.map((r) => r.msgsAnsweredLate) },
          ],
          unit: "件",
          totals: true,
          note: "申请按本年到期或答复计；留言按本年收到计。逾期最多的部门排在前面。",
        },
      ],
    },
    {
      id: "trend",
      title: "每月趋势",
      charts: [
        {
          id: "timeliness-trend",
          title: "每月及时率趋势",
          kind: "line",
          categoryLabel: "月份",
          categories: MONTH_LABELS,
          series: [
            { name: "主动公开按时率", values: itemsRate },
            { name: "申请按期答复率", values: appsRate },
            { name: "留言按期答复率", values: f.messages.map((r) => r.on_time_rate) },
          ],
          unit: "%",
          note: "主动公开按发布月份，申请按答复月份，留言按收到月份计算。",
        },
      ],
    },
  ];
  return { name: "inspection", title: "督查统计图表", year, today, org: scope.org ?? null, sections };
}
