import type { Deps } from "../../deps";
import { addDashboardPanel } from "../../web/dashboard";
import type { AppInstance } from "../../web/types";
import { registerAccountabilitySubject } from "../assessment";
import { registerNewmediaAdmin } from "./newmedia.admin";
import { registerNewmediaApi } from "./newmedia.api";
import { registerNewmediaIndicator } from "./newmedia.indicator";
import { staleAccountsPanel } from "./newmedia.panel";

/** Government new media: API, back office, the dashboard's alarms, the assessment indicator. */
export function registerNewmediaRoutes(app: AppInstance, deps: Deps): void {
  registerNewmediaApi(app, deps);
  registerNewmediaAdmin(app, deps);
  registerAccountabilitySubject("newmedia_account", {
    label: "政务新媒体账号",
    url: (id) => `/admin/newmedia/${encodeURIComponent(id)}`,
  });
  registerNewmediaIndicator();
  addDashboardPanel(staleAccountsPanel);
}
