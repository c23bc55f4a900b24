// Who may see or act on a department's 权责清单 or 公共服务事项清单, decided against the list's row: its site
// and its organisation (the department whose list it is). The actions are those of service items (service.view,
// service.manage to draft and submit, service.review to publish), so the same people keep both. One the user
// may not see answers 404; one they see but may not act on, 403.
import { AppError } from "../../platform/errors";
import type { CurrentUser } from "../accounts";
import type { OrgTree } from "../orgs";
import {
  authoriseManageIn,
  authoriseService,
  mayActOnService,
  mayViewService,
  type ServiceAction,
  type ServiceSubject,
} from "./services.policy";

interface ListScope {
  site_id: string;
  org_id: string;
}

export const listNotFound = () => new AppError("service_list_not_found", 404, "清单不存在。");
const LIST: ServiceSubject = { noun: "权责清单或公共服务事项清单", missing: listNotFound };

/** Authorises `action` on a list: 404 for one the user may not see, 403 for one they may not act on. */
export const authoriseList = (
  user: CurrentUser,
  action: ServiceAction,
  row: ListScope,
  tree: OrgTree,
): void => authoriseService(user, action, row, tree, LIST);

/** Starting a department's list: on the user's site and within the scope they may draft for. */
export const authoriseListIn = (user: CurrentUser, orgId: string, tree: OrgTree): void =>
  authoriseManageIn(user, orgId, tree, LIST.noun);

export const mayViewList = (user: CurrentUser, row: ListScope, tree: OrgTree) =>
  mayViewService(user, row, tree);

export const mayActOnList = (user: CurrentUser, action: ServiceAction, row: ListScope, tree: OrgTree) =>
  mayActOnService(user, action, row, tree);
