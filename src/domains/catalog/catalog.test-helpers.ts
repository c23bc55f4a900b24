import type { DialectContext } from "../../../test/helpers/db";
import { seedDemo } from "../../demo/seed";
import { systemActor } from "../../deps";
import { getSite } from "../orgs";

/** The demo county; seedDemo gives every organisation its catalogue. */
export async function seedCatalogDemo(ctx: DialectContext) {
  await seedDemo(ctx.deps, systemActor("test"));
  return { site: await getSite(ctx.deps) };
}

/** Counts rows so a test can prove a refused change stored nothing. */
export async function countCatalogRows(
  ctx: DialectContext,
  table: "catalog_nodes" | "catalog_node_changes" | "audit_log",
): Promise<number> {
  const r = await ctx.deps.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
