// Who may change the working-day calendar. A site's closures (停止办公) belong to that site and are managed by
// those holding calendar.manage at its root. The State Council's notices and platform-wide closures apply to
// every site of a consolidated platform, so only a platform administrator changes them — or, on a platform
// with a single site, that site's calendar managers (a county running its own gongkai).
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { type CurrentUser, can, canAny } from "../accounts";
import { listSites, loadOrgTree, type OrgTree } from "../orgs";

export type CalendarScope = { kind: "national" } | { kind: "site"; siteId: string };

const roleNotAllowed = () => new AppError("role_not_allowed", 403, "您的角色不能管理节假日安排。");

export function mayManageSiteCalendar(user: CurrentUser, siteId: string, tree: OrgTree): boolean {
  const root = tree.roots(siteId)[0];
  return user.siteId === siteId && !!root && can(user, "calendar.manage", root.id, tree);
}

export function authoriseCalendar(
  user: CurrentUser,
  scope: CalendarScope,
  ctx: { tree: OrgTree; siteCount: number },
): void {
  if (user.platformAdmin) return;
  if (!canAny(user, "calendar.manage")) throw roleNotAllowed();
  if (scope.kind === "site") {
    if (!mayManageSiteCalendar(user, scope.siteId, ctx.tree))
      throw new AppError("closure_not_found", 404, "停止办公安排不存在。");
    return;
  }
  if (ctx.siteCount > 1 || !mayManageSiteCalendar(user, user.siteId, ctx.tree))
    throw new AppError(
      "platform_admin_required",
      403,
      "国务院节假日安排和全平台停止办公适用于平台上所有站点，只能由平台管理员录入。",
    );
}

/** Authorises a calendar change for `user` (loads what the decision needs). */
export async function authoriseCalendarChange(
  deps: Pick<Deps, "db">,
  user: CurrentUser,
  siteId: string | null,
): Promise<void> {
  const [tree, sites] = await Promise.all([loadOrgTree(deps, user.siteId), listSites(deps)]);
  authoriseCalendar(user, siteId ? { kind: "site", siteId } : { kind: "national" }, {
    tree,
    siteCount: sites.length,
  });
}
