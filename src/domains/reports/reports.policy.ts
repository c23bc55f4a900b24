// Who may read an annual report and enter its figures, decided against the organisation asked for on the
// user's own site. A department's clerk, reviewer or signer reads only their own organisation's report
// (another one is 404, as if it did not exist); the office, the inspectors and the administrators read every
// organisation beneath them and, at the site root, the county as a whole. Services call these; routes never
// decide.
import { AppError } from "../../platform/errors";
import { type CurrentUser, can, canAny } from "../accounts";
import type { Org, OrgTree } from "../orgs";

export const reportOrgNotFound = () => new AppError("org_not_found", 404, "机构不存在。");

/** What a report covers: the whole site (org undefined) or one organisation. */
export interface ReportTarget {
  siteId: string;
  org?: Org;
}

/**
 * The report a user may read: the organisation named by `orgCode` (404 when it is not on their site or not
 * theirs to see), or without one the whole site for those who see it all, else their own organisation.
 */
export function authoriseReport(user: CurrentUser, tree: OrgTree, orgCode?: string): ReportTarget {
  if (!canAny(user, "report.view"))
    throw new AppError("role_not_allowed", 403, "您的角色不能查看政府信息公开工作年度报告。");
  const root = tree.roots(user.siteId)[0];
  if (!orgCode) {
    if (root && can(user, "report.view", root.id, tree)) return { siteId: user.siteId };
    const own = tree.get(user.orgId);
    if (!own || own.site_id !== user.siteId || !can(user, "report.view", own.id, tree))
      throw reportOrgNotFound();
    return { siteId: user.siteId, org: own };
  }
  const org = tree.flatten(user.siteId).find(({ org: o }) => o.code === orgCode)?.org;
  if (!org || !can(user, "report.view", org.id, tree)) throw reportOrgNotFound();
  return { siteId: user.siteId, org };
}

/** The organisation whose table 二 figures a user enters: 404 if they may not see it, 403 if only read it. */
export function authoriseFigures(user: CurrentUser, tree: OrgTree, orgCode?: string): Org {
  const code = orgCode || tree.get(user.orgId)?.code;
  const target = authoriseReport(user, tree, code);
  if (!target.org) throw reportOrgNotFound();
  if (!can(user, "report.figures", target.org.id, tree))
    throw new AppError("role_not_allowed", 403, "只有政务公开办（或本单位信息员）可以录入年度报告表二数据。");
  return target.org;
}

/** Whether the user may enter the figures of this organisation (to offer the form). */
export const mayEnterFigures = (user: CurrentUser, tree: OrgTree, org: Org) =>
  org.site_id === user.siteId && can(user, "report.figures", org.id, tree);
