import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { STEP_ACTIONS } from "./meetings.steps";

// Request and answer shapes of /api/v1/meetings. Fields are read as text and checked by the service, so every
// problem is named at once (a 400 listing them) rather than the first one the schema meets.

const Text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Link = Type.Object({ id: Type.String(), title: Type.String(), url: Type.String() });

export const AgendaEntryJson = Type.Object(
  {
    topic: Text(300, "The topic, 1-300 characters."),
    item_id: Type.Optional(Nullable(Text(40, "A published item this topic concerns."))),
    consultation_id: Type.Optional(Nullable(Text(40, "A published consultation this topic concerns."))),
  },
  { additionalProperties: false },
);

const meetingFields = {
  title: Text(200, "Title of the meeting, 1-200 characters."),
  kind: Text(20, "executive (政府常务会议) topical (专题会议) hearing (听证会) forum (座谈会) other"),
  org: Type.Optional(Text(50, "Organising organisation code (default: the user's).")),
  starts_at: Text(16, "Date and time in Asia/Shanghai, YYYY-MM-DDTHH:MM, not before today."),
  place: Text(200, "Where it is held."),
  agenda: Type.Array(AgendaEntryJson, { maxItems: 30, description: "1-30 topics." }),
  apply_opens_on: Text(10, "First day applications to attend are taken, YYYY-MM-DD."),
  apply_closes_on: Text(10, "Last day applications are taken, YYYY-MM-DD, before the meeting's date."),
  seats: Type.Integer({ description: "Seats for members of the public, 1-500." }),
  stream_url: Type.Optional(Nullable(Text(500, "The live stream's https address, if any."))),
};

const EXAMPLE = {
  title: "固阳县人民政府第12次常务会议",
  kind: "executive",
  starts_at: "2026-12-28T09:00",
  place: "县政府三楼第一会议室",
  agenda: [{ topic: "研究《固阳县城乡生活垃圾分类管理办法》" }, { topic: "听取2026年民生实事完成情况汇报" }],
  apply_opens_on: "2026-12-07",
  apply_closes_on: "2026-12-21",
  seats: 6,
  stream_url: "https://live.example.gov.cn/gyx/12",
};

export const CreateMeetingBody = Type.Object(meetingFields, {
  additionalProperties: false,
  examples: [EXAMPLE],
});
export type CreateMeetingInput = Static<typeof CreateMeetingBody>;

export const UpdateMeetingBody = Type.Partial(Type.Object(meetingFields), {
  additionalProperties: false,
  examples: [{ place: "县政府五楼大会议室", seats: 8 }],
});
export type UpdateMeetingInput = Static<typeof UpdateMeetingBody>;

export const MeetingActionBody = Type.Object(
  {
    action: Type.String({ enum: STEP_ACTIONS, description: STEP_ACTIONS.join(" ") }),
    reason: Type.Optional(Text(1000, "cancel: why (shown publicly).")),
    minutes: Type.Optional(
      Text(50_000, "publish_minutes: the minutes or decisions (纪要/决定), plain text."),
    ),
    decision_item_id: Type.Optional(Text(40, "publish_minutes: the published decision item, if any.")),
  },
  { additionalProperties: false, examples: [{ action: "announce" }] },
);
export type MeetingActionInput = Static<typeof MeetingActionBody>;

export const AttendanceBody = Type.Object(
  {
    name: Text(50, "The applicant's name (encrypted, never shown publicly)."),
    phone: Text(30, "A mobile or fixed-line number (encrypted, never shown publicly)."),
    identity: Text(20, "citizen business stakeholder deputy expert media"),
    reason: Text(2000, "Why they wish to attend, 5-2000 characters."),
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: "王小明",
        phone: "13812345678",
        identity: "stakeholder",
        reason: "我是阳光小区居民，关心垃圾分类投放点设置，希望列席会议。",
      },
    ],
  },
);
export type AttendanceInput = Static<typeof AttendanceBody>;

export const DecisionBody = Type.Object(
  {
    decision: Text(10, "approve or decline"),
    reason: Type.Optional(Text(1000, "Required to decline; told to the applicant.")),
  },
  { additionalProperties: false, examples: [{ decision: "approve" }] },
);
export type DecisionInput = Static<typeof DecisionBody>;

export const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
export const AttendanceParams = Type.Object({
  id: Type.String({ maxLength: 40 }),
  aid: Type.String({ maxLength: 40 }),
});
export const ListQuerystring = Type.Object({ page: Type.Optional(Text(6, "Page number from 1.")) });
export const TrackQuery = Type.Object({ code: Text(40), secret: Text(40) });

const Counts = Type.Object({
  seats: Type.Integer(),
  applications: Type.Integer({ description: "Applications to attend received." }),
  approved: Type.Integer({ description: "Applications approved." }),
});

const Org = Type.Object({ code: Type.String(), name: Type.String() });

export const MeetingListJson = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      kind: Type.String(),
      status: Type.String(),
      org: Org,
      starts_at: Type.String(),
      place: Type.String(),
      accepting_applications: Type.Boolean(),
      counts: Counts,
      url: Type.String(),
    }),
  ),
});

export const MeetingJson = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: Type.String(),
  status: Type.String({
    description:
      "announced applications_closed held minutes_published cancelled; draft only for staff who may see it",
  }),
  org: Org,
  starts_at: Type.String(),
  place: Type.String(),
  agenda: Type.Array(
    Type.Object({
      topic: Type.String(),
      item: Nullable(Link),
      consultation: Nullable(Link),
    }),
  ),
  apply_opens_on: Type.String(),
  apply_closes_on: Type.String(),
  accepting_applications: Type.Boolean(),
  counts: Counts,
  stream_url: Nullable(Type.String({ description: "Shown from the meeting's day on." })),
  cancel_reason: Nullable(Type.String()),
  minutes: Nullable(Type.String()),
  minutes_published_at: Nullable(Type.String()),
  decision: Nullable(Link),
  url: Type.String(),
  staff: Type.Optional(
    Type.Object(
      {
        admin_url: Type.String({ description: "The back-office page." }),
        actions: Type.Array(Type.String(), { description: "The workflow steps this user may take now." }),
        editable: Type.Boolean({ description: "A draft this user may change (PATCH)." }),
        pending_applications: Type.Integer({ description: "Applications to attend awaiting a decision." }),
        stream_url: Nullable(
          Type.String({
            description: "The stream address as saved (the public sees it from the meeting's day).",
          }),
        ),
      },
      {
        description:
          "Only for a signed-in user or token who may see the meeting (drafts included); absent for the public.",
      },
    ),
  ),
});

export const StaffMeetingJson = Type.Object({
  id: Type.String(),
  status: Type.String(),
  title: Type.String(),
  kind: Type.String(),
  org_id: Type.String(),
  starts_at: Type.String(),
  place: Type.String(),
  agenda: Type.Array(AgendaEntryJson),
  apply_opens_on: Type.String(),
  apply_closes_on: Type.String(),
  seats: Type.Integer(),
  stream_url: Nullable(Type.String()),
  cancel_reason: Nullable(Type.String()),
  minutes: Nullable(Type.String()),
  decision_item_id: Nullable(Type.String()),
  counts: Counts,
  url: Type.String({ description: "The back-office page." }),
});

export const AttendanceCreatedJson = Type.Object({
  tracking_code: Type.String(),
  secret: Type.String({ description: "Shown once; with the code it opens the application's status." }),
});

export const AttendanceTrackJson = Type.Object({
  tracking_code: Type.String(),
  identity: Type.String(),
  status: Type.String({ description: "pending approved declined" }),
  status_label: Type.String(),
  decision_reason: Nullable(Type.String()),
  decided_at: Nullable(Type.String()),
  meeting: Type.Object({
    id: Type.String(),
    title: Type.String(),
    starts_at: Type.String(),
    place: Type.String(),
    status: Type.String(),
    url: Type.String(),
  }),
});

export const StaffAttendanceJson = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      tracking_code: Type.String(),
      /** Null for staff who do not decide on applications (only the office sees applicants' contacts). */
      name: Nullable(Type.String()),
      phone: Nullable(Type.String()),
      identity: Type.String(),
      reason: Type.String(),
      status: Type.String(),
      decision_reason: Nullable(Type.String()),
      decided_at: Nullable(Type.String()),
      created_at: Type.String(),
    }),
  ),
  counts: Counts,
});

export const DecisionJson = Type.Object({
  id: Type.String(),
  tracking_code: Type.String(),
  status: Type.String({ description: "approved or declined" }),
  decision_reason: Nullable(Type.String()),
});
