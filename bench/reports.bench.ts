// Annual report benchmark (issue 14): the county's report of 2025 (tables 二, 三, 四 and the check, every
// organisation summed) over 100,000 applications received in the year among 1,000,000 published items, on
// SQLite and on PostgreSQL, beside a bare `SELECT count(*)` over the same applications and items in the same run.
// Per engine:
//   1. the demo county seeded as an operator would (`gongkai seed demo`), then the rows generated in bulk
//      (bench/reports-generate.ts: every applicant type and outcome, carry-in and carry-out, three years of
//      history, the next year's first weeks, merged and unregistered applications, reviews and lawsuits);
//      PostgreSQL's statistics refreshed with ANALYZE as autovacuum would after such a load;
//   2. the baseline: `SELECT count(*)` over applications and over items, in a process of its own;
//   3. the report as the product computes it, each after one warm-up, median of RUNS:
//      - the service call (computeAnnualReport, as the CLI and the pages call it) in a worker process;
//      - `gongkai report annual --year 2025 --format json` as a child process, wall time (median of CLI_RUNS, 3 by
//        default), beside the same command rejected for its year (`--year 2020`: the process's start-up,
//        configuration and migration check);
//      - GET /api/v1/reports/annual?year=2025 of `gongkai serve` as shipped (NODE_ENV=production, own process),
//        asked by an HTTP client in another process with a staff (office) token;
//   4. every report read back is checked against what the generator counted (cell by cell, tables 三 and 四,
//      over the demo county's own report before the load) and its check 一 + 二 = （七）+ 四 must hold.
// Target: the report under 2 s, through the service and through HTTP: PASS/FAIL. The CLI's wall time is printed
// beside its start-up for information (on a busy machine the start-up's noise is larger than the report).
// Run: npm run bench -- reports                  the full size (1,000,000 items, 100,000 applications; about
//                                                  10 minutes per engine on a busy 2-core machine)
//      npm run bench -- reports --quick          100,000 items and 10,000 applications
//      npm run bench -- reports --items N --applications M --runs R --cli-runs C --engines sqlite,postgres --keep
// PostgreSQL: GONGKAI_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); the bench
// creates gongkai_bench_reports_<random> and drops it afterwards. Data under BENCH_DIR (default a temp dir).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, openSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { loadTestSettings } from "../src/config";
import { connectDb } from "../src/db/connect";
import { type AnnualReport, computeAnnualReport } from "../src/domains/reports";
import { freePort, stop, waitFor } from "./processes";
import { type Generated, generate, REPORT_YEAR } from "./reports-generate";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "..");
const TARGET_MS = 2_000;

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const quick = process.argv.includes("--quick");
const ITEMS = Number(flag("items") ?? (quick ? 100_000 : 1_000_000));
const APPLICATIONS = Number(flag("applications") ?? (quick ? 10_000 : 100_000));
const RUNS = Math.max(5, Number(flag("runs") ?? 5));
/** The CLI is a process start each time (seconds of start-up on a busy machine): fewer runs by default. */
const CLI_RUNS = Math.max(1, Number(flag("cli-runs") ?? 3));
const ENGINES = (flag("engines") ?? "sqlite,postgres").split(",") as Array<"sqlite" | "postgres">;
const KEEP = process.argv.includes("--keep");
/** The server's port (BENCH_PORT=0: any free port, for two runs at once). */
const PORT = Number(process.env.BENCH_PORT ?? 4104);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} (${cpus().length} cores)`;
const n = (x: number) => x.toLocaleString("en");

interface EngineResult {
  engine: string;
  rows: { items: number; applications: number; disputes: number };
  seedSeconds: number;
  genSeconds: number;
  countApps: number;
  countItems: number;
  service: number;
  cli: number;
  cliStart: number;
  http: number;
  verified: string[];
}

/** Runs bench/reports-worker.ts in a process of its own and returns its JSON line. */
async function worker<T>(args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, ["bin/run-ts.mjs", "bench/reports-worker.ts", ...args], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: "production" },
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as T;
}

/** The cells of tables 三 and 四 that differ from before + what the generator counted (empty: right). */
function verify(what: string, before: AnnualReport, gen: Generated, r: AnnualReport): string[] {
  const problems: string[] = [];
  if (r.year !== REPORT_YEAR || r.org !== null) problems.push(`${what}: year ${r.year}, org ${r.org}`);
  for (const [row, cells] of Object.entries(r.table3)) {
    for (const [col, got] of Object.entries(cells)) {
      const added =
        col === "total"
          ? Object.values(gen.table3[row] ?? {}).reduce((a, b) => a + b, 0)
          : (gen.table3[row]?.[col] ?? 0);
      const want = (before.table3 as Record<string, Record<string, number>>)[row]![col]! + added;
      if (got !== want) problems.push(`${what}: table3.${row}.${col} ${got}, expected ${want}`);
    }
  }
  for (const [kind, cells] of Object.entries(r.table4)) {
    for (const [res, got] of Object.entries(cells)) {
      const want =
        (before.table4 as Record<string, Record<string, number>>)[kind]![res]! +
        (gen.table4[kind]?.[res] ?? 0);
      if (got !== want) problems.push(`${what}: table4.${kind}.${res} ${got}, expected ${want}`);
    }
  }
  const failing = r.checks.filter((c) => !c.ok).map((c) => c.name);
  if (failing.length) problems.push(`${what}: check failing: ${failing.join(", ")}`);
  return problems;
}

async function benchEngine(engine: "sqlite" | "postgres", base: string): Promise<EngineResult> {
  const dir = join(base, engine);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let url = `sqlite:${join(dir, "gongkai.db")}`;
  let dropDb: (() => Promise<void>) | undefined;
  if (engine === "postgres") {
    const admin = loadTestSettings().postgresAdminUrl;
    const name = `gongkai_bench_reports_${randomBytes(4).toString("hex")}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(
      `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
    );
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDb = async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await d.end();
    };
    console.log(`database ${name}`);
  }
  const secret = randomBytes(32);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GONGKAI_DATABASE_URL: url,
    GONGKAI_DATA_DIR: join(dir, "data"),
    GONGKAI_SECRET_KEY: secret.toString("hex"),
  };
  // As shipped: default logging (bench/run.ts built dist/).
  delete env.GONGKAI_LOG_LEVEL;
  let server: ChildProcess | undefined;
  try {
    console.log(
      `\n== reports on ${engine}: ${n(ITEMS)} items, ${n(APPLICATIONS)} applications received in ${REPORT_YEAR} (${load()})`,
    );
    // 1. The demo county, seeded as an operator would; then the rows.
    const s0 = performance.now();
    await run(process.execPath, ["bin/gongkai.mjs", "seed", "demo"], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: "development" },
    });
    const seedSeconds = (performance.now() - s0) / 1000;
    const db = connectDb(url);
    const site = await db.kysely
      .selectFrom("sites")
      .select("id")
      .where("code", "=", "guyang")
      .executeTakeFirstOrThrow();
    const before = await computeAnnualReport({ db }, site.id, { year: REPORT_YEAR });
    const progress = (what: string) => {
      if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K${what}`);
    };
    const gen = await generate(db, {
      items: ITEMS,
      applications: APPLICATIONS,
      secretKey: secret,
      onProgress: progress,
    });
    if (process.stdout.isTTY) process.stdout.write("\r\x1b[K");
    let analyse = 0;
    if (engine === "postgres") {
      const t = performance.now();
      await sql`ANALYZE`.execute(db.kysely);
      analyse = (performance.now() - t) / 1000;
    }
    await db.close();
    console.log(
      `demo county seeded in ${seedSeconds.toFixed(1)} s; generated ${n(gen.items)} items, ${n(gen.applications)} applications and ${n(gen.disputes)} disputes in ${gen.seconds.toFixed(1)} s = ${n(Math.round((gen.items + gen.applications + gen.disputes) / gen.seconds))} rows/s${engine === "postgres" ? ` (then ANALYZE ${analyse.toFixed(1)} s)` : ""}`,
    );
    console.log(
      `  applications: ${Object.entries(gen.shape)
        .map(([k, v]) => `${k} ${n(v)}`)
        .join(", ")}`,
    );
    const t3 = (row: string) => Object.values(gen.table3[row] ?? {}).reduce((a, b) => a + b, 0);
    console.log(
      `  expected in ${REPORT_YEAR} (generated rows alone): received ${n(t3("received"))}, carried in ${n(t3("carried_in"))}, handled ${n(t3("total"))}, carried out ${n(t3("carried_out"))}; disputes filed ${n(Object.values(gen.table4).reduce((a, c) => a + (c.total ?? 0), 0))}`,
    );

    // 2. The baseline.
    const count = await worker<{
      apps: number[];
      items: number[];
      rows: { applications: number; items: number };
    }>(["count", url, String(RUNS)]);
    const countApps = median(count.apps);
    const countItems = median(count.items);
    console.log(
      `baseline SELECT count(*): applications (${n(count.rows.applications)} rows) ${fmt(countApps)}, items (${n(count.rows.items)} rows) ${fmt(countItems)}, both ${fmt(countApps + countItems)} (median of ${RUNS})`,
    );

    // 3a. The service call in a worker process.
    const svc = await worker<{ times: number[]; report: AnnualReport }>(["service", url, String(RUNS)]);
    const service = median(svc.times);
    console.log(
      `service computeAnnualReport (worker process): median ${fmt(service)} [${svc.times.map(fmt).join(", ")}]`,
    );

    // 3b. The CLI, and the CLI rejecting the year (its start-up).
    const cliTimes: number[] = [];
    const startTimes: number[] = [];
    let cliReport: AnnualReport | undefined;
    const cliEnv = { ...env, NODE_ENV: "production" };
    for (let i = 0; i <= CLI_RUNS; i++) {
      const t = performance.now();
      const { stdout } = await run(
        process.execPath,
        ["bin/gongkai.mjs", "report", "annual", "--year", String(REPORT_YEAR), "--format", "json"],
        { cwd: ROOT, env: cliEnv, maxBuffer: 64 * 1024 * 1024 },
      );
      if (i > 0) cliTimes.push(performance.now() - t);
      cliReport = JSON.parse(stdout) as AnnualReport;
      if (i === 0) continue;
      const t1 = performance.now();
      const rejected = await run(
        process.execPath,
        ["bin/gongkai.mjs", "report", "annual", "--year", "2020"],
        {
          cwd: ROOT,
          env: cliEnv,
        },
      ).then(
        () => false,
        (e: { code?: number }) => e.code === 2,
      );
      if (!rejected) throw new Error("gongkai report annual --year 2020 did not exit 2");
      startTimes.push(performance.now() - t1);
    }
    const cli = median(cliTimes);
    const cliStart = median(startTimes);
    console.log(
      `CLI gongkai report annual --year ${REPORT_YEAR} --format json: median of ${CLI_RUNS} ${fmt(cli)} wall [${cliTimes.map(fmt).join(", ")}]; the same rejecting --year 2020 (start-up, config, migration check) ${fmt(cliStart)} [${startTimes.map(fmt).join(", ")}]`,
    );

    // 3c. The server as shipped, its HTTP client in another process.
    const { stdout: token } = await run(
      process.execPath,
      ["bin/gongkai.mjs", "token", "create", "--username", "demo-office", "--label", "bench"],
      { cwd: ROOT, env: cliEnv },
    );
    const log = openSync(join(dir, "serve.log"), "w");
    const port = PORT || (await freePort());
    server = spawn(process.execPath, ["bin/gongkai.mjs", "serve"], {
      cwd: ROOT,
      env: {
        ...cliEnv,
        PORT: String(port),
        HOST: "127.0.0.1",
        GONGKAI_RATE_API_PER_MINUTE: "100000",
      },
      stdio: ["ignore", log, log],
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitFor(`${baseUrl}/healthz`, server, "gongkai serve");
    const http = await worker<{ times: number[]; statuses: number[]; report: AnnualReport }>([
      "http",
      baseUrl,
      token.trim(),
      String(RUNS),
    ]);
    await stop(server);
    server = undefined;
    const httpMs = median(http.times);
    console.log(
      `GET /api/v1/reports/annual?year=${REPORT_YEAR} (gongkai serve, NODE_ENV=production; client in its own process): median ${fmt(httpMs)} [${http.times.map(fmt).join(", ")}]${http.statuses.every((s) => s === 200) ? "" : ` statuses ${http.statuses.join(",")}`}`,
    );

    // 4. The reports read back, against the generator's counts.
    const problems = [
      ...verify("service", before, gen, svc.report),
      ...verify("CLI", before, gen, cliReport!),
      ...verify("HTTP", before, gen, http.report),
    ];
    if (JSON.stringify(svc.report.table3) !== JSON.stringify(http.report.table3))
      problems.push("HTTP and service table 三 differ");
    console.log(
      problems.length
        ? `report cells WRONG:\n  ${problems.slice(0, 20).join("\n  ")}`
        : `report cells right: every cell of tables 三 and 四 (service, CLI and HTTP) = demo county's + generated; check 一 + 二 = （七）+ 四 holds; received ${n(svc.report.table3.received.total)}, carried in ${n(svc.report.table3.carried_in.total)}, handled ${n(svc.report.table3.total.total)}, carried out ${n(svc.report.table3.carried_out.total)}`,
    );
    return {
      engine,
      rows: { items: count.rows.items, applications: count.rows.applications, disputes: gen.disputes },
      seedSeconds,
      genSeconds: gen.seconds,
      countApps,
      countItems,
      service,
      cli,
      cliStart,
      http: httpMs,
      verified: problems,
    };
  } finally {
    await stop(server);
    if (!KEEP) {
      rmSync(dir, { recursive: true, force: true });
      await dropDb?.();
    } else console.log(`kept: ${dir} ${url}`);
  }
}

export async function benchReports(): Promise<void> {
  const base = process.env.BENCH_DIR ?? join(tmpdir(), `gongkai-bench-reports-${process.pid}`);
  const results: EngineResult[] = [];
  for (const engine of ENGINES) results.push(await benchEngine(engine, base));
  if (!KEEP) rmSync(base, { recursive: true, force: true });

  console.log(
    `\n== reports: summary (${load()}; each time the median of ${RUNS} after a warm-up, the CLI's of ${CLI_RUNS})`,
  );
  const verdicts: Array<[string, boolean]> = [];
  for (const r of results) {
    const baseline = r.countApps + r.countItems;
    console.log(
      `${r.engine.padEnd(9)} rows: ${n(r.rows.items)} items, ${n(r.rows.applications)} applications, ${n(r.rows.disputes)} disputes; generated in ${r.genSeconds.toFixed(1)} s (demo seed ${r.seedSeconds.toFixed(1)} s)`,
    );
    console.log(
      `          count(*) applications + items ${fmt(baseline)} | service ${fmt(r.service)} = ${(r.service / baseline).toFixed(1)}x | HTTP ${fmt(r.http)} = ${(r.http / baseline).toFixed(1)}x | CLI ${fmt(r.cli)} wall (start-up alone ${fmt(r.cliStart)})`,
    );
    verdicts.push(
      [`${r.engine}: service report ${fmt(r.service)} < 2 s`, r.service < TARGET_MS],
      [`${r.engine}: HTTP report ${fmt(r.http)} < 2 s`, r.http < TARGET_MS],
      [`${r.engine}: every report cell right`, r.verified.length === 0],
    );
  }
  for (const [what, ok] of verdicts) console.log(`${ok ? "PASS" : "FAIL"}  ${what}`);
  if (verdicts.some(([, ok]) => !ok)) process.exitCode = 1;
}
