import type { Deps } from "../../deps";
import { safeEqual } from "../../platform/crypto";
import { type HeadFileRead, readHeadFile } from "./audit.anchor";
import { auditKey, GENESIS_HASH, keyedHash, legacyHash, legacySeal } from "./audit.chain";
import { hashAt, readHead, readPage } from "./audit.repo";

export type VerifyProblem =
  /** An entry's hash does not match its fields: edited, or rewritten without the key. */
  | "hash_mismatch"
  /** An entry does not point at the hash of the one before: one was inserted or replaced. */
  | "chain_broken"
  /** A sequence number is missing: an entry was deleted. */
  | "gap"
  /** The head row does not name the last entry: the tail was deleted, or the head edited. */
  | "head_mismatch"
  /** Unkeyed (pre-0013) entries without a valid seal, or a switch point that moved. */
  | "seal_mismatch"
  /** The head file outside the database names an entry the database no longer has. */
  | "rolled_back"
  /** The head file names an entry the database holds differently (rolled back, then written on). */
  | "anchor_mismatch"
  /** The head file is unreadable, fails its MAC, or belongs to another database. */
  | "anchor_invalid";

export type AnchorStatus =
  /** The head file names an entry the database holds as named. */
  | { state: "ok"; seq: number }
  /** No head file: a rollback of the database cannot be detected. */
  | { state: "missing" };

export type VerifyResult =
  | { ok: true; entries: number; keyedFrom: number; anchor: AnchorStatus }
  | { ok: false; entries: number; seq: number; problem: VerifyProblem; detail?: string };

const PAGE = 1000;

/**
 * A verified point to continue from: the last entry a walk confirmed, and the switch point and seal of the
 * head it confirmed them against (an incremental walk refuses a head whose switch point or seal changed).
 */
export interface ChainPoint {
  seq: number;
  hash: string;
  keyedFrom: number;
  chainId: string;
  legacySeal: string | null;
}

/** A walk's result, how many entries it hashed, and where it ended (on success). */
export interface ChainWalk {
  result: VerifyResult;
  walked: number;
  last?: ChainPoint;
}

/**
 * Recomputes the whole chain: entries before the switch point with SHA-256 (their last one sealed with the
 * key), the rest with HMAC-SHA256 under the key. An edited entry breaks its hash; an inserted or deleted one
 * breaks the links, the numbering or the head; a chain rewritten without the key breaks every hash from the
 * first rewritten entry; a rolled-back database no longer holds the head written outside it.
 */
export async function verifyAuditChain(
  deps: Pick<Deps, "db" | "config">,
  opts: { ignoreHeadFile?: boolean } = {},
): Promise<VerifyResult> {
  return (await walkAuditChain(deps, opts)).result;
}

/**
 * The chain check from the start, or with `from` only the entries after a point an earlier walk verified
 * (the audit page between full checks, audit.check.ts): the entry at `from.seq` must still hold the hash it
 * had, every later entry is hashed and linked as in the full walk, and the head row and head file are
 * checked the same way. Entries up to `from.seq` are not re-hashed: an edit of one is found by the next full
 * walk, not this one.
 */
export async function walkAuditChain(
  deps: Pick<Deps, "db" | "config">,
  opts: { ignoreHeadFile?: boolean; from?: ChainPoint } = {},
): Promise<ChainWalk> {
  const db = deps.db.kysely;
  const key = auditKey(deps.config.secretKey);
  const from = opts.from;
  let walked = 0;
  const fail = (entries: number, seq: number, problem: VerifyProblem, detail?: string): ChainWalk => ({
    result: { ok: false, entries, seq, problem, ...(detail ? { detail } : {}) },
    walked,
  });
  // The file first: it only ever names committed entries, so one read after it cannot miss them.
  const file: HeadFileRead = opts.ignoreHeadFile
    ? { state: "missing" }
    : await readHeadFile(deps.config, key);
  const head = await readHead(db);
  if (!head) return fail(0, 1, "head_mismatch", "no head row");
  const keyedFrom = head.keyed_from_seq;
  if (!Number.isSafeInteger(keyedFrom) || keyedFrom < 1 || !head.chain_id)
    return fail(0, 1, "seal_mismatch", "no switch point");
  if (keyedFrom > 1 && !head.legacy_seal)
    return fail(0, keyedFrom - 1, "seal_mismatch", "unkeyed entries are not sealed");

  let prevHash = GENESIS_HASH;
  let count = 0;
  if (from) {
    if (
      keyedFrom !== from.keyedFrom ||
      head.chain_id !== from.chainId ||
      head.legacy_seal !== from.legacySeal
    )
      return fail(from.seq, Math.min(keyedFrom, from.keyedFrom), "seal_mismatch", "switch point changed");
    if (from.seq > 0) {
      const held = await hashAt(db, from.seq);
      if (held === undefined) return fail(from.seq - 1, from.seq, "gap");
      if (!safeEqual(held, from.hash)) return fail(from.seq - 1, from.seq, "hash_mismatch");
    }
    prevHash = from.hash;
    count = from.seq;
  }
  let fileHash: string | undefined;
  const fileSeq = file.state === "ok" ? file.head.seq : -1;
  let headSeen = head.last_seq;
  for (;;) {
    // Walk to the end, then confirm the head names it; entries appended meanwhile are walked too.
    for (;;) {
      const page = await readPage(db, count, PAGE);
      if (page.length === 0) break;
      for (const row of page) {
        const seq = count + 1;
        if (row.seq !== seq) return fail(count, seq, "gap");
        if (row.prev_hash !== prevHash) return fail(count, seq, "chain_broken");
        const expected = seq < keyedFrom ? legacyHash(row) : keyedHash(key, row);
        walked++;
        if (!safeEqual(expected, row.hash)) return fail(count, seq, "hash_mismatch");
        if (
          seq === keyedFrom - 1 &&
          !safeEqual(legacySeal(key, head.chain_id, seq, row.hash), head.legacy_seal!)
        )
          return fail(count, seq, "seal_mismatch");
        if (seq === fileSeq) fileHash = row.hash;
        prevHash = row.hash;
        count = seq;
      }
    }
    if (count < keyedFrom - 1) return fail(count, count + 1, "seal_mismatch", "sealed entries missing");
    const now = await readHead(db);
    // Walk on only for a head that moved since the last look (appends committed meanwhile).
    if (now && now.last_seq > count && now.last_seq !== headSeen) {
      headSeen = now.last_seq;
      continue;
    }
    if (!now || now.last_seq !== count || now.last_hash !== prevHash)
      return fail(count, count + 1, "head_mismatch");
    if (
      now.keyed_from_seq !== keyedFrom ||
      now.chain_id !== head.chain_id ||
      now.legacy_seal !== head.legacy_seal
    )
      return fail(count, keyedFrom, "seal_mismatch", "switch point changed during the check");
    break;
  }
  // The file names an entry this walk started after: the hash the database holds for it now.
  if (from && fileSeq > 0 && fileSeq <= from.seq)
    fileHash = fileSeq === from.seq ? from.hash : await hashAt(db, fileSeq);
  const anchor = checkAnchor(file, head, count, fileHash);
  if ("problem" in anchor) return fail(count, anchor.seq, anchor.problem, anchor.detail);
  return {
    result: { ok: true, entries: count, keyedFrom, anchor },
    walked,
    last: { seq: count, hash: prevHash, keyedFrom, chainId: head.chain_id, legacySeal: head.legacy_seal },
  };
}

function checkAnchor(
  file: HeadFileRead,
  head: { chain_id: string; keyed_from_seq: number },
  count: number,
  heldHash: string | undefined,
): AnchorStatus | { problem: VerifyProblem; seq: number; detail?: string } {
  if (file.state === "missing") return { state: "missing" };
  if (file.state === "invalid") return { problem: "anchor_invalid", seq: count + 1, detail: file.reason };
  const f = file.head;
  if (f.chain_id !== head.chain_id)
    return { problem: "anchor_invalid", seq: count + 1, detail: "the head file belongs to another database" };
  if (f.keyed_from !== head.keyed_from_seq)
    return {
      problem: "seal_mismatch",
      seq: Math.min(f.keyed_from, head.keyed_from_seq),
      detail: "switch point moved",
    };
  if (f.seq > count)
    return { problem: "rolled_back", seq: count + 1, detail: `the head file names entry ${f.seq}` };
  const held = f.seq === 0 ? GENESIS_HASH : heldHash;
  if (held !== f.hash) return { problem: "anchor_mismatch", seq: f.seq };
  return { state: "ok", seq: f.seq };
}
