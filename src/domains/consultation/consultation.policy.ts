// Who may see or act on a consultation, decided against the row: its site and its drafting organisation.
// One the user may not see answers 404 for reads and writes alike; one they see but may not act on, 403.
import { AppError } from "../../platform/errors";
import { type Action, type CurrentUser, can, canAny } from "../accounts";
import type { OrgTree } from "../orgs";

export type ConsultationAction = Extract<Action, `consultation.${string}`>;

interface ScopedRow {
  site_id: string;
  org_id: string;
}

export const consultationNotFound = () => new AppError("consultation_not_found", 404, "征求意见不存在。");

/** Any of these lets a user see a consultation of an organisation (the row check and the staff list's scope). */
export const CONSULTATION_VIEW_ACTIONS: readonly ConsultationAction[] = [
  "consultation.view",
  "consultation.draft",
  "consultation.approve",
];

export const mayViewConsultation = (user: CurrentUser, row: ScopedRow, tree: OrgTree): boolean =>
  row.site_id === user.siteId && CONSULTATION_VIEW_ACTIONS.some((a) => can(user, a, row.org_id, tree));

export const mayActOn = (user: CurrentUser, action: ConsultationAction, row: ScopedRow, tree: OrgTree) =>
  row.site_id === user.siteId && can(user, action, row.org_id, tree);

export function authoriseConsultation(
  user: CurrentUser,
  action: ConsultationAction,
  row: ScopedRow,
  tree: OrgTree,
): void {
  if (!mayViewConsultation(user, row, tree)) {
    if (!canAny(user, "consultation.view"))
      throw new AppError("role_not_allowed", 403, "您的角色不能查看征求意见。");
    throw consultationNotFound();
  }
  if (!can(user, action, row.org_id, tree)) {
    if (!canAny(user, action)) throw new AppError("role_not_allowed", 403, "您的角色不能执行此操作。");
    throw new AppError("org_not_allowed", 403, "您无权处理其他单位的征求意见。");
  }
}

/** Opening a consultation for an organisation: on the user's site and within their drafting scope. */
export function authoriseDraftIn(user: CurrentUser, orgId: string, tree: OrgTree): void {
  const org = tree.get(orgId);
  if (!org || org.site_id !== user.siteId) throw new AppError("org_not_found", 404, "机构不存在。");
  if (can(user, "consultation.draft", orgId, tree)) return;
  if (!canAny(user, "consultation.draft"))
    throw new AppError("role_not_allowed", 403, "您的角色不能起草征求意见。");
  throw new AppError("org_not_allowed", 403, "您无权为其他单位起草征求意见。");
}
