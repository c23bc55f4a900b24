import { createHmac } from "node:crypto";
import { deriveKey, sha256Hex } from "../../platform/crypto";

// How an entry's hash is computed (docs/decisions/0003-audit-hash-chain.md). These formats are part of the
// stored data: changing one makes every existing entry fail verification.

export const GENESIS_HASH = "0".repeat(64);

/** The fields an entry's hash covers, besides its hash. */
export interface ChainFields {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  business_date: string | null;
  summary: string;
  prev_hash: string;
  site_id?: string | null;
  org_id?: string | null;
}

/** The audit subkey: HKDF of the site secret for this purpose only. */
export const auditKey = (secret: Buffer): Buffer => deriveKey(secret, "audit-chain");

const hmacHex = (key: Buffer, data: string): string => createHmac("sha256", key).update(data).digest("hex");

/**
 * Version 1 (before migration 0013): plain SHA-256 over the previous hash and the fields. Anyone could
 * recompute it, so rows in this format are trusted only up to the sealed switch point.
 */
export function legacyHash(e: ChainFields): string {
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

/** Version 2: HMAC-SHA256 with the audit key, also covering the entry's site and organisation. */
export function keyedHash(key: Buffer, e: ChainFields): string {
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
    e.site_id ?? null,
    e.org_id ?? null,
  ]);
  return hmacHex(key, `v2\n${e.prev_hash}\n${canonical}`);
}

/** Seals the last unkeyed entry, so nobody without the key can move the switch point or redo the prefix. */
export function legacySeal(key: Buffer, chainId: string, seq: number, hash: string): string {
  return hmacHex(key, `seal\n${chainId}\n${seq}\n${hash}`);
}

/** Authenticates the head file kept outside the database. */
export function headFileMac(
  key: Buffer,
  h: { chain_id: string; seq: number; hash: string; keyed_from: number },
): string {
  return hmacHex(key, `head\n${JSON.stringify([h.chain_id, h.seq, h.hash, h.keyed_from])}`);
}
