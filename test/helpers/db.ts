import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
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
  destroy(): Promise<void>;
}

/** A fresh, migrated database of its own: a temp SQLite file, or a new PostgreSQL database dropped afterwards. */
export async function createTestDb(dialect: Dialect, opts: { migrate?: boolean } = {}): Promise<TestDb> {
  const name = `gk_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  let url: string;
  let cleanup: () => Promise<void>;
  if (dialect === "sqlite") {
    const file = join(tmpdir(), `${name}.db`);
    url = `sqlite:${file}`;
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
  const db = connectDb(url);
  if (opts.migrate !== false) await migrateToLatest(db);
  return {
    url,
    db,
    dialect,
    async destroy() {
      await db.close();
      await cleanup();
      rmSync(testDataDir(url), { recursive: true, force: true });
    },
  };
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
        ctx.testDb = await createTestDb(dialect);
        ctx.deps = createDeps(testConfig(ctx.testDb.url, opts.config), {
          db: ctx.testDb.db,
          clock: opts.clock ?? systemClock,
        });
      });
      afterAll(async () => {
        await ctx.testDb?.destroy();
      });
      fn(ctx);
    });
  }
}
