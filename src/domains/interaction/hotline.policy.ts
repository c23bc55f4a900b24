// Who may touch the 12345 hotline's records, decided against the site of the row. The hotline's integration
// account (role `hotline`, API token only) pushes tickets of its own site, their callers' satisfaction, and
// reads their state back; it sees nothing else, and no staff role pushes as the hotline. The office (at the
// site root) uploads 12345's exports and keeps the register of hotline numbers. Tickets themselves are
// messages: interaction.policy.ts decides who handles them.
import { AppError } from "../../platform/errors";
import { type CurrentUser, can } from "../accounts";
import type { OrgTree } from "../orgs";
import { isMessageOffice } from "./interaction.policy";

const rootOf = (tree: OrgTree, siteId: string) => tree.roots(siteId)[0]?.id;

export const ticketNotFound = (no: string) =>
  new AppError("hotline_ticket_not_found", 404, `没有工单编号为“${no}”的12345工单。`);

/** The hotline's integration account of the user's site; anyone else 403. */
export function authoriseHotlinePush(user: CurrentUser, tree: OrgTree): void {
  const root = rootOf(tree, user.siteId);
  if (!root || !can(user, "hotline.push", root, tree))
    throw new AppError("role_not_allowed", 403, "只有12345热线对接账户可以推送和查询热线工单。");
}

/** Uploading 12345's export: the office at the site root (it then routes the tickets). */
export function authoriseHotlineImport(user: CurrentUser, tree: OrgTree): void {
  if (!isMessageOffice(user, tree))
    throw new AppError("role_not_allowed", 403, "只有政务公开办工作人员可以导入12345热线工单。");
}

/** The register of the county's hotline numbers: the office at the site root, rows of its own site. */
export function authoriseHotlineNumbers(user: CurrentUser, tree: OrgTree, row?: { site_id: string }): void {
  const root = rootOf(tree, user.siteId);
  if (row && row.site_id !== user.siteId)
    throw new AppError("hotline_number_not_found", 404, "热线号码不存在。");
  if (!root || !can(user, "hotline.numbers", root, tree))
    throw new AppError("role_not_allowed", 403, "只有政务公开办工作人员可以维护热线号码目录。");
}
