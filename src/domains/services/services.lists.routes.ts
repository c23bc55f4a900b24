import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerMnSubject } from "../mongolian";
import { registerSearchSource, TYPE_LABELS } from "../search";
import { registerServiceListAdmin } from "./services.lists.admin";
import { registerServiceListApi } from "./services.lists.api";
import { SERVICE_LIST_MN } from "./services.lists.mn";
import { registerServiceListPages } from "./services.lists.pages";
import { countPublishedLists, listDocsOfSite, SERVICE_LIST_DOC_TYPE } from "./services.lists.search";

/**
 * 权责清单 and 公共服务事项清单: API (/api/v1/services/lists), public pages (/fw/lists), back office, search,
 * and their Mongolian versions.
 */
export function registerServiceListRoutes(app: AppInstance, deps: Deps): void {
  registerServiceListApi(app, deps);
  registerServiceListPages(app, deps);
  registerServiceListAdmin(app, deps);
  registerMnSubject(app, deps, SERVICE_LIST_MN);
  TYPE_LABELS[SERVICE_LIST_DOC_TYPE] ??= "权责清单和公共服务事项清单";
  registerSearchSource({
    type: SERVICE_LIST_DOC_TYPE,
    types: [SERVICE_LIST_DOC_TYPE],
    label: "权责清单和公共服务事项清单",
    listAll: (db, siteId) => listDocsOfSite(db, siteId),
    count: (db, siteId) => countPublishedLists(db, siteId),
  });
}
