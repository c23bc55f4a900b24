// Who may see or handle an application (依申请公开), decided against the row: its site, and the
// organisation that holds it (the one it was assigned to, or the site's root government while unassigned).
// Services call these after loading the row; routes never decide.
import type { Deps, Executor } from "../../deps";
import { AppError } from "../../platform/errors";
import { type CurrentUser, can, canAny, listUsersWithRoles } from "../accounts";
import { loadOrgTree, type Org, type OrgTree } from "../orgs";
import * as repo from "./applications.repo";

export type ApplicationAction = "view" | "handle";

/** The part of the rows' table a user may see: their site, these organisations, and unassigned rows or not. */
export interface ApplicationScope {
  siteId: string;
  orgIds: string[];
  unassigned: boolean;
  /** May handle at least one of those organisations' applications. */
  handlesAny: boolean;
}

interface ScopedRow {
  site_id: string;
  org_id: string | null;
}

const notFound = () => new AppError("application_not_found", 404, "申请不存在。");
const roleNotAllowed = () => new AppError("role_not_allowed", 403, "您的角色不能查看依申请公开事项。");

/** The organisation an application belongs to: the one it was assigned to, else the site's root. */
export function ownerOrgOf(row: ScopedRow, tree: OrgTree): string | undefined {
  return row.org_id ?? tree.roots(row.site_id)[0]?.id;
}

const mayView = (user: CurrentUser, orgId: string, tree: OrgTree) =>
  can(user, "application.view", orgId, tree) || can(user, "application.handle", orgId, tree);

/** Throws 404 for a row the user may not see at all (another site, another department), 403 for a step. */
export function authoriseApplication(
  user: CurrentUser,
  action: ApplicationAction,
  row: ScopedRow,
  tree: OrgTree,
): void {
  if (!canAny(user, "application.view") && !canAny(user, "application.handle")) throw roleNotAllowed();
  const owner = ownerOrgOf(row, tree);
  if (row.site_id !== user.siteId || !owner || !mayView(user, owner, tree)) throw notFound();
  if (action === "handle" && !can(user, "application.handle", owner, tree))
    throw new AppError("role_not_allowed", 403, "只有负责该申请的政务公开工作人员可以办理。");
}

/** Whether the user handles this row (and so sees the applicant's identity data decrypted). */
export function handlesApplication(user: CurrentUser, row: ScopedRow, tree: OrgTree): boolean {
  const owner = ownerOrgOf(row, tree);
  return row.site_id === user.siteId && !!owner && can(user, "application.handle", owner, tree);
}

/** The rows a user may list, search and export. Throws 403 for roles that see no applications. */
export function applicationScope(user: CurrentUser, tree: OrgTree): ApplicationScope {
  if (!canAny(user, "application.view") && !canAny(user, "application.handle")) throw roleNotAllowed();
  const orgs = tree.flatten(user.siteId).map(({ org }) => org.id);
  const orgIds = orgs.filter((id) => mayView(user, id, tree));
  const root = tree.roots(user.siteId)[0]?.id;
  return {
    siteId: user.siteId,
    orgIds,
    unassigned: !!root && orgIds.includes(root),
    handlesAny: orgs.some((id) => can(user, "application.handle", id, tree)),
  };
}

/**
 * The scope as a list filter: none beyond the site when the user sees every organisation of it and the unassigned
 * applications (one index range by site instead of a list of organisations), else the scope itself.
 */
export const listScope = (scope: ApplicationScope, tree: OrgTree): ApplicationScope | undefined =>
  scope.unassigned && scope.orgIds.length === tree.flatten(scope.siteId).length ? undefined : scope;

export const inScope = (scope: ApplicationScope, orgId: string | null): boolean =>
  orgId === null ? scope.unassigned : scope.orgIds.includes(orgId);

/** Registering a paper application: the user must handle applications somewhere on their site. */
export function authoriseIntake(user: CurrentUser, tree: OrgTree): { orgId: string | null } {
  const scope = applicationScope(user, tree);
  if (!scope.handlesAny) throw new AppError("role_not_allowed", 403, "只有政务公开办工作人员可以登记申请。");
  const root = tree.roots(user.siteId)[0]?.id;
  // A department's own office registers into its own queue; the county office into the unassigned one.
  return { orgId: root && can(user, "application.handle", root, tree) ? null : user.orgId };
}

/** Loads an application the user may see (else 404) and, for "handle", may act on (else 403). */
export async function loadApplicationFor(
  deps: Pick<Deps, "db">,
  user: CurrentUser,
  action: ApplicationAction,
  id: string,
  db: Executor = deps.db.kysely,
): Promise<{ row: repo.ApplicationRow; tree: OrgTree; handles: boolean }> {
  const tree = await loadOrgTree(deps, user.siteId);
  const row = await repo.findApplication(db, id);
  if (!row) {
    applicationScope(user, tree); // a role that sees no applications hears 403 rather than 404
    throw notFound();
  }
  authoriseApplication(user, action, row, tree);
  return { row, tree, handles: handlesApplication(user, row, tree) };
}

/** One member of staff the assign form offers as handler. */
export interface HandlerChoice {
  username: string;
  name: string;
}

/**
 * The staff an application may be given to as handler (the assign form's list): enabled accounts of the
 * site whose roles let them handle applications held by one of `orgIds`, grouped by their own
 * organisation in tree order. The workflow checks the chosen one again against the holding organisation.
 */
export async function eligibleHandlers(
  deps: Pick<Deps, "db">,
  siteId: string,
  tree: OrgTree,
  orgIds: readonly string[],
): Promise<Array<{ org: Org; handlers: HandlerChoice[] }>> {
  const orgs = tree.flatten(siteId);
  const users = await listUsersWithRoles(
    deps,
    orgs.map(({ org }) => org.id),
  );
  return orgs
    .map(({ org }) => ({
      org,
      handlers: users
        .filter((u) => u.org_id === org.id && !u.disabled)
        .filter((u) =>
          orgIds.some((target) =>
            can({ orgId: u.org_id, roles: u.roles }, "application.handle", target, tree),
          ),
        )
        .map((u) => ({ username: u.username, name: u.name })),
    }))
    .filter((g) => g.handlers.length > 0);
}
