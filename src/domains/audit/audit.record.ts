import type { Executor } from "../../db/executor";
import type { Actor, Deps } from "../../deps";
import type { Clock } from "../../platform/time";
import { auditBindingOf } from "./audit.binding";
import { keyedHash } from "./audit.chain";
import {
  type AuditFilter,
  type AuditRow,
  advanceHead,
  findOrgSite,
  findUserOrgSite,
  insertEntry,
  searchEntries,
} from "./audit.repo";

// Writing entries depends on nothing of accounts or orgs, so every domain can record without an import cycle;
// the reader's scope (audit.policy.ts, which needs accounts) stays in audit.service.ts.

export interface AuditEntryInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The statutory or business date the action records, when it differs from the real time. */
  businessDate?: string | null;
  /** A before/after summary; never personal data such as identity numbers. */
  summary?: Record<string, unknown>;
  /**
   * The organisation the entity belongs to (an item's, an application's `org_id`): who may read the entry
   * depends on it. `null`: the entity belongs to its site as a whole (an application not yet assigned);
   * absent: the acting user's organisation.
   */
  orgId?: string | null;
  /** The entity's site, for entities of a site with no organisation; otherwise derived from the organisation. */
  siteId?: string | null;
}

async function scopeOf(
  trx: Executor,
  actor: Actor,
  input: AuditEntryInput,
): Promise<{ site_id: string | null; org_id: string | null }> {
  if (input.orgId) {
    const org = await findOrgSite(trx, input.orgId);
    return { site_id: org?.site_id ?? input.siteId ?? null, org_id: input.orgId };
  }
  if (input.orgId === null || input.siteId) {
    let siteId = input.siteId ?? null;
    if (!siteId && actor.id) siteId = (await findUserOrgSite(trx, actor.id))?.site_id ?? null;
    return { site_id: siteId, org_id: null };
  }
  const own = actor.id ? await findUserOrgSite(trx, actor.id) : undefined;
  return { site_id: own?.site_id ?? null, org_id: own?.id ?? null };
}

/**
 * Appends one entry to the keyed hash chain. Call it inside the transaction that makes the change; the head
 * file outside the database is written once that transaction commits (audit.anchor.ts).
 */
export async function recordAudit(
  trx: Executor,
  clock: Clock,
  actor: Actor,
  input: AuditEntryInput,
): Promise<number> {
  const binding = auditBindingOf(trx);
  // An append is two writes (head, entry): never outside a transaction.
  if (!trx.isTransaction) return trx.transaction().execute((t) => recordAudit(t, clock, actor, input));
  const scope = await scopeOf(trx, actor, input);
  const head = await advanceHead(trx);
  const entry: Omit<AuditRow, "hash"> = {
    seq: head.last_seq + 1,
    at: clock.now().toISOString(),
    actor_id: actor.id,
    actor_label: actor.label,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId ?? null,
    business_date: input.businessDate ?? null,
    summary: JSON.stringify(input.summary ?? {}),
    prev_hash: head.last_hash,
    ...scope,
  };
  await insertEntry(trx, { ...entry, hash: keyedHash(binding.key, entry) });
  binding.anchor.appended(entry.seq);
  return entry.seq;
}

/** Every entry, unscoped: for tests and system jobs. Pages and the API use listAuditForUser. */
export function listAudit(deps: Pick<Deps, "db">, filter: AuditFilter, limit = 50): Promise<AuditRow[]> {
  return searchEntries(deps.db.kysely, filter, clampLimit(limit));
}

export const clampLimit = (limit: number) => Math.min(Math.max(limit, 1), 500);
