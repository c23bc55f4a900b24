import type { Kysely } from "kysely";

// Working-day calendar data entered by the county (holiday notices, local closures) and the statutory
// clocks other domains run on it. Same conventions as 0001: dates 'YYYY-MM-DD' text, instants ISO text,
// JSON as text, booleans 0/1.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // One row per year: a notice replaces that year's bundled data as a whole.
  await db.schema
    .createTable("calendar_notices")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("document_number", "text")
    .addColumn("url", "text")
    .addColumn("title", "text")
    .addColumn("days", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addColumn("imported_by", "text", (c) => c.notNull())
    .execute();

  // site_id null: the closure applies to every site of the platform.
  await db.schema
    .createTable("calendar_closures")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.references("sites.id"))
    .addColumn("dates", "text", (c) => c.notNull())
    .addColumn("first_date", "text", (c) => c.notNull())
    .addColumn("last_date", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("calendar_closures_first_idx")
    .on("calendar_closures")
    .column("first_date")
    .execute();

  await db.schema
    .createTable("statutory_clocks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_type", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("site_id", "text", (c) => c.references("sites.id"))
    .addColumn("limit_days", "integer", (c) => c.notNull())
    .addColumn("events", "text", (c) => c.notNull())
    // Null while the calendar cannot compute it yet (a year without a notice).
    .addColumn("due_on", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("explanation", "text", (c) => c.notNull())
    .addColumn("problem", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("statutory_clocks_owner_uq", ["owner_type", "owner_id", "kind"])
    .execute();
  await db.schema
    .createIndex("statutory_clocks_status_idx")
    .on("statutory_clocks")
    .columns(["status", "due_on"])
    .execute();

  await db.schema
    .createTable("statutory_clock_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("clock_id", "text", (c) => c.notNull().references("statutory_clocks.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("cause", "text", (c) => c.notNull())
    .addColumn("old_due_on", "text")
    .addColumn("new_due_on", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("statutory_clock_changes_clock_idx")
    .on("statutory_clock_changes")
    .column("clock_id")
    .execute();
  await db.schema
    .createIndex("statutory_clock_changes_at_idx")
    .on("statutory_clock_changes")
    .column("at")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["statutory_clock_changes", "statutory_clocks", "calendar_closures", "calendar_notices"]) {
    await db.schema.dropTable(t).execute();
  }
}
