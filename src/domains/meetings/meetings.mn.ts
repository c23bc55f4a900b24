// The Mongolian version of a meeting (政务会议, issue 18 part 1): its notice (title, place, agenda, minutes)
// as the Mongolian domain translates it. The fingerprint covers those, so a changed agenda or published minutes
// mark the translation outdated; the meeting policy (meeting.view / manage / decide on the organising
// organisation) decides who drafts and approves it.
import type { MnKind, MnSource } from "../mongolian";
import { authoriseMeeting, type MeetingAction, meetingNotFound } from "./meetings.policy";
import * as repo from "./meetings.repo";
import { PUBLIC_STATUSES } from "./meetings.steps";

const source = (r: repo.MeetingRow): MnSource => ({
  id: r.id,
  siteId: r.site_id,
  orgId: r.org_id,
  title: r.title,
  texts: [r.place, r.agenda_json, r.minutes ?? "", r.cancel_reason ?? ""],
  version: null,
  publicPath:
    PUBLIC_STATUSES.includes(r.status) && !(r.status === "cancelled" && !r.announced_at)
      ? `/hd/meetings/${r.id}`
      : null,
  publishedAt: r.announced_at,
});

export const MEETING_MN: MnKind = {
  type: "meeting",
  label: "政务会议",
  what: "a government meeting (政务会议)",
  actions: { view: "meeting.view", draft: "meeting.manage", review: "meeting.decide" },
  authorise: (user, action, row, tree) => authoriseMeeting(user, action as MeetingAction, row, tree),
  missing: meetingNotFound,
  find: async (db, id) => {
    const r = await repo.findMeeting(db, id);
    return r && source(r);
  },
  lock: async (trx, engine, id) => {
    const r = await repo.lockMeeting(trx, engine, id);
    return r && source(r);
  },
  adminPath: (id) => `/admin/meetings/${id}`,
  editorPath: (id) => `/admin/meetings/${id}/mn`,
  apiPath: "/api/v1/meetings/:id/mn",
};
