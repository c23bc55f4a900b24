import { defineMachine, type Guard } from "../../platform/workflow/state-machine";
import type { MessageStatus, MessageType, StaffAction } from "./interaction.schemas";

// The handling workflow of a message (互动交流) as data (ARCHITECTURE.md rule 16): the office accepts or
// rejects, transfers (转办) to departments or towns, which return (退回) it or transfer it onward and draft the
// reply; the office approves (four eyes) and publishes it as Q&A unless it is private; the asker rates the
// answer and may follow up once. messages.workflow.ts enforces this table on the locked row; the pages read
// it to offer actions (`availableActions` with `mayTakeMessageStep` of interaction.policy.ts).

/** The asker's steps, taken with the tracking code and secret (POST /api/v1/messages/{id}/rating). */
export type AskerAction = "rate" | "follow_up";
export type MessageAction = StaffAction | AskerAction;

/**
 * Who may take a step (interaction.policy.ts decides): `office` the site's 政务公开办 at the root organisation;
 * `route` the office, or a department holding the message (transfer onward); `holder` a department holding
 * it, or the office while no department does; `asker` whoever has the code and secret.
 */
export type MessageWho = "office" | "route" | "holder" | "asker";

/** Default limits in working days, per type (configurable per site: GET/PUT /api/v1/sites/current/message-deadlines). */
export const DEFAULT_DEADLINES: Record<MessageType, number> = {
  consult: 5,
  suggest: 15,
  complain: 15,
  help: 5,
  error_report: 3,
};
/** A warning when this many working days or fewer remain. */
export const WARN_REMAINING_DAYS = 2;
/** RULES.md §5: unanswered for 3 months fails the national inspection; the hard alarm is raised at 2. */
export const ALARM_MONTHS = 2;

/** States in which an answer is still owed (the clock runs). */
export const OPEN_STATUSES: readonly MessageStatus[] = ["received", "accepted", "transferred", "drafted"];

/** What the guards read: the message as it stands (never the step's input). */
export interface MessageStepContext {
  status: MessageStatus;
  type: MessageType;
  /** Departments holding it now. */
  holders: number;
  /** Marked private by the asker or the office: never published. */
  private: boolean;
  published: boolean;
  /** The user taking the step drafted the reply waiting for approval (four eyes). */
  actorIsDrafter: boolean;
  followUpUsed: boolean;
  rated: boolean;
}

type StepGuard = Guard<MessageStepContext>;

const notDrafter: StepGuard = {
  code: "four_eyes_required",
  holds: (c) => !c.actorIsDrafter,
  message: () => "答复须由起草人以外的工作人员审核（四眼原则）。",
};
const held: StepGuard = {
  code: "not_transferred",
  holds: (c) => c.holders > 0,
  message: () => "该留言目前没有转办给任何部门。",
};
const notPrivate: StepGuard = {
  code: "message_private",
  holds: (c) => !c.private,
  message: () => "该留言已设为不公开，不能发布。",
};
const notPublished: StepGuard = {
  code: "already_published",
  holds: (c) => !c.published,
  message: () => "该留言已经公开发布。",
};
const notErrorReport: StepGuard = {
  code: "error_report_not_published",
  holds: (c) => c.type !== "error_report",
  message: () => "网站纠错不作为问答公开。",
};
const alreadyPrivate: StepGuard = {
  code: "already_private",
  holds: (c) => !c.private,
  message: () => "该留言已设为不公开。",
};
const notRated: StepGuard = {
  code: "already_rated",
  holds: (c) => !c.rated,
  message: () => "该答复已经评价过。",
};
const followUpOnce: StepGuard = {
  code: "follow_up_used",
  holds: (c) => !c.followUpUsed,
  message: () => "每条留言只能追问一次。",
};

/** The steps, in the order the detail page offers them. */
export const MESSAGE_STEPS = defineMachine<MessageAction, MessageStatus, MessageWho, MessageStepContext>({
  accept: { from: ["received"], to: "accepted", label: "受理", who: "office" },
  reject: { from: ["received", "accepted"], to: "rejected", label: "不予受理", who: "office" },
  transfer: { from: ["accepted", "transferred"], to: "transferred", label: "转办", who: "route" },
  // Back to the office when the last holding department returns it (the service decides; see workflow).
  return: { from: ["transferred"], label: "退回", who: "holder", guards: [held] },
  draft_reply: {
    from: ["accepted", "transferred", "drafted"],
    to: "drafted",
    label: "起草答复",
    who: "holder",
  },
  approve_reply: {
    from: ["drafted"],
    to: "answered",
    label: "审核并答复",
    who: "office",
    guards: [notDrafter],
  },
  publish: {
    from: ["answered"],
    label: "公开发布",
    who: "office",
    guards: [notErrorReport, notPrivate, notPublished],
  },
  make_private: {
    from: ["received", "accepted", "transferred", "drafted", "answered"],
    label: "设为不公开",
    who: "office",
    guards: [alreadyPrivate],
  },
  rate: { from: ["answered"], label: "评价", who: "asker", guards: [notRated] },
  follow_up: { from: ["answered"], to: "accepted", label: "追问", who: "asker", guards: [followUpOnce] },
});

/** The staff actions, in table order (what the detail page may offer). */
export const STAFF_STEP_ORDER: readonly StaffAction[] = [
  "accept",
  "reject",
  "transfer",
  "return",
  "draft_reply",
  "approve_reply",
  "publish",
  "make_private",
];
