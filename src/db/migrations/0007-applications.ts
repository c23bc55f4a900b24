import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("applications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("tracking_code", "text", (c) => c.notNull().unique())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("applicant_type", "text", (c) => c.notNull())
    .addColumn("applicant_name", "text", (c) => c.notNull())
    .addColumn("id_type", "text")
    // Identity numbers, addresses and contacts are encrypted (AES-256-GCM); id_index finds repeats.
    .addColumn("id_number_enc", "text")
    .addColumn("id_index", "text")
    .addColumn("credit_code", "text")
    .addColumn("legal_rep", "text")
    .addColumn("phone_enc", "text")
    .addColumn("email_enc", "text")
    .addColumn("address_enc", "text")
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("delivery", "text", (c) => c.notNull())
    .addColumn("carrier", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("received_on", "text")
    .addColumn("org_id", "text", (c) => c.references("orgs.id"))
    .addColumn("handler_id", "text", (c) => c.references("users.id"))
    .addColumn("correction_deadline", "text")
    .addColumn("correction_used", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("extended_days", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("fee_yuan", "integer")
    .addColumn("fee_method", "text")
    .addColumn("fee_deadline", "text")
    .addColumn("consult_party", "text")
    .addColumn("consult_deadline", "text")
    .addColumn("outcome", "text")
    .addColumn("outcome_note", "text")
    .addColumn("replied_on", "text")
    .addColumn("merged_into_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("applications_status_idx")
    .on("applications")
    .columns(["site_id", "status"])
    .execute();
  await db.schema.createIndex("applications_id_index_idx").on("applications").column("id_index").execute();

  // Every dated step: the public ones are shown on the applicant's status page.
  await db.schema
    .createTable("application_steps")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) => c.notNull().references("applications.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("on_date", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("public", "integer", (c) => c.notNull())
    .addColumn("public_text", "text", (c) => c.notNull())
    .addColumn("internal_note", "text")
    .execute();
  await db.schema
    .createIndex("application_steps_app_idx")
    .on("application_steps")
    .columns(["application_id", "at"])
    .execute();

  // Administrative review and litigation against a reply (annual report table 四).
  await db.schema
    .createTable("application_disputes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) => c.notNull().references("applications.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("filed_on", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("decided_on", "text")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["application_disputes", "application_steps", "applications"])
    await db.schema.dropTable(t).execute();
}
