import type { Kysely } from "kysely";

// Several instances on one database (issue 19 part 2, docs/deployment.md "Several instances"):
// - job_runs: a scheduled job's run for one period (a day, a 30-second slot) is claimed by inserting its row;
//   the primary key lets exactly one instance win, whichever engine. Rows older than a few days are pruned.
// - rate_counters: the per-client request counters (src/web/client-limits.ts) on PostgreSQL, shared by every
//   instance, so running three instances does not triple a client's allowance. SQLite keeps them in memory.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("job_runs")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("instance", "text", (c) => c.notNull())
    .addColumn("claimed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("job_runs_pk", ["name", "period"])
    .execute();
  await db.schema.createIndex("job_runs_claimed_idx").on("job_runs").column("claimed_at").execute();
  await db.schema
    .createTable("rate_counters")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("count", "integer", (c) => c.notNull())
    // Milliseconds since the epoch, when the counter's window began.
    .addColumn("started_ms", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rate_counters_started_idx").on("rate_counters").column("started_ms").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_counters").execute();
  await db.schema.dropTable("job_runs").execute();
}
