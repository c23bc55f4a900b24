import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerAccountabilityAdmin } from "./accountability.admin";
import { registerAssessmentAdmin } from "./assessment.admin";
import { registerAssessmentApi } from "./assessment.api";

/** The assessment (考核) and the accountability records (问责): JSON API and back-office pages. */
export function registerAssessmentRoutes(app: AppInstance, deps: Deps): void {
  registerAssessmentApi(app, deps);
  registerAssessmentAdmin(app, deps);
  registerAccountabilityAdmin(app, deps);
}
