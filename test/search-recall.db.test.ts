// Search quality on real text (issue 12, "What it must show"): items of real legal text published through the
// real workflow in the demo county (the workflow's hooks fill the index), queries whose right
// answers are known by exact substring matching over the published title, body and 文号, and on each engine a
// recall of at least 0.95 in every category of word queries; on PostgreSQL the same corpus is built on SQLite
// too and every query must give the same top 10 (and the same total) on both engines.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_SITE_CODE, seedDemo } from "../src/demo/seed";
import { createDeps, type Deps, systemActor } from "../src/deps";
import { createTestDb, describeEachDialect, type TestDb, testConfig } from "./helpers/db";
import {
  buildCorpusItems,
  buildQueries,
  type CorpusItem,
  evaluateRecall,
  formatRecall,
  type KnownQuery,
  loadPublishedDocs,
  publishCorpus,
  type RecallRun,
} from "./helpers/search-corpus";

/**
 * Items published through the workflow per engine: 2,000 on each, as issue 12 asks. On PostgreSQL, asking every
 * query for all its pages is what costs (2,000 items: the workflow about 1 min, the 3,196 queries about 6 min on
 * a two-core machine), and the run also builds the same corpus on SQLite for the comparison; the other test files
 * run beside it (two at a time). scripts/search-corpus.ts builds more on either engine.
 */
const ITEMS = { sqlite: 2_000, postgres: 2_000 } as const;
const MIN_RECALL = 0.95;
const LONG = 25 * 60_000;

const jieba = Jieba.withDict(dict);

interface Corpus {
  items: CorpusItem[];
  queries: KnownQuery[];
}

function corpusOf(count: number): Corpus {
  const items = buildCorpusItems(count);
  return { items, queries: buildQueries(items, (t) => jieba.cut(t, false)) };
}

/** Seeds the demo county, publishes the corpus through the workflow and asks every query. */
async function buildAndAsk(deps: Deps, corpus: Corpus, label: string): Promise<RecallRun> {
  await seedDemo(deps, systemActor("test"));
  const site = await deps.db.kysely
    .selectFrom("sites")
    .select("id")
    .where("code", "=", DEMO_SITE_CODE)
    .executeTakeFirstOrThrow();
  const report = await publishCorpus(deps, corpus.items);
  const docs = await loadPublishedDocs(deps.db.kysely, site.id);
  const run = await evaluateRecall(deps, site.id, corpus.queries, docs);
  console.log(
    `[${label}] ${report.published} items published through the workflow in ${report.seconds.toFixed(1)} s; ` +
      `${corpus.queries.length} queries (all pages) in ${(run.queryMs / 1000).toFixed(1)} s\n${formatRecall(run.lines)}`,
  );
  expect(report.stopped).toBe(0);
  return run;
}

describeEachDialect(
  "search recall against exact substring matching (legal items published through the workflow)",
  (ctx) => {
    const corpus = corpusOf(ITEMS[ctx.dialect]);
    let run: RecallRun;
    let sqlite: TestDb | undefined;
    let sqliteRun: RecallRun | undefined;

    beforeAll(async () => {
      const t0 = performance.now();
      run = await buildAndAsk(ctx.deps, corpus, ctx.dialect);
      if (ctx.dialect === "postgres") {
        // The same corpus on SQLite, in the same test, for the comparison of the two engines.
        sqlite = await createTestDb("sqlite");
        const deps = createDeps(testConfig(sqlite.url), { db: sqlite.db });
        sqliteRun = await buildAndAsk(deps, corpus, "sqlite beside postgres");
      }
      console.log(
        `[${ctx.dialect}] corpus built and asked in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
    }, LONG);
    afterAll(async () => {
      await sqlite?.destroy();
    });

    it("has queries of every kind, nearly all with right answers", () => {
      const counts = Object.fromEntries(run.lines.map((l) => [l.category, l.queries]));
      expect(run.results.length).toBeGreaterThanOrEqual(200);
      for (const category of ["frequent", "two_char", "single_char", "multi_word", "phrase"])
        expect(counts[category], category).toBeGreaterThanOrEqual(30);
      // Every 文号 in all six bracket styles.
      expect(counts.doc_number).toBe(corpus.items.filter((i) => i.docNumber).length * 6);
      for (const line of run.lines) expect(line.empty, line.category).toBe(0);
    });

    it(`finds at least ${MIN_RECALL} of the right answers in every category`, () => {
      for (const line of run.lines)
        expect(line.recall, `${line.category}: ${line.found}/${line.expected}`).toBeGreaterThanOrEqual(
          MIN_RECALL,
        );
    });

    it("finds every 文号 in every bracket style, on the first page", () => {
      const missed = run.results
        .filter((r) => r.query.category === "doc_number")
        .filter((r) => [...r.expected].some((id) => !r.top.slice(0, 10).includes(id)))
        .map((r) => r.query.q);
      expect(missed).toEqual([]);
    });

    it.runIf(ctx.dialect === "postgres")(
      "gives the same top 10 and the same total on SQLite and PostgreSQL for every query",
      () => {
        expect(sqliteRun).toBeDefined();
        const differ: string[] = [];
        run.results.forEach((r, i) => {
          const s = sqliteRun!.results[i]!;
          const pgTop = r.topKeys.slice(0, 10);
          const sqTop = s.topKeys.slice(0, 10);
          if (r.total !== s.total || pgTop.join("\n") !== sqTop.join("\n"))
            differ.push(
              `${r.query.q}: total ${r.total} vs ${s.total}\n  postgres ${r.rawTop.join(" ")}\n  sqlite   ${s.rawTop.join(" ")}`,
            );
        });
        console.log(`top 10 compared on ${run.results.length} queries: ${differ.length} differ`);
        expect(differ).toEqual([]);
      },
    );
  },
);
