import type { Actor, Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { readHeadFile, writeHeadFile } from "./audit.anchor";
import { auditBindingOf } from "./audit.binding";
import { auditKey } from "./audit.chain";
import { recordAudit } from "./audit.record";
import { readHead } from "./audit.repo";
import { verifyAuditChain } from "./audit.verify";

export interface AnchorResult {
  seq: number;
  /** What the head file said before, when it disagreed with the database and `force` replaced it. */
  replaced?: { seq: number; hash: string } | { invalid: string };
}

/**
 * Writes the head file from the database now (`gongkai audit anchor`): after an upgrade, on a new machine, or
 * with `force` after a deliberate restore of an older backup, when the file rightly names entries the restored
 * database no longer has. The chain itself must verify; a forced replacement is itself an audit entry.
 */
export async function anchorAuditHead(
  deps: Pick<Deps, "db" | "config" | "clock">,
  actor: Actor,
  opts: { force?: boolean } = {},
): Promise<AnchorResult> {
  const key = auditKey(deps.config.secretKey);
  const chain = await verifyAuditChain(deps, { ignoreHeadFile: true });
  if (!chain.ok)
    throw new AppError(
      "audit_chain_broken",
      409,
      `审计日志第 ${chain.seq} 条记录异常（${chain.problem}），不能据此重写链头文件。`,
    );
  const before = await verifyAuditChain(deps);
  const file = await readHeadFile(deps.config, key);
  const disagrees = !before.ok;
  if (disagrees && !opts.force)
    throw new AppError(
      "audit_head_disagrees",
      409,
      `链头文件与数据库不一致（${before.ok ? "" : before.problem}）：如确系有意恢复了较早的备份，请加 --force。`,
    );
  const head = await readHead(deps.db.kysely);
  if (!head) throw new AppError("audit_head_missing", 500, "审计链头缺失。");
  await writeHeadFile(
    deps.config,
    key,
    { chain_id: head.chain_id, seq: head.last_seq, hash: head.last_hash, keyed_from: head.keyed_from_seq },
    deps.clock.now(),
  );
  if (!disagrees) return { seq: head.last_seq };
  const replaced =
    file.state === "ok"
      ? { seq: file.head.seq, hash: file.head.hash }
      : { invalid: file.state === "invalid" ? file.reason : "missing" };
  await recordAudit(deps.db.kysely, deps.clock, actor, {
    action: "audit.reanchor",
    entityType: "audit_head",
    summary: { before: replaced, after: { seq: head.last_seq, hash: head.last_hash } },
  });
  await auditBindingOf(deps.db.kysely).anchor.flush();
  return { seq: head.last_seq, replaced };
}
