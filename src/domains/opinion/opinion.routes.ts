import type { Deps } from "../../deps";
import { addDashboardPanel } from "../../web/dashboard";
import type { AppInstance } from "../../web/types";
import { registerAccountabilitySubject } from "../assessment";
import { registerSupervisionAdmin } from "./hotline-supervision.admin";
import { registerOpinionAdmin } from "./opinion.admin";
import { registerOpinionApi } from "./opinion.api";
import { registerOpinionIndicator } from "./opinion.indicator";
import { openCasesPanel } from "./opinion.panel";
import { SUBJECT_TYPE } from "./opinion.response";

/** Public-opinion response, early warning and 12345 supervision: API, back office, dashboard box, indicator. */
export function registerOpinionRoutes(app: AppInstance, deps: Deps): void {
  registerOpinionApi(app, deps);
  registerOpinionAdmin(app, deps);
  registerSupervisionAdmin(app, deps);
  registerAccountabilitySubject(SUBJECT_TYPE, {
    label: "政务舆情",
    url: (id) => `/admin/opinion/cases/${encodeURIComponent(id)}`,
  });
  registerOpinionIndicator();
  addDashboardPanel(openCasesPanel);
}
