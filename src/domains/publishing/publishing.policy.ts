// Who may see or act on an information item, decided against the row: its site and its organisation.
// An item the user may not see answers 404 for reads and writes alike (a 403 would confirm it exists);
// one they see but may not act on answers 403. Services call these after loading (and locking) the row.
import type { Deps, Executor } from "../../deps";
import { AppError } from "../../platform/errors";
import { type Action, type CurrentUser, can, canAny } from "../accounts";
import { loadOrgTree, type OrgTree } from "../orgs";
import * as repo from "./publishing.repo";

export type ItemAction = Extract<Action, `item.${string}`>;

interface ScopedRow {
  site_id: string;
  org_id: string;
}

export const itemNotFound = () => new AppError("item_not_found", 404, "信息不存在。");

/** Drafting, reviewing and signing imply seeing (accounts.policy.test.ts guards that). */
export const mayViewItem = (user: CurrentUser, row: ScopedRow, tree: OrgTree): boolean =>
  row.site_id === user.siteId && can(user, "item.view", row.org_id, tree);

export function authoriseItem(user: CurrentUser, action: ItemAction, row: ScopedRow, tree: OrgTree): void {
  if (!mayViewItem(user, row, tree)) {
    if (!canAny(user, "item.view")) throw new AppError("role_not_allowed", 403, "您的角色不能查看信息。");
    throw itemNotFound();
  }
  if (!can(user, action, row.org_id, tree)) {
    if (!canAny(user, action)) throw new AppError("role_not_allowed", 403, "您的角色不能执行此操作。");
    throw new AppError("org_not_allowed", 403, "您无权处理其他单位的信息。");
  }
}

/** Creating an item in an organisation: the org must be on the user's site and within their drafting scope. */
export function authoriseDraftIn(user: CurrentUser, orgId: string, tree: OrgTree): void {
  const org = tree.get(orgId);
  if (!org || org.site_id !== user.siteId) throw new AppError("org_not_found", 404, "机构不存在。");
  if (can(user, "item.draft", orgId, tree)) return;
  if (!canAny(user, "item.draft")) throw new AppError("role_not_allowed", 403, "您的角色不能起草信息。");
  throw new AppError("org_not_allowed", 403, "您无权为其他单位起草信息。");
}

/** Loads an item and authorises `action` on it; 404 when missing or not visible. */
export async function loadItemFor(
  deps: Pick<Deps, "db">,
  user: CurrentUser,
  action: ItemAction,
  id: string,
  db: Executor = deps.db.kysely,
): Promise<{ item: repo.ItemRow; tree: OrgTree }> {
  const tree = await loadOrgTree(deps, user.siteId);
  const item = await repo.findItem(db, id);
  if (!item) throw itemNotFound();
  authoriseItem(user, action, item, tree);
  return { item, tree };
}
