// Who may see or act on a new-media account or post, decided against the account's row: its site and its owner
// (主办单位, 谁开设、谁主办). A row the user may not see is 404; one they see but may not act on, 403.
import { AppError } from "../../platform/errors";
import { type Action, type CurrentUser, can, canAny } from "../accounts";
import type { OrgTree } from "../orgs";

export type NewmediaAction = Extract<Action, `newmedia.${string}`>;

interface ScopedRow {
  site_id: string;
  org_id: string;
}

export const accountNotFound = () =>
  new AppError("newmedia_account_not_found", 404, "政务新媒体账号不存在。");
export const postNotFound = () => new AppError("newmedia_post_not_found", 404, "新媒体稿件不存在。");

export const NEWMEDIA_VIEW_ACTIONS: readonly NewmediaAction[] = [
  "newmedia.view",
  "newmedia.manage",
  "newmedia.review",
];

export const mayViewAccount = (user: CurrentUser, row: ScopedRow, tree: OrgTree) =>
  row.site_id === user.siteId && NEWMEDIA_VIEW_ACTIONS.some((a) => can(user, a, row.org_id, tree));

export const mayActOnAccount = (user: CurrentUser, action: NewmediaAction, row: ScopedRow, tree: OrgTree) =>
  row.site_id === user.siteId && can(user, action, row.org_id, tree);

export function authoriseAccount(
  user: CurrentUser,
  action: NewmediaAction,
  row: ScopedRow,
  tree: OrgTree,
  missing = accountNotFound,
): void {
  if (!mayViewAccount(user, row, tree)) {
    if (!NEWMEDIA_VIEW_ACTIONS.some((a) => canAny(user, a)))
      throw new AppError("role_not_allowed", 403, "您的角色不能查看政务新媒体。");
    throw missing();
  }
  if (!can(user, action, row.org_id, tree)) {
    if (!canAny(user, action)) throw new AppError("role_not_allowed", 403, "您的角色不能执行此操作。");
    throw new AppError("org_not_allowed", 403, "您无权办理其他单位的政务新媒体。");
  }
}

/** Filing (开设、变更、关停、整合) and the closure or merger decision: the office (newmedia.review at the site root). */
export function authoriseFiling(user: CurrentUser, row: ScopedRow, tree: OrgTree): void {
  authoriseAccount(user, "newmedia.manage", row, tree);
  const root = tree.roots(user.siteId)[0];
  if (!root || !can(user, "newmedia.review", root.id, tree))
    throw new AppError("role_not_allowed", 403, "政务新媒体的备案、关停和整合由政务公开办办理。");
}
