import type { Kysely } from "kysely";

// Provisional due dates (暂定): a clock counted over a year whose holiday notice has not been entered yet is
// computed from the statutory holidays and flagged, so every page and the API can mark its due date 暂定
// until the notice arrives and the clocks are recomputed. Boolean as 0/1 like the other tables.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("statutory_clocks")
    .addColumn("provisional", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("statutory_clocks").dropColumn("provisional").execute();
}
