import type { Kysely } from "kysely";

// Reply letters true to the 行政复议法 as revised in 2023 (docs/decisions/0007-reply-letter-remedies.md):
// - sites.parent_government: the name of the next-higher people's government (包头市人民政府 for a county of
//   Baotou), the review body of the county government's own replies (Art. 24(1)(二)). No default: a letter
//   never invents it.
// - orgs.review_route / review_body: organs whose review body is not found from their kind: 'vertical' (海关、
//   金融、外汇管理、税务、国家安全, Art. 27: review_body names the next-higher competent department) and
//   'branch' (a city department's branch set up for the county, Art. 24 fourth paragraph: review_body names the
//   city's people's government; the county's may also review).
// - applications.withheld_ground: for a partial disclosure, the withhold.* ground of the part withheld, so the
//   letter cites that article and not Art. 14, 15 and 16 together.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sites").addColumn("parent_government", "text").execute();
  await db.schema.alterTable("orgs").addColumn("review_route", "text").execute();
  await db.schema.alterTable("orgs").addColumn("review_body", "text").execute();
  await db.schema.alterTable("applications").addColumn("withheld_ground", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("applications").dropColumn("withheld_ground").execute();
  await db.schema.alterTable("orgs").dropColumn("review_body").execute();
  await db.schema.alterTable("orgs").dropColumn("review_route").execute();
  await db.schema.alterTable("sites").dropColumn("parent_government").execute();
}
