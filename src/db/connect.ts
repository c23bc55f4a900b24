import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import {
  Kysely,
  type Dialect as KyselyDialect,
  type SqliteDatabase as KyselySqliteDatabase,
  PostgresDialect,
  SqliteDialect,
  type SqliteStatement,
} from "kysely";
import pg from "pg";
import { type InstanceEvents, pgEvents } from "./events";
import type { Database } from "./schema";

export type Dialect = "sqlite" | "postgres";

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
  /** Calls `listener` after each committed transaction (the audit head is anchored then); returns an unsubscribe. */
  onCommit?(listener: () => void): () => void;
  /** PostgreSQL: events between the instances on this database (src/db/events.ts); SQLite has one process. */
  events?: InstanceEvents;
}

/** Wraps a dialect so that listeners hear of every committed transaction, whichever handle opened it. */
function notifyingCommits(dialect: KyselyDialect, listeners: Set<() => void>): KyselyDialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => {
      const driver = dialect.createDriver();
      const commit = driver.commitTransaction.bind(driver);
      driver.commitTransaction = async (connection) => {
        await commit(connection);
        for (const l of listeners) {
          try {
            l();
          } catch {
            // A listener never turns a committed transaction into an error.
          }
        }
      };
      return driver;
    },
  };
}

function commitListeners() {
  const listeners = new Set<() => void>();
  const onCommit = (l: () => void) => {
    listeners.add(l);
    return () => void listeners.delete(l);
  };
  return { listeners, onCommit };
}

/**
 * SQLite has one connection: a query on the database handle made inside a transaction's callback (instead of on
 * `trx`) waits for that same connection for ever, and every later request waits behind it. This makes such a
 * query fail at once, naming the mistake, so a test on SQLite catches it instead of hanging. The mark lives in the
 * callback's async context and is cleared when the callback ends (work it left running may then query).
 */
const openTransaction = new AsyncLocalStorage<{ open: boolean }>();

export class QueryOutsideTransactionError extends Error {
  constructor() {
    super(
      "a query on the database handle inside an open transaction: use the transaction (trx) instead " +
        "(on SQLite this would wait for the transaction's own connection for ever)",
    );
    this.name = "QueryOutsideTransactionError";
  }
}

/** Wraps a dialect's driver so a connection asked for inside a transaction's callback is refused. */
function refusingNestedConnections(dialect: KyselyDialect): KyselyDialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => {
      const driver = dialect.createDriver();
      const acquire = driver.acquireConnection.bind(driver);
      driver.acquireConnection = async () => {
        if (openTransaction.getStore()?.open) throw new QueryOutsideTransactionError();
        return acquire();
      };
      return driver;
    },
  };
}

interface TransactionBuilderLike {
  execute<T>(fn: (trx: unknown) => Promise<T>): Promise<T>;
}

/** `kysely.transaction()` whose callback runs marked as inside the transaction (see refusingNestedConnections). */
function markingTransactions(kysely: Kysely<Database>): Kysely<Database> {
  const wrap = (builder: TransactionBuilderLike): TransactionBuilderLike =>
    new Proxy(builder, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop === "execute")
          return <T>(fn: (trx: unknown) => Promise<T>) =>
            target.execute(async (trx) => {
              const mark = { open: true };
              try {
                return await openTransaction.run(mark, () => fn(trx));
              } finally {
                mark.open = false;
              }
            });
        if (typeof value !== "function") return value;
        // setIsolationLevel / setAccessMode return a new builder: keep it marking.
        return (...args: unknown[]) => {
          const r = value.apply(target, args);
          return r && typeof r === "object" && "execute" in r ? wrap(r as TransactionBuilderLike) : r;
        };
      },
    });
  const transaction = kysely.transaction.bind(kysely);
  (kysely as unknown as { transaction: () => TransactionBuilderLike }).transaction = () =>
    wrap(transaction() as unknown as TransactionBuilderLike);
  return kysely;
}

export function dialectOf(url: string): Dialect {
  return url.startsWith("sqlite:") ? "sqlite" : "postgres";
}

/** Distinct SQL texts kept prepared; past this the cache starts again (queries are built, not concatenated). */
const STATEMENT_CACHE_SIZE = 2000;

/**
 * better-sqlite3 as Kysely's SQLite driver sees it, with each SQL text prepared once: Kysely prepares the
 * statement on every query, and compiling it cost about as much as running it (half the CPU of seeding the
 * demo county). Kysely's queries put values in parameters, so the texts are few. A statement that is being
 * iterated (Kysely's streaming) is busy, so streaming gets a fresh one; SQLite recompiles a cached statement
 * itself after a schema change.
 */
function cachingStatements(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = (sql: string): SqliteStatement => {
    let stmt = cache.get(sql);
    if (stmt === undefined || stmt.busy) {
      stmt = sqlite.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      cache.set(sql, stmt);
    }
    return stmt as unknown as SqliteStatement;
  };
  return {
    prepare,
    close: () => {
      cache.clear();
      sqlite.close();
    },
  };
}

export function connectDb(url: string): Db {
  if (dialectOf(url) === "sqlite") {
    const file = url.slice("sqlite:".length);
    if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
    const sqlite = new SqliteDatabase(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("synchronous = NORMAL");
    const { listeners, onCommit } = commitListeners();
    const kysely = markingTransactions(
      new Kysely<Database>({
        dialect: refusingNestedConnections(
          notifyingCommits(new SqliteDialect({ database: cachingStatements(sqlite) }), listeners),
        ),
      }),
    );
    return { kysely, dialect: "sqlite", close: () => kysely.destroy(), onCommit };
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client whose server connection ends (restart, failover) must not crash the process;
  // the pool discards it and the next query opens a new one.
  pool.on("error", () => {});
  const { listeners, onCommit } = commitListeners();
  const kysely = new Kysely<Database>({
    dialect: notifyingCommits(new PostgresDialect({ pool }), listeners),
  });
  const events = pgEvents(pool, url);
  return {
    kysely,
    dialect: "postgres",
    close: async () => {
      await events.close();
      await kysely.destroy();
    },
    onCommit,
    events,
  };
}
