import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerHotlineAdmin } from "./hotline.admin";
import { registerHotlineApi } from "./hotline.api";
import { registerHotlinePages } from "./hotline.pages";

/** The 12345 hotline (issue 13 item 7): the integration API, the register's public page, the back office. */
export function registerHotlineRoutes(app: AppInstance, deps: Deps): void {
  registerHotlineApi(app, deps);
  registerHotlinePages(app, deps);
  registerHotlineAdmin(app, deps);
}
