import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Server-side sessions: the cookie carries only the id, so logout, a password change or disabling the
  // account ends every copy of it, and idle and absolute timeouts are enforced here, not by the browser.
  await db.schema
    .createTable("user_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .addColumn("end_reason", "text")
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("user_agent", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("user_sessions_user_idx").on("user_sessions").column("user_id").execute();

  // Login attempts, counted per (account name, address), per address and per account name. The name is
  // stored as a keyed hash (people type passwords into the name field), and unknown names are counted
  // like real ones so that throttling reveals nothing about which accounts exist.
  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("username_key", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_attempts_username_idx")
    .on("login_attempts")
    .columns(["username_key", "at"])
    .execute();
  await db.schema
    .createIndex("login_attempts_address_idx")
    .on("login_attempts")
    .columns(["address", "at"])
    .execute();
  await db.schema.createIndex("login_attempts_at_idx").on("login_attempts").column("at").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_attempts").execute();
  await db.schema.dropTable("user_sessions").execute();
}
