// Proof under fault and load (issue 19, part 4): `npm run bench -- reliability [--kills N] [--duration S]
// [--engines sqlite,postgres] [--connections C] [--fuzz-runs R] [--keep]`. For each engine (a SQLite file; a fresh
// PostgreSQL database on GONGKAI_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres, created and
// dropped here), a county set up as an operator would (`gongkai db migrate`, `site create`, `org create`,
// `user create --password-stdin`, `token create`: no demo data) and `gongkai serve` as shipped (NODE_ENV=production,
// a secret key, default logging to a file) in its own process:
//   1. crash: a mixed write load from another process (bench/reliability-writer.ts: applications, some registered;
//      messages, some accepted; items drafted, submitted, approved, signed and published through the staff API)
//      while the server is killed with SIGKILL N times (default 100) at random moments and restarted. Then, with
//      the server down after the last kill: every request answered 2xx is in the database (none lost), the
//      database is consistent (bench/reliability-check.ts) and `gongkai audit verify` and `gongkai integrity
//      check` pass.
//   2. load: C concurrent clients (default 200) for the duration (default 300 s) from another process
//      (bench/reliability-load.ts, autocannon) over public pages and forms: total, 5xx (must be 0), p50/p99.
//   3. fuzz: test/fuzz.db.test.ts's hostile inputs sent over HTTP to the server (bench/reliability-fuzz.ts): no
//      5xx, no refused write that changed a table; then the same consistency checks and the audit chain again.
// Client addresses: public requests come from many addresses in X-Forwarded-For, and the server trusts 127.0.0.1
// as its proxy (GONGKAI_TRUST_PROXY), so every per-address limit stays as shipped. During the crash test only,
// GONGKAI_RATE_API_PER_MINUTE is raised to 100000: the staff programs call the API from one address, many times a
// second, as an integration (公文系统) would not be allowed to by default.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { loadTestSettings } from "../src/config";
import { connectDb } from "../src/db/connect";
import { freePort, stop, waitFor } from "./processes";
import { type Consistency, checkConsistency, findLost } from "./reliability-check";

const ROOT = resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
/** "300", "300s", "5m". */
const seconds = (s: string) => (s.endsWith("m") ? Number(s.slice(0, -1)) * 60 : Number(s.replace(/s$/, "")));
const KILLS = Number(flag("kills") ?? 100);
const DURATION = seconds(flag("duration") ?? "300");
const CONNECTIONS = Number(flag("connections") ?? 200);
const FUZZ_RUNS = Number(flag("fuzz-runs") ?? 3);
const ENGINES = (flag("engines") ?? "sqlite,postgres").split(",") as Array<"sqlite" | "postgres">;
const KEEP = argv.includes("--keep");
const PASSWORD = `bench-${randomBytes(9).toString("base64url")}`;
const WRITERS = 6;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? 0;

/** A process of ours; resolves with its exit code and output. */
function runProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): { child: ChildProcess; done: Promise<{ code: number; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdin!.end(input ?? "");
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((ok) =>
    child.once("exit", (code) => ok({ code: code ?? -1, stdout, stderr })),
  );
  return { child, done };
}

async function cli(env: NodeJS.ProcessEnv, args: string[], input?: string): Promise<string> {
  const r = await runProcess(["bin/gongkai.mjs", ...args], env, input).done;
  if (r.code !== 0) throw new Error(`gongkai ${args.join(" ")} exited ${r.code}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** A worker script of this bench in its own process; its one line of JSON on stdout. */
async function worker<T>(script: string, config: unknown, dir: string, name: string): Promise<T> {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  const r = await runProcess(["bin/run-ts.mjs", `bench/${script}`, file], process.env).done;
  if (r.code !== 0) throw new Error(`${script} exited ${r.code}: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as T;
}

interface Instance {
  engine: "sqlite" | "postgres";
  dir: string;
  url: string;
  env: NodeJS.ProcessEnv;
  tokens: Record<"clerk" | "reviewer" | "signer" | "office" | "admin", string>;
  users: Record<"clerk" | "reviewer" | "signer" | "office" | "admin", string>;
  drop(): Promise<void>;
}

/** A database and data folder, set up with the CLI as an operator would; no demo data. */
async function setUp(engine: "sqlite" | "postgres"): Promise<Instance> {
  const dir = mkdtempSync(join(tmpdir(), `gongkai-bench-reliability-${engine}-`));
  let url = `sqlite:${join(dir, "gongkai.db")}`;
  let dropDb = async () => {};
  if (engine === "postgres") {
    const admin = loadTestSettings().postgresAdminUrl;
    const name = `gongkai_bench_reliability_${randomBytes(4).toString("hex")}`;
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
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    GONGKAI_DATABASE_URL: url,
    GONGKAI_DATA_DIR: join(dir, "data"),
    GONGKAI_SECRET_KEY: randomBytes(32).toString("hex"),
  };
  delete env.GONGKAI_LOG_LEVEL;
  delete env.GONGKAI_LOG_SYNC;
  await cli(env, ["db", "migrate"]);
  await cli(env, [
    ...["site", "create", "--code", "bx", "--name", "测试县人民政府", "--division", "150299"],
    ...["--identifier", "1502990001", "--root-org", "bx", "--root-name", "测试县人民政府"],
  ]);
  await cli(env, ["org", "create", "--code", "bx-czj", "--name", "测试县财政局", "--parent", "bx"]);
  const roles = ["clerk", "reviewer", "signer", "office", "admin"] as const;
  const users = {} as Instance["users"];
  const tokens = {} as Instance["tokens"];
  for (const role of roles) {
    users[role] = `bench-${role}`;
    await cli(
      env,
      [
        ...["user", "create", "--username", users[role], "--name", `测试${role}`],
        ...["--org", role === "clerk" ? "bx-czj" : "bx", "--role", role, "--password-stdin"],
      ],
      `${PASSWORD}\n`,
    );
    tokens[role] = (
      await cli(env, ["token", "create", "--username", users[role], "--label", "bench"])
    ).trim();
  }
  return { engine, dir, url, env, tokens, users, drop: dropDb };
}

function startServer(inst: Instance, port: number, extra: NodeJS.ProcessEnv = {}): ChildProcess {
  const log = openSync(join(inst.dir, "serve.log"), "a");
  return spawn(process.execPath, ["bin/gongkai.mjs", "serve"], {
    cwd: ROOT,
    env: {
      ...inst.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      GONGKAI_TRUST_PROXY: "127.0.0.1",
      ...extra,
    },
    stdio: ["ignore", log, log],
  });
}

const exited = (c: ChildProcess) =>
  c.exitCode !== null || c.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => c.once("exit", () => r()));

interface ChainCheck {
  ok: boolean;
  text: string;
}

async function verifyChains(inst: Instance): Promise<{ audit: ChainCheck; integrity: ChainCheck }> {
  const a = await runProcess(["bin/gongkai.mjs", "audit", "verify"], inst.env).done;
  const i = await runProcess(["bin/gongkai.mjs", "integrity", "check"], inst.env).done;
  const line = (s: string) => s.trim().split("\n").slice(0, 2).join(" ");
  return {
    audit: { ok: a.code === 0, text: line(a.stdout || a.stderr) },
    integrity: { ok: i.code === 0, text: line(i.stdout || i.stderr) },
  };
}

async function consistency(inst: Instance): Promise<Consistency> {
  const db = connectDb(inst.url);
  try {
    return await checkConsistency(db);
  } finally {
    await db.close();
  }
}

const describe = (c: Consistency) =>
  Object.keys(c.broken).length === 0
    ? "consistent (every invariant holds)"
    : `INCONSISTENT: ${Object.entries(c.broken)
        .map(([k, v]) => `${k}: ${v}`)
        .join("; ")}`;

interface WriterCounts {
  requests: number;
  ok2xx: number;
  noAnswer: number;
  status4xx: number;
  status5xx: number;
  byStatus: Record<string, number>;
  fivexx: string[];
  created: Record<string, number>;
}

interface EngineSummary {
  engine: string;
  kills: number;
  requests: number;
  answered2xx: number;
  lost: number;
  consistent: boolean;
  chainOk: boolean;
  load?: { requests: number; s5xx: number; p50: number; p99: number; errors: number };
  fuzz?: { requests: number; fivexx: number; halfSaved: number; consistent: boolean; chainOk: boolean };
  failed: boolean;
}

async function crashTest(inst: Instance): Promise<EngineSummary> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const apiRaised = { GONGKAI_RATE_API_PER_MINUTE: "100000" };
  let server = startServer(inst, port, apiRaised);
  await waitFor(`${base}/healthz`, server, "gongkai serve");
  const records = join(inst.dir, "records.jsonl");
  const cfgFile = join(inst.dir, "writer.json");
  writeFileSync(
    cfgFile,
    JSON.stringify({
      base,
      tokens: inst.tokens,
      records,
      workers: WRITERS,
    }),
  );
  const writer = runProcess(["bin/run-ts.mjs", "bench/reliability-writer.ts", cfgFile], process.env);
  const restarts: number[] = [];
  const started = performance.now();
  let kills = 0;
  try {
    for (let k = 1; k <= KILLS; k++) {
      // A random moment while the writes go on: 0.2 to 3 s after the server answered.
      await sleep(200 + Math.random() * 2800);
      server.kill("SIGKILL");
      await exited(server);
      kills++;
      if (k % 10 === 0 || k === KILLS)
        process.stdout.write(
          `  ${k}/${KILLS} kills (${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
        );
      if (k === KILLS) break;
      const t = performance.now();
      server = startServer(inst, port, apiRaised);
      await waitFor(`${base}/healthz`, server, "gongkai serve");
      restarts.push((performance.now() - t) / 1000);
    }
  } finally {
    server.kill("SIGKILL");
    writer.child.kill("SIGTERM");
  }
  const w = await writer.done;
  if (w.code !== 0) throw new Error(`writer exited ${w.code}: ${w.stderr.slice(-2000)}`);
  const counts = JSON.parse(w.stdout.trim().split("\n").pop()!) as WriterCounts;

  // The server is down (killed last): what the database holds now is what a crash leaves.
  const db = connectDb(inst.url);
  let lost: Awaited<ReturnType<typeof findLost>>;
  let cons: Consistency;
  try {
    lost = await findLost(db, records);
    cons = await checkConsistency(db);
  } finally {
    await db.close();
  }
  const chains = await verifyChains(inst);
  const consistent = Object.keys(cons.broken).length === 0;
  console.log(
    `crash: ${kills} SIGKILLs over ${((performance.now() - started) / 1000).toFixed(0)} s (restart to /healthz: median ${median(restarts).toFixed(1)} s); writer: ${counts.requests} requests, ${counts.ok2xx} answered 2xx, ${counts.noAnswer} unanswered (cut by a kill or refused while down), 4xx ${counts.status4xx}, 5xx ${counts.status5xx}`,
  );
  console.log(
    `  created (answered 2xx): ${Object.entries(counts.created)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ")}; statuses ${JSON.stringify(counts.byStatus)}`,
  );
  console.log(
    `  2xx records checked: ${lost.answered}; LOST: ${lost.lost}${lost.examples.length ? ` (${lost.examples.join("; ")})` : ""}`,
  );
  console.log(
    `  database: ${describe(cons)}; ${cons.totals.applications} applications, ${cons.totals.messages} messages, ${cons.totals.items} items (${cons.totals.published} published), ${cons.totals.audit_log} audit entries`,
  );
  console.log(`  audit chain: ${chains.audit.ok ? "OK" : "BROKEN"} — ${chains.audit.text}`);
  console.log(`  publication integrity: ${chains.integrity.ok ? "OK" : "FAILED"} — ${chains.integrity.text}`);
  for (const f of counts.fivexx) console.log(`  5xx: ${f}`);
  return {
    engine: inst.engine,
    kills,
    requests: counts.requests,
    answered2xx: counts.ok2xx,
    lost: lost.lost,
    consistent,
    chainOk: chains.audit.ok,
    failed: lost.lost > 0 || !consistent || !chains.audit.ok || !chains.integrity.ok || counts.status5xx > 0,
  };
}

interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  s2xx: number;
  s3xx: number;
  s4xx: number;
  s5xx: number;
  errors: number;
  timeouts: number;
  byKind: Record<string, Record<string, number>>;
  examples5xx: string[];
}

interface FuzzResult {
  routes: number;
  bodySchemas: number;
  formsPosted: number;
  requests: number;
  seconds: number;
  fivexx: number;
  refusedWrites: number;
  halfSaved: number;
  clientErrors: number;
  statuses: Record<string, number>;
  failures: string[];
}

async function loadAndFuzz(inst: Instance, summary: EngineSummary): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(inst, port);
  try {
    await waitFor(`${base}/healthz`, server, "gongkai serve");
    const db = connectDb(inst.url);
    const published = await db.kysely
      .selectFrom("items")
      .select(["id", "title"])
      .where("status", "=", "published")
      .execute();
    await db.close();
    const items = published.map((i) => `/gk/items/${i.id}`);
    if (items.length === 0) throw new Error("no published item to load");
    const searchTerms = [
      "低保",
      "预算",
      "道路建设",
      "学校",
      "公告",
      ...published.slice(0, 20).map((i) => i.title.split(" ").pop()!),
    ];
    const l = await worker<LoadResult>(
      "reliability-load.ts",
      {
        base,
        connections: CONNECTIONS,
        seconds: DURATION,
        items,
        listPages: Math.max(1, Math.ceil(items.length / 20)),
        searchTerms,
        addresses: 50_000,
      },
      inst.dir,
      "load",
    );
    console.log(
      `load: ${CONNECTIONS} concurrent clients for ${l.seconds} s over public pages and forms (${load()}): ${l.requests} requests (${l.rps.toFixed(0)}/s), 5xx ${l.s5xx}, p50 ${l.p50} ms, p99 ${l.p99} ms (max ${l.max} ms); 2xx ${l.s2xx}, 3xx ${l.s3xx}, 4xx ${l.s4xx}, errors ${l.errors}, timeouts ${l.timeouts}`,
    );
    console.log(
      `  by kind: ${Object.entries(l.byKind)
        .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
        .join("; ")}`,
    );
    for (const e of l.examples5xx) console.log(`  5xx: ${e}`);
    summary.load = {
      requests: l.requests,
      s5xx: l.s5xx,
      p50: l.p50,
      p99: l.p99,
      errors: l.errors + l.timeouts,
    };
    if (l.s5xx > 0) summary.failed = true;

    const fuzzEnv = Object.fromEntries(
      Object.entries(inst.env).filter(([k]) => k.startsWith("GONGKAI_") || k === "NODE_ENV"),
    ) as Record<string, string>;
    const f = await worker<FuzzResult>(
      "reliability-fuzz.ts",
      {
        base,
        env: fuzzEnv,
        tokens: { clerk: inst.tokens.clerk, office: inst.tokens.office, admin: inst.tokens.admin },
        password: PASSWORD,
        users: { clerk: inst.users.clerk, office: inst.users.office },
        runs: FUZZ_RUNS,
      },
      inst.dir,
      "fuzz",
    );
    await stop(server);
    const cons = await consistency(inst);
    const chains = await verifyChains(inst);
    const consistent = Object.keys(cons.broken).length === 0;
    console.log(
      `fuzz (fast-check, seed of test/fuzz.db.test.ts): ${f.requests} hostile requests in ${f.seconds.toFixed(0)} s over ${f.routes} routes, ${f.bodySchemas} JSON body schemas and ${f.formsPosted} form posts: 5xx ${f.fivexx}, half-saved (refused but a table changed) ${f.halfSaved} of ${f.refusedWrites} refused writes${f.clientErrors ? `, ${f.clientErrors} not sent` : ""}; statuses ${JSON.stringify(f.statuses)}`,
    );
    for (const x of f.failures) console.log(`  ${x}`);
    console.log(
      `  after load and fuzz: database ${describe(cons)}; audit chain ${chains.audit.ok ? "OK" : "BROKEN"} — ${chains.audit.text}`,
    );
    summary.fuzz = {
      requests: f.requests,
      fivexx: f.fivexx,
      halfSaved: f.halfSaved,
      consistent,
      chainOk: chains.audit.ok,
    };
    if (f.fivexx > 0 || f.halfSaved > 0 || !consistent || !chains.audit.ok) summary.failed = true;
  } finally {
    await stop(server);
  }
}

export async function benchReliability(): Promise<void> {
  console.log(
    `\n== reliability: ${KILLS} kills, ${CONNECTIONS} clients for ${DURATION} s, fuzz runs ${FUZZ_RUNS}; engines ${ENGINES.join(", ")} (${load()})`,
  );
  console.log(
    "gongkai serve as shipped (NODE_ENV=production, default logging to a file), the writer, the load generator and the fuzzer each in their own process; public clients spread over addresses in X-Forwarded-For (GONGKAI_TRUST_PROXY=127.0.0.1); crash test only: GONGKAI_RATE_API_PER_MINUTE=100000 for the staff programs",
  );
  const summaries: EngineSummary[] = [];
  for (const engine of ENGINES) {
    console.log(`\n-- ${engine}`);
    const t = performance.now();
    const inst = await setUp(engine);
    console.log(
      `set up with the CLI in ${((performance.now() - t) / 1000).toFixed(0)} s (${inst.url.replace(/:[^:@/]*@/, "@")})`,
    );
    try {
      const s = await crashTest(inst);
      summaries.push(s);
      await loadAndFuzz(inst, s);
    } finally {
      if (KEEP) console.log(`kept ${inst.dir}${engine === "postgres" ? ` and ${inst.url}` : ""}`);
      else {
        await inst.drop();
        rmSync(inst.dir, { recursive: true, force: true });
      }
    }
  }
  console.log("\nsummary");
  console.log(
    "| engine | kills | requests | 2xx | lost | consistent | chain | load requests | load 5xx | p50 | p99 | fuzz requests | fuzz 5xx | half-saved |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const s of summaries)
    console.log(
      `| ${s.engine} | ${s.kills} | ${s.requests} | ${s.answered2xx} | ${s.lost} | ${s.consistent ? "yes" : "NO"} | ${s.chainOk ? "OK" : "BROKEN"} | ${s.load?.requests ?? "-"} | ${s.load?.s5xx ?? "-"} | ${s.load ? `${s.load.p50} ms` : "-"} | ${s.load ? `${s.load.p99} ms` : "-"} | ${s.fuzz?.requests ?? "-"} | ${s.fuzz?.fivexx ?? "-"} | ${s.fuzz?.halfSaved ?? "-"} |`,
    );
  if (summaries.some((s) => s.failed)) {
    console.log("FAILED: see above");
    process.exitCode = 1;
  }
}
