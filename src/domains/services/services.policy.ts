// Who may see or act on a service item, a material or a hall, decided against the row: its site and its
// organisation (the implementing body, the department keeping a material, the hall's organisation). One the
// user may not see answers 404; one they see but may not act on, 403.
import { AppError } from "../../platform/errors";
import { type Action, type CurrentUser, can, canAny } from "../accounts";
import type { OrgTree } from "../orgs";

export type ServiceAction = Extract<Action, `service.${string}`>;

interface ScopedRow {
  site_id: string;
  org_id: string;
}

export const itemNotFound = () => new AppError("service_item_not_found", 404, "服务事项不存在。");
export const materialNotFound = () => new AppError("service_material_not_found", 404, "办事材料不存在。");

export const SERVICE_VIEW_ACTIONS: readonly ServiceAction[] = [
  "service.view",
  "service.manage",
  "service.review",
];

export const mayViewService = (user: CurrentUser, row: ScopedRow, tree: OrgTree): boolean =>
  row.site_id === user.siteId && SERVICE_VIEW_ACTIONS.some((a) => can(user, a, row.org_id, tree));

export const mayActOnService = (user: CurrentUser, action: ServiceAction, row: ScopedRow, tree: OrgTree) =>
  row.site_id === user.siteId && can(user, action, row.org_id, tree);

/** Authorises `action` on a row (an item, a material, a hall), with `missing` for one the user may not see. */
export function authoriseService(
  user: CurrentUser,
  action: ServiceAction,
  row: ScopedRow,
  tree: OrgTree,
  missing: () => AppError = itemNotFound,
): void {
  if (!mayViewService(user, row, tree)) {
    if (!SERVICE_VIEW_ACTIONS.some((a) => canAny(user, a)))
      throw new AppError("role_not_allowed", 403, "您的角色不能查看政务服务事项。");
    throw missing();
  }
  if (!can(user, action, row.org_id, tree)) {
    if (!canAny(user, action)) throw new AppError("role_not_allowed", 403, "您的角色不能执行此操作。");
    throw new AppError("org_not_allowed", 403, "您无权办理其他单位的政务服务事项。");
  }
}

/** Adding an item or a material for an organisation: on the user's site and within their scope. */
export function authoriseManageIn(user: CurrentUser, orgId: string, tree: OrgTree): void {
  const org = tree.get(orgId);
  if (!org || org.site_id !== user.siteId) throw new AppError("org_not_found", 404, "机构不存在。");
  if (can(user, "service.manage", orgId, tree)) return;
  if (!canAny(user, "service.manage"))
    throw new AppError("role_not_allowed", 403, "您的角色不能编制政务服务事项。");
  throw new AppError("org_not_allowed", 403, "您无权为其他单位编制政务服务事项。");
}
