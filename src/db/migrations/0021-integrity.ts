import type { Kysely } from "kysely";
import { contentSha256V1, publishedFileSha } from "../../domains/integrity/integrity.canonical";

// Verifiable publication (issue 12, 可核查; docs/integrity.md):
// - items.content_sha256: the SHA-256 of an item's published content (canonical serialisation v1, a frozen
//   function), set in the publishing transaction; backfilled here for items published before.
// - published_files: the SHA-256 of each attachment's published file (the masked file where there is one),
//   recorded at publication so a downloaded file can be looked up; the check recomputes it from the live rows.
// - integrity_days: each site's daily chain; a day's record lists what was published that day (Asia/Shanghai)
//   and its hash covers the previous day's hash.
// - integrity_alerts: differences the check found between the live content and the chain, shown to the office
//   until someone acknowledges them.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("items").addColumn("content_sha256", "text").execute();
  await db.schema.createIndex("items_content_sha_idx").on("items").column("content_sha256").execute();
  await db.schema
    .createTable("published_files")
    .addColumn("attachment_id", "text", (c) => c.primaryKey())
    .addColumn("item_id", "text", (c) => c.notNull().references("items.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("published_files_sha_idx").on("published_files").column("sha256").execute();
  await db.schema.createIndex("published_files_item_idx").on("published_files").column("item_id").execute();
  await db.schema
    .createTable("integrity_days")
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    // The canonical JSON array of the day's leaves, exactly as hashed.
    .addColumn("leaves", "text", (c) => c.notNull())
    .addColumn("leaf_count", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("sealed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("integrity_days_pk", ["site_id", "day"])
    .execute();
  await db.schema
    .createTable("integrity_alerts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id"))
    .addColumn("detected_at", "text", (c) => c.notNull())
    // The SHA-256 of the differences: the same differences found again raise no second alert while open.
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("differences", "text", (c) => c.notNull())
    .addColumn("difference_count", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("acknowledged_by", "text", (c) => c.references("users.id"))
    .addColumn("acknowledged_at", "text")
    .addColumn("note", "text")
    .execute();
  await db.schema
    .createIndex("integrity_alerts_site_idx")
    .on("integrity_alerts")
    .columns(["site_id", "status"])
    .execute();

  // Backfill: every item that was ever published (published, withdrawn, superseded) gets its content hash.
  const items = await db
    .selectFrom("items")
    .select([
      "id",
      "kind",
      "title",
      "title_mn",
      "doc_number",
      "index_number",
      "formed_on",
      "published_at",
      "body_html",
      "body_mn_html",
    ])
    .where("published_at", "is not", null)
    .where("status", "in", ["published", "withdrawn", "superseded"])
    .execute();
  for (const item of items) {
    const attachments = await db
      .selectFrom("item_attachments")
      .select(["id", "position", "sha256", "masked_sha256", "masked_text"])
      .where("item_id", "=", item.id)
      .orderBy("position")
      .execute();
    const files = attachments.map((a) => ({
      attachment_id: a.id,
      item_id: item.id,
      position: a.position,
      sha256: publishedFileSha(a),
    }));
    if (files.length) await db.insertInto("published_files").values(files).execute();
    await db
      .updateTable("items")
      .set({
        content_sha256: contentSha256V1(
          item,
          files.map((f) => f.sha256),
        ),
      })
      .where("id", "=", item.id)
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("integrity_alerts").execute();
  await db.schema.dropTable("integrity_days").execute();
  await db.schema.dropTable("published_files").execute();
  await db.schema.dropIndex("items_content_sha_idx").execute();
  await db.schema.alterTable("items").dropColumn("content_sha256").execute();
}
