// Who may see or act on a meeting, decided against the row: its site and its organising organisation.
// One the user may not see answers 404 for reads and writes alike; one they see but may not act on, 403.
import { AppError } from "../../platform/errors";
import { type Action, type CurrentUser, can, canAny } from "../accounts";
import type { OrgTree } from "../orgs";

export type MeetingAction = Extract<Action, `meeting.${string}`>;

interface ScopedRow {
  site_id: string;
  org_id: string;
}

export const meetingNotFound = () => new AppError("meeting_not_found", 404, "会议不存在。");

/** Any of these lets a user see a meeting of an organisation (the row check and the staff list's scope). */
export const MEETING_VIEW_ACTIONS: readonly MeetingAction[] = [
  "meeting.view",
  "meeting.manage",
  "meeting.decide",
];

export const mayViewMeeting = (user: CurrentUser, row: ScopedRow, tree: OrgTree): boolean =>
  row.site_id === user.siteId && MEETING_VIEW_ACTIONS.some((a) => can(user, a, row.org_id, tree));

export const mayActOnMeeting = (user: CurrentUser, action: MeetingAction, row: ScopedRow, tree: OrgTree) =>
  row.site_id === user.siteId && can(user, action, row.org_id, tree);

export function authoriseMeeting(
  user: CurrentUser,
  action: MeetingAction,
  row: ScopedRow,
  tree: OrgTree,
): void {
  if (!mayViewMeeting(user, row, tree)) {
    if (!canAny(user, "meeting.view"))
      throw new AppError("role_not_allowed", 403, "您的角色不能查看政府会议。");
    throw meetingNotFound();
  }
  if (!can(user, action, row.org_id, tree)) {
    if (!canAny(user, action)) throw new AppError("role_not_allowed", 403, "您的角色不能执行此操作。");
    throw new AppError("org_not_allowed", 403, "您无权办理其他单位的会议。");
  }
}

/** Preparing a meeting for an organisation: on the user's site and within their scope. */
export function authoriseOrganiseIn(user: CurrentUser, orgId: string, tree: OrgTree): void {
  const org = tree.get(orgId);
  if (!org || org.site_id !== user.siteId) throw new AppError("org_not_found", 404, "机构不存在。");
  if (can(user, "meeting.manage", orgId, tree)) return;
  if (!canAny(user, "meeting.manage"))
    throw new AppError("role_not_allowed", 403, "您的角色不能发布会议预告。");
  throw new AppError("org_not_allowed", 403, "您无权为其他单位发布会议预告。");
}
