import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerApplicantFileRoutes } from "./applicant-files/applicant-files.routes";
import { registerApplicationAdmin } from "./applications.admin";
import { registerApplicationsApi } from "./applications.api";
import { registerApplicationPages } from "./applications.pages";
import { registerApplicationArchiveRoutes } from "./archive/archive.routes";
import { registerApplicationDocumentRoutes } from "./documents/documents.routes";
import { registerLetterSettingsRoutes } from "./letters/letter.settings-routes";

export function registerApplicationRoutes(app: AppInstance, deps: Deps): void {
  registerApplicationsApi(app, deps);
  registerApplicationAdmin(app, deps);
  registerApplicationPages(app, deps);
  registerApplicationDocumentRoutes(app, deps);
  registerApplicationArchiveRoutes(app, deps);
  registerApplicantFileRoutes(app, deps);
  registerLetterSettingsRoutes(app, deps);
}
