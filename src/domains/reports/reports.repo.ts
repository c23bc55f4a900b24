// Kysely queries of the annual report: read-only over the applications, their disputes and the published
// items (the tables of those domains; the codes they hold come from the applications domain's index), and
// the entered table 二 figures (migration 0027).
import type { Executor } from "../../deps";
import type { ReportFiguresTable } from "./reports.tables";

/** Which rows of a site count: every organisation (null), or these, with unassigned applications or not. */
export interface OrgFilter {
  orgIds: string[] | null;
  /** Applications not yet assigned belong to the site's root government (applications.policy ownerOrgOf). */
  unassigned: boolean;
}

export interface ApplicationFact {
  id: string;
  tracking_code: string;
  applicant_type: string;
  received_on: string;
  replied_on: string | null;
  outcome: string | null;
}

/**
 * The applications that can count in the year: received by its last day and not replied before its first
 * (or received within it, so a reply dated before its receipt still shows up as an error). Merged
 * applications count once, as the application they were merged into (合并办理).
 */
export async function applicationFacts(
  db: Executor,
  siteId: string,
  start: string,
  end: string,
  f: OrgFilter,
): Promise<ApplicationFact[]> {
  let q = db
    .selectFrom("applications")
    .select(["id", "tracking_code", "applicant_type", "received_on", "replied_on", "outcome"])
    .where("site_id", "=", siteId)
    .where("status", "!=", "merged")
    .where("received_on", "is not", null)
    .where("received_on", "<=", end)
    .where((eb) =>
      eb.or([eb("replied_on", "is", null), eb("replied_on", ">=", start), eb("received_on", ">=", start)]),
    );
  const orgIds = f.orgIds;
  if (orgIds)
    q = q.where((eb) => {
      const parts = [];
      if (orgIds.length) parts.push(eb("org_id", "in", orgIds));
      if (f.unassigned) parts.push(eb("org_id", "is", null));
      return eb.or(parts);
    });
  // received_on is not null by the WHERE clause: the rows are returned as they are (no copy of 100,000 rows).
  return (await q.orderBy("received_on").orderBy("id").execute()) as ApplicationFact[];
}

export interface DisputeFact {
  application_id: string;
  kind: string;
  result: string;
  decided_on: string | null;
}

/** The administrative reviews and lawsuits filed in the year against replies of these organisations. */
export async function disputeFacts(
  db: Executor,
  siteId: string,
  start: string,
  end: string,
  f: OrgFilter,
): Promise<DisputeFact[]> {
  let q = db
    .selectFrom("application_disputes as d")
    .innerJoin("applications as a", "a.id", "d.application_id")
    .select(["d.application_id", "d.kind", "d.result", "d.decided_on"])
    .where("a.site_id", "=", siteId)
    .where("d.filed_on", ">=", start)
    .where("d.filed_on", "<=", end);
  const orgIds = f.orgIds;
  if (orgIds)
    q = q.where((eb) => {
      const parts = [];
      if (orgIds.length) parts.push(eb("a.org_id", "in", orgIds));
      if (f.unassigned) parts.push(eb("a.org_id", "is", null));
      return eb.or(parts);
    });
  return q.orderBy("d.filed_on").orderBy("d.id").execute();
}

export interface NormativeFact {
  id: string;
  formed_on: string;
  validity: string;
  validity_on: string | null;
}

/** Published normative documents (行政规范性文件, kind `normative`) formed by the year's last day. */
export async function normativeFacts(
  db: Executor,
  siteId: string,
  end: string,
  f: OrgFilter,
): Promise<NormativeFact[]> {
  let q = db
    .selectFrom("items")
    .select(["id", "formed_on", "validity", "validity_on"])
    .where("site_id", "=", siteId)
    .where("kind", "=", "normative")
    .where("status", "=", "published")
    .where("formed_on", "<=", end);
  if (f.orgIds) q = f.orgIds.length ? q.where("org_id", "in", f.orgIds) : q.where((eb) => eb.or([]));
  return q.execute();
}

export type FiguresRow = ReportFiguresTable;

const FIGURE_COLUMNS = [
  "site_id",
  "org_id",
  "year",
  "licensing",
  "penalty",
  "coercion",
  "fees_fen",
  "regulations_made",
  "regulations_repealed",
  "regulations_in_force",
  "updated_by",
  "updated_at",
] as const;

/** The entered figures of a year: one row per organisation. */
export async function figuresOf(
  db: Executor,
  siteId: string,
  year: number,
  orgIds: string[] | null,
): Promise<FiguresRow[]> {
  let q = db
    .selectFrom("report_figures")
    .select(FIGURE_COLUMNS)
    .where("site_id", "=", siteId)
    .where("year", "=", year);
  if (orgIds) q = orgIds.length ? q.where("org_id", "in", orgIds) : q.where((eb) => eb.or([]));
  return q.execute();
}

/** Replaces one organisation's figures of a year (one statement: two saves at once never collide). */
export async function saveFigures(db: Executor, row: FiguresRow): Promise<void> {
  const { site_id: _s, org_id: _o, year: _y, ...values } = row;
  await db
    .insertInto("report_figures")
    .values(row)
    .onConflict((oc) => oc.columns(["site_id", "org_id", "year"]).doUpdateSet(values))
    .execute();
}

/**
 * The newest published report of a year in an organisation's annual-report column (the item's title names the
 * year): the text of a report published before gongkai, or released here without sections stored.
 */
export async function publishedReportItem(
  db: Executor,
  siteId: string,
  orgId: string,
  year: number,
): Promise<{ id: string; title: string; body_html: string } | undefined> {
  return db
    .selectFrom("items as i")
    .innerJoin("item_catalog_nodes as l", "l.item_id", "i.id")
    .innerJoin("catalog_nodes as n", "n.id", "l.node_id")
    .select(["i.id", "i.title", "i.body_html"])
    .where("i.site_id", "=", siteId)
    .where("i.org_id", "=", orgId)
    .where("n.code", "=", "annual-report")
    .where("i.status", "=", "published")
    .where("i.title", "like", `%${year}年政府信息公开工作年度报告%`)
    .orderBy("i.published_at", "desc")
    .orderBy("i.id", "desc")
    .limit(1)
    .executeTakeFirst();
}
