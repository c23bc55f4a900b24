import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Config } from "../../config";
import type { Database } from "../../db/schema";
import { safeEqual } from "../../platform/crypto";
import { GENESIS_HASH, headFileMac } from "./audit.chain";
import { hashAt, readHead } from "./audit.repo";

// The chain's head, kept outside the database as well: a database writer who rewrites or rolls back the log
// cannot also reach this file (it lives in the data folder, or wherever that is mounted). `audit verify`
// requires the database to still hold the entry the file names. See docs/decisions/0003-audit-hash-chain.md.

export const HEAD_FILE = "audit-head.json";

export interface HeadFile {
  chain_id: string;
  seq: number;
  hash: string;
  keyed_from: number;
  /** When it was written; informative only (not covered by the MAC). */
  at: string;
  mac: string;
}

export type HeadFileRead =
  | { state: "missing" }
  | { state: "invalid"; reason: string }
  | { state: "ok"; head: HeadFile };

export const headFilePath = (config: Pick<Config, "dataDir">): string => join(config.dataDir, HEAD_FILE);

export async function readHeadFile(config: Pick<Config, "dataDir">, key: Buffer): Promise<HeadFileRead> {
  let raw: string;
  try {
    raw = await readFile(headFilePath(config), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { state: "missing" };
    return { state: "invalid", reason: `unreadable: ${(e as Error).message}` };
  }
  let h: HeadFile;
  try {
    h = JSON.parse(raw) as HeadFile;
  } catch {
    return { state: "invalid", reason: "not JSON" };
  }
  if (
    typeof h?.chain_id !== "string" ||
    !Number.isSafeInteger(h.seq) ||
    h.seq < 0 ||
    typeof h.hash !== "string" ||
    !Number.isSafeInteger(h.keyed_from) ||
    typeof h.mac !== "string"
  )
    return { state: "invalid", reason: "fields missing" };
  if (!safeEqual(h.mac, headFileMac(key, h)))
    return { state: "invalid", reason: "MAC does not match (another key, or edited)" };
  return { state: "ok", head: h };
}

/** Writes the file whole or not at all: a temporary file in the same folder, synced, then renamed over. */
export async function writeHeadFile(
  config: Pick<Config, "dataDir">,
  key: Buffer,
  h: Omit<HeadFile, "mac" | "at">,
  at: Date,
): Promise<void> {
  const body: HeadFile = { ...h, at: at.toISOString(), mac: headFileMac(key, h) };
  await mkdir(config.dataDir, { recursive: true });
  const target = headFilePath(config);
  const tmp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const fh = await open(tmp, "w", 0o600);
    try {
      await fh.writeFile(`${JSON.stringify(body)}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export type AnchorDecision = "write" | "newer" | { conflict: string };

/**
 * Whether the database head may replace the file's. Never backwards (another process may have written a
 * newer head), and never over a head the database no longer holds: that is the evidence of a rollback,
 * kept until an operator re-anchors after checking (`gongkai audit anchor --force`).
 */
export async function decideAnchor(
  db: Kysely<Database>,
  file: HeadFileRead,
  head: { chain_id: string; last_seq: number; keyed_from_seq: number },
): Promise<AnchorDecision> {
  if (file.state === "missing") return "write";
  if (file.state === "invalid") return { conflict: `head file ${file.reason}` };
  const f = file.head;
  if (f.chain_id !== head.chain_id) return { conflict: "head file belongs to another audit chain" };
  if (f.keyed_from !== head.keyed_from_seq) return { conflict: "the keyed switch point moved" };
  if (f.seq > head.last_seq) return "newer";
  const held = f.seq === 0 ? GENESIS_HASH : await hashAt(db, f.seq);
  if (held !== f.hash)
    return { conflict: `the database no longer holds entry ${f.seq} as the head file names it` };
  return "write";
}

/**
 * Writes the committed head to the file after transactions that appended entries commit. Appends note their
 * sequence number; each commit on the connection pool checks whether a noted entry may now be committed and,
 * if so, reads the head (one indexed query) and writes the file. Writes are serialised in the process and
 * coalesced, so a burst of commits costs one write.
 */
export class AuditAnchor {
  /** Highest sequence number appended through this handle (committed or not). */
  private pending = 0;
  /** Highest committed head this anchor has dealt with. */
  private done = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private lastConflict = "";

  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Config,
    private readonly logger: Logger,
    private readonly key: Buffer,
  ) {}

  appended(seq: number): void {
    if (seq > this.pending) this.pending = seq;
  }

  /** Called after every commit on the pool. */
  committed(): void {
    if (this.pending > this.done) this.kick();
  }

  /** Waits for the head of everything appended so far to be written (shutdown, end of a CLI command, tests). */
  async flush(): Promise<void> {
    if (this.pending > this.done) this.kick();
    await this.running;
  }

  private kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.writeOnce();
        } catch (err) {
          this.logger.error({ err }, "audit head: could not write the head file");
          return;
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
  }

  private async writeOnce(): Promise<void> {
    const head = await readHead(this.db);
    if (!head) return;
    const seq = Number(head.last_seq);
    if (seq <= this.done) return;
    const decision = await decideAnchor(this.db, await readHeadFile(this.config, this.key), head);
    this.done = seq;
    if (typeof decision === "object") {
      // Once per distinct problem: every later commit would repeat it.
      if (decision.conflict !== this.lastConflict)
        this.logger.error(
          { audit_head: { seq, hash: head.last_hash }, problem: decision.conflict },
          "audit head file not updated: run `gongkai audit verify`",
        );
      this.lastConflict = decision.conflict;
      return;
    }
    if (decision === "newer") return;
    const h = {
      chain_id: head.chain_id,
      seq,
      hash: head.last_hash,
      keyed_from: Number(head.keyed_from_seq),
    };
    await writeHeadFile(this.config, this.key, h, new Date());
    if (this.config.auditSyslog) this.logger.info({ audit_head: h }, "audit head");
  }
}
