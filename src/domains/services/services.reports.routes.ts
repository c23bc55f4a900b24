import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerMnSubject } from "../mongolian";
import { registerSearchSource, TYPE_LABELS } from "../search";
import { SERVICE_BUNDLE_MN } from "./services.bundles.mn";
import { SERVICE_HALL_MN } from "./services.halls.mn";
import { registerHallAdminApi } from "./services.halls-admin.api";
import { registerBundleAdminPages } from "./services.halls-admin.bundles";
import { registerHallAdminPages } from "./services.halls-admin.pages";
import { registerServiceReportAdmin } from "./services.reports.admin";
import { registerServiceReportApi } from "./services.reports.api";
import { SERVICE_REPORT_MN } from "./services.reports.mn";
import { registerServiceReportPages } from "./services.reports.pages";
import { countPublishedReports, reportDocsOfSite, SERVICE_REPORT_DOC_TYPE } from "./services.reports.search";

/**
 * The back office of halls, windows and 一件事, and the online-service statistics with the 互联网+政务服务
 * implementation reports (pages, back office, API, search source), and the Mongolian versions of the reports
 * of the 一件事 bundles and of the halls.
 */
export function registerServiceReportRoutes(app: AppInstance, deps: Deps): void {
  registerHallAdminApi(app, deps);
  registerHallAdminPages(app, deps);
  registerBundleAdminPages(app, deps);
  registerServiceReportApi(app, deps);
  registerServiceReportPages(app, deps);
  registerServiceReportAdmin(app, deps);
  registerMnSubject(app, deps, SERVICE_REPORT_MN);
  registerMnSubject(app, deps, SERVICE_BUNDLE_MN);
  registerMnSubject(app, deps, SERVICE_HALL_MN);
  TYPE_LABELS[SERVICE_REPORT_DOC_TYPE] ??= "政务服务实施情况报告";
  registerSearchSource({
    type: SERVICE_REPORT_DOC_TYPE,
    types: [SERVICE_REPORT_DOC_TYPE],
    label: "互联网+政务服务实施情况报告",
    listAll: (db, siteId) => reportDocsOfSite(db, siteId),
    count: (db, siteId) => countPublishedReports(db, siteId),
  });
}
