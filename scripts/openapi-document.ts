// Builds the app in-process (no server, no migrated database: routes are registered without queries) and
// returns the OpenAPI document exactly as GET /api/v1/openapi.json serves it. Used by `npm run lint:openapi`
// (scripts/openapi-check.ts) and by src/web/openapi.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createDeps } from "../src/deps";

export type OpenApiDocument = Record<string, unknown> & {
  paths: Record<string, Record<string, Record<string, unknown>>>;
};

export async function buildOpenApiDocument(opts: { publicUrl?: string } = {}): Promise<OpenApiDocument> {
  const dataDir = mkdtempSync(join(tmpdir(), "gongkai-openapi-"));
  const config = loadConfig(
    {
      NODE_ENV: "test",
      GONGKAI_DATABASE_URL: "sqlite::memory:",
      GONGKAI_DATA_DIR: dataDir,
      ...(opts.publicUrl ? { GONGKAI_PUBLIC_URL: opts.publicUrl } : {}),
    },
    { secretKey: Buffer.alloc(32, 1) },
  );
  const deps = createDeps(config);
  try {
    const app = await buildApp(deps);
    try {
      await app.ready();
      const res = await app.inject({ method: "GET", url: "/api/v1/openapi.json" });
      if (res.statusCode !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.statusCode}`);
      return res.json() as OpenApiDocument;
    } finally {
      await app.close();
    }
  } finally {
    await deps.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
