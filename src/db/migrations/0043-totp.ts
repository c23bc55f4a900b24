import type { Kysely } from "kysely";

// The staff second factor (issue 19 part 5): TOTP (RFC 6238) with one-use recovery codes.
// - user_totp: the user's secret, encrypted with the site key (encryptField); enabled_at null while the user
//   is enrolling (the code from the app not yet confirmed); last_step, the time step of the last accepted
//   code, so a code is never accepted twice.
// - user_recovery_codes: keyed hashes of the ten one-use codes shown once at enrolment.
// - login_challenges: a sign-in whose password was right and whose second factor is still to come. The
//   encrypted cookie carries only the id; failures are counted here, so replaying an old cookie does not
//   reset them.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user_totp")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("secret_enc", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("enabled_at", "text")
    .addColumn("last_step", "integer")
    // Wrong codes of the account (any sign-in, any address) since failures_since: past the limit the code step
    // pauses, so repeating the password does not buy fresh guesses.
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failures_since", "text")
    .execute();
  await db.schema
    .createTable("user_recovery_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema
    .createIndex("user_recovery_codes_user_idx")
    .on("user_recovery_codes")
    .columns(["user_id", "code_hash"])
    .execute();
  await db.schema
    .createTable("login_challenges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("address", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_challenges_created_idx")
    .on("login_challenges")
    .column("created_at")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_challenges").execute();
  await db.schema.dropTable("user_recovery_codes").execute();
  await db.schema.dropTable("user_totp").execute();
}
