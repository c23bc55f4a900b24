import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectDb, type Db, QueryOutsideTransactionError } from "./connect";
import { migrateToLatest } from "./migrator";

// SQLite has one connection: a query on the database handle inside a transaction's callback would wait for ever.
// It fails at once instead; queries on trx, independent work and work left running after the commit go on.
const file = join(tmpdir(), `gk-connect-${process.pid}-${Date.now()}.db`);
let db: Db;
beforeAll(async () => {
  db = connectDb(`sqlite:${file}`);
  await migrateToLatest(db);
});
afterAll(async () => {
  await db.close();
  for (const s of ["", "-wal", "-shm"]) rmSync(`${file}${s}`, { force: true });
});

const countSites = (k: Db["kysely"]) =>
  k
    .selectFrom("sites")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();

it("refuses a query on the handle inside a transaction, naming the mistake, instead of hanging", async () => {
  await expect(
    db.kysely.transaction().execute(async (trx) => {
      await countSites(trx);
      await countSites(db.kysely);
    }),
  ).rejects.toBeInstanceOf(QueryOutsideTransactionError);
  // The same, with an isolation level set on the builder.
  await expect(
    db.kysely
      .transaction()
      .setIsolationLevel("serializable")
      .execute(async () => countSites(db.kysely)),
  ).rejects.toBeInstanceOf(QueryOutsideTransactionError);
  // The connection was given back: the database still answers.
  expect(Number((await countSites(db.kysely)).n)).toBeGreaterThanOrEqual(0);
});

it("lets transactions and queries from independent requests wait their turn, and later work query", async () => {
  let later: Promise<unknown> | undefined;
  const results = await Promise.all([
    db.kysely.transaction().execute(async (trx) => {
      later = new Promise((r) => setTimeout(r, 5)).then(() => countSites(db.kysely));
      return countSites(trx);
    }),
    countSites(db.kysely),
    db.kysely.transaction().execute((trx) => countSites(trx)),
  ]);
  expect(results).toHaveLength(3);
  await expect(later).resolves.toBeDefined();
});
