import type { Deps } from "../../deps";
import type { CurrentUser } from "../accounts";
import { auditScopeOf } from "./audit.policy";
import { clampLimit } from "./audit.record";
import { type AuditFilter, type AuditRow, searchEntries } from "./audit.repo";

export { GENESIS_HASH } from "./audit.chain";
export { type AuditEntryInput, listAudit, recordAudit } from "./audit.record";
export { type VerifyResult, verifyAuditChain } from "./audit.verify";

/** The entries `user` may read: of their site, and of the organisations where a role grants audit.view. */
export async function listAuditForUser(
  deps: Pick<Deps, "db">,
  user: CurrentUser,
  filter: AuditFilter,
  limit = 50,
): Promise<AuditRow[]> {
  const scope = await auditScopeOf(deps, user);
  return searchEntries(deps.db.kysely, filter, clampLimit(limit), scope);
}
