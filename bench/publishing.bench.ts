// Publishing benchmarks (issue 4): requests per second of a published item page and of a catalogue list
// page, each against a bare Fastify route returning the same bytes from memory (the ceiling of one Node
// process), measured in the same run; and the time to publish 1,000 items.
// Run: npm run bench (or node bin/run-ts.mjs bench/publishing.bench.ts).
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import Fastify from "fastify";
import { buildApp } from "../src/app";
import { loadConfig } from "../src/config";
import { connectDb } from "../src/db/connect";
import { migrateToLatest } from "../src/db/migrator";
import { seedDemo } from "../src/demo/seed";
import { createDeps, systemActor } from "../src/deps";
import { findCurrentUser } from "../src/domains/accounts";
import { createItem, performAction } from "../src/domains/publishing";

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function rps(url: string): Promise<number> {
  // A worker thread generates the load, so it does not share the servers' event loop.
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, workers: 1 });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return r.requests.average;
}

async function bareServer(bodies: Record<string, string>) {
  const bare = Fastify({ logger: false });
  for (const [path, body] of Object.entries(bodies)) {
    bare.get(path, (_req, reply) => reply.type("text/html; charset=utf-8").send(body));
  }
  await bare.listen({ port: 0, host: "127.0.0.1" });
  const addr = bare.server.address();
  return { bare, base: `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}` };
}

export async function benchPublishing(): Promise<void> {
  const file = join(tmpdir(), `gongkai-bench-${process.pid}.db`);
  const url = `sqlite:${file}`;
  const db = connectDb(url);
  await migrateToLatest(db);
  const config = loadConfig({
    NODE_ENV: "test",
    GONGKAI_DATABASE_URL: url,
    GONGKAI_DATA_DIR: join(tmpdir(), "gongkai-bench"),
  });
  const deps = createDeps(config, { db });
  await seedDemo(deps, systemActor("bench"));
  const app = await buildApp(deps, { rateLimitPerMinute: 100_000_000 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;

  const item = await db.kysely
    .selectFrom("items")
    .select("id")
    .where("kind", "=", "normative")
    .where("status", "=", "published")
    .executeTakeFirstOrThrow();
  const itemPath = `/gk/items/${item.id}`;
  const listPath = "/gk/list?kind=notice";
  const itemBody = await (await fetch(base + itemPath)).text();
  const listBody = await (await fetch(base + listPath)).text();
  const { bare, base: bareBase } = await bareServer({ "/item": itemBody, "/list": listBody });

  // Interleaved rounds, best of each: the first seconds of any run are slower (JIT, the load worker
  // warming up), and the machine is shared, so a single pass mostly measures noise.
  const best = { bareItem: 0, appItem: 0, bareList: 0, appList: 0 };
  await autocannon({ url: base + itemPath, connections: 4, duration: 1, workers: 1 });
  for (let round = 0; round < ROUNDS; round++) {
    best.bareItem = Math.max(best.bareItem, await rps(`${bareBase}/item`));
    best.appItem = Math.max(best.appItem, await rps(base + itemPath));
    best.bareList = Math.max(best.bareList, await rps(`${bareBase}/list`));
    best.appList = Math.max(best.appList, await rps(base + listPath));
  }
  const { bareItem, appItem, bareList, appList } = best;
  await bare.close();
  await app.close();

  console.log(
    "\n== publishing: public pages (autocannon, %d connections, best of %d interleaved %ds runs, 127.0.0.1)",
    CONNECTIONS,
    ROUNDS,
    DURATION,
  );
  console.log(
    `item page       ${appItem.toFixed(0).padStart(7)} req/s   bare Fastify, same ${itemBody.length} bytes: ${bareItem.toFixed(0).padStart(7)} req/s   ratio ${(appItem / bareItem).toFixed(2)}  (target ≥ 0.90)`,
  );
  console.log(
    `list page       ${appList.toFixed(0).padStart(7)} req/s   bare Fastify, same ${listBody.length} bytes: ${bareList.toFixed(0).padStart(7)} req/s   ratio ${(appList / bareList).toFixed(2)}  (target ≥ 0.50)`,
  );

  // 1,000 items through the whole workflow; publication timed on its own.
  const office = (await findCurrentUser(deps, "demo-office"))!;
  const ids: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < 1000; i++) {
    const it = await createItem(deps, office, {
      org: "gyx-czj",
      kind: "news",
      title: `性能测试信息 ${i}`,
      body: `第${i}条信息的正文。\n第二段。`,
    });
    for (const action of ["submit", "approve", "sign"] as const)
      await performAction(deps, office, it.id, { action });
    ids.push(it.id);
  }
  const t1 = performance.now();
  for (const id of ids) await performAction(deps, office, id, { action: "publish" });
  const t2 = performance.now();
  console.log(
    `publish 1,000 items: ${((t2 - t1) / 1000).toFixed(2)} s (${((t2 - t1) / 1000).toFixed(2)} ms each); drafting and review of the same 1,000: ${((t1 - t0) / 1000).toFixed(2)} s`,
  );
  await db.close();
  for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
}
