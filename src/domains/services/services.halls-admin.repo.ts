// Kysely queries the back office of halls, windows and 一件事 needs beyond services.halls.repo.ts: editing a
// hall, a window unit and a bundle, each loaded with its row lock inside the transaction that changes it.
import type { Transaction, Updateable } from "kysely";
import type { Database } from "../../db/schema";
import type { Executor } from "../../deps";
import { type Engine, lockForUpdate } from "../../platform/workflow/locked-step";
import type { BundleRow, HallRow, WindowRow } from "./services.halls.repo";
import type { ServiceBundleTable, ServiceHallTable, ServiceWindowTable } from "./services.tables";

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

export async function lockHall(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<HallRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("service_halls").select(HALL_COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("service_halls")
        .set((eb) => ({ name: eb.ref("name") }))
        .where("id", "=", id)
        .execute(),
  );
  const r = await q.executeTakeFirst();
  return r && { ...r, position: Number(r.position) };
}

export async function lockWindow(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<WindowRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("service_windows").select(WINDOW_COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("service_windows")
        .set((eb) => ({ name: eb.ref("name") }))
        .where("id", "=", id)
        .execute(),
  );
  const r = await q.executeTakeFirst();
  return r && { ...r, position: Number(r.position) };
}

export async function lockBundle(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<BundleRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("service_bundles").select(BUNDLE_COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("service_bundles")
        .set((eb) => ({ updated_at: eb.ref("updated_at") }))
        .where("id", "=", id)
        .execute(),
  );
  const r = await q.executeTakeFirst();
  return r && { ...r, promised_days: Number(r.promised_days) };
}

export async function findBundleById(db: Executor, id: string): Promise<BundleRow | undefined> {
  const r = await db
    .selectFrom("service_bundles")
    .select(BUNDLE_COLUMNS)
    .where("id", "=", id)
    .executeTakeFirst();
  return r && { ...r, promised_days: Number(r.promised_days) };
}

export async function updateHall(db: Executor, id: string, set: Updateable<ServiceHallTable>): Promise<void> {
  await db.updateTable("service_halls").set(set).where("id", "=", id).execute();
}

export async function updateWindow(
  db: Executor,
  id: string,
  set: Updateable<ServiceWindowTable>,
): Promise<void> {
  await db.updateTable("service_windows").set(set).where("id", "=", id).execute();
}

export async function updateBundle(
  db: Executor,
  id: string,
  set: Updateable<ServiceBundleTable>,
): Promise<void> {
  await db.updateTable("service_bundles").set(set).where("id", "=", id).execute();
}

/** The site's root organisation (the first by sort order), which keeps the site-wide rows such as bundles. */
export async function siteRootOrgId(db: Executor, siteId: string): Promise<string | undefined> {
  const r = await db
    .selectFrom("orgs")
    .select("id")
    .where("site_id", "=", siteId)
    .where("parent_id", "is", null)
    .orderBy("sort_order")
    .orderBy("code")
    .executeTakeFirst();
  return r?.id;
}
