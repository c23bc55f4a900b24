import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import type { Logger } from "pino";
import type { Config } from "../../config";
import type { Db } from "../../db/connect";
import { AuditAnchor } from "./audit.anchor";
import { auditKey } from "./audit.chain";

/**
 * The audit key and head anchor travel with the database handle, as a Kysely plugin that changes no query:
 * `recordAudit(trx, …)` is called inside every domain's transaction with only the transaction in hand, and a
 * transaction keeps its parent's plugins. So the key comes from the composition root (createDeps), not
 * from a module-level singleton, and a handle created without it cannot write an unkeyed entry.
 */
export class AuditBinding implements KyselyPlugin {
  constructor(
    readonly key: Buffer,
    readonly anchor: AuditAnchor,
  ) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations hold an untyped handle
type AnyKysely = Kysely<any>;

export function auditBindingOf(db: AnyKysely, opts: { optional: true }): AuditBinding | undefined;
export function auditBindingOf(db: AnyKysely): AuditBinding;
export function auditBindingOf(db: AnyKysely, opts?: { optional: true }): AuditBinding | undefined {
  const found = db
    .getExecutor()
    .plugins.filter((p): p is AuditBinding => p instanceof AuditBinding)
    .at(-1);
  if (!found && !opts?.optional)
    throw new Error("this database handle carries no audit key: build it with createDeps (bindAudit)");
  return found;
}

/**
 * A handle on the same connections whose transactions carry the audit key, and whose commits anchor the
 * chain's head outside the database (audit.anchor.ts). Closing it first writes the last head.
 */
export function bindAudit(db: Db, config: Config, logger: Logger): Db {
  const existing = auditBindingOf(db.kysely, { optional: true });
  if (existing) return db;
  const key = auditKey(config.secretKey);
  const anchor = new AuditAnchor(db.kysely, config, logger, key);
  const kysely = db.kysely.withPlugin(new AuditBinding(key, anchor));
  db.onCommit?.(() => anchor.committed());
  return {
    ...db,
    kysely,
    async close() {
      await anchor.flush();
      await db.close();
    },
  };
}
