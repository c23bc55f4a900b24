import { defineConfig } from "vitest/config";
import { SlowFirstSequencer } from "./test/helpers/slow-first-sequencer";

// Three projects so `npm test` can report what ran where: unit + SQLite, PostgreSQL, Chromium.
// Database suites use `describeEachDialect`, which tags each test with its engine.
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "@kitajs/html" },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
          exclude: ["test/e2e/**", "node_modules/**"],
          env: { GONGKAI_TEST_DIALECTS: "sqlite" },
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          // Only suites that touch the database (named *.db.test.ts) run again on PostgreSQL.
          include: ["src/**/*.db.test.{ts,tsx}", "test/**/*.db.test.{ts,tsx}"],
          exclude: ["test/e2e/**", "node_modules/**"],
          env: { GONGKAI_TEST_DIALECTS: "postgres" },
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.{ts,tsx}"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
    testTimeout: 20_000,
    // A database suite's setup seeds the demo county (10-20 s alone); on a busy machine it may take several times that.
    hookTimeout: 120_000,
    // Two test files at a time even on a 2-core machine: database suites spend most of their time waiting for
    // PostgreSQL, a CLI child process or Chromium, so a second file overlaps that wait (the whole run took about
    // 40% less). Browser journeys stay one file at a time (fileParallelism: false above).
    maxWorkers: Number(process.env.GONGKAI_TEST_WORKERS || 2),
    minWorkers: 1,
    sequence: { sequencer: SlowFirstSequencer },
  },
});
