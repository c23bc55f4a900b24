import { buildApp } from "../../../src/app";
import { seedDemoApplications } from "../../../src/demo/applications";
import { createDeps, type Deps } from "../../../src/deps";
import type { AppInstance } from "../../../src/web/types";
import { testConfig } from "../../helpers/db";
import { demoTestDb } from "../../helpers/demo-template";

export interface E2EServer {
  /** e.g. "http://127.0.0.1:41234", without a trailing slash. */
  base: string;
  app: AppInstance;
  /** The server's own dependencies, for setting up data the way the CLI would. */
  deps: Deps;
  close(): Promise<void>;
}

/**
 * A real server for one test file: a SQLite database of its own holding the demo county,
 * listening on a free port. E2E runs on SQLite only; the database suites cover PostgreSQL.
 */
export async function startServer(): Promise<E2EServer> {
  // The demo county with its services and applications: a copy of the worker's template (demo-template.ts).
  const testDb = await demoTestDb(
    "sqlite",
    { services: true },
    { name: "applications", seed: seedDemoApplications },
  );
  let app: AppInstance | undefined;
  try {
    const deps = createDeps(testConfig(testDb.url), { db: testDb.db });
    app = await buildApp(deps, { rateLimitPerMinute: 100_000 });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    if (!address || typeof address === "string")
      throw new Error(`unexpected server address: ${String(address)}`);
    const started = app;
    return {
      base: `http://127.0.0.1:${address.port}`,
      app: started,
      deps,
      async close() {
        await started.close();
        await testDb.destroy();
      },
    };
  } catch (e) {
    await app?.close().catch(() => undefined);
    await testDb.destroy();
    throw e;
  }
}
