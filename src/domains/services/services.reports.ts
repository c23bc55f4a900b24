// Statistics of online services (网上办理情况) and the 互联网+政务服务 implementation reports. The statistics
// count the items in force: fully online (全程网办, online depth 4), zero-visit (零跑动, no visit to the hall)
// and one-visit (最多跑一次, at most one visit), for the site, by implementing department and by level. A
// report is written by the office at the site root for a year or a quarter; its figures are taken from the
// statistics each time the draft is saved and kept as they were once it is published (never rewritten).
import type { Deps } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { lockedStep } from "../../platform/workflow/locked-step";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree, type OrgTree } from "../orgs";
import { checkLength } from "./services.check";
import { LEVELS, parseJson } from "./services.model";
import { authoriseService, authoriseSiteWide, mayViewService, type ServiceSubject } from "./services.policy";
import * as rrepo from "./services.reports.repo";
import { writeReportToIndex } from "./services.reports.search";

export interface StatCounts {
  total: number;
  fully_online: number;
  zero_visit: number;
  one_visit: number;
}
export interface ServiceStats extends StatCounts {
  by_org: Array<StatCounts & { org: string; code: string }>;
  by_level: Array<StatCounts & { level: string }>;
}

const empty = (): StatCounts => ({ total: 0, fully_online: 0, zero_visit: 0, one_visit: 0 });
const count = (c: StatCounts, r: { online_depth: number; visits: number }) => {
  c.total++;
  if (r.online_depth === 4) c.fully_online++;
  if (r.visits === 0) c.zero_visit++;
  if (r.visits <= 1) c.one_visit++;
};

/** A share in percent with one decimal (0 when there is nothing to share). */
export const share = (n: number, total: number): number => (total ? Math.round((n / total) * 1000) / 10 : 0);

/** The statistics of a site's items in force now; departments in the tree's order, levels in LEVELS' order. */
export async function serviceStats(deps: Deps, siteId: string, tree?: OrgTree): Promise<ServiceStats> {
  const [rows, t] = await Promise.all([
    rrepo.publishedItemFigures(deps.db.kysely, siteId),
    tree ? Promise.resolve(tree) : loadOrgTree(deps, siteId),
  ]);
  const all = empty();
  const byOrg = new Map<string, StatCounts>();
  const byLevel = new Map<string, StatCounts>();
  for (const r of rows) {
    count(all, r);
    count(byOrg.get(r.org_id) ?? byOrg.set(r.org_id, empty()).get(r.org_id)!, r);
    count(byLevel.get(r.level) ?? byLevel.set(r.level, empty()).get(r.level)!, r);
  }
  const order = t.flatten(siteId).map((e) => e.org);
  return {
    ...all,
    by_org: order
      .filter((o) => byOrg.has(o.id))
      .map((o) => ({ org: o.name, code: o.code, ...byOrg.get(o.id)! })),
    by_level: LEVELS.filter((l) => byLevel.has(l)).map((level) => ({ level, ...byLevel.get(level)! })),
  };
}

/** The statistics as the API gives them: counts with their shares in percent. */
export function statsJson(s: ServiceStats) {
  const withShares = <T extends StatCounts>(c: T) => ({
    ...c,
    fully_online_pct: share(c.fully_online, c.total),
    zero_visit_pct: share(c.zero_visit, c.total),
    one_visit_pct: share(c.one_visit, c.total),
  });
  return { ...withShares(s), by_org: s.by_org.map(withShares), by_level: s.by_level.map(withShares) };
}

export const reportNotFound = () => new AppError("service_report_not_found", 404, "实施情况报告不存在。");
const REPORT: ServiceSubject = { noun: "实施情况报告", missing: reportNotFound };
export const REPORT_STATUS_LABELS: Record<string, string> = { draft: "草稿", published: "已发布" };
export const periodLabel = (year: number, quarter: number) =>
  quarter ? `${year}年第${["一", "二", "三", "四"][quarter - 1]}季度` : `${year}年`;
export const reportUrl = (id: string, prefix = "") => `${prefix}/fw/reports/${id}`;

export interface ReportInput {
  year?: number;
  quarter?: number;
  title?: string;
  body?: string;
}

function checkReport(input: ReportInput, now: Date) {
  const p = new Problems();
  const thisYear = now.getUTCFullYear();
  const year = input.year;
  if (typeof year !== "number" || !Number.isInteger(year) || year < 2000 || year > thisYear)
    p.add("year", "invalid_year", `年度应为 2000 至 ${thisYear} 之间的年份。`);
  const quarter = input.quarter;
  if (typeof quarter !== "number" || !Number.isInteger(quarter) || quarter < 0 || quarter > 4)
    p.add("quarter", "invalid_quarter", "请选择报告期（全年或第一至第四季度）。");
  const title = (input.title ?? "").trim();
  if (!title) p.add("title", "title_required", "请填写报告标题。");
  checkLength(p, "title", "报告标题", title, 200);
  const body = (input.body ?? "").trim();
  if (!body) p.add("body", "body_required", "请填写报告正文。");
  checkLength(p, "body", "报告正文", body, 50_000);
  return { p, year: year!, quarter: quarter!, title, body };
}

/** A new draft report of the office at the site root, with today's figures. */
export async function createReport(deps: Deps, user: CurrentUser, input: ReportInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const root = authoriseSiteWide(user, "service.manage", tree, REPORT.noun);
  const now = deps.clock.now();
  const c = checkReport(input, now);
  if (c.p.empty && (await rrepo.findReportOfPeriod(deps.db.kysely, user.siteId, c.year, c.quarter)))
    c.p.add(
      "quarter",
      "report_period_taken",
      `${periodLabel(c.year, c.quarter)}的实施情况报告已经存在，请打开它修改。`,
    );
  c.p.throwIfAny("实施情况报告未保存，请按提示修改。");
  const stats = await serviceStats(deps, user.siteId, tree);
  const at = now.toISOString();
  const row: rrepo.ReportRow = {
    id: newId(),
    site_id: user.siteId,
    org_id: root.id,
    year: c.year,
    quarter: c.quarter,
    title: c.title,
    body: c.body,
    status: "draft",
    figures_json: JSON.stringify(stats),
    figures_at: at,
    created_by: user.id,
    published_by: null,
    published_at: null,
    created_at: at,
    updated_at: at,
  };
  try {
    await deps.db.kysely.transaction().execute(async (trx) => {
      await rrepo.insertReport(trx, row);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "service.report_create",
        entityType: "service_report",
        entityId: row.id,
        orgId: root.id,
        summary: { title: row.title, period: periodLabel(row.year, row.quarter) },
      });
    });
  } catch (e) {
    // Two drafts of one period at the same time: the unique (site, year, quarter) keeps one.
    if (await rrepo.findReportOfPeriod(deps.db.kysely, user.siteId, c.year, c.quarter))
      throw new AppError(
        "report_period_taken",
        409,
        `${periodLabel(c.year, c.quarter)}的实施情况报告已经存在，请打开它修改。`,
      );
    throw e;
  }
  return row;
}

const published = () =>
  new AppError("report_published", 409, "该报告已经发布，数据和正文不再修改；如需更正请另行发布说明。");

/** Edits a draft (period, title, body); its figures are taken again from today's statistics. */
export async function updateReport(deps: Deps, user: CurrentUser, id: string, input: ReportInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const before = await rrepo.findReport(deps.db.kysely, id);
  if (!before) throw reportNotFound();
  authoriseService(user, "service.manage", before, tree, REPORT);
  const now = deps.clock.now();
  const c = checkReport(input, now);
  if (c.p.empty) {
    const other = await rrepo.findReportOfPeriod(deps.db.kysely, user.siteId, c.year, c.quarter);
    if (other && other.id !== id)
      c.p.add("quarter", "report_period_taken", `${periodLabel(c.year, c.quarter)}的实施情况报告已经存在。`);
  }
  c.p.throwIfAny("实施情况报告未保存，请按提示修改。");
  const stats = await serviceStats(deps, user.siteId, tree);
  return lockedStep(deps.db.kysely, {
    load: (trx) => rrepo.lockReport(trx, deps.db.dialect, id),
    missing: reportNotFound,
    check: (_trx, r) => {
      authoriseService(user, "service.manage", r, tree, REPORT);
      if (r.status !== "draft") throw published();
    },
    write: async (trx, r) => {
      const set = {
        year: c.year,
        quarter: c.quarter,
        title: c.title,
        body: c.body,
        figures_json: JSON.stringify(stats),
        figures_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await rrepo.updateReport(trx, r.id, set);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "service.report_update",
        entityType: "service_report",
        entityId: r.id,
        orgId: r.org_id,
        summary: { title: c.title, period: periodLabel(c.year, c.quarter) },
      });
      return { ...r, ...set };
    },
  });
}

/** Publishes a draft as it stands: its figures are frozen from now on, and it enters the site search. */
export async function publishReport(deps: Deps, user: CurrentUser, id: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  const before = await rrepo.findReport(deps.db.kysely, id);
  if (!before) throw reportNotFound();
  authoriseService(user, "service.manage", before, tree, REPORT);
  const now = deps.clock.now().toISOString();
  const row = await lockedStep(deps.db.kysely, {
    load: (trx) => rrepo.lockReport(trx, deps.db.dialect, id),
    missing: reportNotFound,
    check: (_trx, r) => {
      authoriseService(user, "service.manage", r, tree, REPORT);
      if (r.status !== "draft") throw published();
    },
    write: async (trx, r) => {
      const set = { status: "published" as const, published_by: user.id, published_at: now, updated_at: now };
      await rrepo.updateReport(trx, r.id, set);
      const out = { ...r, ...set };
      await writeReportToIndex(deps, trx, out);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "service.report_publish",
        entityType: "service_report",
        entityId: r.id,
        orgId: r.org_id,
        summary: { title: r.title, period: periodLabel(r.year, r.quarter) },
      });
      return out;
    },
  });
  invalidatePublicPages(deps);
  return row;
}

/** A report the user may read: published to anyone; a draft only to staff who view services at its office. */
export async function findReadableReport(deps: Deps, siteId: string, id: string, user: CurrentUser | null) {
  const r = await rrepo.findReport(deps.db.kysely, id);
  if (!r || r.site_id !== siteId) throw reportNotFound();
  if (r.status === "published") return r;
  if (!user || !mayViewService(user, r, await loadOrgTree(deps, siteId))) throw reportNotFound();
  return r;
}

/** Staff view of the reports (drafts too): viewing services at the site root. */
export async function listReportsForStaff(deps: Deps, user: CurrentUser) {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseSiteWide(user, "service.view", tree, REPORT.noun);
  return rrepo.listReports(deps.db.kysely, user.siteId, true);
}

export function reportJson(r: rrepo.ReportRow) {
  const figures = parseJson<ServiceStats>(r.figures_json, { ...empty(), by_org: [], by_level: [] });
  return {
    id: r.id,
    year: r.year,
    quarter: r.quarter,
    period: periodLabel(r.year, r.quarter),
    title: r.title,
    body: r.body,
    status: r.status,
    figures: statsJson(figures),
    figures_at: r.figures_at,
    published_at: r.published_at,
    url: reportUrl(r.id),
  };
}
