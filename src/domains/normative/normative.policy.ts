// Who may see or change the normative-document ledger, decided against the row: its site and the issuing
// organisation. A document the user may not see answers 404; one they see but may not change, 403. Clean-ups
// and the ledger's settings belong to the office at the site root; the document-management import to the
// site's integration account (role `documents`, token only).
import { AppError } from "../../platform/errors";
import { type CurrentUser, can, canAny } from "../accounts";
import type { OrgTree } from "../orgs";

interface ScopedRow {
  site_id: string;
  org_id: string;
}

export const documentNotFound = () => new AppError("normative_not_found", 404, "规范性文件不存在。");

export const mayViewLedger = (user: CurrentUser, row: ScopedRow, tree: OrgTree): boolean =>
  row.site_id === user.siteId &&
  (can(user, "normative.view", row.org_id, tree) || can(user, "normative.record", row.org_id, tree));

export const mayRecord = (user: CurrentUser, row: ScopedRow, tree: OrgTree): boolean =>
  row.site_id === user.siteId && can(user, "normative.record", row.org_id, tree);

/** Registering, the legality review, filing and links of one document. */
export function authoriseRecord(user: CurrentUser, row: ScopedRow, tree: OrgTree): void {
  if (!mayViewLedger(user, row, tree)) {
    if (!canAny(user, "normative.view") && !canAny(user, "normative.record"))
      throw new AppError("role_not_allowed", 403, "您的角色不能查看规范性文件台账。");
    throw documentNotFound();
  }
  if (!can(user, "normative.record", row.org_id, tree)) {
    if (!canAny(user, "normative.record"))
      throw new AppError("role_not_allowed", 403, "您的角色不能登记规范性文件。");
    throw new AppError("org_not_allowed", 403, "您无权登记其他单位的规范性文件。");
  }
}

const rootOf = (tree: OrgTree, siteId: string) => tree.roots(siteId)[0]?.id;

/** Reading the ledger list (its scope is filtered per row by mayViewLedger). */
export function authoriseLedger(user: CurrentUser): void {
  if (!canAny(user, "normative.view") && !canAny(user, "normative.record"))
    throw new AppError("role_not_allowed", 403, "您的角色不能查看规范性文件台账。");
}

/** Clean-ups (清理) and the ledger's settings: the office at the site root. */
export function authoriseCleanup(user: CurrentUser, tree: OrgTree, row?: { site_id: string }): void {
  if (row && row.site_id !== user.siteId) throw new AppError("cleanup_not_found", 404, "清理记录不存在。");
  const root = rootOf(tree, user.siteId);
  if (!root || !can(user, "normative.cleanup", root, tree))
    throw new AppError("role_not_allowed", 403, "只有政务公开办可以组织规范性文件清理和设置台账规则。");
}

export const mayCleanup = (user: CurrentUser, tree: OrgTree): boolean => {
  const root = rootOf(tree, user.siteId);
  return !!root && can(user, "normative.cleanup", root, tree);
};

/** The document-management system's integration account of the user's site, for an organisation of that site. */
export function authoriseImport(user: CurrentUser, tree: OrgTree, orgId?: string): void {
  const root = rootOf(tree, user.siteId);
  if (!root || !can(user, "document.import", orgId ?? root, tree))
    throw new AppError("role_not_allowed", 403, "只有公文管理系统对接账户可以推送公文。");
}
