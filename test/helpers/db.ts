import { randomBytes } from "node:crypto";
import { copyFileSync, cpSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { type Config, loadConfig, loadTestSettings } from "../../src/config";
import { connectDb, type Db, type Dialect } from "../../src/db/connect";
import { migrateToLatest } from "../../src/db/migrator";
import { createDeps, type Deps } from "../../src/deps";
import { type Clock, systemClock } from "../../src/platform/time";

export interface TestDb {
  url: string;
  db: Db;
  dialect: Dialect;
  /** Closes the connection, then drops the database and its data folder. */
  destroy(): Promise<void>;
  /** Drops the database and its data folder, its connection already closed (a demo template). */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own: a temp SQLite file, or a new PostgreSQL database dropped afterwards.
 * With `from`, a copy of that (closed) database instead, data folder included, not migrated again
 * (test/helpers/demo-template.ts).
 */
export async function createTestDb(
  dialect: Dialect,
  opts: { migrate?: boolean; prefix?: string; from?: string } = {},
): Promise<TestDb> {
  const name = `${opts.prefix ?? "gk_test"}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  let url: string;
  let cleanup: () => Promise<void>;
  if (dialect === "sqlite") {
    const file = join(tmpdir(), `${name}.db`);
    url = `sqlite:${file}`;
    if (opts.from) copyFileSync(opts.from.replace(/^sqlite:/, ""), file);
    cleanup = async () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    };
  } else {
    const admin = loadTestSettings().postgresAdminUrl;
    const client = new pg.Client({ connectionString: admin });
    try {
      await client.connect();
    } catch (e) {
      throw new Error(
        `PostgreSQL is required for the postgres suites but ${admin} does not answer: ${String(e)}`,
      );
    }
    if (opts.from) await createFromTemplate(client, name, new URL(opts.from).pathname.slice(1));
    else
      await client.query(
        `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
      );
    // A throwaway database: commits need not wait for the WAL to reach the disk (no fsync per transaction), which
    // is most of a PostgreSQL suite's time on a small machine. Locking and isolation are unchanged.
    await client.query(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
    await client.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      // Wait for the closed pool's backends to go before dropping, so none is killed mid-goodbye.
      for (let i = 0; i < 50; i++) {
        const r = await c.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
        if (r.rows[0].n === 0) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  }
  if (opts.from && existsSync(testDataDir(opts.from)))
    cpSync(testDataDir(opts.from), testDataDir(url), { recursive: true });
  const drop = async () => {
    await cleanup();
    rmSync(testDataDir(url), { recursive: true, force: true });
  };
  const db = connectDb(url);
  if (opts.migrate !== false && !opts.from) await migrateToLatest(db);
  return {
    url,
    db,
    dialect,
    async destroy() {
      await db.close();
      await drop();
    },
    drop,
  };
}

/** A copy of a database nobody is connected to (its backends may take a moment to go after its pool closed). */
async function createFromTemplate(client: pg.Client, name: string, template: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (e) {
      // 55006: source database is being accessed by other users.
      if ((e as { code?: string }).code !== "55006" || i >= 100) throw e;
      await new Promise((res) => setTimeout(res, 50));
    }
  }
}

/** A data folder per test database: files beside the data (the audit head file) must not mix databases. */
export const testDataDir = (url: string): string =>
  join(tmpdir(), "gongkai-test", url.replace(/^.*[/:]/, "").replace(/\.db$/, "") || "shared");

export function testConfig(url: string, overrides: Partial<Config> = {}): Config {
  return loadConfig(
    { NODE_ENV: "test", GONGKAI_DATABASE_URL: url, GONGKAI_DATA_DIR: testDataDir(url) },
    { secretKey: Buffer.alloc(32, 7), ...overrides },
  );
}

export const testDialects = (): Dialect[] => loadTestSettings().dialects;

export interface DialectContext {
  dialect: Dialect;
  /** Available inside tests (set in beforeAll). */
  deps: Deps;
  testDb: TestDb;
  /**
   * Set when the suite runs with the default clock and configuration: puts another database in the context
   * (the demo-seeded copy of test/helpers/demo-template.ts), with deps built for it as for the first.
   */
  replaceDb?: (testDb: TestDb) => Promise<void>;
}

/**
 * Runs a suite once per engine selected for this run (GONGKAI_TEST_DIALECTS), each on a fresh database.
 * Test names carry the engine in brackets, which is how `npm test` counts tests per engine.
 */
export function describeEachDialect(
  title: string,
  fn: (ctx: DialectContext) => void,
  opts: { clock?: Clock; config?: Partial<Config> } = {},
): void {
  for (const dialect of testDialects()) {
    describe(`[${dialect}] ${title}`, () => {
      const ctx = { dialect } as DialectContext;
      beforeAll(async () => {
        const use = (tdb: TestDb) => {
          ctx.testDb = tdb;
          ctx.deps = createDeps(testConfig(tdb.url, opts.config), {
            db: tdb.db,
            clock: opts.clock ?? systemClock,
          });
        };
        use(await createTestDb(dialect));
        if (!opts.clock && !opts.config)
          ctx.replaceDb = async (next) => {
            const old = ctx.testDb;
            use(next);
            await old.destroy();
          };
      });
      afterAll(async () => {
        await ctx.testDb?.destroy();
      });
      fn(ctx);
    });
  }
}
