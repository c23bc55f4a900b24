// Who may see or act on a service item, a material or a hall, decided against the row: its site and its
// organisation (the implementing body, the department keeping a material, the hall's organisation). One the
// user may not see answers 404; one they see but may not act on, 403. Every refusal names its resource (`noun`).
// Site-wide pages and rows (the materials catalogue, halls and modes, bundles, implementation reports) belong
// to the site's root organisation: a department's staff are told so with a 403, never a misleading 404.
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
export const hallNotFound = () => new AppError("service_hall_not_found", 404, "服务大厅或窗口不存在。");

/** What a refusal names: the resource's noun in a 403 and its 404 for a row the user may not see. */
export interface ServiceSubject {
  readonly noun: string;
  readonly missing: () => AppError;
}
export const ITEM: ServiceSubject = { noun: "政务服务事项", missing: itemNotFound };
export const MATERIAL: ServiceSubject = { noun: "办事材料", missing: materialNotFound };
export const HALL: ServiceSubject = { noun: "服务大厅和窗口", missing: hallNotFound };

export const SERVICE_VIEW_ACTIONS: readonly ServiceAction[] = [
  "service.view",
  "service.manage",
  "service.review",
];

export const mayViewService = (user: CurrentUser, row: ScopedRow, tree: OrgTree): boolean =>
  row.site_id === user.siteId && SERVICE_VIEW_ACTIONS.some((a) => can(user, a, row.org_id, tree));

export const mayActOnService = (user: CurrentUser, action: ServiceAction, row: ScopedRow, tree: OrgTree) =>
  row.site_id === user.siteId && can(user, action, row.org_id, tree);

/** Authorises `action` on a row (an item, a material, a hall…), refusing in the words of `subject`. */
export function authoriseService(
  user: CurrentUser,
  action: ServiceAction,
  row: ScopedRow,
  tree: OrgTree,
  subject: ServiceSubject = ITEM,
): void {
  const { noun } = subject;
  if (!mayViewService(user, row, tree)) {
    if (!SERVICE_VIEW_ACTIONS.some((a) => canAny(user, a)))
      throw new AppError("role_not_allowed", 403, `您的角色不能查看${noun}。`);
    throw subject.missing();
  }
  if (!can(user, action, row.org_id, tree)) {
    if (!canAny(user, action))
      throw new AppError("role_not_allowed", 403, `您的角色不能${VERBS[action]}${noun}。`);
    throw new AppError("org_not_allowed", 403, `您无权${VERBS[action]}其他单位的${noun}。`);
  }
}

const VERBS: Record<ServiceAction, string> = {
  "service.view": "查看",
  "service.manage": "编制或修改",
  "service.review": "审核",
};

/** Adding an item, a material or a list for an organisation: on the user's site and within their scope. */
export function authoriseManageIn(
  user: CurrentUser,
  orgId: string,
  tree: OrgTree,
  noun = "政务服务事项",
): void {
  const org = tree.get(orgId);
  if (!org || org.site_id !== user.siteId) throw new AppError("org_not_found", 404, "机构不存在。");
  if (can(user, "service.manage", orgId, tree)) return;
  if (!canAny(user, "service.manage"))
    throw new AppError("role_not_allowed", 403, `您的角色不能编制${noun}。`);
  throw new AppError("org_not_allowed", 403, `您无权为其他单位编制${noun}。`);
}

/** The site's root organisation, which keeps the site-wide services pages and rows. */
export function siteRootOf(tree: OrgTree, siteId: string) {
  const root = tree.roots(siteId)[0];
  if (!root) throw new AppError("org_not_found", 404, "机构不存在。");
  return root;
}

/** Whether the user may do `action` on the site-wide services pages (offered as links only then). */
export const maySiteWide = (user: CurrentUser, action: ServiceAction, tree: OrgTree): boolean => {
  const root = tree.roots(user.siteId)[0];
  return !!root && can(user, action, root.id, tree);
};

/**
 * Authorises `action` on a site-wide page or row (`noun`: 材料目录, 服务大厅和便民服务模式…): a role without the
 * action at all, or a department's staff whose scope stops at their own organisation, get a 403 naming who
 * keeps it. Returns the site's root organisation.
 */
export function authoriseSiteWide(user: CurrentUser, action: ServiceAction, tree: OrgTree, noun: string) {
  const root = siteRootOf(tree, user.siteId);
  if (can(user, action, root.id, tree)) return root;
  if (!canAny(user, action))
    throw new AppError("role_not_allowed", 403, `您的角色不能${VERBS[action]}${noun}。`);
  throw new AppError(
    "service_site_office_only",
    403,
    `${noun}由${root.name}统一管理，只有其工作人员可以${VERBS[action]}；您可以办理本单位的政务服务事项和清单。`,
  );
}
