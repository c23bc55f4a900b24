// Who may see and run the assessment (考核) and keep accountability records (问责: 通报批评, 约谈整改).
// The assessment belongs to the site as a whole: the office (政务公开办), the inspectors (督查室) and the
// administrators at the site root read it, only the office at the root configures, runs and finalises it.
// An accountability record belongs to the organisation it is against: the inspectors record it and follow its
// rectification; the office and the inspectors above that organisation read it. Another site's row is 404.
import { AppError } from "../../platform/errors";
import { type Action, type CurrentUser, can, canAny } from "../accounts";
import type { OrgTree } from "../orgs";

export type AssessmentAction = Extract<Action, `assessment.${string}`>;
export type AccountabilityAction = Extract<Action, `accountability.${string}`>;

export const runNotFound = () => new AppError("assessment_run_not_found", 404, "考核记录不存在。");
export const indicatorNotFound = () =>
  new AppError("assessment_indicator_not_found", 404, "考核指标不存在。");
export const recordNotFound = () => new AppError("accountability_not_found", 404, "问责记录不存在。");

/** The assessment of the user's site: `action` at the site root, or the refusal. */
export function authoriseAssessment(
  user: CurrentUser,
  action: AssessmentAction,
  siteId: string,
  tree: OrgTree,
): void {
  if (siteId !== user.siteId) throw runNotFound();
  const root = tree.roots(siteId)[0];
  if (!canAny(user, "assessment.view") && !canAny(user, action))
    throw new AppError("role_not_allowed", 403, "您的角色不能查看考核。");
  if (!root || !can(user, action, root.id, tree))
    throw new AppError(
      "role_not_allowed",
      403,
      action === "assessment.view"
        ? "只有本站点的政务公开办、督查室和系统管理员可以查看考核。"
        : "只有本站点的政务公开办可以设置和开展考核。",
    );
}

/** Whether the user may do `action` on the assessment (menu entries, buttons). */
export function mayAssess(user: CurrentUser, action: AssessmentAction, tree: OrgTree): boolean {
  const root = tree.roots(user.siteId)[0];
  return !!root && can(user, action, root.id, tree);
}

interface ScopedRow {
  site_id: string;
  org_id: string;
}

export const ACCOUNTABILITY_VIEW_ACTIONS: readonly AccountabilityAction[] = [
  "accountability.view",
  "accountability.record",
];

export const mayViewRecord = (user: CurrentUser, row: ScopedRow, tree: OrgTree) =>
  row.site_id === user.siteId && ACCOUNTABILITY_VIEW_ACTIONS.some((a) => can(user, a, row.org_id, tree));

/** A record (or a new one against `row.org_id`): seen, then acted on. */
export function authoriseAccountability(
  user: CurrentUser,
  action: AccountabilityAction,
  row: ScopedRow,
  tree: OrgTree,
): void {
  if (!mayViewRecord(user, row, tree) && action !== "accountability.record") {
    if (!ACCOUNTABILITY_VIEW_ACTIONS.some((a) => canAny(user, a)))
      throw new AppError("role_not_allowed", 403, "您的角色不能查看问责记录。");
    throw recordNotFound();
  }
  if (row.site_id !== user.siteId) throw recordNotFound();
  if (!can(user, action, row.org_id, tree)) {
    if (!canAny(user, action))
      throw new AppError("role_not_allowed", 403, "只有督查室可以登记问责和整改情况。");
    throw new AppError("org_not_allowed", 403, "您无权对该单位登记问责。");
  }
}

/** Any role that may read some accountability record (menu entry, list). */
export const mayListAccountability = (user: CurrentUser) =>
  ACCOUNTABILITY_VIEW_ACTIONS.some((a) => canAny(user, a));
