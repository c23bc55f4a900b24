import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerSearchAdmin } from "./search.admin";
import { registerSearchApi } from "./search.api";
import { registerSearchPages } from "./search.pages";

export function registerSearchRoutes(app: AppInstance, deps: Deps): void {
  registerSearchApi(app, deps);
  registerSearchPages(app, deps);
  registerSearchAdmin(app, deps);
}
