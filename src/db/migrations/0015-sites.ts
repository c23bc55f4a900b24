import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Sites are tenants: the public portal picks its site by the Host header (a comma-separated list of host
  // names, no ports; empty for the default site), and a platform administrator (平台管理员) creates sites.
  await db.schema
    .alterTable("sites")
    .addColumn("hosts", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("users")
    .addColumn("platform_admin", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("platform_admin").execute();
  await db.schema.alterTable("sites").dropColumn("hosts").execute();
}
