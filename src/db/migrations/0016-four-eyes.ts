import type { Kysely } from "kysely";

// Four eyes (四眼原则): who submitted, approved, signed and published the current version of an item, so the
// workflow can refuse an approval or signature by its own drafter or submitter, and a signature by its
// reviewer. A site may relax the rule only by a recorded setting (publishing_settings, changed through an
// audited step with a reason).

const STEP_COLUMNS = [
  ["submitted_by", "submit"],
  ["reviewed_by", "approve"],
  ["signed_by", "sign"],
  ["published_by", "publish"],
] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const [column] of STEP_COLUMNS)
    await db.schema.alterTable("items").addColumn(column, "text").execute();
  await db.schema
    .createTable("publishing_settings")
    .addColumn("site_id", "text", (c) => c.primaryKey().references("sites.id"))
    .addColumn("four_eyes_relaxed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reason", "text")
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // Items already past a step: the latest actor of that step in their history (item_events).
  for (const [column, action] of STEP_COLUMNS) {
    await db
      .updateTable("items")
      .set((eb) => ({
        [column]: eb
          .selectFrom("item_events")
          .select("item_events.actor_id")
          .whereRef("item_events.item_id", "=", "items.id")
          .where("item_events.action", "=", action)
          .orderBy("item_events.at", "desc")
          .orderBy("item_events.id", "desc")
          .limit(1),
      }))
      .where("items.status", "<>", "draft")
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("publishing_settings").execute();
  for (const [column] of STEP_COLUMNS) await db.schema.alterTable("items").dropColumn(column).execute();
}
