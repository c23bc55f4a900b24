import { defineMachine, type Guard } from "../../platform/workflow/state-machine";
import type { ApplicationAction } from "./applications.policy";
import type { ApplicationActionInput } from "./applications.schemas";

// The handling workflow of an application (依申请公开) as data: which states each step leaves, who may take
// it, the guards it must pass and the statutory limits they use, written once (ARCHITECTURE.md rule 16).
// applications.workflow.ts enforces the table on the locked row; the detail page reads it to offer actions
// and to set its inputs' limits (applications.admin-actions.tsx).

export type ApplicationStepAction = ApplicationActionInput["action"];

/** States in which the application is being handled and the reply is still due. */
export const ACTIVE: readonly string[] = ["handling", "correction", "consulting", "fee_pending"];

/** Art. 33: reply within 20 working days of receipt. */
export const REPLY_LIMIT = 20;
/** Art. 30: a correction is asked for within 7 working days of receipt, once. */
export const CORRECTION_WINDOW = 7;
/** The period given to correct (the law says "reasonable"); configurable per call. */
export const DEFAULT_CORRECTION_DAYS = 15;
/** Art. 32/34: a third party has 15 working days to answer. */
export const CONSULTATION_DAYS = 15;
/** 国办函〔2020〕109号: the period to pay, not counted toward the reply limit. */
export const FEE_PAYMENT_DAYS = 20;
/** Art. 33: extension of at most 20 working days, in total. */
export const MAX_EXTENSION = 20;
/** Art. 35: the period given to state the reasons for an excessive application (the law says none). */
export const DEFAULT_REASONS_DAYS = 10;

/** What the guards read: the application as it stands (never the step's input). */
export interface ApplicationStepContext {
  status: string;
  /** Art. 30: the one correction was already asked for. */
  correctionUsed: boolean;
  /** Working days of Art. 33 extension already granted. */
  extendedDays: number;
  /** Art. 35: the applicant was asked to state reasons (a longer period may then be set). */
  reasonsRequested: boolean;
  /** The reply's delivery was recorded. */
  delivered: boolean;
}

type StepGuard = Guard<ApplicationStepContext>;

const correctionOnce: StepGuard = {
  code: "correction_used",
  holds: (c) => !c.correctionUsed,
  message: () => "补正只能要求一次（《条例》第三十条）。",
};
const extensionLeft: StepGuard = {
  code: "extension_too_long",
  field: "days",
  holds: (c) => c.extendedDays < MAX_EXTENSION,
  message: (c) => `延长期限最长不得超过${MAX_EXTENSION}个工作日（已延长 ${c.extendedDays} 个）。`,
};
const reasonsRequested: StepGuard = {
  code: "reasons_not_requested",
  holds: (c) => c.reasonsRequested,
  message: () => "须先依《条例》第三十五条要求申请人说明理由，才能确定延迟答复的期限。",
};
const consultationClosed: StepGuard = {
  code: "consultation_open",
  holds: (c) => c.status !== "consulting",
  message: () => "征求意见尚未结束，请先结束征求意见。",
};
const notDelivered: StepGuard = {
  code: "already_delivered",
  holds: (c) => !c.delivered,
  message: () => "该申请的答复已登记送达。",
};

const handle: ApplicationAction = "handle";

/** The steps, in the order the detail page offers them. */
export const APPLICATION_STEPS = defineMachine<
  ApplicationStepAction,
  string,
  ApplicationAction,
  ApplicationStepContext
>({
  register: { from: ["submitted"], to: "handling", label: "登记", who: handle },
  request_correction: {
    from: ["handling"],
    to: "correction",
    label: "告知补正",
    who: handle,
    guards: [correctionOnce],
  },
  receive_correction: { from: ["correction"], to: "handling", label: "收到补正", who: handle },
  start_consultation: { from: ["handling"], to: "consulting", label: "征求第三方意见", who: handle },
  end_consultation: { from: ["consulting"], to: "handling", label: "结束征求意见", who: handle },
  extend: { from: ["handling", "consulting"], label: "延期答复", who: handle, guards: [extensionLeft] },
  fee_notice: { from: ["handling"], to: "fee_pending", label: "收费通知", who: handle },
  fee_paid: { from: ["fee_pending"], to: "handling", label: "确认缴费", who: handle },
  request_reasons: { from: ["handling"], label: "要求说明理由", who: handle },
  set_period: { from: ["handling"], label: "确定延迟答复期限", who: handle, guards: [reasonsRequested] },
  reply: { from: ACTIVE, to: "replied", label: "答复", who: handle, guards: [consultationClosed] },
  record_delivery: { from: ["replied"], label: "登记送达", who: handle, guards: [notDelivered] },
  assign: { from: ["submitted", ...ACTIVE], label: "分办", who: handle },
  merge: { from: ["submitted", ...ACTIVE], to: "merged", label: "合并", who: handle },
});

/** What a correction asks for when the office does not say (the usual reason: the request is unclear). */
export const DEFAULT_CORRECTION_ITEMS =
  "请按照《条例》第二十九条的规定，写明所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述";
/** The clock event reason of an Art. 33 extension (the letter finds its event by it). */
export const EXTENSION_REASON = "经批准延期答复";
