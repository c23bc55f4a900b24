// Open data of the gazette database (issue 16 item 2): every released issue and its documents as CSV (UTF-8
// with BOM, one row a document; an issue imported without a table of contents, one row) and JSON (issues with
// their documents), at /gb/database.csv and /gb/database.json, listed on /gk/opendata.
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { shanghaiDateOf } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { CSV_TYPE, type CsvColumn, siteOrigin, toCsv } from "../opendata";
import { resolvePublicSite } from "../orgs";
import { issueListJson } from "./gazette.present";
import * as repo from "./gazette.repo";
import { entryAnchor, issueUrl } from "./gazette.search";
import { CATEGORY_LABELS } from "./gazette.steps";

interface Row {
  issue: repo.IssueRow;
  entry: repo.EntryRow | null;
}

const COLUMNS = (abs: (p: string) => string): CsvColumn<Row>[] => [
  { header: "年份", value: (r) => r.issue.year },
  { header: "年期号", value: (r) => r.issue.number },
  { header: "总期号", value: (r) => r.issue.total_number },
  { header: "出版日期", value: (r) => r.issue.published_on },
  { header: "栏目", value: (r) => (r.entry ? CATEGORY_LABELS[r.entry.category] : "") },
  { header: "序号", value: (r) => r.entry?.position ?? "" },
  { header: "标题", value: (r) => r.entry?.title ?? "" },
  { header: "发文字号", value: (r) => r.entry?.doc_number ?? "" },
  { header: "发布机关", value: (r) => r.entry?.org_name ?? "" },
  { header: "成文日期", value: (r) => r.entry?.formed_on ?? "" },
  {
    header: "链接",
    value: (r) =>
      abs(r.entry ? `${issueUrl(r.issue.id)}#${entryAnchor(r.entry.position)}` : issueUrl(r.issue.id)),
  },
  { header: "公报文件SHA-256", value: (r) => r.issue.file_sha256 },
  { header: "期次编号", value: (r) => r.issue.id },
];

/** Every released issue of the site with its documents, latest first. */
export async function gazetteDatabase(deps: Deps, siteId: string) {
  const db = deps.db.kysely;
  const { rows } = await repo.listIssues(db, { siteId, statuses: ["released"] });
  const entries = await repo.listEntries(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((issue) => ({ issue, entries: entries.filter((e) => e.issue_id === issue.id) }));
}

export function registerGazetteExport(app: AppInstance, deps: Deps): void {
  app.get(
    "/gb/database.:format",
    {
      schema: {
        hide: true,
        params: Type.Object({ format: Type.Union([Type.Literal("csv"), Type.Literal("json")]) }),
      },
    },
    async (req, reply) => {
      const site = await resolvePublicSite(deps, req);
      const origin = siteOrigin(deps, site, req);
      const abs = (p: string) => `${origin}${p}`;
      const all = await gazetteDatabase(deps, site.id);
      const day = shanghaiDateOf(deps.clock.now());
      const { format } = req.params;
      const body =
        format === "csv"
          ? toCsv(
              COLUMNS(abs),
              all.flatMap(({ issue, entries }): Row[] =>
                entries.length ? entries.map((entry) => ({ issue, entry })) : [{ issue, entry: null }],
              ),
            )
          : JSON.stringify({
              generated_at: deps.clock.now().toISOString(),
              total: all.length,
              items: all.map(({ issue, entries }) => ({
                ...issueListJson(issue),
                url: abs(issueUrl(issue.id)),
                documents: entries.map((e) => ({
                  position: e.position,
                  category: e.category,
                  category_label: CATEGORY_LABELS[e.category],
                  title: e.title,
                  doc_number: e.doc_number,
                  org: e.org_name,
                  formed_on: e.formed_on,
                  url: abs(`${issueUrl(issue.id)}#${entryAnchor(e.position)}`),
                })),
              })),
            });
      return reply
        .type(format === "csv" ? CSV_TYPE : "application/json; charset=utf-8")
        .header("content-disposition", `attachment; filename="gazette-${day}.${format}"`)
        .send(body);
    },
  );
}
