import type { Actor, Deps, Executor } from "../../deps";
import { sha256Hex } from "../../platform/crypto";
import type { Clock } from "../../platform/time";
import {
  type AuditFilter,
  type AuditRow,
  advanceHead,
  insertEntry,
  readHead,
  readPage,
  searchEntries,
} from "./audit.repo";

export interface AuditEntryInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The statutory or business date the action records, when it differs from the real time. */
  businessDate?: string | null;
  /** A before/after summary; never personal data such as identity numbers. */
  summary?: Record<string, unknown>;
}

export const GENESIS_HASH = "0".repeat(64);

export function hashEntry(e: Omit<AuditRow, "hash">): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at,
    e.actor_id,
    e.actor_label,
    e.action,
    e.entity_type,
    e.entity_id,
    e.business_date,
    e.summary,
  ]);
  return sha256Hex(`${e.prev_hash}\n${canonical}`);
}

/** Appends one entry to the hash chain. Call it inside the transaction that makes the change. */
export async function recordAudit(
  trx: Executor,
  clock: Clock,
  actor: Actor,
  input: AuditEntryInput,
): Promise<number> {
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
  };
  await insertEntry(trx, { ...entry, hash: hashEntry(entry) });
  return entry.seq;
}

export type VerifyResult =
  | { ok: true; entries: number }
  | {
      ok: false;
      entries: number;
      seq: number;
      problem: "hash_mismatch" | "chain_broken" | "gap" | "head_mismatch";
    };

/** Recomputes the chain: an edited row breaks its hash, an inserted or deleted one breaks the links or the count. */
export async function verifyAuditChain(deps: Pick<Deps, "db">): Promise<VerifyResult> {
  const db = deps.db.kysely;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const page = await readPage(db, expectedSeq - 1, 1000);
    if (page.length === 0) break;
    for (const row of page) {
      if (row.seq !== expectedSeq) return { ok: false, entries: count, seq: expectedSeq, problem: "gap" };
      if (row.prev_hash !== prevHash)
        return { ok: false, entries: count, seq: row.seq, problem: "chain_broken" };
      const { hash, ...rest } = row;
      if (hashEntry(rest) !== hash)
        return { ok: false, entries: count, seq: row.seq, problem: "hash_mismatch" };
      prevHash = hash;
      expectedSeq++;
      count++;
    }
  }
  const head = await readHead(db);
  if (!head || Number(head.last_seq) !== count || head.last_hash !== prevHash) {
    return { ok: false, entries: count, seq: count + 1, problem: "head_mismatch" };
  }
  return { ok: true, entries: count };
}

export function listAudit(deps: Pick<Deps, "db">, filter: AuditFilter, limit = 50): Promise<AuditRow[]> {
  return searchEntries(deps.db.kysely, filter, Math.min(Math.max(limit, 1), 500));
}
