import { buildApp } from "../../src/app";
import { systemActor } from "../../src/deps";
import { createApiToken } from "../../src/domains/accounts";
import type { AppInstance } from "../../src/web/types";
import type { DialectContext } from "./db";
import { seedTestDemo } from "./demo-template";

export async function buildTestApp(
  ctx: DialectContext,
  opts: { seed?: boolean; services?: boolean } = {},
): Promise<AppInstance> {
  if (opts.seed !== false) await seedTestDemo(ctx, opts.services ? { services: true } : {});
  const app = await buildApp(ctx.deps, {
    rateLimitPerMinute: 100_000,
    applicationsPerHour: 100_000,
    submissionsPerHour: 100_000,
  });
  await app.ready();
  return app;
}

export async function tokenFor(ctx: DialectContext, username: string): Promise<string> {
  return createApiToken(ctx.deps, systemActor("test"), username, "test");
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Counts rows so a test can prove a refused request stored nothing. */
export async function countRows(
  ctx: DialectContext,
  table: "orgs" | "users" | "audit_log" | "api_tokens" | "sites",
) {
  const r = await ctx.deps.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
