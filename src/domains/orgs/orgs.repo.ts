import type { Insertable, Selectable } from "kysely";
import type { OrgTable, SiteTable } from "../../db/schema";
import type { Executor } from "../../deps";

export type Org = OrgTable;

const SITE_COLUMNS = [
  "id",
  "code",
  "name",
  "identifier_code",
  "division_code",
  "icp_record",
  "police_record",
  "contact_phone",
  "contact_address",
  "contact_email",
  "index_pattern",
  "hosts",
  "created_at",
  "updated_at",
] as const;

/** A site as the repository reads it: the columns above (others, such as settings, are read where used). */
export type Site = Selectable<Pick<SiteTable, (typeof SITE_COLUMNS)[number]>>;

const ORG_COLUMNS = [
  "id",
  "site_id",
  "parent_id",
  "code",
  "name",
  "short_name",
  "kind",
  "credit_code",
  "division_code",
  "sort_order",
  "created_at",
  "updated_at",
] as const;

export const insertSite = (db: Executor, site: Insertable<SiteTable>) =>
  db.insertInto("sites").values(site).execute();
export const insertOrg = (db: Executor, org: Org) => db.insertInto("orgs").values(org).execute();

export const findSiteByCode = (db: Executor, code: string) =>
  db.selectFrom("sites").select(SITE_COLUMNS).where("code", "=", code).executeTakeFirst();
export const findSiteById = (db: Executor, id: string) =>
  db.selectFrom("sites").select(SITE_COLUMNS).where("id", "=", id).executeTakeFirst();
/** Oldest first: the first site created is the default one (the portal of an unknown host, CLI defaults). */
export const listSites = (db: Executor) =>
  db.selectFrom("sites").select(SITE_COLUMNS).orderBy("created_at").orderBy("code").execute();

export const findOrgById = (db: Executor, id: string) =>
  db.selectFrom("orgs").select(ORG_COLUMNS).where("id", "=", id).executeTakeFirst();
export const findOrgByCode = (db: Executor, siteId: string, code: string) =>
  db
    .selectFrom("orgs")
    .select(ORG_COLUMNS)
    .where("site_id", "=", siteId)
    .where("code", "=", code)
    .executeTakeFirst();
export const findOrgsByCode = (db: Executor, code: string) =>
  db.selectFrom("orgs").select(ORG_COLUMNS).where("code", "=", code).execute();

export async function listOrgs(db: Executor, siteId?: string): Promise<Org[]> {
  let q = db.selectFrom("orgs").select(ORG_COLUMNS);
  if (siteId) q = q.where("site_id", "=", siteId);
  const rows = await q.orderBy("sort_order").orderBy("code").execute();
  return rows.map((r) => ({ ...r, sort_order: Number(r.sort_order) }));
}
