// Who sees which dashboard's figures (the one policy of the dashboards, for the HTML pages, the Excel files and
// the JSON API alike). Decision (README, docs/security.md "dashboards"):
// - office dashboard (政务公开办): dashboards.view. The office, the inspectors and the administrators at the site
//   root see every organisation of their site and the site-wide figures (site health); one of them placed in a
//   department sees that department's subtree. A department's clerk sees only their own organisation's figures,
//   never another's and never the site-wide health trend.
// - inspection dashboard (督查室): dashboards.inspect at the site root (the office and the inspectors).
// - Only the user's own site: an organisation code of another site, or one outside the user's scope, is 404
//   (as if it did not exist). A role without the action is 403.
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { type CurrentUser, can, canAny, orgIdsWhereCan } from "../accounts";
import { loadOrgTree, type OrgTree } from "../orgs";

export const DASHBOARD_NAMES = ["office", "inspection"] as const;
export type DashboardName = (typeof DASHBOARD_NAMES)[number];

export interface DashboardScope {
  name: DashboardName;
  siteId: string;
  tree: OrgTree;
  rootId: string;
  /** The organisations whose figures are shown (after the `org` filter), in the tree's order. */
  orgIds: string[];
  /** Whether the user sees the whole site (site root): site-wide figures and unassigned applications. */
  whole: boolean;
  /** The organisation filter applied, if any. */
  org?: { id: string; code: string; name: string };
  /** The organisations the user may pick in the filter. */
  choices: Array<{ id: string; code: string; name: string; depth: number }>;
}

export const dashboardNotFound = () => new AppError("not_found", 404, "统计图表不存在。");
export const dashboardOrgNotFound = () => new AppError("org_not_found", 404, "机构不存在。");

const ACTION = { office: "dashboards.view", inspection: "dashboards.inspect" } as const;

/** Whether the user may open a dashboard at all (menu entries, links). */
export const maySeeDashboard = (user: CurrentUser, name: DashboardName) => canAny(user, ACTION[name]);

/**
 * The scope of `name` for `user`, narrowed to `orgCode` (and its subtree) when given; the refusal otherwise.
 */
export async function authoriseDashboard(
  deps: Deps,
  user: CurrentUser,
  name: string,
  orgCode?: string,
): Promise<DashboardScope> {
  if (!(DASHBOARD_NAMES as readonly string[]).includes(name)) throw dashboardNotFound();
  const dash = name as DashboardName;
  const action = ACTION[dash];
  const tree = await loadOrgTree(deps, user.siteId);
  const root = tree.roots(user.siteId)[0];
  if (!root) throw dashboardNotFound();
  const whole = can(user, action, root.id, tree);
  if (dash === "inspection" && !whole)
    throw new AppError("role_not_allowed", 403, "只有本站点的政务公开办和督查室可以查看督查统计。");
  const visible = orgIdsWhereCan(user, [action], tree);
  if (visible.length === 0) throw new AppError("role_not_allowed", 403, "您的角色不能查看统计图表。");
  const depthOf = new Map(tree.flatten(user.siteId).map(({ org, depth }) => [org.id, depth]));
  const choices = visible.map((id) => {
    const o = tree.get(id)!;
    return { id, code: o.code, name: o.name, depth: depthOf.get(id) ?? 0 };
  });
  let orgIds = visible;
  let org: DashboardScope["org"];
  if (orgCode) {
    const found = choices.find((c) => c.code === orgCode);
    if (!found) throw dashboardOrgNotFound();
    org = { id: found.id, code: found.code, name: found.name };
    orgIds = visible.filter((id) => tree.isWithin(id, found.id));
  }
  return {
    name: dash,
    siteId: user.siteId,
    tree,
    rootId: root.id,
    orgIds,
    whole: whole && (!org || org.id === root.id),
    org,
    choices,
  };
}
