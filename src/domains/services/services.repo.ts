// Kysely queries of the services domain: items and their versions, materials and their use by items.
// Halls, windows, modes and bundles are in services.halls.repo.ts.
import type { Insertable, Selectable, Transaction, Updateable } from "kysely";
import type { Database } from "../../db/schema";
import type { Executor } from "../../deps";
import {
  countCapped,
  type Page,
  type PageRequest,
  readPage,
  seekQuery,
  type Total,
} from "../../platform/paging";
import { type Engine, lockForUpdate } from "../../platform/workflow/locked-step";
import type {
  ServiceItemStatus,
  ServiceItemTable,
  ServiceItemVersionTable,
  ServiceMaterialTable,
} from "./services.tables";

export type ItemRow = Selectable<ServiceItemTable>;
export type VersionRow = Selectable<ServiceItemVersionTable>;
export type MaterialRow = Selectable<ServiceMaterialTable>;

const ITEM_COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "code",
  "impl_code",
  "name",
  "type",
  "level",
  "life_events",
  "online_depth",
  "visits",
  "status",
  "version",
  "content_json",
  "published_at",
  "cancelled_at",
  "created_by",
  "created_at",
  "updated_at",
] as const;

const VERSION_COLUMNS = [
  "id",
  "item_id",
  "number",
  "change_kind",
  "status",
  "content_json",
  "materials_json",
  "decision",
  "reason",
  "review_note",
  "created_by",
  "submitted_by",
  "submitted_at",
  "decided_by",
  "decided_at",
  "created_at",
  "updated_at",
] as const;

export const MATERIAL_COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "name",
  "necessity",
  "form",
  "kind",
  "copies",
  "source",
  "issuer_org_id",
  "notes",
  "standard",
  "basis",
  "blank_sha256",
  "blank_name",
  "sample_sha256",
  "sample_name",
  "revision",
  "created_at",
  "updated_at",
] as const;

// PostgreSQL may return integers as strings.
const normItem = (r: ItemRow): ItemRow => ({
  ...r,
  online_depth: Number(r.online_depth),
  visits: Number(r.visits),
  version: Number(r.version),
});
const normVersion = (r: VersionRow): VersionRow => ({ ...r, number: Number(r.number) });
const normMaterial = (r: MaterialRow): MaterialRow => ({
  ...r,
  copies: Number(r.copies),
  revision: Number(r.revision),
});

// Items

export async function insertItem(db: Executor, row: Insertable<ServiceItemTable>): Promise<void> {
  await db.insertInto("service_items").values(row).execute();
}

export async function findItem(db: Executor, id: string): Promise<ItemRow | undefined> {
  const r = await db.selectFrom("service_items").select(ITEM_COLUMNS).where("id", "=", id).executeTakeFirst();
  return r && normItem(r);
}

export async function findItemByImplCode(db: Executor, siteId: string, implCode: string) {
  const r = await db
    .selectFrom("service_items")
    .select(ITEM_COLUMNS)
    .where("site_id", "=", siteId)
    .where("impl_code", "=", implCode)
    .executeTakeFirst();
  return r && normItem(r);
}

/** Loads an item with its row lock: every step on the item or its versions serialises on it. */
export async function lockItem(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<ItemRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("service_items").select(ITEM_COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("service_items")
        .set((eb) => ({ updated_at: eb.ref("updated_at") }))
        .where("id", "=", id)
        .execute(),
  );
  const r = await q.executeTakeFirst();
  return r && normItem(r);
}

export async function updateItem(db: Executor, id: string, set: Updateable<ServiceItemTable>): Promise<void> {
  await db.updateTable("service_items").set(set).where("id", "=", id).execute();
}

export interface ItemFilter {
  siteId: string;
  statuses?: readonly ServiceItemStatus[];
  orgIds?: readonly string[];
  q?: string;
  type?: string;
  level?: string;
  lifeEvent?: string;
}

/** One page of a list by implementation code, by page number or cursor (src/platform/paging.ts). */
export async function pageItems(db: Executor, f: ItemFilter, req: PageRequest): Promise<Page<ItemRow>> {
  const page = await readPage(
    req,
    (r: ItemRow) => r.impl_code,
    (r) => r.id,
    (seek) =>
      seekQuery(
        filtered(db, f).select(ITEM_COLUMNS),
        "service_items.impl_code",
        "service_items.id",
        seek,
        "asc",
      ).execute(),
  );
  return { ...page, rows: page.rows.map(normItem) };
}

/** How many items match, exact up to COUNT_CAP. */
export const countItemsCapped = (db: Executor, f: ItemFilter): Promise<Total> =>
  countCapped(db, filtered(db, f).select("service_items.id"));

export async function listItems(
  db: Executor,
  f: ItemFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: ItemRow[]; total: number }> {
  const q = filtered(db, f);
  const [rows, count] = await Promise.all([
    q.select(ITEM_COLUMNS).orderBy("impl_code").orderBy("id").limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst(),
  ]);
  return { rows: rows.map(normItem), total: Number(count?.n ?? 0) };
}

function filtered(db: Executor, f: ItemFilter) {
  let q = db.selectFrom("service_items").where("site_id", "=", f.siteId);
  if (f.statuses) q = q.where("status", "in", [...f.statuses]);
  if (f.orgIds) q = f.orgIds.length ? q.where("org_id", "in", [...f.orgIds]) : q.where("id", "=", "");
  if (f.type) q = q.where("type", "=", f.type);
  if (f.level) q = q.where("level", "=", f.level);
  if (f.lifeEvent) q = q.where("life_events", "like", `%,${f.lifeEvent},%`);
  if (f.q) {
    // LIKE's wildcards are dropped from the words (no ESCAPE clause is portable across both engines).
    const words = f.q.replace(/[%_\\]/g, "").trim();
    const code = f.q.trim();
    if (words)
      q = q.where((eb) =>
        eb.or([eb("name", "like", `%${words}%`), eb("impl_code", "=", code), eb("code", "=", code)]),
      );
  }
  return q;
}

/**
 * The organisations of a site that implement a published item: one index seek per organisation of the site
 * ((site_id, status, org_id) of migration 0031), not a read of every item.
 */
export async function implementingOrgIds(db: Executor, siteId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("orgs")
    .select("orgs.id")
    .where("orgs.site_id", "=", siteId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("service_items")
          .select("service_items.id")
          .where("service_items.site_id", "=", siteId)
          .where("service_items.status", "=", "published")
          .whereRef("service_items.org_id", "=", "orgs.id"),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Counts of the published items of a site: all, fully online, zero visits, at most one visit. */
export async function onlineStatistics(db: Executor, siteId: string) {
  // Counted in the database: the items themselves never travel (tens of thousands on a large site).
  const r = await db
    .selectFrom("service_items")
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.sum<number>(eb.case().when("online_depth", "=", 4).then(1).else(0).end()).as("fully_online"),
      eb.fn.sum<number>(eb.case().when("visits", "=", 0).then(1).else(0).end()).as("zero_visit"),
      eb.fn.sum<number>(eb.case().when("visits", "<=", 1).then(1).else(0).end()).as("one_visit"),
    ])
    .where("site_id", "=", siteId)
    .where("status", "=", "published")
    .executeTakeFirst();
  // PostgreSQL returns a count or a sum as a string, and a sum over no rows as null.
  return {
    total: Number(r?.total ?? 0),
    fully_online: Number(r?.fully_online ?? 0),
    zero_visit: Number(r?.zero_visit ?? 0),
    one_visit: Number(r?.one_visit ?? 0),
  };
}

// Versions

export async function insertVersion(db: Executor, row: Insertable<ServiceItemVersionTable>): Promise<void> {
  await db.insertInto("service_item_versions").values(row).execute();
}

export async function listVersions(db: Executor, itemId: string): Promise<VersionRow[]> {
  const rows = await db
    .selectFrom("service_item_versions")
    .select(VERSION_COLUMNS)
    .where("item_id", "=", itemId)
    .orderBy("number", "desc")
    .execute();
  return rows.map(normVersion);
}

/** The version being edited or awaiting review (at most one per item). */
export async function findOpenVersion(db: Executor, itemId: string): Promise<VersionRow | undefined> {
  const r = await db
    .selectFrom("service_item_versions")
    .select(VERSION_COLUMNS)
    .where("item_id", "=", itemId)
    .where("status", "in", ["editing", "submitted"])
    .executeTakeFirst();
  return r && normVersion(r);
}

export async function lastVersionNumber(db: Executor, itemId: string): Promise<number> {
  const r = await db
    .selectFrom("service_item_versions")
    .select((eb) => eb.fn.max("number").as("n"))
    .where("item_id", "=", itemId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function updateVersion(
  db: Executor,
  id: string,
  set: Updateable<ServiceItemVersionTable>,
): Promise<void> {
  await db.updateTable("service_item_versions").set(set).where("id", "=", id).execute();
}

export async function replaceItemMaterials(
  db: Executor,
  itemId: string,
  links: ReadonlyArray<{ material_id: string; condition: string }>,
): Promise<void> {
  await db.deleteFrom("service_item_materials").where("item_id", "=", itemId).execute();
  if (links.length)
    await db
      .insertInto("service_item_materials")
      .values(
        links.map((l, i) => ({
          item_id: itemId,
          material_id: l.material_id,
          position: i,
          condition: l.condition,
        })),
      )
      .execute();
}

// Materials

export async function insertMaterial(db: Executor, row: Insertable<ServiceMaterialTable>): Promise<void> {
  await db.insertInto("service_materials").values(row).execute();
}

export async function findMaterial(db: Executor, id: string): Promise<MaterialRow | undefined> {
  const r = await db
    .selectFrom("service_materials")
    .select(MATERIAL_COLUMNS)
    .where("id", "=", id)
    .executeTakeFirst();
  return r && normMaterial(r);
}

export async function findMaterialByName(db: Executor, siteId: string, name: string) {
  const r = await db
    .selectFrom("service_materials")
    .select(MATERIAL_COLUMNS)
    .where("site_id", "=", siteId)
    .where("name", "=", name)
    .executeTakeFirst();
  return r && normMaterial(r);
}

export async function lockMaterial(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<MaterialRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("service_materials").select(MATERIAL_COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("service_materials")
        .set((eb) => ({ updated_at: eb.ref("updated_at") }))
        .where("id", "=", id)
        .execute(),
  );
  const r = await q.executeTakeFirst();
  return r && normMaterial(r);
}

export async function updateMaterial(
  db: Executor,
  id: string,
  set: Updateable<ServiceMaterialTable>,
): Promise<void> {
  await db.updateTable("service_materials").set(set).where("id", "=", id).execute();
}

export async function listMaterials(db: Executor, siteId: string): Promise<MaterialRow[]> {
  const rows = await db
    .selectFrom("service_materials")
    .select(MATERIAL_COLUMNS)
    .where("site_id", "=", siteId)
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map(normMaterial);
}

export async function materialsByIds(db: Executor, ids: readonly string[]): Promise<MaterialRow[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom("service_materials")
    .select(MATERIAL_COLUMNS)
    .where("id", "in", [...ids])
    .execute();
  return rows.map(normMaterial);
}

/** The materials of an item's version in force, in order, with their condition. */
export async function materialsOfItem(db: Executor, itemId: string) {
  const links = await db
    .selectFrom("service_item_materials")
    .select(["material_id", "condition", "position"])
    .where("item_id", "=", itemId)
    .orderBy("position")
    .execute();
  const rows = await materialsByIds(
    db,
    links.map((l) => l.material_id),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return links.flatMap((l) => {
    const m = byId.get(l.material_id);
    return m ? [{ material: m, condition: l.condition }] : [];
  });
}

/** The published items whose version in force asks for a material. */
export async function itemsUsingMaterial(db: Executor, materialId: string): Promise<ItemRow[]> {
  const rows = await db
    .selectFrom("service_items")
    .innerJoin("service_item_materials", "service_item_materials.item_id", "service_items.id")
    .select(ITEM_COLUMNS.map((c) => `service_items.${c}` as const))
    .where("service_item_materials.material_id", "=", materialId)
    .where("service_items.status", "=", "published")
    .orderBy("service_items.impl_code")
    .execute();
  return rows.map(normItem);
}

/** How many published items ask for each material of a site. */
export async function materialUse(db: Executor, siteId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("service_item_materials")
    .innerJoin("service_items", "service_items.id", "service_item_materials.item_id")
    .select(["service_item_materials.material_id as id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("service_items.site_id", "=", siteId)
    .where("service_items.status", "=", "published")
    .groupBy("service_item_materials.material_id")
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}
