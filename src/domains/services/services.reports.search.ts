// What of an implementation report the site search finds: a published report by its title, period, body and
// headline figures. Written in the transaction that publishes it; a published report never changes.
import type { Deps, Executor } from "../../deps";
import { getSearchIndex } from "../../platform/search";
import type { SearchDoc } from "../../platform/search/search.types";
import { syncMnInIndex } from "../mongolian";
import type { ReportRow } from "./services.reports.repo";
import * as rrepo from "./services.reports.repo";

export const SERVICE_REPORT_DOC_TYPE = "service_report";

const period = (r: ReportRow) =>
  r.quarter ? `${r.year}年第${["一", "二", "三", "四"][r.quarter - 1]}季度` : `${r.year}年`;

export function reportSearchDoc(r: ReportRow): SearchDoc {
  return {
    type: SERVICE_REPORT_DOC_TYPE,
    id: r.id,
    siteId: r.site_id,
    orgId: r.org_id,
    title: r.title,
    body: [`${period(r)}互联网+政务服务实施情况报告`, r.body].join("\n"),
    docNumber: null,
    kind: "互联网+政务服务实施情况报告",
    catalogNodeIds: [],
    publishedAt: r.published_at,
    validity: null,
    url: `/fw/reports/${r.id}`,
    visibility: "public",
  };
}

export async function writeReportToIndex(
  deps: Pick<Deps, "db" | "clock">,
  trx: Executor,
  r: ReportRow,
): Promise<void> {
  await getSearchIndex(deps.db, deps.clock).upsertDocs(trx, [reportSearchDoc(r)]);
  // A translation approved while the report was a draft is found once it is published (src/domains/mongolian).
  await syncMnInIndex(deps, trx, "service_report", [r.id]);
}

export async function* reportDocsOfSite(db: Executor, siteId: string): AsyncIterable<SearchDoc[]> {
  const rows = await rrepo.listReports(db, siteId, false);
  if (rows.length) yield rows.map(reportSearchDoc);
}

export async function countPublishedReports(db: Executor, siteId: string): Promise<number> {
  return (await rrepo.listReports(db, siteId, false)).length;
}
