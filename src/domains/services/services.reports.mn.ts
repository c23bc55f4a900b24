// The Mongolian version of a 互联网+政务服务 implementation report (issue 18 part 1): its title and body as the
// Mongolian domain translates them. Its fingerprint covers both, so a changed draft marks the translation
// outdated (a published report no longer changes); the service policy (service.view / manage / review on the
// office writing it) decides who drafts and approves it, and the translation is public once the report is.
import type { MnKind, MnSource } from "../mongolian";
import { authoriseService, type ServiceAction, type ServiceSubject } from "./services.policy";
import { reportNotFound } from "./services.reports";
import * as rrepo from "./services.reports.repo";

const REPORT: ServiceSubject = { noun: "实施情况报告", missing: reportNotFound };

const source = (r: rrepo.ReportRow): MnSource => ({
  id: r.id,
  siteId: r.site_id,
  orgId: r.org_id,
  title: r.title,
  texts: [String(r.year), String(r.quarter), r.body],
  version: null,
  publicPath: r.status === "published" ? `/fw/reports/${r.id}` : null,
  publishedAt: r.published_at,
});

export const SERVICE_REPORT_MN: MnKind = {
  type: "service_report",
  label: "政务服务实施情况报告",
  what: "an implementation report of 互联网+政务服务",
  actions: { view: "service.view", draft: "service.manage", review: "service.review" },
  authorise: (user, action, row, tree) => authoriseService(user, action as ServiceAction, row, tree, REPORT),
  missing: reportNotFound,
  find: async (db, id) => {
    const r = await rrepo.findReport(db, id);
    return r && source(r);
  },
  lock: async (trx, engine, id) => {
    const r = await rrepo.lockReport(trx, engine, id);
    return r && source(r);
  },
  adminPath: (id) => `/admin/services/reports/${id}`,
  editorPath: (id) => `/admin/services/reports/${id}/mn`,
  apiPath: "/api/v1/services/reports/:id/mn",
};
