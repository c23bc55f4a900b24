// Static publication (issue 19 item 1), all in one run, each server in its own process and the load generator
// (autocannon's CLI) in another:
//   1. nginx (deploy/nginx/gongkai.conf, one worker, no access log) serving the published item page through the
//      shipped configuration, against the same nginx serving one plain file of the same size from a bare
//      `location` (ratio, target ≥ 0.9);
//   2. the dynamic item page from `gongkai serve` (NODE_ENV=production, default logging to a file) against a bare
//      Fastify route answering the same bytes and headers (bench/bare-server.mjs; ratio, target ≥ 0.8);
//   3. publication to the changed file served by nginx: an item published through the API of `gongkai serve`,
//      picked up by `gongkai publish-static --watch` (its own process) from the audit log; the time until nginx
//      answers the item's page, and until the list's first page shows it (target < 1 s).
// Run: npm run bench -- static (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_WARMUP_SECONDS, BENCH_ROUNDS,
// BENCH_PUBLICATIONS, BENCH_KEEP=1 to keep the folder).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
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
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PUBLICATIONS = Number(process.env.BENCH_PUBLICATIONS ?? 5);
const NGINX = process.env.GONGKAI_NGINX ?? "/usr/sbin/nginx";
async function startNginx(
  dir: string,
  www: string,
  appPort: number,
  plainFile: string,
  children: ChildProcess[],
): Promise<{ site: string; plain: string }> {
  if (!existsSync(NGINX)) throw new Error(`nginx is required: apt-get install nginx-light (${NGINX})`);
  const port = await freePort();
  const plainPort = await freePort();
  cpSync(join(ROOT, "deploy/nginx/snippets"), join(dir, "snippets"), { recursive: true });
  const site = readFileSync(join(ROOT, "deploy/nginx/gongkai.conf"), "utf8")
    .replace(/^\s*server 127\.0\.0\.1:\d+; # test: upstream$/m, `    server 127.0.0.1:${appPort};`)
    .replace(/^\s*listen 80; # test: listen$/m, `    listen 127.0.0.1:${port};`)
    .replace(/^\s*root \/var\/www\/gongkai; # test: root$/m, `    root ${www};`);
  writeFileSync(join(dir, "gongkai.conf"), site);
  writeFileSync(
    join(dir, "nginx.conf"),
    `worker_processes 1;
daemon off;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "nginx-error.log")} warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/nginx-body;
  proxy_temp_path ${dir}/nginx-proxy;
  fastcgi_temp_path ${dir}/nginx-fastcgi;
  uwsgi_temp_path ${dir}/nginx-uwsgi;
  scgi_temp_path ${dir}/nginx-scgi;
  include ${join(dir, "gongkai.conf")};
  # The baseline: one plain file, no map, no try_files, the same headers.
  server {
    listen 127.0.0.1:${plainPort};
    location = /plain.html {
      alias ${plainFile};
      charset utf-8;
      include ${join(dir, "snippets/gongkai-headers.conf")};
    }
  }
}
`,
  );
  const child = spawn(NGINX, ["-p", `${dir}/`, "-c", join(dir, "nginx.conf")], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  const plain = `http://127.0.0.1:${plainPort}`;
  await waitFor(`${plain}/plain.html`, child, "nginx");
  return { site: `http://127.0.0.1:${port}`, plain };
}

async function bareFastify(
  page: { path: string; body: string; contentType: string; headers: Record<string, string> },
  dir: string,
  children: ChildProcess[],
): Promise<string> {
  const pagesFile = join(dir, "pages.json");
  writeFileSync(pagesFile, JSON.stringify({ [page.path]: page }));
  const bare = spawn(process.execPath, [join(ROOT, "bench/bare-server.mjs"), pagesFile], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(bare);
  const port = await new Promise<number>((ok, fail) => {
    bare.stdout!.on("data", (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) ok(Number(m[1]));
    });
    bare.once("exit", (code) => fail(new Error(`bare Fastify exited (${code})`)));
  });
  return `http://127.0.0.1:${port}`;
}

export async function benchStatic(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "gongkai-bench-static-"));
  chmodSync(dir, 0o755); // nginx's workers drop to an unprivileged user, who must reach the files
  const www = join(dir, "www");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GONGKAI_DATABASE_URL: `sqlite:${join(dir, "gongkai.db")}`,
    GONGKAI_DATA_DIR: join(dir, "data"),
    GONGKAI_SECRET_KEY: randomBytes(32).toString("hex"),
  };
  delete env.GONGKAI_LOG_LEVEL;
  const prod = { ...env, NODE_ENV: "production" };
  const children: ChildProcess[] = [];
  const gk = (...args: string[]) =>
    run(process.execPath, ["bin/gongkai.mjs", ...args], {
      cwd: ROOT,
      env: prod,
      maxBuffer: 16 * 1024 * 1024,
    });
  try {
    await run(process.execPath, ["bin/gongkai.mjs", "seed", "demo"], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: "development" },
    });
    const full = await gk("publish-static", "--out", www);
    console.log(`\n== static publication (${cpus().length} cores)`);
    console.log(`full publication of the demo county: ${full.stdout.trim().split("\n").pop()}`);

    const port = await freePort();
    const log = openSync(join(dir, "gongkai.log"), "w");
    const gongkai = spawn(process.execPath, ["bin/gongkai.mjs", "serve"], {
      cwd: ROOT,
      env: { ...prod, PORT: String(port), HOST: "127.0.0.1" },
      stdio: ["ignore", log, log],
    });
    children.push(gongkai);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/healthz`, gongkai, "gongkai serve");

    const list = await (await fetch(`${base}/gk/list`)).text();
    const itemPath = /href="(\/gk\/items\/[^"/?]+)"/.exec(list)![1]!;
    const r = await fetch(base + itemPath);
    const body = await r.text();
    const headers: Record<string, string> = {};
    r.headers.forEach((v, k) => {
      if (!PER_ANSWER.has(k)) headers[k] = v;
    });
    const page = { path: itemPath, body, contentType: r.headers.get("content-type")!, headers };
    const published = join(www, itemPath.slice(1), "index.html");
    if (readFileSync(published, "utf8") !== body)
      throw new Error(`${published} differs from what gongkai serves`);
    const plainFile = join(dir, "plain.html");
    copyFileSync(published, plainFile);
    const ng = await startNginx(dir, www, port, plainFile, children);
    const bare = await bareFastify(page, dir, children);

    const busy = () => loadavg()[0]!.toFixed(1);
    console.log(
      `autocannon -c ${CONNECTIONS} -d ${SECONDS} after a ${WARMUP} s warm-up, best of ${ROUNDS} interleaved rounds; load average at the start ${busy()}`,
    );
    console.log(`item page ${itemPath}: ${Buffer.byteLength(body)} bytes`);
    let staticR: Result | undefined;
    let plainR: Result | undefined;
    let appR: Result | undefined;
    let bareR: Result | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      staticR = best(staticR, await measure(ng.site + itemPath));
      plainR = best(plainR, await measure(`${ng.plain}/plain.html`));
      appR = best(appR, await measure(base + itemPath));
      bareR = best(bareR, await measure(bare + itemPath));
    }
    console.log(`  nginx, published site    ${fmt(staticR!)}`);
    console.log(`  nginx, one plain file    ${fmt(plainR!)}`);
    console.log(`  gongkai serve (dynamic)  ${fmt(appR!)}`);
    console.log(`  bare Fastify, same bytes ${fmt(bareR!)}`);
    let invalid = false;
    if ([staticR!, plainR!, appR!, bareR!].every(valid)) {
      console.log(
        `  ratio published site / plain file ${(staticR!.rps / plainR!.rps).toFixed(2)} (target ≥ 0.9)`,
      );
      console.log(`  ratio gongkai / bare Fastify ${(appR!.rps / bareR!.rps).toFixed(2)} (target ≥ 0.8)`);
    } else {
      invalid = true;
      console.log("  INVALID: a server answered non-2xx or failed requests; no ratios");
    }

    // Publication → served by nginx, through the watcher in its own process.
    const watchLog = openSync(join(dir, "watch.log"), "w");
    const watcher = spawn(process.execPath, ["bin/gongkai.mjs", "publish-static", "--out", www, "--watch"], {
      cwd: ROOT,
      env: prod,
      stdio: ["ignore", watchLog, watchLog],
    });
    children.push(watcher);
    const tokens: Record<string, string> = {};
    for (const u of ["demo-clerk", "demo-reviewer", "demo-signer"])
      tokens[u] = (await gk("token", "create", "--username", u)).stdout.trim();
    // The watcher is up once it has caught up (it prints that it is watching).
    for (let i = 0; i < 600 && !readFileSync(join(dir, "watch.log"), "utf8").includes("正在监视"); i++)
      await new Promise((res) => setTimeout(res, 100));
    const api = async (user: string, path: string, json: unknown) => {
      const res = await fetch(base + path, {
        method: "POST",
        headers: { authorization: `Bearer ${tokens[user]}`, "content-type": "application/json" },
        body: JSON.stringify(json),
      });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    const itemTimes: number[] = [];
    const listTimes: number[] = [];
    for (let i = 0; i < PUBLICATIONS; i++) {
      const title = `静态发布时延测试 ${i} ${randomBytes(3).toString("hex")}`;
      const { id } = await api("demo-clerk", "/api/v1/items", {
        title,
        body: "<p>正文。</p>",
        kind: "notice",
      });
      await api("demo-clerk", `/api/v1/items/${id}/actions`, { action: "submit" });
      await api("demo-reviewer", `/api/v1/items/${id}/actions`, { action: "approve" });
      await api("demo-signer", `/api/v1/items/${id}/actions`, { action: "sign" });
      await api("demo-signer", `/api/v1/items/${id}/actions`, { action: "publish" });
      const t0 = performance.now();
      let item = 0;
      let listed = 0;
      while (performance.now() - t0 < 60_000 && !(item && listed)) {
        if (!item) {
          const res = await fetch(`${ng.site}/gk/items/${id}`);
          const text = await res.text();
          // Served from the file: nginx's Last-Modified (gongkai sends none).
          if (res.status === 200 && res.headers.get("last-modified") && text.includes(title))
            item = performance.now() - t0;
        }
        if (!listed) {
          const res = await fetch(`${ng.site}/gk/list`);
          if (res.headers.get("last-modified") && (await res.text()).includes(title))
            listed = performance.now() - t0;
        }
        await new Promise((res) => setTimeout(res, 5));
      }
      itemTimes.push(item || Number.NaN);
      listTimes.push(listed || Number.NaN);
      await new Promise((res) => setTimeout(res, 500));
    }
    const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
    const max = (xs: number[]) => Math.max(...xs);
    console.log(
      `publication → nginx serves the item's page: ${ms(itemTimes)} ms (max ${max(itemTimes).toFixed(0)} ms, target < 1000)`,
    );
    console.log(
      `publication → nginx serves the list's first page with it: ${ms(listTimes)} ms (max ${max(listTimes).toFixed(0)} ms)`,
    );
    console.log(`load average at the end ${busy()}`);
    if (invalid || itemTimes.some((t) => Number.isNaN(t))) process.exitCode = 1;
  } finally {
    for (const c of children.reverse()) await stop(c);
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}
