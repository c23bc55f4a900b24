import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerNormativeAdmin } from "./normative.admin";
import { registerNormativeApi } from "./normative.api";
import { registerNormativePages } from "./normative.pages";

/** The normative-document ledger (规范性文件台账) and the document-management import: API, register, back office. */
export function registerNormativeRoutes(app: AppInstance, deps: Deps): void {
  registerNormativeApi(app, deps);
  registerNormativePages(app, deps);
  registerNormativeAdmin(app, deps);
}
