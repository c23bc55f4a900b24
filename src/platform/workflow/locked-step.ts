import type { Kysely, Transaction } from "kysely";

// Load, lock, check, write in one transaction (ARCHITECTURE.md rule 14). A check made on a row read
// outside the transaction, or without its lock, lets two requests both pass it: two extensions that
// together exceed the legal limit, a double-clicked publish that takes two index numbers.

export type Engine = "sqlite" | "postgres";

export interface LockedStep<DB, R, P, T> {
  /** Loads the row with its lock (a repository `…ForUpdate` function, see `lockForUpdate`). */
  load(trx: Transaction<DB>): Promise<R | undefined>;
  /** The error when there is no such row. */
  missing(): Error;
  /** Authorises and checks against the locked row; throws to refuse; returns what `write` needs. */
  check(trx: Transaction<DB>, row: R): Promise<P> | P;
  /** Writes the step (row, history, audit) in the same transaction. */
  write(trx: Transaction<DB>, row: R, plan: P): Promise<T>;
}

/**
 * Runs one workflow step as load → lock → check → write in a single transaction. Everything inside must go
 * through `trx`: on SQLite the connection is held by the transaction, so a query on the outer handle waits
 * for it for ever; on PostgreSQL it would read outside the lock.
 */
export function lockedStep<DB, R, P, T>(db: Kysely<DB>, step: LockedStep<DB, R, P, T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const row = await step.load(trx);
    if (row === undefined) throw step.missing();
    const plan = await step.check(trx, row);
    return step.write(trx, row, plan);
  });
}

/**
 * Locks the rows a query will read for the rest of the transaction. PostgreSQL: `SELECT … FOR UPDATE`.
 * SQLite has no row locks and begins transactions deferred: `takeWriteLock` (a write that changes nothing)
 * first takes the database's single write lock, as `BEGIN IMMEDIATE` would, so no other connection can write
 * between this read and the step's write. Inside one process kysely's SQLite driver already runs one
 * transaction at a time; the write lock covers a second process (the CLI) on the same file.
 */
export async function lockForUpdate<Q extends { forUpdate(): Q }>(
  engine: Engine,
  query: Q,
  takeWriteLock: () => Promise<unknown>,
): Promise<Q> {
  if (engine === "postgres") return query.forUpdate();
  await takeWriteLock();
  return query;
}
