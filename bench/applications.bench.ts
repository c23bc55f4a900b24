// Applications benchmarks (issue 6): what encrypting an applicant's file costs, against storing the same
// bytes in clear in the same run; and what a submission carrying a 2 MB ID image costs, against the same
// submission without it.
// Run: npm run bench -- applications.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config";
import { connectDb } from "../src/db/connect";
import { migrateToLatest } from "../src/db/migrator";
import { seedDemo } from "../src/demo/seed";
import { createDeps, systemActor } from "../src/deps";
import { submitOnline } from "../src/domains/applications";
import { sealFiles } from "../src/domains/applications/applicant-files/applicant-files.service";
import { createLocalStorage } from "../src/platform/storage";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const best = async (n: number, f: () => Promise<unknown>) => {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    min = Math.min(min, performance.now() - t);
  }
  return min;
};

/** A JPEG-shaped file of `size` random bytes (random, so nothing is deduplicated). */
const photo = (size: number) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 6), Buffer.from([0xff, 0xd9])]);

export async function benchApplications(): Promise<void> {
  const dir = join(tmpdir(), `gongkai-bench-apps-${process.pid}`);
  const url = `sqlite:${dir}.db`;
  const db = connectDb(url);
  await migrateToLatest(db);
  const config = loadConfig({ NODE_ENV: "test", GONGKAI_DATABASE_URL: url, GONGKAI_DATA_DIR: dir });
  const deps = createDeps(config, { db });
  await seedDemo(deps, systemActor("bench"));
  const plain = createLocalStorage(join(dir, "plain"));

  const size = 5 * 1024 * 1024;
  const sealed = await best(ROUNDS, async () =>
    sealFiles(deps, [{ filename: "id.jpg", type: "jpeg", data: photo(size) }]),
  );
  const clear = await best(ROUNDS, async () => plain.put(photo(size)));
  console.log(
    `applicant file, 5 MB: encrypt + store ${sealed.toFixed(1)} ms; store in clear (baseline) ${clear.toFixed(1)} ms; ratio ${(sealed / clear).toFixed(2)}`,
  );

  const input = (name: string) => ({
    applicant: {
      type: "natural" as const,
      name,
      id_number: "110101199003074514",
      phone: "13812345678",
    },
    description: "申请公开固阳县2025年城乡低保资金发放情况。",
    delivery: "online" as const,
  });
  let n = 0;
  const image = photo(2 * 1024 * 1024);
  const withFile = await best(ROUNDS * 4, () =>
    submitOnline(deps, input(`申请人${++n}`), { uploads: [{ filename: "id.jpg", data: image }] }),
  );
  const without = await best(ROUNDS * 4, () => submitOnline(deps, input(`申请人${++n}`)));
  console.log(
    `submission with a 2 MB ID image ${withFile.toFixed(1)} ms; without (baseline) ${without.toFixed(1)} ms; ratio ${(withFile / without).toFixed(2)}`,
  );
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}.db`, { force: true });
}
