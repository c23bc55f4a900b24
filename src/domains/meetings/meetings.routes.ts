import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerMeetingAdmin } from "./meetings.admin";
import { registerMeetingApi } from "./meetings.api";
import { registerMeetingPages } from "./meetings.pages";

/** Government meetings (政府会议 / 开门决策): API, public pages, back office. */
export function registerMeetingRoutes(app: AppInstance, deps: Deps): void {
  registerMeetingApi(app, deps);
  registerMeetingPages(app, deps);
  registerMeetingAdmin(app, deps);
}
