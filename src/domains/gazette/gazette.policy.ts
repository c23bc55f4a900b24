// Who may see or act on a gazette issue, decided against the row: its site and its compiling organisation
// (the office at the site root). One the user may not see answers 404; one they see but may not act on, 403.
import { AppError } from "../../platform/errors";
import { type Action, type CurrentUser, can, canAny } from "../accounts";
import type { OrgTree } from "../orgs";

export type GazetteAction = Extract<Action, `gazette.${string}`>;

interface ScopedRow {
  site_id: string;
  org_id: string;
}

export const issueNotFound = () => new AppError("gazette_issue_not_found", 404, "公报期次不存在。");

export const GAZETTE_VIEW_ACTIONS: readonly GazetteAction[] = [
  "gazette.view",
  "gazette.compile",
  "gazette.review",
];

export const mayViewIssue = (user: CurrentUser, row: ScopedRow, tree: OrgTree): boolean =>
  row.site_id === user.siteId && GAZETTE_VIEW_ACTIONS.some((a) => can(user, a, row.org_id, tree));

export const mayActOnIssue = (user: CurrentUser, action: GazetteAction, row: ScopedRow, tree: OrgTree) =>
  row.site_id === user.siteId && can(user, action, row.org_id, tree);

export function authoriseIssue(
  user: CurrentUser,
  action: GazetteAction,
  row: ScopedRow,
  tree: OrgTree,
): void {
  if (!mayViewIssue(user, row, tree)) {
    if (!canAny(user, "gazette.view"))
      throw new AppError("role_not_allowed", 403, "您的角色不能查看政府公报。");
    throw issueNotFound();
  }
  if (!can(user, action, row.org_id, tree))
    throw new AppError("role_not_allowed", 403, "您的角色不能办理此项公报事务。");
}

/** Compiling a new issue: the office of the site root (the gazette is the county government's). */
export function authoriseCompile(user: CurrentUser, rootOrgId: string, tree: OrgTree): void {
  if (can(user, "gazette.compile", rootOrgId, tree)) return;
  if (!canAny(user, "gazette.compile"))
    throw new AppError("role_not_allowed", 403, "您的角色不能编辑政府公报。");
  throw new AppError("org_not_allowed", 403, "政府公报由县政府办公室（政务公开办）统一编辑。");
}
