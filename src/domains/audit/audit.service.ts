import type { Deps } from "../../deps";
import type { CurrentUser } from "../accounts";
import { auditScopeOf } from "./audit.policy";
import { clampLimit } from "./audit.record";
import { type AuditFilter, type AuditRow, countEntries, searchEntries } from "./audit.repo";

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

/** One page of the entries `user` may read, and how many there are in all (the back office's audit log). */
export async function pageAuditForUser(
  deps: Pick<Deps, "db">,
  user: CurrentUser,
  filter: AuditFilter,
  page: number,
  perPage: number,
): Promise<{ rows: AuditRow[]; total: number }> {
  const scope = await auditScopeOf(deps, user);
  const limit = clampLimit(perPage);
  const [rows, total] = await Promise.all([
    searchEntries(deps.db.kysely, filter, limit, scope, (page - 1) * limit),
    countEntries(deps.db.kysely, filter, scope),
  ]);
  return { rows, total };
}
