import { randomBytes } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { loadTestSettings } from "../../src/config";

// vitest globalSetup: names this run (workers inherit the variable) and, at the end, removes the demo templates
// its workers made (test/helpers/demo-template.ts), on PostgreSQL and on disk. Nothing here imports vitest.

/** This run's template names start with it, so the run's teardown removes exactly them. */
export const templatePrefix = () => `gk_tpl_${process.env.GONGKAI_TEST_RUN ?? "x"}`;

export default function setup(): () => Promise<void> {
  process.env.GONGKAI_TEST_RUN ??= randomBytes(4).toString("hex");
  return dropRunTemplates;
}

async function dropRunTemplates(): Promise<void> {
  const prefix = templatePrefix();
  for (const dir of [tmpdir(), join(tmpdir(), "gongkai-test")]) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const f of names) if (f.startsWith(prefix)) rmSync(join(dir, f), { force: true, recursive: true });
  }
  const c = new pg.Client({
    connectionString: loadTestSettings().postgresAdminUrl,
    connectionTimeoutMillis: 3000,
  });
  try {
    await c.connect();
  } catch {
    return; // no PostgreSQL answers: no template was made there
  }
  try {
    const r = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [prefix],
    );
    for (const { datname } of r.rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}
