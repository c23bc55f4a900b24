import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { registerMnSubject } from "../mongolian";
import { registerSearchSource, TYPE_LABELS } from "../search";
import { registerMeetingAdmin } from "./meetings.admin";
import { registerMeetingApi } from "./meetings.api";
import { MEETING_MN } from "./meetings.mn";
import { registerMeetingPages } from "./meetings.pages";
import { countAnnouncedMeetings, MEETING_DOC_TYPE, meetingDocsOfSite } from "./meetings.search";

/** Government meetings (政府会议 / 开门决策): API, public pages, back office, search source. */
export function registerMeetingRoutes(app: AppInstance, deps: Deps): void {
  registerMnSubject(app, deps, MEETING_MN);
  registerMeetingApi(app, deps);
  registerMeetingPages(app, deps);
  registerMeetingAdmin(app, deps);
  TYPE_LABELS[MEETING_DOC_TYPE] ??= "政府会议";
  registerSearchSource({
    type: MEETING_DOC_TYPE,
    types: [MEETING_DOC_TYPE],
    label: "政府会议与会议纪要",
    listAll: (db, siteId) => meetingDocsOfSite(db, siteId),
    count: (db, siteId) => countAnnouncedMeetings(db, siteId),
  });
}
