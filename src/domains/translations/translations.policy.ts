// Who may read and change a site's wording of the portal's UI strings: the office (政务公开办) and the
// administrators at the site root, for their own site only (every row is keyed by the user's site, so another
// site's rows are never reached). A department's office, a clerk or another site's staff: 403.
import { AppError } from "../../platform/errors";
import { type CurrentUser, can } from "../accounts";
import type { OrgTree } from "../orgs";

export function authoriseTranslations(user: CurrentUser, tree: OrgTree): void {
  const root = tree.roots(user.siteId)[0]?.id;
  if (!root || !can(user, "translation.manage", root, tree))
    throw new AppError("role_not_allowed", 403, "只有本站点的政务公开办和系统管理员可以维护网站界面文字。");
}

/** Whether the back-office navigation offers the page (the same rule, answered without throwing). */
export const mayManageTranslations = (user: CurrentUser, tree: OrgTree): boolean => {
  const root = tree.roots(user.siteId)[0]?.id;
  return root !== undefined && can(user, "translation.manage", root, tree);
};
