import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { auditBindingOf } from "../../domains/audit/audit.binding";
import { legacySeal } from "../../domains/audit/audit.chain";

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The switch point: entries from here on are HMAC-SHA256 with a key derived from the site secret.
  const head = await db
    .selectFrom("audit_head")
    .select(["last_seq", "last_hash"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
  const lastSeq = Number(head.last_seq);
  const chainId = randomBytes(16).toString("hex");
  let seal: string | null = null;
  if (lastSeq > 0) {
    // Seal the unkeyed prefix now, with the migration: done later, a database writer could first redo the
    // prefix and have the application bless it. The key travels with the database handle
    // (src/domains/audit/audit.binding.ts); `gongkai db migrate` and `serve --demo` provide it. Checked
    // before any change, as SQLite runs migrations outside a transaction.
    const binding = auditBindingOf(db, { optional: true });
    if (!binding)
      throw new Error(
        "migration 0013 seals the existing audit log with the site key: run it through `gongkai db migrate`",
      );
    seal = legacySeal(binding.key, chainId, lastSeq, head.last_hash);
  }

  // Audit entries belong to a site and an organisation, so each user reads only their own part of the log.
  await db.schema.alterTable("audit_log").addColumn("site_id", "text").execute();
  await db.schema.alterTable("audit_log").addColumn("org_id", "text").execute();
  await db.schema.createIndex("audit_site_seq_idx").on("audit_log").columns(["site_id", "seq"]).execute();

  // Backfill: the entity's own organisation where the entity says it, else the acting user's organisation.
  // Rows from before stay hashed as they were (their hash does not cover these two columns).
  const byEntity: Array<[entityType: string, table: string, org: string, site: string]> = [
    ["item", "items", "org_id", "site_id"],
    ["application", "applications", "org_id", "site_id"],
    ["application_repeat", "application_repeat_decisions", "org_id", "site_id"],
    ["catalog_node", "catalog_nodes", "org_id", "site_id"],
    ["org", "orgs", "id", "site_id"],
    ["user", "users", "org_id", "(SELECT o.site_id FROM orgs o WHERE o.id = t.org_id)"],
  ];
  for (const [entityType, table, org, site] of byEntity) {
    await sql`
      UPDATE audit_log SET
        org_id = (SELECT ${sql.raw(`t.${org}`)} FROM ${sql.table(table)} t WHERE t.id = audit_log.entity_id),
        site_id = (SELECT ${sql.raw(site.startsWith("(") ? site : `t.${site}`)} FROM ${sql.table(table)} t
                   WHERE t.id = audit_log.entity_id)
      WHERE entity_type = ${entityType}
        AND EXISTS (SELECT 1 FROM ${sql.table(table)} t WHERE t.id = audit_log.entity_id)`.execute(db);
  }
  await sql`
    UPDATE audit_log SET site_id = entity_id
    WHERE entity_type = 'site' AND EXISTS (SELECT 1 FROM sites s WHERE s.id = audit_log.entity_id)`.execute(
    db,
  );
  await sql`
    UPDATE audit_log SET
      org_id = (SELECT u.org_id FROM users u WHERE u.id = audit_log.actor_id),
      site_id = (SELECT o.site_id FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = audit_log.actor_id)
    WHERE site_id IS NULL AND org_id IS NULL AND actor_id IS NOT NULL`.execute(db);

  await db.schema.alterTable("audit_head").addColumn("chain_id", "text").execute();
  await db.schema.alterTable("audit_head").addColumn("keyed_from_seq", "integer").execute();
  await db.schema.alterTable("audit_head").addColumn("legacy_seal", "text").execute();
  await db
    .updateTable("audit_head")
    .set({ chain_id: chainId, keyed_from_seq: lastSeq + 1, legacy_seal: seal })
    .where("id", "=", 1)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_site_seq_idx").execute();
  for (const c of ["legacy_seal", "keyed_from_seq", "chain_id"])
    await db.schema.alterTable("audit_head").dropColumn(c).execute();
  for (const c of ["org_id", "site_id"]) await db.schema.alterTable("audit_log").dropColumn(c).execute();
}
