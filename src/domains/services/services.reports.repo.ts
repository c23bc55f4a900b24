// Kysely queries of the online-service statistics, the implementation reports and the 一件事 sets.
import type { Insertable, Selectable, Transaction, Updateable } from "kysely";
import type { Database } from "../../db/schema";
import type { Executor } from "../../deps";
import { type Engine, lockForUpdate } from "../../platform/workflow/locked-step";
import { materialsByIds } from "./services.repo";
import type { ServiceBundleSetTable, ServiceReportTable } from "./services.reports.tables";

export type ReportRow = Selectable<ServiceReportTable>;
export type BundleSetRow = Selectable<ServiceBundleSetTable>;

const REPORT_COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "year",
  "quarter",
  "title",
  "body",
  "status",
  "figures_json",
  "figures_at",
  "created_by",
  "published_by",
  "published_at",
  "created_at",
  "updated_at",
] as const;

const norm = (r: ReportRow): ReportRow => ({ ...r, year: Number(r.year), quarter: Number(r.quarter) });

/** The columns the statistics count, of every item in force of a site. */
export async function publishedItemFigures(db: Executor, siteId: string) {
  const rows = await db
    .selectFrom("service_items")
    .select(["org_id", "level", "online_depth", "visits"])
    .where("site_id", "=", siteId)
    .where("status", "=", "published")
    .execute();
  return rows.map((r) => ({ ...r, online_depth: Number(r.online_depth), visits: Number(r.visits) }));
}

export async function insertReport(db: Executor, row: Insertable<ServiceReportTable>): Promise<void> {
  await db.insertInto("service_reports").values(row).execute();
}

export async function findReport(db: Executor, id: string): Promise<ReportRow | undefined> {
  const r = await db
    .selectFrom("service_reports")
    .select(REPORT_COLUMNS)
    .where("id", "=", id)
    .executeTakeFirst();
  return r && norm(r);
}

export async function findReportOfPeriod(
  db: Executor,
  siteId: string,
  year: number,
  quarter: number,
): Promise<ReportRow | undefined> {
  const r = await db
    .selectFrom("service_reports")
    .select(REPORT_COLUMNS)
    .where("site_id", "=", siteId)
    .where("year", "=", year)
    .where("quarter", "=", quarter)
    .executeTakeFirst();
  return r && norm(r);
}

/** Loads a report with its row lock: editing and publishing serialise on it. */
export async function lockReport(
  trx: Transaction<Database>,
  engine: Engine,
  id: string,
): Promise<ReportRow | undefined> {
  const q = await lockForUpdate(
    engine,
    trx.selectFrom("service_reports").select(REPORT_COLUMNS).where("id", "=", id),
    () =>
      trx
        .updateTable("service_reports")
        .set((eb) => ({ updated_at: eb.ref("updated_at") }))
        .where("id", "=", id)
        .execute(),
  );
  const r = await q.executeTakeFirst();
  return r && norm(r);
}

export async function updateReport(
  db: Executor,
  id: string,
  set: Updateable<ServiceReportTable>,
): Promise<void> {
  await db.updateTable("service_reports").set(set).where("id", "=", id).execute();
}

/** A site's reports, newest period first; only the published ones unless `drafts`. */
export async function listReports(db: Executor, siteId: string, drafts: boolean): Promise<ReportRow[]> {
  let q = db.selectFrom("service_reports").select(REPORT_COLUMNS).where("site_id", "=", siteId);
  if (!drafts) q = q.where("status", "=", "published");
  const rows = await q.orderBy("year", "desc").orderBy("quarter", "desc").orderBy("id").execute();
  return rows.map(norm);
}

export async function findBundleSet(db: Executor, bundleId: string): Promise<BundleSetRow | undefined> {
  return db
    .selectFrom("service_bundle_sets")
    .select(["bundle_id", "form_material_id", "dropped_json"])
    .where("bundle_id", "=", bundleId)
    .executeTakeFirst();
}

/** Writes a bundle's set (within the caller's transaction). */
export async function saveBundleSet(db: Executor, row: BundleSetRow): Promise<void> {
  await db.deleteFrom("service_bundle_sets").where("bundle_id", "=", row.bundle_id).execute();
  await db.insertInto("service_bundle_sets").values(row).execute();
}

/** A bundle's set as the guide reads it: the form's material, and the member materials waived. */
export async function bundleSetOf(db: Executor, bundleId: string) {
  const set = await findBundleSet(db, bundleId);
  let dropped: string[] = [];
  try {
    dropped = set ? (JSON.parse(set.dropped_json) as string[]) : [];
  } catch {
    dropped = [];
  }
  const formId = set?.form_material_id ?? null;
  const byId = new Map(
    (await materialsByIds(db, [...dropped, ...(formId ? [formId] : [])])).map((r) => [r.id, r]),
  );
  return {
    dropped,
    form: formId ? (byId.get(formId) ?? null) : null,
    waived: dropped.flatMap((id) => byId.get(id) ?? []),
  };
}
