import type { Deps } from "../../deps";
import type { Page, PageRequest, Total } from "../../platform/paging";
import type { CurrentUser } from "../accounts";
import { auditScopeOf } from "./audit.policy";
import { clampLimit } from "./audit.record";
import {
  type AuditFilter,
  type AuditRow,
  countEntriesCapped,
  pageEntries,
  searchEntries,
} from "./audit.repo";

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

/**
 * One page of the entries `user` may read, newest first, by page number or cursor, and how many there are up to
 * COUNT_CAP (the back office's audit log; src/platform/paging.ts).
 */
export async function pageAuditForUser(
  deps: Pick<Deps, "db">,
  user: CurrentUser,
  filter: AuditFilter,
  req: PageRequest,
): Promise<Page<AuditRow> & { total: Total }> {
  const scope = await auditScopeOf(deps, user);
  const [found, total] = await Promise.all([
    pageEntries(deps.db.kysely, filter, scope, { ...req, size: clampLimit(req.size) }),
    countEntriesCapped(deps.db.kysely, filter, scope),
  ]);
  return { ...found, total };
}
