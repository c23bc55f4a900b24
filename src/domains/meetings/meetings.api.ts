// /api/v1/meetings (issue 13 item 6): the public list, a meeting's page data, applications to attend (列席)
// and their tracking without a token; staff prepare notices, take workflow steps and decide on applications
// with a bearer token, and read a meeting (drafts too) with a `staff` part. Error responses (400, 401, 403, 404, 409, 429 in the one error shape) are added to
// every operation by src/web/openapi.ts.
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import type { CurrentUser } from "../accounts";
import { loadOrgTree, resolvePublicSite } from "../orgs";
import {
  applyToAttend,
  decideAttendance,
  listAttendanceForStaff,
  trackAttendance,
} from "./meetings.attendance";
import { mayActOnMeeting, mayViewMeeting, meetingNotFound } from "./meetings.policy";
import { loadPublicView, pageOf, publicJson, publicList, staffJson } from "./meetings.present";
import * as repo from "./meetings.repo";
import {
  AttendanceBody,
  AttendanceCreatedJson,
  AttendanceParams,
  AttendanceTrackJson,
  CreateMeetingBody,
  DecisionBody,
  DecisionJson,
  IdParams,
  ListQuerystring,
  MeetingActionBody,
  MeetingJson,
  MeetingListJson,
  StaffAttendanceJson,
  StaffMeetingJson,
  TrackQuery,
  UpdateMeetingBody,
} from "./meetings.schemas";
import { createMeeting, findPublic, offeredSteps, performStep, updateMeeting } from "./meetings.service";

const tags = ["meetings"];

/** The meeting as staff who may see it get it (drafts too), or undefined: then as the public does. */
async function staffView(deps: Deps, user: CurrentUser, id: string) {
  const row = await repo.findMeeting(deps.db.kysely, id);
  if (!row) return undefined;
  const tree = await loadOrgTree(deps, user.siteId);
  if (!mayViewMeeting(user, row, tree)) return undefined;
  return {
    row,
    json: {
      admin_url: `/admin/meetings/${row.id}`,
      actions: offeredSteps(user, row, tree),
      editable: row.status === "draft" && mayActOnMeeting(user, "meeting.manage", row, tree),
      pending_applications: await repo.countAttendance(deps.db.kysely, row.id, "pending"),
      stream_url: row.stream_url,
    },
  };
}

export function registerMeetingApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/meetings",
    {
      schema: {
        tags,
        operationId: "listMeetings",
        summary: "Announced meetings (upcoming, held, minuted, cancelled), latest date first, 20 a page",
        description: "Counts of applications to attend only; never an applicant's name or phone.",
        security: [],
        querystring: ListQuerystring,
        response: { 200: MeetingListJson },
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      const r = await publicList(deps, site.id, pageOf(req.query.page));
      return { total: r.total, page: r.page, items: r.items };
    },
  );

  app.get(
    "/api/v1/meetings/attendance/track",
    {
      config: { clientLimit: "track" },
      schema: {
        tags,
        operationId: "trackMeetingAttendance",
        summary: "The applicant's view of an application to attend: its decision and the meeting",
        description: "A wrong code and a wrong secret both answer 404 attendance_not_found.",
        security: [],
        querystring: TrackQuery,
        response: { 200: AttendanceTrackJson },
      },
    },
    async (req) => trackAttendance(deps, req.query.code, req.query.secret),
  );

  app.get(
    "/api/v1/meetings/:id",
    {
      schema: {
        tags,
        operationId: "getMeeting",
        summary: "An announced meeting: agenda, time and place, application period, counts, stream, minutes",
        description:
          "A draft answers 404 to the public. The stream address is given from the meeting's day on. With a token (or session) of staff who may see the meeting, drafts are answered too, with a `staff` part: the steps they may take, whether they may edit it, applications awaiting a decision and the stream address as saved.",
        security: [],
        params: IdParams,
        response: { 200: MeetingJson },
      },
    },
    async (req) => {
      const staff = req.user ? await staffView(deps, req.user, req.params.id) : undefined;
      if (staff) return { ...publicJson(await loadPublicView(deps, staff.row)), staff: staff.json };
      const site = await resolvePublicSite(deps, req);
      const row = await findPublic(deps.db.kysely, site.id, req.params.id);
      if (!row) throw meetingNotFound();
      return publicJson(await loadPublicView(deps, row));
    },
  );

  app.post(
    "/api/v1/meetings/:id/attendance",
    {
      config: { clientLimit: "submissions" },
      schema: {
        tags,
        operationId: "postMeetingAttendance",
        summary: "Apply to attend a meeting (列席申请; public, no token)",
        description:
          "Name and phone are stored encrypted and never shown publicly. Taken while the meeting is announced and today is within apply_opens_on..apply_closes_on: before it 409 attendance_not_open, after it (or once closed) 409 attendance_closed, a cancelled meeting 409 meeting_cancelled. Keep the secret: with the code it opens the decision.",
        security: [],
        params: IdParams,
        body: AttendanceBody,
        response: { 201: AttendanceCreatedJson },
      },
    },
    async (req, reply) => {
      const site = await resolvePublicSite(deps, req);
      return reply.status(201).send(await applyToAttend(deps, site.id, req.params.id, req.body));
    },
  );

  app.post(
    "/api/v1/meetings",
    {
      schema: {
        tags,
        operationId: "postMeeting",
        summary: "Prepare a meeting notice as a draft (the organising organisation's clerk, or the office)",
        description:
          "Every problem is named at once (400). Applications must close before the meeting's date; the stream address must be https.",
        body: CreateMeetingBody,
        response: { 201: StaffMeetingJson },
      },
    },
    async (req, reply) =>
      reply.status(201).send(staffJson(await createMeeting(deps, requireUser(req), req.body))),
  );

  app.patch(
    "/api/v1/meetings/:id",
    {
      schema: {
        tags,
        operationId: "patchMeeting",
        summary: "Edit a draft notice (any of its fields); 409 meeting_locked once announced",
        params: IdParams,
        body: UpdateMeetingBody,
        response: { 200: StaffMeetingJson },
      },
    },
    async (req) => staffJson(await updateMeeting(deps, requireUser(req), req.params.id, req.body)),
  );

  app.post(
    "/api/v1/meetings/:id/actions",
    {
      schema: {
        tags,
        operationId: "postMeetingAction",
        summary: "Take a workflow step: announce close_applications mark_held publish_minutes cancel",
        description:
          "cancel needs `reason` (shown publicly); publish_minutes needs `minutes` and may link `decision_item_id` (a published item). mark_held is refused (409) before the meeting's day.",
        params: IdParams,
        body: MeetingActionBody,
        response: { 200: StaffMeetingJson },
      },
    },
    async (req) => staffJson(await performStep(deps, requireUser(req), req.params.id, req.body)),
  );

  app.get(
    "/api/v1/meetings/:id/attendance",
    {
      schema: {
        tags,
        operationId: "listMeetingAttendance",
        summary: "Applications to attend a meeting, with the applicants' names and phones (staff)",
        params: IdParams,
        response: { 200: StaffAttendanceJson },
      },
    },
    async (req) => {
      const r = await listAttendanceForStaff(deps, requireUser(req), req.params.id);
      return {
        items: r.items,
        counts: { seats: r.row.seats, applications: r.row.application_count, approved: r.row.approved_count },
      };
    },
  );

  app.post(
    "/api/v1/meetings/:id/attendance/:aid/decision",
    {
      schema: {
        tags,
        operationId: "postMeetingAttendanceDecision",
        summary: "Approve or decline an application to attend (the office)",
        description:
          "decline needs `reason` (told to the applicant). Approvals never exceed the seats: 409 seats_full. A decided application: 409 attendance_already_decided.",
        params: AttendanceParams,
        body: DecisionBody,
        response: { 200: DecisionJson },
      },
    },
    async (req) => {
      const a = await decideAttendance(deps, requireUser(req), req.params.id, req.params.aid, req.body);
      return {
        id: a.id,
        tracking_code: a.tracking_code,
        status: a.status,
        decision_reason: a.decision_reason,
      };
    },
  );
}
