// Dashboards (统计图表, issue 14 item 4) for the office (政务公开办) and the inspection office (督查室).
import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerDashboardsAdmin } from "./dashboards.admin";
import { registerDashboardsApi } from "./dashboards.api";

export { DASHBOARD_PATHS } from "./dashboards.admin";
export { inspectionDashboard } from "./dashboards.inspection";
export {
  authoriseDashboard,
  DASHBOARD_NAMES,
  type DashboardName,
  maySeeDashboard,
} from "./dashboards.policy";
export { type Dashboard, officeDashboard } from "./dashboards.series";
export { dashboardWorkbook, loadDashboard } from "./dashboards.service";

/** The dashboards' pages, Excel downloads and JSON API. */
export function registerDashboardsRoutes(app: AppInstance, deps: Deps): void {
  registerDashboardsApi(app, deps);
  registerDashboardsAdmin(app, deps);
}
