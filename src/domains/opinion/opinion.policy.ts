// Who may see or act on an opinion case, a warning, the settings or a supervision notice, decided against the
// row: its site and its organisation (a case's first responsible unit). A row the user may not see answers 404
// for reads and writes alike; one they see but may not act on, 403.
import { AppError } from "../../platform/errors";
import { type Action, type CurrentUser, can, canAny } from "../accounts";
import type { OrgTree } from "../orgs";

export type OpinionAction = Extract<Action, `opinion.${string}` | `supervision.${string}`>;

interface ScopedRow {
  site_id: string;
  org_id: string;
}

export const caseNotFound = () => new AppError("opinion_case_not_found", 404, "舆情事件不存在。");
export const supervisionNotFound = () => new AppError("supervision_not_found", 404, "督办通知不存在。");

export const OPINION_VIEW_ACTIONS: readonly OpinionAction[] = [
  "opinion.view",
  "opinion.handle",
  "opinion.manage",
];
export const SUPERVISION_VIEW_ACTIONS: readonly OpinionAction[] = ["supervision.view", "supervision.manage"];

export const mayView = (user: CurrentUser, row: ScopedRow, tree: OrgTree, actions = OPINION_VIEW_ACTIONS) =>
  row.site_id === user.siteId && actions.some((a) => can(user, a, row.org_id, tree));

export const mayAct = (user: CurrentUser, action: OpinionAction, row: ScopedRow, tree: OrgTree) =>
  row.site_id === user.siteId && can(user, action, row.org_id, tree);

/** The one check of a case, a supervision notice (with its view actions and its not-found error). */
export function authoriseRow(
  user: CurrentUser,
  action: OpinionAction,
  row: ScopedRow,
  tree: OrgTree,
  kind: "case" | "supervision" = "case",
): void {
  const views = kind === "case" ? OPINION_VIEW_ACTIONS : SUPERVISION_VIEW_ACTIONS;
  if (!mayView(user, row, tree, views)) {
    if (!views.some((a) => canAny(user, a)))
      throw new AppError("role_not_allowed", 403, "您的角色不能查看此项工作。");
    throw kind === "case" ? caseNotFound() : supervisionNotFound();
  }
  if (!can(user, action, row.org_id, tree)) {
    if (!canAny(user, action)) throw new AppError("role_not_allowed", 403, "您的角色不能执行此操作。");
    throw new AppError("org_not_allowed", 403, "您无权办理其他单位的事项。");
  }
}

/**
 * Site-wide work (warnings, keywords, settings, feeds, scans, the hotline figures): `action` at the site root.
 * Another site is never reachable (the user's own site is the only one asked for).
 */
export function authoriseSiteWide(user: CurrentUser, action: OpinionAction, tree: OrgTree): void {
  const root = tree.roots(user.siteId)[0];
  if (root && can(user, action, root.id, tree)) return;
  throw new AppError(
    "role_not_allowed",
    403,
    canAny(user, action) ? "只有本站点的政务公开办或督查室可以办理此项工作。" : "您的角色不能执行此操作。",
  );
}

export const maySiteWide = (user: CurrentUser, action: OpinionAction, tree: OrgTree) => {
  const root = tree.roots(user.siteId)[0];
  return !!root && can(user, action, root.id, tree);
};
