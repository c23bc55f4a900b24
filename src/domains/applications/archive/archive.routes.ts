import type { Deps } from "../../../deps";
import type { AppInstance } from "../../../web/types";
import { registerArchiveAdmin } from "./archive.admin";
import { registerArchiveApi } from "./archive.api";
import { registerArchivePages } from "./archive.pages";
import { registerRepeatRoutes } from "./repeats.routes";

/** The public archive of answered applications and the Art. 44 list: API, back office, public pages. */
export function registerApplicationArchiveRoutes(app: AppInstance, deps: Deps): void {
  registerArchiveApi(app, deps);
  registerArchiveAdmin(app, deps);
  registerArchivePages(app, deps);
  registerRepeatRoutes(app, deps);
}
