// Kysely queries of halls, window units, the site's convenience service modes, and 一件事 bundles.
import type { Insertable, Selectable } from "kysely";
import type { Executor } from "../../deps";
import type {
  ServiceBundleTable,
  ServiceHallTable,
  ServiceModeTable,
  ServiceWindowTable,
} from "./services.tables";

export type HallRow = Selectable<ServiceHallTable>;
export type WindowRow = Selectable<ServiceWindowTable>;
export type ModeRow = Selectable<ServiceModeTable>;
export type BundleRow = Selectable<ServiceBundleTable>;

const HALL_COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "name",
  "level",
  "address",
  "hours",
  "phone",
  "position",
] as const;
const WINDOW_COLUMNS = ["id", "hall_id", "name", "org_ids_json", "modes_json", "position"] as const;
const MODE_COLUMNS = ["site_id", "key", "name", "special", "position"] as const;
const BUNDLE_COLUMNS = [
  "id",
  "site_id",
  "key",
  "name",
  "life_event",
  "notice",
  "window",
  "items_json",
  "promised_days",
  "created_at",
  "updated_at",
] as const;

export async function insertModes(db: Executor, rows: Insertable<ServiceModeTable>[]): Promise<void> {
  if (rows.length) await db.insertInto("service_modes").values(rows).execute();
}

export async function listModes(db: Executor, siteId: string): Promise<ModeRow[]> {
  const rows = await db
    .selectFrom("service_modes")
    .select(MODE_COLUMNS)
    .where("site_id", "=", siteId)
    .orderBy("position")
    .execute();
  return rows.map((r) => ({ ...r, special: Number(r.special), position: Number(r.position) }));
}

export async function insertHall(db: Executor, row: Insertable<ServiceHallTable>): Promise<void> {
  await db.insertInto("service_halls").values(row).execute();
}

export async function findHall(db: Executor, id: string): Promise<HallRow | undefined> {
  return db.selectFrom("service_halls").select(HALL_COLUMNS).where("id", "=", id).executeTakeFirst();
}

export async function listHalls(db: Executor, siteId: string): Promise<HallRow[]> {
  return db
    .selectFrom("service_halls")
    .select(HALL_COLUMNS)
    .where("site_id", "=", siteId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function insertWindow(db: Executor, row: Insertable<ServiceWindowTable>): Promise<void> {
  await db.insertInto("service_windows").values(row).execute();
}

export async function findWindow(db: Executor, id: string): Promise<WindowRow | undefined> {
  return db.selectFrom("service_windows").select(WINDOW_COLUMNS).where("id", "=", id).executeTakeFirst();
}

export async function updateWindowModes(db: Executor, id: string, modesJson: string): Promise<void> {
  await db.updateTable("service_windows").set({ modes_json: modesJson }).where("id", "=", id).execute();
}

export async function listWindows(db: Executor, hallIds: readonly string[]): Promise<WindowRow[]> {
  if (!hallIds.length) return [];
  return db
    .selectFrom("service_windows")
    .select(WINDOW_COLUMNS)
    .where("hall_id", "in", [...hallIds])
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function insertBundle(db: Executor, row: Insertable<ServiceBundleTable>): Promise<void> {
  await db.insertInto("service_bundles").values(row).execute();
}

export async function listBundles(db: Executor, siteId: string): Promise<BundleRow[]> {
  const rows = await db
    .selectFrom("service_bundles")
    .select(BUNDLE_COLUMNS)
    .where("site_id", "=", siteId)
    .orderBy("created_at")
    .orderBy("key")
    .execute();
  return rows.map((r) => ({ ...r, promised_days: Number(r.promised_days) }));
}

export async function findBundle(db: Executor, siteId: string, key: string): Promise<BundleRow | undefined> {
  const r = await db
    .selectFrom("service_bundles")
    .select(BUNDLE_COLUMNS)
    .where("site_id", "=", siteId)
    .where("key", "=", key)
    .executeTakeFirst();
  return r && { ...r, promised_days: Number(r.promised_days) };
}

/** Replaces the site's list of modes (within the caller's transaction). */
export async function replaceModes(
  db: Executor,
  siteId: string,
  rows: Insertable<ServiceModeTable>[],
): Promise<void> {
  await db.deleteFrom("service_modes").where("site_id", "=", siteId).execute();
  await insertModes(db, rows);
}
