// Who may see or act on a message (互动交流), decided against the row: its site, and the organisations
// holding it. The office is the 政务公开办 at the site's root organisation: it sees every message of the
// site and accepts, transfers, approves and publishes. A department (or town) sees the messages that were
// transferred to it (now or before) and acts only on those it holds now. Services call these after
// loading the row; routes never decide.
import { AppError } from "../../platform/errors";
import { type CurrentUser, can, canAny, orgIdsWhereCan } from "../accounts";
import type { OrgTree } from "../orgs";
import type { MessageWho } from "./messages.steps";

/** The part of a row the policy reads. */
export interface PolicyRow {
  site_id: string;
  /** Organisations holding it now (transferred, not yet returned or moved on). */
  holders: readonly string[];
  /** Every organisation it was ever transferred to. */
  everHeld: readonly string[];
}

export const messageNotFound = () => new AppError("message_not_found", 404, "留言不存在。");
const roleNotAllowed = () => new AppError("role_not_allowed", 403, "您的角色不能查看互动交流留言。");

const rootOf = (tree: OrgTree, siteId: string) => tree.roots(siteId)[0]?.id;

/** The office of the site: manages messages at the root organisation. */
export function isMessageOffice(user: CurrentUser, tree: OrgTree): boolean {
  const root = rootOf(tree, user.siteId);
  return !!root && can(user, "message.manage", root, tree);
}

/** Sees every message of the site (the office, the county's inspectors). */
function seesAll(user: CurrentUser, tree: OrgTree): boolean {
  const root = rootOf(tree, user.siteId);
  return !!root && (can(user, "message.view", root, tree) || can(user, "message.manage", root, tree));
}

const holdsAny = (user: CurrentUser, orgs: readonly string[], tree: OrgTree) =>
  orgs.some((o) => can(user, "message.handle", o, tree));

/** Throws 403 for a role that sees no messages at all. */
export function assertMessageRole(user: CurrentUser): void {
  if (!canAny(user, "message.view") && !canAny(user, "message.manage") && !canAny(user, "message.handle"))
    throw roleNotAllowed();
}

/** Whether the user may see the row at all (else the row is answered with 404). */
export function maySeeMessage(user: CurrentUser, row: PolicyRow, tree: OrgTree): boolean {
  if (row.site_id !== user.siteId) return false;
  if (seesAll(user, tree)) return true;
  return row.everHeld.some((o) => can(user, "message.view", o, tree) || can(user, "message.handle", o, tree));
}

/** Whether the user sees the asker's name and contacts (the office and the departments holding it). */
export function seesContact(user: CurrentUser, row: PolicyRow, tree: OrgTree): boolean {
  return row.site_id === user.siteId && (isMessageOffice(user, tree) || holdsAny(user, row.holders, tree));
}

/**
 * May the user take a step of `who` on the row (the step table's who; the asker's steps are never a
 * staff member's). `holder` with no department holding it: the office, which keeps it.
 */
export function mayTakeMessageStep(
  user: CurrentUser,
  who: MessageWho,
  row: PolicyRow,
  tree: OrgTree,
): boolean {
  if (row.site_id !== user.siteId) return false;
  const office = isMessageOffice(user, tree);
  switch (who) {
    case "office":
      return office;
    case "route":
      return office || holdsAny(user, row.holders, tree);
    case "holder":
      return row.holders.length === 0 ? office : holdsAny(user, row.holders, tree);
    case "asker":
      return false;
  }
}

/** Throws 404 when the user may not see the row, 403 when they may see it but not take the step. */
export function authoriseMessage(
  user: CurrentUser,
  who: MessageWho | "view",
  row: PolicyRow,
  tree: OrgTree,
): void {
  assertMessageRole(user);
  if (!maySeeMessage(user, row, tree)) throw messageNotFound();
  if (who !== "view" && !mayTakeMessageStep(user, who, row, tree))
    throw new AppError(
      "role_not_allowed",
      403,
      who === "office" ? "只有政务公开办工作人员可以执行此操作。" : "只有留言转办到的部门可以办理此留言。",
    );
}

/** The rows a user may list: the whole site, or the messages ever transferred to these organisations. */
export interface MessageScope {
  siteId: string;
  all: boolean;
  orgIds: string[];
}

export function messageScope(user: CurrentUser, tree: OrgTree): MessageScope {
  assertMessageRole(user);
  if (seesAll(user, tree)) return { siteId: user.siteId, all: true, orgIds: [] };
  const orgIds = orgIdsWhereCan(user, ["message.view", "message.handle"], tree);
  return { siteId: user.siteId, all: false, orgIds };
}

/** Changing the site's answer limits: the office at the site root. */
export function authoriseDeadlineSettings(user: CurrentUser, tree: OrgTree): void {
  assertMessageRole(user);
  if (!isMessageOffice(user, tree))
    throw new AppError("role_not_allowed", 403, "只有政务公开办工作人员可以设置留言办理时限。");
}
