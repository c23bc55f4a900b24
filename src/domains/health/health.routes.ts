import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerHealthAdmin } from "./health.admin";
import { registerHealthApi } from "./health.api";

/** Site health (网站健康检查): its JSON API, its back-office page and its dashboard box. */
export function registerHealthRoutes(app: AppInstance, deps: Deps): void {
  registerHealthApi(app, deps);
  registerHealthAdmin(app, deps);
}
