import { expect, it } from "vitest";
import type { Deps } from "../../deps";
import { forgetIndexHealth, HEALTH_TTL_MS, type IndexHealth, recentIndexHealth } from "./search.maintenance";

// The dashboard's kept numbers: only a finished result is kept; a failure is retried by the next caller.
const health = (expected: number): IndexHealth => ({
  missing: 0,
  stale: 0,
  expected,
  indexed: expected,
  examples: { missing: [], stale: [] },
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

it("shares a run under way, forgets a failed run and retries, keeps a finished result for a minute", async () => {
  const deps = { db: {} } as Deps;
  let clock = 0;
  const now = () => clock;
  const runs: Array<ReturnType<typeof deferred<IndexHealth>>> = [];
  const compute = () => {
    const d = deferred<IndexHealth>();
    runs.push(d);
    return d.promise;
  };
  // Two callers at once share one run; it fails, both see that failure.
  const a = recentIndexHealth(deps, "s", compute, now);
  const b = recentIndexHealth(deps, "s", compute, now);
  expect(runs).toHaveLength(1);
  runs[0]!.reject(new Error("database busy"));
  await expect(a).rejects.toThrow("database busy");
  await expect(b).rejects.toThrow("database busy");
  // The failure is not kept: the next caller starts a new run.
  const c = recentIndexHealth(deps, "s", compute, now);
  expect(runs).toHaveLength(2);
  runs[1]!.resolve(health(7));
  expect(await c).toEqual(health(7));
  // Finished: kept for a minute without running again, then run again.
  clock += HEALTH_TTL_MS - 1;
  expect(await recentIndexHealth(deps, "s", compute, now)).toEqual(health(7));
  expect(runs).toHaveLength(2);
  clock += 2;
  const d = recentIndexHealth(deps, "s", compute, now);
  expect(runs).toHaveLength(3);
  // A rebuild meanwhile: the run that started before it is not kept.
  forgetIndexHealth(deps, "s");
  runs[2]!.resolve(health(8));
  expect(await d).toEqual(health(8));
  const e = recentIndexHealth(deps, "s", compute, now);
  expect(runs).toHaveLength(4);
  runs[3]!.resolve(health(9));
  expect(await e).toEqual(health(9));
  // Another database's numbers are its own.
  const other = recentIndexHealth({ db: {} } as Deps, "s", compute, now);
  expect(runs).toHaveLength(5);
  runs[4]!.resolve(health(1));
  await other;
});
