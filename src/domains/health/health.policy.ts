// Who may read a site's health: the office, the inspectors and the administrators of the site root, on their
// own site only. Another site (by its code) is 404, as if it did not exist; a role without health.view, or a
// department's staff (their scope does not reach the site root), is 403. Services and routes call this.

import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { type CurrentUser, can, canAny } from "../accounts";
import { listSites, loadOrgTree } from "../orgs";

export const healthSiteNotFound = () => new AppError("site_not_found", 404, "站点不存在。");

/** The site whose health `user` asks for (`siteCode`, default their own), or the refusal. */
export async function authoriseHealth(
  deps: Deps,
  user: CurrentUser,
  siteCode?: string,
): Promise<{ id: string; code: string; name: string }> {
  const site = (await listSites(deps)).find((s) => (siteCode ? s.code === siteCode : s.id === user.siteId));
  if (!site || site.id !== user.siteId) throw healthSiteNotFound();
  const tree = await loadOrgTree(deps, site.id);
  const root = tree.roots(site.id)[0];
  if (!canAny(user, "health.view") || !root || !can(user, "health.view", root.id, tree))
    throw new AppError(
      "role_not_allowed",
      403,
      "只有本站点的政务公开办、督查室和系统管理员可以查看网站健康检查。",
    );
  return { id: site.id, code: site.code, name: site.name };
}

/** Whether the user sees the site's health (menu entry, dashboard box). */
export async function maySeeHealth(deps: Deps, user: CurrentUser): Promise<boolean> {
  if (!canAny(user, "health.view")) return false;
  const tree = await loadOrgTree(deps, user.siteId);
  const root = tree.roots(user.siteId)[0];
  return !!root && can(user, "health.view", root.id, tree);
}
