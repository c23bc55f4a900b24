import { buildApp } from "../../../src/app";
import { seedDemoApplications } from "../../../src/demo/applications";
import { seedDemo } from "../../../src/demo/seed";
import { createDeps, type Deps, systemActor } from "../../../src/deps";
import type { AppInstance } from "../../../src/web/types";
import { createTestDb, testConfig } from "../../helpers/db";

export interface E2EServer {
  /** e.g. "http://127.0.0.1:41234", without a trailing slash. */
  base: string;
  app: AppInstance;
  /** The server's own dependencies, for setting up data the way the CLI would. */
  deps: Deps;
  close(): Promise<void>;
}

/**
 * A real server for one test file: a fresh migrated SQLite database seeded with the demo county,
 * listening on a free port. E2E runs on SQLite only; the database suites cover PostgreSQL.
 */
export async function startServer(): Promise<E2EServer> {
  const testDb = await createTestDb("sqlite");
  let app: AppInstance | undefined;
  try {
    const deps = createDeps(testConfig(testDb.url), { db: testDb.db });
    await seedDemo(deps, systemActor("test"), { services: true });
    await seedDemoApplications(deps);
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
