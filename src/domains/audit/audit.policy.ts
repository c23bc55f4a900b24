import type { Deps } from "../../deps";
import { type CurrentUser, can, orgIdsWhereCan } from "../accounts";
import { listSites, loadOrgTree } from "../orgs";
import type { AuditScope } from "./audit.repo";

/**
 * Who reads which audit entries. An entry belongs to a site and an organisation (the entity's, or the acting
 * user's); a user reads the entries of their own site whose organisation lies where one of their roles grants
 * `audit.view` (a department's office user: that department; the county office: the whole county). Entries of
 * the site with no organisation need audit.view at the site's root. Entries of no site (the CLI, the
 * scheduler) are shown to those readers only while the platform has one site: with two, nobody can tell
 * whose they are.
 */
export async function auditScopeOf(deps: Pick<Deps, "db">, user: CurrentUser): Promise<AuditScope> {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgIds = orgIdsWhereCan(user, ["audit.view"], tree);
  const siteLevel = tree.roots(user.siteId).some((r) => can(user, "audit.view", r.id, tree));
  const platformLevel = siteLevel && (await listSites(deps)).length === 1;
  return { siteId: user.siteId, orgIds, siteLevel, platformLevel };
}
