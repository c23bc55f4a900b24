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
import type { Database } from "./schema";

export type Dialect = "sqlite" | "postgres";

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
  /** Calls `listener` after each committed transaction (the audit head is anchored then); returns an unsubscribe. */
  onCommit?(listener: () => void): () => void;
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
    const kysely = new Kysely<Database>({
      dialect: notifyingCommits(new SqliteDialect({ database: cachingStatements(sqlite) }), listeners),
    });
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
  return { kysely, dialect: "postgres", close: () => kysely.destroy(), onCommit };
}
