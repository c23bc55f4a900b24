// Queries of the services' Excel import and export (services.excel.ts): a whole site's open versions and the
// materials of its items in force at once, so an export or a check reads a few queries, not one per item.
import type { Executor } from "../../deps";
import type { MaterialLink } from "./services.model";
import type { VersionRow } from "./services.repo";

/** The open version (editing or awaiting review) of each item of a site that has one, by item id. */
export async function openVersionsOfSite(db: Executor, siteId: string): Promise<Map<string, VersionRow>> {
  const rows = await db
    .selectFrom("service_item_versions as v")
    .innerJoin("service_items as i", "i.id", "v.item_id")
    .selectAll("v")
    .where("i.site_id", "=", siteId)
    .where("v.status", "in", ["editing", "submitted"])
    .execute();
  return new Map(rows.map((r) => [r.item_id, { ...r, number: Number(r.number) }]));
}

/** The materials of each item's version in force on a site, in order, by item id. */
export async function linksOfSite(db: Executor, siteId: string): Promise<Map<string, MaterialLink[]>> {
  const rows = await db
    .selectFrom("service_item_materials as l")
    .innerJoin("service_items as i", "i.id", "l.item_id")
    .select(["l.item_id", "l.material_id", "l.condition", "l.position"])
    .where("i.site_id", "=", siteId)
    .orderBy("l.item_id")
    .orderBy("l.position")
    .execute();
  const out = new Map<string, MaterialLink[]>();
  for (const r of rows) {
    const list = out.get(r.item_id) ?? [];
    list.push({ material_id: r.material_id, condition: r.condition });
    out.set(r.item_id, list);
  }
  return out;
}
