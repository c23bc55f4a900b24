import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// Two test files run at a time. On a fresh clone vitest has no durations cached and would start these long
// files whenever their turn came, often last, leaving one worker idle for minutes at the end of the run.
// They start first instead (project name, then path; measured in CI, longest first).
const SLOW_FIRST = [
  "postgres:test/search-recall.db.test.ts",
  "postgres:src/web/route-policy.db.test.ts",
  "postgres:src/domains/orgs/sites.cli.db.test.ts",
  "unit:src/domains/orgs/sites.cli.db.test.ts",
  "postgres:src/domains/calendar/calendar.cli.db.test.ts",
  "postgres:src/demo/history.db.test.ts",
  // Two serve processes and their timers: a minute and a half, most of it waiting for the daily seal.
  "postgres:src/web/instances.serve.db.test.ts",
  "unit:src/domains/calendar/calendar.cli.db.test.ts",
  "unit:test/search-recall.db.test.ts",
  "postgres:src/domains/reports/reports.db.test.ts",
];

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.indexOf(`${f.project.name}:${relative(f.project.config.root, f.moduleId)}`);
      return i === -1 ? SLOW_FIRST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}
