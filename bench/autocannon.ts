// One autocannon measurement in its own process (JSON on stdout), shared by the page and static benches.
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const AUTOCANNON = join(resolve(import.meta.dirname, ".."), "node_modules/autocannon/autocannon.js");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);

/** Headers each server writes for itself: per answer or per connection. */
export const PER_ANSWER = new Set([
  "content-length",
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
]);

export interface Result {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** One autocannon run in its own process. */
async function load(url: string, seconds: number): Promise<Result> {
  const { stdout } = await run(
    process.execPath,
    [AUTOCANNON, "-c", String(CONNECTIONS), "-d", String(seconds), "-j", "-n", url],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const r = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

/** A warm-up run, then the measured one. */
export async function measure(url: string): Promise<Result> {
  await load(url, WARMUP);
  return load(url, SECONDS);
}

/** Keeps the round with the most req/s, but counts every non-2xx answer and error of every round. */
export function best(a: Result | undefined, b: Result): Result {
  if (!a) return b;
  const top = b.rps > a.rps ? b : a;
  return { ...top, non2xx: a.non2xx + b.non2xx, errors: a.errors + b.errors };
}

export const fmt = (r: Result) =>
  `${r.rps.toFixed(0).padStart(7)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(4)} ms  non-2xx ${r.non2xx}${r.errors ? `  errors ${r.errors}` : ""}`;

export const valid = (r: Result) => r.non2xx === 0 && r.errors === 0;
