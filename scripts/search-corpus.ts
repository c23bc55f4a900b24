// Builds the search test corpus (issue 12): at least 2,000 items of real legal text from ../shared/corpus/,
// published through the real publishing workflow in the demo county (drafted, submitted, approved, signed and
// published by the demo staff, so the workflow's own hooks fill the search index), then the queries whose right
// answers are known by exact substring matching, and the recall of the index against them, per category.
//
//   node bin/run-ts.mjs scripts/search-corpus.ts [--database sqlite|URL] [--items N]
//        [--queries FILE] [--concurrency N] [--drop]
//
// --database: `sqlite` (default: a new file in the temp folder) or the URL of an empty database, migrated and
// seeded here (PostgreSQL: `createdb -h 127.0.0.1 -U postgres -T template0 -E UTF8 --lc-collate=C.UTF-8
// --lc-ctype=C.UTF-8 gk_corpus`, then --database postgres://postgres@127.0.0.1:5432/gk_corpus).
// --concurrency: items published at once on PostgreSQL (default 4; SQLite publishes one at a time).
// --queries FILE writes the queries with their right answers (item ids) as JSON. --drop deletes the SQLite file
// at the end (otherwise it is kept and its URL printed: `GONGKAI_DATABASE_URL=… gongkai serve` shows it).
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { loadConfig } from "../src/config";
import { connectDb } from "../src/db/connect";
import { migrateToLatest } from "../src/db/migrator";
import { DEMO_SITE_CODE, seedDemo } from "../src/demo/seed";
import { createDeps, systemActor } from "../src/deps";
import {
  buildCorpusItems,
  buildQueries,
  evaluateRecall,
  formatRecall,
  loadPublishedDocs,
  publishCorpus,
  rightAnswers,
} from "../test/helpers/search-corpus";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "sqlite" },
    items: { type: "string", default: "2000" },
    queries: { type: "string" },
    concurrency: { type: "string", default: "4" },
    drop: { type: "boolean", default: false },
  },
});
const count = Number(values.items);
if (!Number.isInteger(count) || count < 1)
  throw new Error(`--items must be a positive number, got ${values.items}`);

const name = `gongkai-search-corpus-${Date.now().toString(36)}`;
const file = join(tmpdir(), `${name}.db`);
const url = values.database === "sqlite" ? `sqlite:${file}` : values.database!;
const drop = async () => {
  for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
};

const dataDir = join(tmpdir(), `${name}-data`);
const db = connectDb(url);
try {
  await migrateToLatest(db);
  const config = loadConfig(
    { NODE_ENV: "test", GONGKAI_DATABASE_URL: url, GONGKAI_DATA_DIR: dataDir },
    { secretKey: Buffer.alloc(32, 7) },
  );
  const deps = createDeps(config, { db });
  const t0 = performance.now();
  await seedDemo(deps, systemActor("search-corpus"));
  console.log(`demo county seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s (${db.dialect})`);

  const items = buildCorpusItems(count);
  const report = await publishCorpus(deps, items, {
    concurrency: Number(values.concurrency),
    onProgress: (done) => process.stdout.write(`\r${done}/${items.length} published`),
  });
  console.log(
    `\n${report.published} items published through the workflow in ${report.seconds.toFixed(1)} s ` +
      `(${(report.published / report.seconds).toFixed(1)} items/s; ${report.stopped} stopped by the review scan)`,
  );

  const site = await db.kysely
    .selectFrom("sites")
    .select("id")
    .where("code", "=", DEMO_SITE_CODE)
    .executeTakeFirstOrThrow();
  const docs = await loadPublishedDocs(db.kysely, site.id);
  const jieba = Jieba.withDict(dict);
  const queries = buildQueries(items, (t) => jieba.cut(t, false));
  console.log(`${queries.length} queries with known answers over ${docs.length} published items`);
  if (values.queries) {
    const out = queries.map((q) => ({ ...q, answers: [...rightAnswers(q, docs)] }));
    writeFileSync(values.queries, JSON.stringify(out, null, 1));
    console.log(`queries and right answers written to ${values.queries}`);
  }
  const recall = await evaluateRecall(deps, site.id, queries, docs);
  console.log(`\nrecall against exact substring matching (${db.dialect}):\n${formatRecall(recall.lines)}`);
  console.log(`queries: ${recall.queryMs.toFixed(0)} ms in all`);
  if (!values.drop) console.log(`\ndatabase kept: GONGKAI_DATABASE_URL=${url} GONGKAI_DATA_DIR=${dataDir}`);
} finally {
  await db.close();
  if (values.drop) {
    rmSync(dataDir, { recursive: true, force: true });
    if (values.database === "sqlite") await drop();
  }
}
