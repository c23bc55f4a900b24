import type { Dialect } from "../../src/db/connect";
import { seedDemo } from "../../src/demo/seed";
import { createDeps, type Deps, systemActor } from "../../src/deps";
import { systemClock } from "../../src/platform/time";
import { createTestDb, type DialectContext, type TestDb, testConfig } from "./db";
import { templatePrefix } from "./global-setup";

// Seeding the demo county takes 3-10 s a suite on a busy 2-core machine, and about a hundred suites on each engine
// seed it the same way. So a worker seeds it once per engine and set of options into a template database, and each
// suite gets a copy: a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL, the data folder (the audit
// head file) copied beside it. A worker keeps its templates between files (vitest's isolate: false); a template is
// made again when the Shanghai day has changed since or it is older than 20 minutes, so the demo's "today" and its
// relative dates stay those of a fresh seed. Suites with their own clock or configuration seed directly.

type SeedOpts = Parameters<typeof seedDemo>[2];
/** More demo data on top of seedDemo's (the browser journeys' applications), part of the template. */
interface Extra {
  name: string;
  seed(deps: Deps): Promise<unknown>;
}
interface Template {
  db: TestDb;
  day: string;
  made: number;
}

const MAX_AGE_MS = 20 * 60_000;
const templates = new Map<string, Promise<Template>>();
const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function seedInto(tdb: TestDb, opts: SeedOpts, extra?: Extra): Promise<Deps> {
  const deps = createDeps(testConfig(tdb.url), { db: tdb.db, clock: systemClock });
  await seedDemo(deps, systemActor("test"), opts);
  if (extra) await extra.seed(deps);
  return deps;
}

async function makeTemplate(dialect: Dialect, opts: SeedOpts, extra?: Extra): Promise<Template> {
  const made = new Date();
  const tdb = await createTestDb(dialect, { prefix: templatePrefix() });
  const deps = await seedInto(tdb, opts, extra);
  // Closing the audit-bound handle writes the last audit head into the data folder first.
  await deps.db.close();
  return { db: tdb, day: shanghaiDay(made), made: made.getTime() };
}

/**
 * The demo county in the context's database, as `seedDemo(ctx.deps, systemActor("test"), opts)` would leave it:
 * a copy of this worker's template when the suite allows (see above; with GONGKAI_TEST_TEMPLATES=0 a new database
 * seeded for it), else seeded in place.
 */
export async function seedTestDemo(ctx: DialectContext, opts: SeedOpts = {}): Promise<void> {
  if (ctx.replaceDb) await ctx.replaceDb(await demoTestDb(ctx.dialect, opts));
  else await seedDemo(ctx.deps, systemActor("test"), opts);
}

/** A database of its own holding the demo county (and `extra`): a copy of this worker's template. */
export async function demoTestDb(dialect: Dialect, opts: SeedOpts = {}, extra?: Extra): Promise<TestDb> {
  if (process.env.GONGKAI_TEST_TEMPLATES === "0") {
    const tdb = await createTestDb(dialect);
    try {
      await seedInto(tdb, opts, extra);
    } catch (e) {
      await tdb.destroy();
      throw e;
    }
    return tdb;
  }
  const key = `${dialect}:${JSON.stringify(opts ?? {})}:${extra?.name ?? ""}`;
  let template = await templates.get(key)?.catch(() => undefined);
  const now = new Date();
  if (!template || template.day !== shanghaiDay(now) || now.getTime() - template.made > MAX_AGE_MS) {
    const old = template;
    const next = makeTemplate(dialect, opts, extra);
    templates.set(key, next);
    template = await next;
    if (old) await old.db.drop();
  }
  return createTestDb(dialect, { from: template.db.url });
}
