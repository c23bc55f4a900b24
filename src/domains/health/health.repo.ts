// Queries of the site-health check: read-only over items, catalogue columns, organisations and messages;
// writes only to its own tables (health_runs, health_links).
import type { Executor } from "../../db/executor";
import type { HealthLinkTable, HealthRunTable } from "./health.tables";

/** The newest publication time of the site's published items, per kind (one row per kind). */
export const latestByKind = (db: Executor, siteId: string) =>
  db
    .selectFrom("items")
    .select((eb) => ["kind", eb.fn.max("published_at").as("latest")])
    .where("site_id", "=", siteId)
    .where("status", "=", "published")
    .groupBy("kind")
    .execute();

/** Published items without a publication time (at most `limit`, the evidence shown). */
export const itemsWithoutTime = (db: Executor, siteId: string, limit: number) =>
  db
    .selectFrom("items")
    .select(["id", "title"])
    .where("site_id", "=", siteId)
    .where("status", "=", "published")
    .where("published_at", "is", null)
    .orderBy("id")
    .limit(limit)
    .execute();

/**
 * Published pages whose body links somewhere (crude prefilter; the links are parsed in health.links.ts), only
 * those written since `since` when given (publishing, withdrawing or a new version touches `updated_at`).
 */
export const pagesWithLinks = (db: Executor, siteId: string, since?: string) => {
  let q = db
    .selectFrom("items")
    .select(["id", "title", "body_html"])
    .where("site_id", "=", siteId)
    .where("status", "=", "published")
    .where("body_html", "like", "%href=%");
  if (since) q = q.where("updated_at", ">=", since);
  return q.execute();
};

/** A page of the site's published items (by id) to scan, only those written since `since` when given. */
export const textsToScan = (
  db: Executor,
  siteId: string,
  since: string | undefined,
  afterId: string,
  limit: number,
) => {
  let q = db
    .selectFrom("items")
    .select(["id", "title", "body_text"])
    .where("site_id", "=", siteId)
    .where("status", "=", "published")
    .where("id", ">", afterId);
  if (since) q = q.where("updated_at", ">=", since);
  return q.orderBy("id").limit(limit).execute();
};

/** When the site's links were last gathered: the latest stored run. */
export const lastRunAt = async (db: Executor, siteId: string): Promise<string | undefined> =>
  (
    await db
      .selectFrom("health_runs")
      .select("run_at")
      .where("site_id", "=", siteId)
      .orderBy("run_at", "desc")
      .limit(1)
      .executeTakeFirst()
  )?.run_at;

export const publishedIds = async (db: Executor, siteId: string, ids: string[]): Promise<Set<string>> => {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom("items")
    .select("id")
    .where("site_id", "=", siteId)
    .where("id", "in", ids)
    .where("status", "in", ["published", "superseded"])
    .execute();
  return new Set(rows.map((r) => r.id));
};

export const siteColumns = (db: Executor, siteId: string) =>
  db
    .selectFrom("catalog_nodes")
    .innerJoin("orgs", "orgs.id", "catalog_nodes.org_id")
    .select([
      "catalog_nodes.id",
      "catalog_nodes.org_id",
      "catalog_nodes.code",
      "catalog_nodes.name",
      "catalog_nodes.update_rule",
      "orgs.kind as org_kind",
      "orgs.name as org_name",
      "orgs.code as org_code",
    ])
    .where("catalog_nodes.site_id", "=", siteId)
    .where("catalog_nodes.kind", "=", "column")
    .where("catalog_nodes.archived", "=", 0)
    .execute();

/** Per column: how many published items it holds and when the latest was published. */
export const columnFill = (db: Executor, siteId: string) =>
  db
    .selectFrom("item_catalog_nodes")
    .innerJoin("items", "items.id", "item_catalog_nodes.item_id")
    .select((eb) => [
      "item_catalog_nodes.node_id",
      eb.fn.countAll<number | string>().as("n"),
      eb.fn.max("items.published_at").as("latest"),
    ])
    .where("items.site_id", "=", siteId)
    .where("items.status", "=", "published")
    .groupBy("item_catalog_nodes.node_id")
    .execute();

/** Per column: the latest publication on or before `asOf` (YYYY-MM-DD) of items published then or still. */
export const columnLatestAsOf = (db: Executor, siteId: string, asOf: string) =>
  db
    .selectFrom("item_catalog_nodes")
    .innerJoin("items", "items.id", "item_catalog_nodes.item_id")
    .select((eb) => ["item_catalog_nodes.node_id", eb.fn.max("items.published_on").as("latest")])
    .where("items.site_id", "=", siteId)
    .where("items.status", "in", ["published", "withdrawn", "superseded"])
    .where("items.published_on", "<=", asOf)
    .groupBy("item_catalog_nodes.node_id")
    .execute();

/** Consultation messages (咨询) received since `since`, answered or not. */
export const consultsSince = (db: Executor, siteId: string, since: string) =>
  db
    .selectFrom("messages")
    .select(["id", "tracking_code", "title", "status", "received_on", "replied_on"])
    .where("site_id", "=", siteId)
    .where("type", "=", "consult")
    .where("status", "!=", "rejected")
    .where("received_on", ">=", since)
    .orderBy("received_on")
    .execute();

// ---------- links ----------

export async function rememberLinks(
  db: Executor,
  rows: Array<Pick<HealthLinkTable, "site_id" | "item_id" | "url" | "internal" | "found_at">>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto("health_links")
      .values(
        rows
          .slice(i, i + 200)
          .map((r) => ({ ...r, checked_at: null, ok: null, status: null, problem: null })),
      )
      .onConflict((oc) => oc.columns(["site_id", "item_id", "url"]).doNothing())
      .execute();
}

/** The links due for a check: never checked first, then the least recently checked. */
export const dueLinks = (db: Executor, siteId: string, limit: number) =>
  db
    .selectFrom("health_links")
    .select(["item_id", "url", "internal"])
    .where("site_id", "=", siteId)
    .orderBy((eb) => eb.case().when("checked_at", "is", null).then(0).else(1).end())
    .orderBy("checked_at")
    .orderBy("url")
    .limit(limit)
    .execute();

export const recordLinkCheck = (
  db: Executor,
  siteId: string,
  url: string,
  r: { checked_at: string; ok: number; status: number | null; problem: string | null },
) => db.updateTable("health_links").set(r).where("site_id", "=", siteId).where("url", "=", url).execute();

/** Broken links still on a published page. */
export const brokenLinks = (db: Executor, siteId: string) =>
  db
    .selectFrom("health_links")
    .innerJoin("items", "items.id", "health_links.item_id")
    .select([
      "health_links.url",
      "health_links.item_id",
      "items.title",
      "health_links.status",
      "health_links.problem",
      "health_links.checked_at",
    ])
    .where("health_links.site_id", "=", siteId)
    .where("health_links.ok", "=", 0)
    .where("items.status", "=", "published")
    .orderBy("health_links.url")
    .execute();

export const countLinks = async (db: Executor, siteId: string) => {
  const r = await db
    .selectFrom("health_links")
    .select((eb) => [eb.fn.countAll<number | string>().as("n")])
    .where("site_id", "=", siteId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
};

// ---------- runs ----------

export const insertRun = (db: Executor, row: HealthRunTable) =>
  db.insertInto("health_runs").values(row).execute();

export const latestRun = (db: Executor, siteId: string) =>
  db
    .selectFrom("health_runs")
    .selectAll()
    .where("site_id", "=", siteId)
    .orderBy("run_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();

export const listRuns = (db: Executor, siteId: string, limit: number) =>
  db
    .selectFrom("health_runs")
    .select(["id", "run_at", "checked_on", "verdict", "score", "vetoes", "alerted"])
    .where("site_id", "=", siteId)
    .orderBy("run_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();

export const markAlerted = (db: Executor, id: string) =>
  db.updateTable("health_runs").set({ alerted: 1 }).where("id", "=", id).execute();

export const latestRunResult = async (db: Executor, siteId: string): Promise<string | undefined> =>
  (
    await db
      .selectFrom("health_runs")
      .select("result")
      .where("site_id", "=", siteId)
      .orderBy("run_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst()
  )?.result;
