// Startup (issue 19 item 6): the time from launching `gongkai serve` to its first /healthz 200, on an existing
// SQLite database (migrated, the demo county seeded), for the compiled server (dist/, what production runs)
// and for the TypeScript sources through tsx, against a bare Fastify server answering /healthz
// (bench/bare-server.mjs). Each start is a new process; the three take turns, after one unmeasured round
// (disk cache); medians printed. Target: compiled under 1.5 s.
// Beside the wall time, the CPU time of the process's main thread until that answer (Linux /proc): on a
// loaded machine the wall time mostly measures waiting for a core, the main thread's CPU time does not.
// Run: npm run bench -- startup (BENCH_STARTS=7 starts each, BENCH_KEEP=1 to keep the folder).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { freePort, stop } from "./processes";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "..");
const STARTS = Number(process.env.BENCH_STARTS ?? 7);
const TARGET_S = 1.5;

interface Start {
  wallMs: number;
  /** CPU time of the main thread when the first answer came (null off Linux). */
  cpuMs: number | null;
}

/** User + system time of the process's main thread, in ms (Linux). */
function mainThreadCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** Polls url every 5 ms until a 200; the child exiting first is an error. */
async function firstAnswer(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}) before answering`);
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${what} did not answer ${url} within 120 s`);
}

/** One start: spawn, wait for /healthz 200, note the times, stop. */
async function once(
  what: string,
  launch: (port: number) => ChildProcess,
  portOf: (child: ChildProcess, port: number) => Promise<number>,
): Promise<Start> {
  const port = await freePort();
  const t0 = performance.now();
  const child = launch(port);
  try {
    const actual = await portOf(child, port);
    await firstAnswer(`http://127.0.0.1:${actual}/healthz`, child, what);
    const wallMs = performance.now() - t0;
    return { wallMs, cpuMs: child.pid ? mainThreadCpuMs(child.pid) : null };
  } finally {
    await stop(child);
  }
}

/** The port the bare server prints ("listening PORT") once ready. */
function printedPort(child: ChildProcess): Promise<number> {
  return new Promise((ok, fail) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) ok(Number(m[1]));
    });
    child.once("exit", (code) => fail(new Error(`bare Fastify exited (${code})`)));
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function benchStartup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "gongkai-bench-startup-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GONGKAI_DATABASE_URL: `sqlite:${join(dir, "gongkai.db")}`,
    GONGKAI_DATA_DIR: join(dir, "data"),
    GONGKAI_SECRET_KEY: randomBytes(32).toString("hex"),
    HOST: "127.0.0.1",
  };
  delete env.GONGKAI_LOG_LEVEL;
  delete env.GONGKAI_RUNTIME;
  try {
    const built = performance.now();
    await run(process.execPath, ["scripts/build.mjs", "--quiet"], { cwd: ROOT });
    const buildMs = performance.now() - built;
    // The demo county, seeded as an operator would (seed refuses NODE_ENV=production: its passwords are public).
    await run(process.execPath, ["bin/gongkai.mjs", "seed", "demo"], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: "development", GONGKAI_RUNTIME: "dist" },
    });
    const pages = join(dir, "pages.json");
    writeFileSync(
      pages,
      JSON.stringify({ "/healthz": { body: '{"ok":true}', contentType: "application/json" } }),
    );
    const log = openSync(join(dir, "gongkai.log"), "a");
    // As production runs it: NODE_ENV=production, logging to a file.
    const gongkai = (runtime: "dist" | "tsx") => (port: number) =>
      spawn(process.execPath, ["bin/gongkai.mjs", "serve"], {
        cwd: ROOT,
        env: { ...env, NODE_ENV: "production", GONGKAI_RUNTIME: runtime, PORT: String(port) },
        stdio: ["ignore", log, log],
      });
    const kinds = {
      bare: () =>
        once(
          "bare Fastify",
          () =>
            spawn(process.execPath, [join(ROOT, "bench/bare-server.mjs"), pages], {
              stdio: ["ignore", "pipe", "inherit"],
            }),
          printedPort,
        ),
      dist: () => once("gongkai serve (dist)", gongkai("dist"), async (_c, port) => port),
      tsx: () => once("gongkai serve (tsx)", gongkai("tsx"), async (_c, port) => port),
    };
    const results: Record<keyof typeof kinds, Start[]> = { bare: [], dist: [], tsx: [] };
    const load = loadavg()[0]!.toFixed(1);
    for (let round = 0; round <= STARTS; round++)
      for (const kind of Object.keys(kinds) as Array<keyof typeof kinds>) {
        const r = await kinds[kind]();
        if (round > 0) results[kind].push(r); // round 0 warms the disk cache
      }

    const wall = (k: keyof typeof kinds) => median(results[k].map((r) => r.wallMs)) / 1000;
    const cpu = (k: keyof typeof kinds) => {
      const xs = results[k].map((r) => r.cpuMs).filter((x): x is number => x !== null);
      return xs.length ? `, main thread CPU ${(median(xs) / 1000).toFixed(2)} s` : "";
    };
    const s = (x: number) => `${x.toFixed(2)} s`;
    console.log(
      `\n== startup: launch to first /healthz 200 (${cpus().length} cores, Node ${process.version})`,
    );
    console.log(
      `existing SQLite database with the demo county; median of ${STARTS} starts each, taking turns; load average at the start ${load}; dist/ built in ${s(buildMs / 1000)}`,
    );
    console.log(`  bare Fastify                 ${s(wall("bare"))}${cpu("bare")}`);
    console.log(`  gongkai serve, compiled      ${s(wall("dist"))}${cpu("dist")}`);
    console.log(`  gongkai serve, tsx (sources) ${s(wall("tsx"))}${cpu("tsx")}`);
    console.log(
      `  compiled / tsx ${(wall("dist") / wall("tsx")).toFixed(2)}; compiled / bare Fastify ${(wall("dist") / wall("bare")).toFixed(1)}`,
    );
    const met = wall("dist") < TARGET_S;
    console.log(`  compiled ${s(wall("dist"))}: target < ${TARGET_S} s ${met ? "met" : "NOT met"}`);
  } finally {
    if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
