import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerTranslationAdmin } from "./translations.admin";
import { registerTranslationApi } from "./translations.api";

/** The site's wording of the portal's UI strings (issue 18 item 2): the API and the back-office page. */
export function registerTranslationRoutes(app: AppInstance, deps: Deps): void {
  registerTranslationApi(app, deps);
  registerTranslationAdmin(app, deps);
}
