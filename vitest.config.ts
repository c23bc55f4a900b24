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
        },
      },
    ],
    globalSetup: ["./test/helpers/global-setup.ts"],
    testTimeout: 20_000,
    // A worker's first database suite seeds the demo county into its template (test/helpers/demo-template.ts), 3-20 s
    // depending on the machine's load; later suites copy it.
    hookTimeout: 120_000,
    // Two test files at a time even on a 2-core machine: database suites spend much of their time waiting for
    // PostgreSQL, a CLI child process or Chromium, so a second file overlaps that wait. Browser journeys too (each
    // file has its own server and browser; a project-level fileParallelism would not apply to the shared pool).
    maxWorkers: Number(process.env.GONGKAI_TEST_WORKERS || 2),
    // A worker keeps its imported modules from one test file to the next (the app's ~770 modules took 3-10 s to
    // import per file: 1,079 s of a 3,135 s run). Files still get their own databases and apps; nothing in src/
    // keeps an app's state at module level (registries take the rendering app's deps as an argument). The projects
    // run one after another, each in fresh workers.
    isolate: false,
    minWorkers: 1,
    sequence: { sequencer: SlowFirstSequencer },
  },
});
