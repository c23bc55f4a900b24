import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerSearchSource } from "../search";
import { registerHotlineRoutes } from "./hotline.routes";
import { registerInteractionApi } from "./interaction.api";
import { countQa, QA_DOC_TYPE, qaDocsOfSite } from "./messages.qa";
import { registerMessageStatisticsApi } from "./messages.statistics.api";

/** The messages domain's JSON API and its search source (the pages register themselves: registerMessagePages). */
export function registerInteractionRoutes(app: AppInstance, deps: Deps): void {
  registerSearchSource({
    type: QA_DOC_TYPE,
    types: [QA_DOC_TYPE],
    label: "互动交流问答",
    listAll: (db, siteId) => qaDocsOfSite(db, siteId),
    count: (db, siteId) => countQa(db, siteId),
  });
  registerInteractionApi(app, deps);
  registerHotlineRoutes(app, deps);
  registerMessageStatisticsApi(app, deps);
}
