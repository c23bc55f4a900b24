// The meeting workflow as data (platform/workflow/state-machine.ts): the service enforces this table on the
// locked row and the back office reads it to offer actions, so each rule is written once.
//   draft (editable) → announced (the notice is public, applications to attend taken in their period) →
//   applications_closed → held → minutes_published; cancelled (with a public reason) from any state before held.
import { defineMachine, type Guard } from "../../platform/workflow/state-machine";
import type { MeetingAction } from "./meetings.policy";
import type { MeetingRow } from "./meetings.repo";
import type { AttendeeIdentity, MeetingKind, MeetingStatus } from "./meetings.tables";

export const STATUS_LABELS: Record<MeetingStatus, string> = {
  draft: "草稿",
  announced: "已发布预告",
  applications_closed: "列席报名已截止",
  held: "已召开",
  minutes_published: "已公开会议纪要",
  cancelled: "已取消",
};

export const KINDS: readonly MeetingKind[] = ["executive", "topical", "hearing", "forum", "other"];
export const KIND_LABELS: Record<MeetingKind, string> = {
  executive: "政府常务会议",
  topical: "专题会议",
  hearing: "听证会",
  forum: "座谈会",
  other: "其他会议",
};

export const IDENTITIES: readonly AttendeeIdentity[] = [
  "citizen",
  "business",
  "stakeholder",
  "deputy",
  "expert",
  "media",
];
export const IDENTITY_LABELS: Record<AttendeeIdentity, string> = {
  citizen: "市民代表",
  business: "企业代表",
  stakeholder: "利益相关方",
  deputy: "人大代表、政协委员",
  expert: "专家学者",
  media: "新闻媒体",
};

/** Statuses the public sees: announced and everything after (a cancelled draft was never public). */
export const PUBLIC_STATUSES: readonly MeetingStatus[] = [
  "announced",
  "applications_closed",
  "held",
  "minutes_published",
  "cancelled",
];

/** Decisions on applications to attend are taken until the meeting is held. */
export const DECISION_STATUSES: readonly MeetingStatus[] = ["announced", "applications_closed"];

/** What the guards look at: the locked row and today (Asia/Shanghai). */
export interface StepContext {
  row: MeetingRow;
  today: string;
}

export const meetingDateOf = (row: Pick<MeetingRow, "starts_at">) => row.starts_at.slice(0, 10);

const applyPeriodNotOver: Guard<StepContext> = {
  code: "apply_period_over",
  holds: (c) => c.row.apply_closes_on >= c.today,
  message: (c) => `列席报名截止日期（${c.row.apply_closes_on}）已过，请先修改会议信息再发布预告。`,
};

const meetingDayReached: Guard<StepContext> = {
  code: "meeting_not_yet",
  holds: (c) => meetingDateOf(c.row) <= c.today,
  message: (c) => `会议定于${meetingDateOf(c.row)}召开，召开当天或之后才能登记为已召开。`,
};

export type StepAction = "announce" | "close_applications" | "mark_held" | "publish_minutes" | "cancel";

export const STEPS = defineMachine<StepAction, MeetingStatus, MeetingAction, StepContext>({
  announce: {
    from: ["draft"],
    to: "announced",
    label: "发布会议预告",
    who: "meeting.manage",
    guards: [applyPeriodNotOver],
  },
  close_applications: {
    from: ["announced"],
    to: "applications_closed",
    label: "截止列席报名",
    who: "meeting.manage",
  },
  mark_held: {
    from: ["announced", "applications_closed"],
    to: "held",
    label: "登记会议已召开",
    who: "meeting.manage",
    guards: [meetingDayReached],
  },
  publish_minutes: {
    from: ["held"],
    to: "minutes_published",
    label: "公开会议纪要",
    who: "meeting.manage",
  },
  cancel: {
    from: ["draft", "announced", "applications_closed"],
    to: "cancelled",
    label: "取消会议",
    who: "meeting.manage",
  },
});

export const STEP_ACTIONS = Object.keys(STEPS) as StepAction[];

/** Audit action codes, one per step (labels in audit.labels.ts). */
export const STEP_AUDIT: Record<StepAction, string> = {
  announce: "meeting.announce",
  close_applications: "meeting.close_applications",
  mark_held: "meeting.mark_held",
  publish_minutes: "meeting.publish_minutes",
  cancel: "meeting.cancel",
};
