#!/usr/bin/env node
// `npm test`: every suite, required. Runs vitest's three projects (unit + SQLite, PostgreSQL, Chromium),
// then says how many tests ran on each engine. A suite that cannot run (no PostgreSQL, no Chromium)
// fails its tests; an engine with no tests at all fails the run too.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { tsImport } from "tsx/esm/api";

// PostgreSQL: the one at GONGKAI_TEST_PG_URL when it answers, else an embedded PostgreSQL 18 for the whole run;
// Chromium: GONGKAI_CHROMIUM, /usr/bin/chromium, else the one in @sparticuz/chromium (test/helpers/).
const { testPostgres } = await tsImport("../test/helpers/embedded-pg.ts", import.meta.url);
const { chooseChromium, describeChromium } = await tsImport(
  "../test/helpers/chromium-path.ts",
  import.meta.url,
);
const { loadTestSettings } = await tsImport("../src/config.ts", import.meta.url);
const postgres = await testPostgres();
console.log(`PostgreSQL: ${postgres.label}`);
console.log(`Chromium: ${describeChromium(chooseChromium(loadTestSettings()))}`);

mkdirSync("test-results", { recursive: true });
const out = "test-results/vitest.json";
const args = [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${out}`,
  ...process.argv.slice(2),
];
const vitest = spawn("npx", args, {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "test", GONGKAI_TEST_PG_URL: postgres.url },
});
// Interrupted or killed: vitest is told, and the embedded PostgreSQL goes once it has stopped.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => vitest.kill(signal));
const run = await new Promise((resolve) =>
  vitest.on("close", (status, signal) => resolve({ status: status ?? (signal ? 1 : 0) })),
);
await postgres.stop();

let report;
try {
  report = JSON.parse(readFileSync(out, "utf8"));
} catch {
  console.error("test run produced no report");
  process.exit(run.status || 1);
}

const buckets = { sqlite: [0, 0], postgres: [0, 0], chromium: [0, 0], other: [0, 0] };
for (const file of report.testResults) {
  const isE2e = file.name.includes("/test/e2e/");
  for (const t of file.assertionResults) {
    const key = isE2e
      ? "chromium"
      : t.fullName.includes("[postgres]")
        ? "postgres"
        : t.fullName.includes("[sqlite]")
          ? "sqlite"
          : "other";
    if (t.status === "passed") buckets[key][0]++;
    else if (t.status === "failed") buckets[key][1]++;
  }
}
const line = (label, [p, f]) =>
  `  ${label.padEnd(28)} ${String(p).padStart(5)} passed ${f ? `${f} failed` : ""}`;
console.log("\nTests by engine:");
console.log(line("SQLite (database suites)", buckets.sqlite));
console.log(line("PostgreSQL (database suites)", buckets.postgres));
console.log(line("Chromium (browser journeys)", buckets.chromium));
console.log(line("no database (unit)", buckets.other));

const passed = Object.values(buckets).reduce((n, b) => n + b[0], 0);
let failed = Object.values(buckets).reduce((n, b) => n + b[1], 0);
// A filtered run (files or projects named) requires nothing, unless GONGKAI_TEST_REQUIRE names the engines it
// must have run (CI runs the projects on two Node versions: .ci/run, scripts/ci-node22.sh).
const filtered = process.argv.length > 2;
const required = process.env.GONGKAI_TEST_REQUIRE
  ? process.env.GONGKAI_TEST_REQUIRE.split(",").map((s) => s.trim())
  : filtered
    ? []
    : ["sqlite", "postgres", "chromium"];
for (const key of required) {
  if (!(key in buckets)) {
    console.error(`GONGKAI_TEST_REQUIRE names an unknown suite: ${key}`);
    failed++;
    continue;
  }
  if (buckets[key][0] + buckets[key][1] === 0) {
    console.error(`no ${key} tests ran: that suite is required`);
    failed++;
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
