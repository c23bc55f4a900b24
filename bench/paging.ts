// Paging benchmark (issue 19 part 7): every page of the long lists under 50 ms at 1,000,000 published items, on
// SQLite and on PostgreSQL, each page printed beside page 1 of the same list in the same run, with the server's
// resident memory (target under 250 MB).
// Per engine:
//   1. the demo county seeded as an operator would (`gongkai seed demo`), then ITEMS published items and
//      APPLICATIONS applications written in bulk (bench/reports-generate.ts: multi-row INSERTs on SQLite, unnest
//      on PostgreSQL, 20,000 rows a transaction); PostgreSQL vacuumed and analysed as autovacuum would;
//   2. `gongkai serve` as shipped (NODE_ENV=production, own process), asked over HTTP by this process with a
//      staff token (signed-in requests are not counted against the public render budget);
//   3. per list: page 1, pages by number (the middle and the last reachable by number), and pages by cursor at
//      the middle and the end of the list (the cursor a visitor following "下一页" would hold there, read from the
//      database: the (sort key, id) of the row before it), then three "下一页" steps from the deep cursor.
//      Every URL is asked once (the public page cache keeps a page for a minute: a second ask would measure the
//      cache); each figure is the median of three neighbouring pages.
// Run: npm run bench -- paging [--items N] [--applications M] [--engines sqlite,postgres] [--keep]
// PostgreSQL: GONGKAI_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); the bench creates
// gongkai_bench_paging_<random> and drops it afterwards.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { type SelectQueryBuilder, sql } from "kysely";
import pg from "pg";
import { loadTestSettings } from "../src/config";
import { connectDb, type Db } from "../src/db/connect";
import type { Database } from "../src/db/schema";
import { encodeCursor } from "../src/platform/paging";
import { freePort, stop, waitFor } from "./processes";
import { generate } from "./reports-generate";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "..");
const TARGET_MS = 50;
const RSS_TARGET_MB = 250;

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const ITEMS = Number(flag("items") ?? 1_000_000);
const APPLICATIONS = Number(flag("applications") ?? 20_000);
const ENGINES = (flag("engines") ?? "sqlite,postgres").split(",") as Array<"sqlite" | "postgres">;
const KEEP = process.argv.includes("--keep");
/** Reuse the SQLite database a --keep run left in BENCH_DIR (the rows take minutes to write). */
const REUSE = process.argv.includes("--reuse");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const fmt = (x: number) => `${x.toFixed(1)} ms`;
const n = (x: number) => x.toLocaleString("en");
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} (${cpus().length} cores)`;

type ItemsQuery = SelectQueryBuilder<Database, "items", { key: string | null; id: string }>;

interface ListSpec {
  name: string;
  path: string;
  /** The list's rows in its order, for the cursors: (sort key, id) at an offset. */
  keyAt: (db: Db, offset: number) => Promise<{ key: string; id: string } | undefined>;
  size: number;
}

interface Measured {
  engine: string;
  list: string;
  what: string;
  ms: number;
  page1: number;
  status: number;
}

async function timed(
  base: string,
  token: string,
  path: string,
): Promise<{ ms: number; status: number; body: string }> {
  const t = performance.now();
  const r = await fetch(base + path, { headers: { authorization: `Bearer ${token}` }, redirect: "manual" });
  const body = await r.text();
  return { ms: performance.now() - t, status: r.status, body };
}

async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = loadTestSettings().postgresAdminUrl;
  const name = `gongkai_bench_paging_${randomBytes(4).toString("hex")}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(
    `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
  );
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await d.end();
    },
  };
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function benchEngine(
  engine: "sqlite" | "postgres",
  base: string,
): Promise<{ rows: Measured[]; rss: number }> {
  const dir = join(base, engine);
  const reuse = REUSE && engine === "sqlite" && existsSync(join(dir, "gongkai.db"));
  if (!reuse) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let url = `sqlite:${join(dir, "gongkai.db")}`;
  let drop: (() => Promise<void>) | undefined;
  if (engine === "postgres") ({ url, drop } = await createPgDatabase());
  const secret = randomBytes(32);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GONGKAI_DATABASE_URL: url,
    GONGKAI_DATA_DIR: join(dir, "data"),
    GONGKAI_SECRET_KEY: secret.toString("hex"),
  };
  // As shipped: default logging, and the dist/ that bench/run.ts built from this checkout.
  delete env.GONGKAI_LOG_LEVEL;
  let server: ChildProcess | undefined;
  try {
    console.log(
      `\n== paging on ${engine}: ${n(ITEMS)} published items, ${n(APPLICATIONS)} applications (${load()})`,
    );
    const s0 = performance.now();
    if (!reuse) {
      await run(process.execPath, ["bin/gongkai.mjs", "seed", "demo"], {
        cwd: ROOT,
        env: { ...env, NODE_ENV: "development" },
      });
      writeFileSync(join(dir, "secret"), env.GONGKAI_SECRET_KEY!);
    } else {
      env.GONGKAI_SECRET_KEY = readFileSync(join(dir, "secret"), "utf8");
      // A kept database from an older checkout gets this checkout's migrations (its list indexes).
      await run(process.execPath, ["bin/gongkai.mjs", "db", "migrate"], { cwd: ROOT, env });
    }
    const db = connectDb(url);
    if (!reuse) {
      const gen = await generate(db, {
        items: ITEMS,
        applications: APPLICATIONS,
        secretKey: secret,
        onProgress: (what) => process.stdout.isTTY && process.stdout.write(`\r\x1b[K${what}`),
      });
      if (process.stdout.isTTY) process.stdout.write("\r\x1b[K");
      // As autovacuum would after a bulk load on a running server: statistics and the visibility map (index-only scans).
      if (engine === "postgres") await sql`VACUUM (ANALYZE)`.execute(db.kysely);
      console.log(
        `seeded and generated in ${((performance.now() - s0) / 1000).toFixed(0)} s (${n(gen.items)} items, ${n(gen.applications)} applications)`,
      );
    } else console.log(`reusing ${join(dir, "gongkai.db")}`);
    const site = await db.kysely
      .selectFrom("sites")
      .select("id")
      .where("code", "=", "guyang")
      .executeTakeFirstOrThrow();
    const org = await db.kysely
      .selectFrom("items")
      .select(["org_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("site_id", "=", site.id)
      .groupBy("org_id")
      .orderBy("n", "desc")
      .executeTakeFirstOrThrow();
    const orgCode = (
      await db.kysely.selectFrom("orgs").select("code").where("id", "=", org.org_id).executeTakeFirstOrThrow()
    ).code;

    const published = (extra: (q: ItemsQuery) => ItemsQuery) => async (d: Db, offset: number) => {
      let q: ItemsQuery = d.kysely
        .selectFrom("items")
        .select(["published_at as key", "id"])
        .where("site_id", "=", site.id)
        .where("status", "=", "published");
      q = extra(q);
      const r = await q
        .orderBy("published_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .offset(offset)
        .executeTakeFirst();
      return r && { key: r.key ?? "", id: r.id };
    };
    const lists: ListSpec[] = [
      { name: "/gk/list", path: "/gk/list", keyAt: published((q) => q), size: 20 },
      {
        name: "/gk/list?kind=normative",
        path: "/gk/list?kind=normative",
        keyAt: published((q) => q.where("kind", "=", "normative")),
        size: 20,
      },
      {
        name: `/gk/list?org=${orgCode}`,
        path: `/gk/list?org=${orgCode}`,
        keyAt: published((q) => q.where("org_id", "=", org.org_id)),
        size: 20,
      },
      {
        name: "/gk/list?year=2018",
        path: "/gk/list?year=2018",
        keyAt: published((q) =>
          q.where("published_on", ">=", "2018-01-01").where("published_on", "<=", "2018-12-31"),
        ),
        size: 20,
      },
      { name: "/mn/gk/list", path: "/mn/gk/list", keyAt: published((q) => q), size: 20 },
      {
        name: "/admin/items?queue=published",
        path: "/admin/items?queue=published",
        keyAt: async (d, offset) =>
          await d.kysely
            .selectFrom("items")
            .select(["updated_at as key", "id"])
            .where("site_id", "=", site.id)
            .where("status", "=", "published")
            .orderBy("updated_at", "desc")
            .orderBy("id", "desc")
            .limit(1)
            .offset(offset)
            .executeTakeFirst(),
        size: 50,
      },
      // The staff applications queues (the token is the county office's, which sees every organisation: one
      // range of applications_list_idx / applications_status_list_idx, migrations 0046 and 0047).
      ...(["all", "replied"] as const).map(
        (queue): ListSpec => ({
          name: `/admin/applications?queue=${queue}`,
          path: `/admin/applications?queue=${queue}`,
          keyAt: async (d, offset) => {
            let q = d.kysely
              .selectFrom("applications")
              .select(["submitted_at as key", "id"])
              .where("site_id", "=", site.id);
            if (queue === "replied") q = q.where("status", "=", "replied");
            return q
              .orderBy("submitted_at", "desc")
              .orderBy("id", "desc")
              .limit(1)
              .offset(offset)
              .executeTakeFirst();
          },
          size: 50,
        }),
      ),
    ];
    // Not here: the audit log (/admin/audit) checks the whole hash chain on every view, so its page time grows
    // with the log whatever the paging; its list itself seeks on the primary key (seq).
    const counts = new Map<string, number>();
    for (const l of lists) {
      // How long each list is, for the middle and the end (read once here, not by the server): the last offset
      // that has a row, found by halving.
      let lo = 0;
      let hi = Math.max(ITEMS, APPLICATIONS) + 10_000;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (await l.keyAt(db, mid - 1)) lo = mid;
        else hi = mid - 1;
      }
      counts.set(l.name, lo);
    }
    const cursors = new Map<string, string[]>();
    for (const l of lists) {
      const total = counts.get(l.name)!;
      for (const [what, at] of [
        ["middle", Math.floor(total / 2 / l.size) * l.size],
        ["end", Math.max(0, (Math.ceil(total / l.size) - 4) * l.size)],
      ] as const) {
        const out: string[] = [];
        for (let k = 0; k < 3; k++) {
          const offset = at + k * l.size;
          const before = offset > 0 ? await l.keyAt(db, offset - 1) : undefined;
          if (before)
            out.push(
              encodeCursor({ key: before.key, id: before.id, dir: "after", page: offset / l.size + 1 }),
            );
        }
        cursors.set(`${l.name}|${what}`, out);
      }
    }
    await db.close();

    const { stdout: token } = await run(
      process.execPath,
      ["bin/gongkai.mjs", "token", "create", "--username", "demo-office", "--label", "bench"],
      { cwd: ROOT, env: { ...env, NODE_ENV: "production" } },
    );
    const port = await freePort();
    server = spawn(process.execPath, ["bin/gongkai.mjs", "serve"], {
      cwd: ROOT,
      env: {
        ...env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        GONGKAI_RATE_API_PER_MINUTE: "100000",
      },
      stdio: ["ignore", openSync(join(dir, "serve.log"), "w"), "inherit"],
    });
    const httpBase = `http://127.0.0.1:${port}`;
    await waitFor(`${httpBase}/healthz`, server, "gongkai serve");
    const tok = token.trim();
    // Warm-up: the server's first requests (route schemas compiled on first use, prepared statements, the JIT,
    // the database's buffer cache) on pages that are not measured: a few other pages, then pages 2-4 of each list.
    for (const p of [
      "/",
      "/gk/catalog",
      "/gk/list?kind=notice",
      "/admin/items?queue=drafts",
      "/admin/applications?queue=pending",
    ])
      await timed(httpBase, tok, p);
    for (const page of [2, 3, 4])
      for (const l of lists)
        await timed(httpBase, tok, `${l.path}${l.path.includes("?") ? "&" : "?"}page=${page}`);

    const rows: Measured[] = [];
    const sep = (p: string) => (p.includes("?") ? "&" : "?");
    for (const l of lists) {
      const ask = async (paths: string[]) => {
        const rs = [];
        for (const p of paths) rs.push(await timed(httpBase, tok, p));
        return {
          ms: median(rs.map((r) => r.ms)),
          status: Math.max(...rs.map((r) => r.status)),
          body: rs[0]!.body,
        };
      };
      // Page 1 three times by equivalent URLs (each its own cache entry): the list's reference.
      const p1 = await ask([
        l.path,
        `${l.path}${sep(l.path)}page=1`,
        `${l.path}${sep(l.path)}page=1&cursor=`,
      ]);
      const add = (what: string, r: { ms: number; status: number }) =>
        rows.push({ engine, list: l.name, what, ms: r.ms, page1: p1.ms, status: r.status });
      add("page 1", p1);
      const lastNumbered = Math.floor(10_000 / l.size) + 1;
      add(
        `?page=${Math.floor(lastNumbered / 2) - 1}…${Math.floor(lastNumbered / 2) + 1}`,
        await ask([-1, 0, 1].map((d) => `${l.path}${sep(l.path)}page=${Math.floor(lastNumbered / 2) + d}`)),
      );
      add(
        `?page=${lastNumbered - 2}…${lastNumbered}`,
        await ask([-2, -1, 0].map((d) => `${l.path}${sep(l.path)}page=${lastNumbered + d}`)),
      );
      const total = counts.get(l.name)!;
      for (const what of ["middle", "end"] as const) {
        const cs = cursors.get(`${l.name}|${what}`)!;
        if (cs.length === 0) continue;
        const r = await ask(cs.map((c) => `${l.path}${sep(l.path)}cursor=${c}`));
        add(
          `cursor, ${what} (row ${n(what === "middle" ? Math.floor(total / 2) : total)} of ${n(total)})`,
          r,
        );
        if (what === "end") {
          // Three "下一页" steps as a visitor would take them, from the deep page's own link.
          const steps = [];
          let body = r.body;
          for (let s = 0; s < 3; s++) {
            const m = /href="([^"]*cursor=[^"]+)" rel="next"/.exec(body);
            if (!m) break;
            const t = await timed(httpBase, tok, m[1]!.replaceAll("&amp;", "&"));
            steps.push(t);
            body = t.body;
          }
          if (steps.length)
            add(`"下一页" ×${steps.length} from there`, {
              ms: median(steps.map((t) => t.ms)),
              status: Math.max(...steps.map((t) => t.status)),
            });
        }
      }
    }
    const rss = rssOf(server.pid!);
    await stop(server);
    server = undefined;
    return { rows, rss };
  } finally {
    await stop(server);
    await drop?.();
  }
}

export async function benchPaging(): Promise<void> {
  const base = process.env.BENCH_DIR ?? join(tmpdir(), `gongkai-bench-paging-${process.pid}`);
  const all: Measured[] = [];
  const verdicts: Array<[string, boolean]> = [];
  for (const engine of ENGINES) {
    const { rows, rss } = await benchEngine(engine, base);
    all.push(...rows);
    console.log(
      `\n${engine}: ${n(ITEMS)} items; each time the median of three pages, asked once each over HTTP`,
    );
    console.log(
      `${"list".padEnd(34)} ${"page".padEnd(40)} ${"time".padStart(9)} ${"page 1".padStart(9)}  ratio  HTTP`,
    );
    for (const r of rows)
      console.log(
        `${r.list.padEnd(34)} ${r.what.padEnd(40)} ${fmt(r.ms).padStart(9)} ${fmt(r.page1).padStart(9)}  ${(r.ms / r.page1).toFixed(2).padStart(5)}  ${r.status}`,
      );
    console.log(`server RSS after the run: ${rss.toFixed(0)} MB (target under ${RSS_TARGET_MB} MB)`);
    const worst = rows.reduce((a, b) => (b.ms > a.ms ? b : a));
    verdicts.push(
      [
        `${engine}: every page under ${TARGET_MS} ms (slowest ${fmt(worst.ms)}: ${worst.list} ${worst.what})`,
        worst.ms < TARGET_MS,
      ],
      [`${engine}: every answer 200`, rows.every((r) => r.status === 200)],
      [`${engine}: server RSS ${rss.toFixed(0)} MB < ${RSS_TARGET_MB} MB`, rss < RSS_TARGET_MB],
    );
  }
  if (!KEEP) rmSync(base, { recursive: true, force: true });
  for (const [what, ok] of verdicts) console.log(`${ok ? "PASS" : "FAIL"}  ${what}`);
  if (verdicts.some(([, ok]) => !ok)) process.exitCode = 1;
}
