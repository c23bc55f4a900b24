// The annual report's deadlines on the back-office dashboard (RULES.md §4, Art. 49): from 1 December until the
// county's deadline, which organisations have not yet released the report of the year — each department and
// town by 31 January, the county government by 31 March. A report counts as released when its item is published:
// one released here (report_releases), or one published in the organisation's 政府信息公开工作年度报告 column
// with the year's title (reports published before gongkai, the demo's history).
import type { Deps } from "../../deps";
import { shanghaiDateOf } from "../../platform/time";
import { type CurrentUser, can } from "../accounts";
import { loadOrgTree, type Org } from "../orgs";
import { ANNUAL_REPORT_COLUMN, isPublished } from "./reports.release";

/** Which year's reports are due around `today`, and by when; null outside 1 December – 31 March. */
export function deadlinesOn(today: string): { year: number; departments: string; county: string } | null {
  const y = Number(today.slice(0, 4));
  const md = today.slice(5);
  const year = md >= "12-01" ? y : md <= "03-31" ? y - 1 : null;
  if (year === null) return null;
  return { year, departments: `${year + 1}-01-31`, county: `${year + 1}-03-31` };
}

/** The organisations that release their own report: the site's root government and its departments and towns. */
const reporting = (org: Org, rootId: string | undefined) =>
  org.id === rootId || org.kind === "department" || org.kind === "town";

export interface Outstanding {
  org: Org;
  county: boolean;
  due: string;
  overdue: boolean;
}

/** The organisations the user sees whose report of the year is not published yet. */
export async function outstandingReports(deps: Deps, user: CurrentUser, today: string) {
  const due = deadlinesOn(today);
  if (!due) return null;
  const db = deps.db.kysely;
  const tree = await loadOrgTree(deps, user.siteId);
  const root = tree.roots(user.siteId)[0];
  const [released, filed] = await Promise.all([
    db
      .selectFrom("report_releases as r")
      .innerJoin("items as i", "i.id", "r.item_id")
      .select(["r.org_id", "i.status"])
      .where("r.site_id", "=", user.siteId)
      .where("r.year", "=", due.year)
      .execute(),
    db
      .selectFrom("items as i")
      .innerJoin("item_catalog_nodes as l", "l.item_id", "i.id")
      .innerJoin("catalog_nodes as n", "n.id", "l.node_id")
      .select("i.org_id")
      .where("i.site_id", "=", user.siteId)
      .where("n.code", "=", ANNUAL_REPORT_COLUMN)
      .where("i.status", "in", ["published", "superseded"])
      .where("i.title", "like", `%${due.year}年政府信息公开工作年度报告%`)
      .execute(),
  ]);
  const done = new Set<string>(filed.map((r) => r.org_id));
  for (const r of released) if (isPublished(r.status)) done.add(r.org_id || (root?.id ?? ""));
  const out: Outstanding[] = [];
  for (const { org } of tree.flatten(user.siteId)) {
    if (!reporting(org, root?.id) || done.has(org.id) || !can(user, "report.view", org.id, tree)) continue;
    const county = org.id === root?.id;
    const by = county ? due.county : due.departments;
    out.push({ org, county, due: by, overdue: today > by });
  }
  return { ...due, outstanding: out };
}

const md = (date: string) => `${Number(date.slice(5, 7))} 月 ${Number(date.slice(8))} 日`;

/** The dashboard panel's content: null (no panel) outside the season. */
export async function deadlinePanel(deps: Deps, user: CurrentUser) {
  const today = shanghaiDateOf(deps.clock.now());
  const r = await outstandingReports(deps, user, today);
  if (!r) return null;
  const shown = r.outstanding.slice(0, 15);
  const link = (org?: Org) =>
    `/admin/reports/annual?${new URLSearchParams({ year: String(r.year), ...(org ? { org: org.code } : {}) })}`;
  return {
    count: r.outstanding.length,
    href: link(),
    lines: [
      {
        text: `${r.year} 年度报告：各部门、各镇 ${r.year + 1} 年 ${md(r.departments)}前发布，县人民政府 ${md(r.county)}前发布。${r.outstanding.length ? "以下单位尚未发布：" : "各单位均已发布。"}`,
      },
      ...shown.map((o) => ({
        text: `${o.org.name}（${o.overdue ? "已逾期，" : ""}${md(o.due)}前）`,
        href: link(o.org),
      })),
      ...(r.outstanding.length > shown.length
        ? [{ text: `另有 ${r.outstanding.length - shown.length} 个单位尚未发布`, href: link() }]
        : []),
    ],
  };
}
