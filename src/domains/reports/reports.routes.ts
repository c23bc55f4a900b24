import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerReportsAdmin } from "./reports.admin";
import { registerReportsApi } from "./reports.api";
import { registerFiguresImportRoutes } from "./reports.import-routes";

/** The annual report: its JSON API and its back-office page. */
export function registerReportRoutes(app: AppInstance, deps: Deps): void {
  registerReportsApi(app, deps);
  registerReportsAdmin(app, deps);
  registerFiguresImportRoutes(app, deps);
}
