// Publishing benchmark (issue 4): the time to publish 1,000 items, against drafting and reviewing the same
// 1,000 in the same run. Public page throughput is measured apart, with the server, the baseline and the
// load generator in separate processes: `npm run bench -- pages` (pages.bench.ts).
// Run: npm run bench -- publishing.
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config";
import { connectDb } from "../src/db/connect";
import { migrateToLatest } from "../src/db/migrator";
import { seedDemo } from "../src/demo/seed";
import { createDeps, systemActor } from "../src/deps";
import { findCurrentUser } from "../src/domains/accounts";
import { createItem, performAction } from "../src/domains/publishing";

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

  console.log("\n== publishing");
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
