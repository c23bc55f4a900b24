import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerMnSubject } from "../mongolian";
import { registerSearchSource, TYPE_LABELS } from "../search";
import { registerServiceAdmin } from "./services.admin";
import { registerServiceApi } from "./services.api";
import { registerServiceExcelRoutes } from "./services.excel-routes";
import { registerServiceListRoutes } from "./services.lists.routes";
import { SERVICE_MN } from "./services.mn";
import { registerServicePages } from "./services.pages";
import { registerServiceReportRoutes } from "./services.reports.routes";
import { countPublishedServices, SERVICE_DOC_TYPE, serviceDocsOfSite } from "./services.search";

/** Government services (政务服务): API, public pages (/fw), back office, search source. */
export function registerServiceRoutes(app: AppInstance, deps: Deps): void {
  registerServiceApi(app, deps);
  registerServicePages(app, deps);
  registerServiceAdmin(app, deps);
  registerServiceListRoutes(app, deps);
  registerServiceReportRoutes(app, deps);
  registerServiceExcelRoutes(app, deps);
  registerMnSubject(app, deps, SERVICE_MN);
  TYPE_LABELS[SERVICE_DOC_TYPE] ??= "政务服务事项";
  registerSearchSource({
    type: SERVICE_DOC_TYPE,
    types: [SERVICE_DOC_TYPE],
    label: "政务服务事项与办事指南",
    listAll: (db, siteId) => serviceDocsOfSite(db, siteId),
    count: (db, siteId) => countPublishedServices(db, siteId),
  });
}
