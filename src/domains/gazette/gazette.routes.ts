import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { addVerifySource } from "../integrity/integrity.verify";
import { registerMnSubject } from "../mongolian";
import { addOpenDataset } from "../opendata";
import { registerSearchSource, TYPE_LABELS } from "../search";
import { registerGazetteAdmin } from "./gazette.admin";
import { registerGazetteApi } from "./gazette.api";
import { registerGazetteExport } from "./gazette.export";
import { GAZETTE_MN } from "./gazette.mn";
import { registerGazettePages } from "./gazette.pages";
import { issueLabel } from "./gazette.pdf";
import * as repo from "./gazette.repo";
import {
  CORRECTION_DOC_TYPE,
  countGazetteDocs,
  ENTRY_DOC_TYPE,
  gazetteDocsOfSite,
  ISSUE_DOC_TYPE,
  issueUrl,
} from "./gazette.search";
import { gazetteText } from "./gazette.text";

/** The government gazette (政府公报): API, public database and issue pages, back office, search, verify, open data. */
export function registerGazetteRoutes(app: AppInstance, deps: Deps): void {
  registerMnSubject(app, deps, GAZETTE_MN);
  registerGazetteApi(app, deps);
  registerGazettePages(app, deps);
  registerGazetteAdmin(app, deps);
  registerGazetteExport(app, deps);
  TYPE_LABELS[ISSUE_DOC_TYPE] ??= "政府公报";
  TYPE_LABELS[ENTRY_DOC_TYPE] ??= "政府公报文件";
  TYPE_LABELS[CORRECTION_DOC_TYPE] ??= "政府公报更正";
  registerSearchSource({
    type: ENTRY_DOC_TYPE,
    types: [ENTRY_DOC_TYPE, ISSUE_DOC_TYPE, CORRECTION_DOC_TYPE],
    label: "政府公报",
    listAll: (db, siteId) => gazetteDocsOfSite(db, siteId),
    count: (db, siteId) => countGazetteDocs(db, siteId),
  });
  // The authoritative file of each released issue is found by its SHA-256 on /verify and GET /api/v1/verify.
  addVerifySource("gazette", async (d, siteId, sha) =>
    (await repo.releasedIssuesByFile(d.db.kysely, sha))
      .filter((r) => r.site_id === siteId)
      .map((r) => ({
        type: "gazette" as const,
        id: r.id,
        title: `${issueLabel(r)} 政府公报`,
        url: issueUrl(r.id),
        published_at: r.released_at,
        status: "published",
        item_id: r.id,
        filename: r.file_name,
      })),
  );
  addOpenDataset("gazette", async (d, c) => {
    const x = gazetteText(c.lang);
    const { rows, total } = await repo.listIssues(
      d.db.kysely,
      { siteId: c.site.id, statuses: ["released"] },
      { limit: 1, offset: 0 },
    );
    return {
      key: "gazette",
      title: x("database"),
      description: x("intro"),
      count: total,
      updated: rows[0]?.released_at ?? null,
      links: [
        { label: c.t("opendata.page"), href: `${c.prefix}/gb` },
        { label: "CSV", href: "/gb/database.csv", type: "text/csv" },
        { label: "JSON", href: "/gb/database.json", type: "application/json" },
        { label: c.t("opendata.api"), href: "/api/v1/gazette/issues", type: "application/json" },
      ],
    };
  });
}
