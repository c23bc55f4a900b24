// The processes of `npm run bench -- reports` (bench/reports.bench.ts), each on its own, printing one JSON line:
//   count URL RUNS          the baseline: a bare SELECT count(*) over the applications and over the items
//   service URL RUNS        the report as the CLI and the pages compute it (computeAnnualReport), timed inside
//   http BASE TOKEN RUNS    the HTTP client of GET /api/v1/reports/annual?year=… against a `gongkai serve`
// Each runs once to warm up (statements prepared, pages in the cache), then RUNS times.
import { sql } from "kysely";
import { connectDb } from "../src/db/connect";
import { computeAnnualReport } from "../src/domains/reports";
import { REPORT_YEAR } from "./reports-generate";

const [mode, target, a, b] = process.argv.slice(2);

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
}

async function main(): Promise<unknown> {
  if (mode === "count" || mode === "service") {
    const runs = Number(a);
    const db = connectDb(target!);
    try {
      if (mode === "count") {
        const count = (table: "applications" | "items") =>
          sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db.kysely);
        await count("applications");
        await count("items");
        const apps: number[] = [];
        const items: number[] = [];
        let rows = { applications: 0, items: 0 };
        for (let i = 0; i < runs; i++) {
          const [ta, ra] = await timed(() => count("applications"));
          const [ti, ri] = await timed(() => count("items"));
          apps.push(ta);
          items.push(ti);
          rows = { applications: Number(ra.rows[0]!.n), items: Number(ri.rows[0]!.n) };
        }
        return { apps, items, rows };
      }
      const site = await db.kysely
        .selectFrom("sites")
        .select("id")
        .where("code", "=", "guyang")
        .executeTakeFirstOrThrow();
      const deps = { db };
      const report = () => computeAnnualReport(deps, site.id, { year: REPORT_YEAR });
      await report();
      const times: number[] = [];
      let last: unknown;
      for (let i = 0; i < runs; i++) {
        const [t, r] = await timed(report);
        times.push(t);
        last = r;
      }
      return { times, report: last };
    } finally {
      await db.close();
    }
  }
  if (mode === "http") {
    const runs = Number(b);
    const url = `${target}/api/v1/reports/annual?year=${REPORT_YEAR}`;
    const get = async () => {
      const r = await fetch(url, { headers: { authorization: `Bearer ${a}` } });
      return { status: r.status, body: await r.text() };
    };
    const warm = await get();
    if (warm.status !== 200) throw new Error(`GET ${url}: ${warm.status} ${warm.body.slice(0, 300)}`);
    const times: number[] = [];
    const statuses: number[] = [];
    let body = "";
    for (let i = 0; i < runs; i++) {
      const [t, r] = await timed(get);
      times.push(t);
      statuses.push(r.status);
      body = r.body;
    }
    return { times, statuses, report: JSON.parse(body) };
  }
  throw new Error(`unknown mode ${mode}`);
}

main().then(
  (r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
    process.exit(0);
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
