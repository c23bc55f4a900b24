import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerIntegrityAdmin } from "./integrity.admin";
import { registerIntegrityApi } from "./integrity.api";
import { registerIntegrityPages } from "./integrity.pages";

export function registerIntegrityRoutes(app: AppInstance, deps: Deps): void {
  registerIntegrityApi(app, deps);
  registerIntegrityPages(app, deps);
  registerIntegrityAdmin(app, deps);
}
