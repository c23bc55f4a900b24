// Public page throughput, measured apart (issue 11, item 7): four processes, none sharing an event loop.
//   1. `gongkai serve` as shipped: NODE_ENV=production, a secret key, default logging (request lines to
//      stdout, redirected to a file), a fresh SQLite data directory seeded with `gongkai seed demo`;
//   2. bare Fastify (bench/bare-server.mjs) answering the same body with the same headers, no logging;
//   3. nginx serving the same body and headers (a static file, add_header, its own ETag off), one worker, no
//      access log (when nginx is installed);
//   4. the load generator: autocannon's CLI, one run per page and server, after a warm-up run.
// Prints req/s, p50/p99 latency, non-2xx answers and the ratios gongkai / bare Fastify and gongkai / nginx.
// A run in which any server answered something other than 2xx (a 429 from the rate limit, say) is marked
// INVALID and its ratio is not printed.
// Run: npm run bench -- pages (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_WARMUP_SECONDS, BENCH_ROUNDS to change the
// load, BENCH_PAGES=home,item to measure some pages only, BENCH_KEEP=1 to keep the data and log).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { best, fmt, measure, PER_ANSWER, type Result, valid } from "./autocannon";
import { freePort, stop, waitFor } from "./processes";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
/** Interleaved rounds per page; each server's best round is kept (the machine may be shared). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

interface Page {
  name: string;
  path: string;
  body: string;
  contentType: string;
  /** Headers gongkai sent, less those of one answer or connection (PER_ANSWER). */
  headers: Record<string, string>;
}

/** The first match of `re` in the page at `path`, for finding real links in the demo county. */
async function linkIn(base: string, path: string, re: RegExp): Promise<string> {
  const html = await (await fetch(base + path)).text();
  const m = re.exec(html);
  if (!m) throw new Error(`no link matching ${re} in ${path}`);
  return m[1]!.replaceAll("&amp;", "&");
}

async function fetchPage(base: string, name: string, path: string): Promise<Page> {
  const r = await fetch(base + path);
  const body = await r.text();
  if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status} from gongkai`);
  // The headers gongkai sent with the page (security headers, Cache-Control, ETag), replayed by both
  // baselines so that all three servers put the same bytes on the wire and the load generator parses the
  // same answer from each; only the headers that belong to one answer or connection are left to each server.
  const headers: Record<string, string> = {};
  r.headers.forEach((value, name) => {
    if (!PER_ANSWER.has(name)) headers[name] = value;
  });
  return {
    name,
    path,
    body,
    contentType: r.headers.get("content-type") ?? "text/html; charset=utf-8",
    headers,
  };
}

async function startNginx(
  dir: string,
  pages: Page[],
  children: ChildProcess[],
): Promise<{ base?: string; why?: string }> {
  let nginx = "";
  for (const candidate of ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]) {
    try {
      statSync(candidate);
      nginx = candidate;
      break;
    } catch {
      // next
    }
  }
  if (!nginx) return { why: "nginx is not installed (apt-get install -y nginx)" };
  const root = join(dir, "nginx-root");
  mkdirSync(root, { recursive: true });
  // nginx's workers drop to an unprivileged user, who must reach the files.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const locations = pages
    .map((p, i) => {
      writeFileSync(join(root, `page${i}.html`), p.body);
      const added = Object.entries(p.headers)
        .filter(([name]) => name !== "content-type")
        .map(([name, value]) => `add_header ${name} ${JSON.stringify(value)} always; `)
        .join("");
      return `    location = /page${i} { default_type "${p.contentType}"; etag off; ${added}alias ${join(root, `page${i}.html`)}; }`;
    })
    .join("\n");
  const conf = join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "nginx-error.log")} warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/nginx-body;
  proxy_temp_path ${dir}/nginx-proxy;
  fastcgi_temp_path ${dir}/nginx-fastcgi;
  uwsgi_temp_path ${dir}/nginx-uwsgi;
  scgi_temp_path ${dir}/nginx-scgi;
  server {
    listen 127.0.0.1:${port};
${locations}
  }
}
`,
  );
  const child = spawn(nginx, ["-c", conf, "-p", dir], { stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/page0`, child, "nginx");
  return { base };
}

export async function benchPages(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "gongkai-bench-pages-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GONGKAI_DATABASE_URL: `sqlite:${join(dir, "gongkai.db")}`,
    GONGKAI_DATA_DIR: join(dir, "data"),
    GONGKAI_SECRET_KEY: randomBytes(32).toString("hex"),
  };
  delete env.GONGKAI_LOG_LEVEL;
  const children: ChildProcess[] = [];
  try {
    // The demo county, seeded as an operator would (seed refuses NODE_ENV=production: its passwords are public).
    await run(process.execPath, ["bin/gongkai.mjs", "seed", "demo"], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: "development" },
    });

    const port = await freePort();
    const logFile = join(dir, "gongkai.log");
    const log = openSync(logFile, "w");
    const gongkai = spawn(process.execPath, ["bin/gongkai.mjs", "serve"], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" },
      stdio: ["ignore", log, log],
    });
    children.push(gongkai);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/healthz`, gongkai, "gongkai serve");

    const itemPath = await linkIn(base, "/gk/list", /href="(\/gk\/items\/[^"/?]+)"/);
    const catalogPath = await linkIn(base, "/gk/catalog", /href="(\/gk\/catalog\/[^"]+)"/);
    // BENCH_PAGES=home,item: only the pages whose names start with one of these.
    const only = (process.env.BENCH_PAGES ?? "").split(",").filter(Boolean);
    const pages = [];
    for (const [name, path] of [
      ["home", "/"],
      ["item page", itemPath],
      ["catalogue column", catalogPath],
      ["calendar", "/calendar"],
      ["item list", "/gk/list"],
    ] as const) {
      if (only.length === 0 || only.some((o) => name.startsWith(o)))
        pages.push(await fetchPage(base, name, path));
    }

    const pagesFile = join(dir, "pages.json");
    writeFileSync(pagesFile, JSON.stringify(Object.fromEntries(pages.map((p) => [p.path, p]))));
    const bare = spawn(process.execPath, [join(ROOT, "bench/bare-server.mjs"), pagesFile], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(bare);
    const barePort = await new Promise<number>((ok, fail) => {
      bare.stdout!.on("data", (d: Buffer) => {
        const m = /listening (\d+)/.exec(d.toString());
        if (m) ok(Number(m[1]));
      });
      bare.once("exit", (code) => fail(new Error(`bare Fastify exited (${code})`)));
    });
    const bareBase = `http://127.0.0.1:${barePort}`;

    const ng = await startNginx(dir, pages, children);

    console.log(
      `\n== public pages: autocannon -c ${CONNECTIONS} -d ${SECONDS} (after a ${WARMUP} s warm-up), best of ${ROUNDS} interleaved rounds; each server in its own process, load generator in another (${cpus().length} cores)`,
    );
    console.log(
      `gongkai serve: NODE_ENV=production, default log level, request log to a file${process.env.GONGKAI_LOG_SYNC ? " (GONGKAI_LOG_SYNC set)" : ""}; bare Fastify: same body and headers, no log; nginx: same body and headers, 1 worker, static file, no access log`,
    );
    if (!ng.base) console.log(`nginx ratio skipped: ${ng.why}`);
    // On a shared machine the absolute numbers, and even the ratios, move with the other load: say how busy it was.
    const busy = () => loadavg()[0]!.toFixed(1);
    console.log(
      `load average at the start: ${busy()} (${cpus().length} cores; above the core count, the ratios are noise)`,
    );
    let invalid = 0;
    for (const [i, page] of pages.entries()) {
      let app: Result | undefined;
      let fastify: Result | undefined;
      let nginx: Result | undefined;
      for (let round = 0; round < ROUNDS; round++) {
        app = best(app, await measure(base + page.path));
        fastify = best(fastify, await measure(bareBase + page.path));
        if (ng.base) nginx = best(nginx, await measure(`${ng.base}/page${i}`));
      }
      if (!app || !fastify) throw new Error("BENCH_ROUNDS must be at least 1");
      const bytes = Buffer.byteLength(page.body);
      console.log(`\n${page.name}: ${page.path} (${bytes} bytes, ${page.contentType})`);
      console.log(`  gongkai       ${fmt(app)}`);
      console.log(`  bare Fastify  ${fmt(fastify)}`);
      if (nginx) console.log(`  nginx         ${fmt(nginx)}`);
      const all = [app, fastify, ...(nginx ? [nginx] : [])];
      if (!all.every(valid)) {
        invalid++;
        console.log("  INVALID: a server answered non-2xx or failed requests; no ratio for this page");
        continue;
      }
      console.log(
        `  ratio gongkai / bare Fastify ${(app.rps / fastify.rps).toFixed(2)}` +
          (nginx ? `   gongkai / nginx ${(app.rps / nginx.rps).toFixed(2)}` : "   gongkai / nginx skipped"),
      );
    }
    console.log(`\nload average at the end: ${busy()}`);
    const logBytes = statSync(logFile).size;
    console.log(
      `\ngongkai's log grew to ${(logBytes / 1024 / 1024).toFixed(1)} MB during the run` +
        (process.env.BENCH_KEEP ? ` (${logFile})` : " (BENCH_KEEP=1 keeps it)"),
    );
    if (invalid) {
      console.log(`${invalid} page(s) INVALID`);
      process.exitCode = 1;
    }
  } finally {
    for (const c of children.reverse()) await stop(c);
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}
