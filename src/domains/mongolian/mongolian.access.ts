// Who may view, draft and review a Mongolian version: the subject's own policy against its site and
// organisation (items and catalogue names: publishing.policy's item.*; a later domain's subject: its kind's).
import { type Action, type CurrentUser, can } from "../accounts";
import type { OrgTree } from "../orgs";
import { authoriseItem } from "../publishing";
import { type MnStep, mnKind, mnKinds } from "./mongolian.kinds";
import type { MnSubjectType } from "./mongolian.tables";

const ITEM_ACTIONS = { view: "item.view", draft: "item.draft", review: "item.review" } as const;

/** The subject's own action for a step of its translation. */
export const stepAction = (type: MnSubjectType, step: MnStep): Action =>
  mnKind(type)?.actions[step] ?? ITEM_ACTIONS[step];

/** 404 for a subject the user may not see, 403 for one they see but may not take this step on. */
export function authoriseStep(
  user: CurrentUser,
  type: MnSubjectType,
  step: MnStep,
  row: { siteId: string; orgId: string },
  tree: OrgTree,
): void {
  const scoped = { site_id: row.siteId, org_id: row.orgId };
  const kind = mnKind(type);
  if (kind) kind.authorise(user, kind.actions[step], scoped, tree);
  else authoriseItem(user, ITEM_ACTIONS[step], scoped, tree);
}

export const mayTakeStep = (
  user: CurrentUser,
  type: MnSubjectType,
  step: MnStep,
  row: { siteId: string; orgId: string },
  tree: OrgTree,
) => row.siteId === user.siteId && can(user, stepAction(type, step), row.orgId, tree);

/** The subject types with a Mongolian version, each with the organisations where the user may take `step`. */
export function scopesFor(
  user: CurrentUser,
  tree: OrgTree,
  step: MnStep,
): Array<{ type: MnSubjectType; orgIds: string[] }> {
  const orgs = tree.flatten(user.siteId).map(({ org }) => org.id);
  // A catalogue column's name is drafted and reviewed by the items' people (item.*), in the same queues.
  const types: MnSubjectType[] = ["item", "catalog_node", ...mnKinds().map((k) => k.type)];
  return types
    .map((type) => ({ type, orgIds: orgs.filter((o) => can(user, stepAction(type, step), o, tree)) }))
    .filter((s) => s.orgIds.length > 0);
}
