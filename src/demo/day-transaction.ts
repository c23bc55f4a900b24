// The demo plays six years of a county in one process with nobody else on the database, so it commits once
// per simulated day instead of once per step. Every step still runs through its service as load → lock →
// check → write in a transaction of its own: here that transaction is a SAVEPOINT inside the day's, released
// when the step succeeds and rolled back when it throws, so a step that fails leaves nothing behind, exactly
// as a transaction would.
import type { ControlledTransaction, Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Deps } from "../deps";

/** A handle on the day's transaction whose `transaction()` opens a savepoint instead of a new transaction. */
/** The savepoint calls, typed by name only (kysely types savepoint names as a compile-time list). */
interface Savepoints {
  savepoint(name: string): { execute(): Promise<unknown> };
  releaseSavepoint(name: string): { execute(): Promise<unknown> };
  rollbackToSavepoint(name: string): { execute(): Promise<unknown> };
}

function nestable(trx: ControlledTransaction<Database>): Kysely<Database> {
  const sp = trx as unknown as Savepoints;
  let savepoints = 0;
  const handle: Kysely<Database> = new Proxy(trx, {
    get(target, prop) {
      if (prop === "transaction") return () => builder();
      if (prop === "startTransaction" || prop === "connection")
        throw new Error(`the demo's day transaction does not support ${String(prop)}()`);
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as unknown as Kysely<Database>;
  const builder = () => {
    const b = {
      setIsolationLevel: () => b,
      setAccessMode: () => b,
      async execute<T>(fn: (t: Kysely<Database>) => Promise<T>): Promise<T> {
        const name = `step${++savepoints}`;
        await sp.savepoint(name).execute();
        try {
          const result = await fn(handle);
          await sp.releaseSavepoint(name).execute();
          return result;
        } catch (e) {
          await sp.rollbackToSavepoint(name).execute();
          throw e;
        }
      },
    };
    return b;
  };
  return handle;
}

/** Runs `fn` with deps whose database is one transaction, committed when it returns, rolled back if it throws. */
export async function inDayTransaction<T>(deps: Deps, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const trx = await deps.db.kysely.startTransaction().execute();
  try {
    const result = await fn({ ...deps, db: { ...deps.db, kysely: nestable(trx) } });
    await trx.commit().execute();
    return result;
  } catch (e) {
    await trx.rollback().execute();
    throw e;
  }
}
