import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerApplicationsApi } from "./applications.api";
import { registerApplicationPages } from "./applications.pages";

export function registerApplicationRoutes(app: AppInstance, deps: Deps, limits: { perHour: number }): void {
  registerApplicationsApi(app, deps, limits);
  registerApplicationPages(app, deps, limits);
}
