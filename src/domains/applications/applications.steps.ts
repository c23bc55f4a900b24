import { defineMachine, type Guard } from "../../platform/workflow/state-machine";
import type { ApplicationAction } from "./applications.policy";
import type { ApplicationActionInput } from "./applications.schemas";
import { FREE_APPLICATIONS_PER_MONTH, FREE_PAGES } from "./fees";

// The handling workflow of an application (依申请公开) as data: which states each step leaves, who may take
// it, the guards it must pass and the statutory limits they use, written once (ARCHITECTURE.md rule 16).
// applications.workflow.ts enforces the table on the locked row; the detail page reads it to offer actions
// and renders each step's form from APPLICATION_STEP_FORMS below (applications.admin-actions.tsx), with the
// statutory limits from here and the input lengths from the API schema.

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

/** The named lists a step form's select takes its choices from (the detail page supplies them). */
export type StepChoices = "outcomes" | "withhold_grounds" | "deliveries" | "orgs" | "handlers";

/** A field of a step's form, rendered with the shared Field; its id is `<action>-<name>`. */
export interface StepField {
  /** The field of the step's input (ApplicationActionBody). */
  name: Exclude<keyof ApplicationActionInput, "action" | "on">;
  label: string;
  kind?: "text" | "date" | "number" | "textarea" | "select";
  hint?: string | ((c: ApplicationStepContext) => string);
  rows?: number;
  /** A number's upper bound as the application stands (the schema's otherwise). */
  max?: (c: ApplicationStepContext) => number;
  /** A select's choices: fixed pairs, or a list the page supplies. */
  choices?: ReadonlyArray<readonly [value: string, label: string]> | StepChoices;
  /** A select's first, empty choice. */
  blank?: string;
  autocomplete?: string;
}

/** How the detail page offers a step: its heading and button, the date it was taken, a note, its fields. */
export interface StepForm {
  title: string;
  /** The label of the date the step was taken (`on`); absent when the step has none. */
  on?: string;
  /** What the law says about the step, above its fields. */
  intro?: string;
  fields: readonly StepField[];
}

const DONE_ON = "办理日期";
const note = (label = "内部备注（可选）", rows = 2): StepField => ({
  name: "note",
  label,
  kind: "textarea",
  rows,
});

/** Every step's form, in the order of APPLICATION_STEPS; the page shows those the table offers. */
export const APPLICATION_STEP_FORMS: { readonly [A in ApplicationStepAction]: StepForm } = {
  register: {
    title: "登记受理",
    on: "收到申请日期（《条例》第三十一条）",
    intro:
      "当面提交以提交之日、挂号信以签收之日、平信以与申请人确认之日、网上申请和传真以双方确认之日为收到申请之日。",
    fields: [],
  },
  request_correction: {
    title: "告知补正",
    on: DONE_ON,
    fields: [
      {
        name: "items",
        label: "需要补正的事项（必填）",
        kind: "textarea",
        rows: 3,
        hint: `《条例》第三十条：自收到申请之日起${CORRECTION_WINDOW}个工作日内一次性告知，说明需要补正的事项和合理的补正期限。`,
      },
      {
        name: "deadline",
        label: `补正期限（可选，默认告知之日起${DEFAULT_CORRECTION_DAYS}个工作日）`,
        kind: "date",
      },
      note(),
    ],
  },
  receive_correction: {
    title: "收到补正",
    on: "收到补正申请的日期",
    intro: `收到补正后的申请，答复期限自该日起重新计算${REPLY_LIMIT}个工作日。`,
    fields: [],
  },
  start_consultation: {
    title: "征求第三方意见",
    on: DONE_ON,
    fields: [
      {
        name: "third_party",
        label: "征求意见的第三方或其他机关（必填）",
        hint: `第三方应在${CONSULTATION_DAYS}个工作日内提出意见；征求意见的时间不计入答复期限。`,
      },
      note(),
    ],
  },
  end_consultation: { title: "结束征求意见", on: DONE_ON, fields: [note("第三方意见摘要（可选，内部）")] },
  extend: {
    title: "延期答复",
    on: DONE_ON,
    fields: [
      {
        name: "days",
        label: "延长的工作日数（必填）",
        kind: "number",
        max: (c) => Math.max(1, MAX_EXTENSION - c.extendedDays),
        hint: (c) =>
          `延长期限最长不超过${MAX_EXTENSION}个工作日${c.extendedDays ? `（已延长 ${c.extendedDays} 个）` : ""}。`,
      },
      { name: "approved_by", label: "批准人（政府信息公开工作机构负责人，必填）" },
      note("延期理由（写入延期告知书）"),
    ],
  },
  fee_notice: {
    title: "发出收费通知",
    on: DONE_ON,
    fields: [
      {
        name: "method",
        label: "收费方式",
        kind: "select",
        blank: "请选择",
        choices: [
          ["pages", "按量收费（按页数）"],
          ["count", "按件收费（按申请人当月申请件数）"],
        ],
        hint: `国办函〔2020〕109号：按件，每月${FREE_APPLICATIONS_PER_MONTH}件以内免费；按量，${FREE_PAGES}页以内免费。一件申请只能选一种方式。`,
      },
      { name: "pages", label: "页数（按量收费时必填）", kind: "number" },
      note(),
    ],
  },
  fee_paid: { title: "确认已缴费", on: DONE_ON, fields: [] },
  request_reasons: {
    title: "要求说明理由",
    on: DONE_ON,
    intro:
      "《条例》第三十五条：申请的数量、频次明显超过合理范围的，可以要求申请人说明理由；理由不合理的不予处理，理由合理但无法按期答复的，可以确定延迟答复的合理期限。",
    fields: [
      {
        name: "deadline",
        label: `说明理由的期限（可选，默认告知之日起${DEFAULT_REASONS_DAYS}个工作日）`,
        kind: "date",
      },
      note(),
    ],
  },
  set_period: {
    title: "确定延迟答复期限",
    on: DONE_ON,
    fields: [
      {
        name: "deadline",
        label: "延迟答复的期限（新的答复日期，必填）",
        kind: "date",
        hint: `须晚于现行答复期限，且为工作日；不占用第三十三条的${MAX_EXTENSION}个工作日延期额度。`,
      },
      note("理由（写入延迟答复告知书）"),
    ],
  },
  reply: {
    title: "答复",
    on: DONE_ON,
    fields: [
      {
        name: "outcome",
        label: "答复结果（年度报告表三）",
        kind: "select",
        blank: "请选择",
        choices: "outcomes",
      },
      {
        name: "withheld_ground",
        label: "部分公开：不予公开部分的依据",
        kind: "select",
        blank: "（不是部分公开）",
        choices: "withhold_grounds",
        hint: "答复书据此引用《条例》第三十七条及相应条款；其他答复结果不填。",
      },
      note("答复说明（写入答复书：不予公开、部分公开、不予处理的理由，或其他说明）", 4),
    ],
  },
  record_delivery: {
    title: "登记送达",
    on: DONE_ON,
    fields: [
      { name: "delivered_by", label: "送达方式", kind: "select", blank: "请选择", choices: "deliveries" },
      {
        name: "reference",
        label: "挂号信或快递单号（邮寄必填）、领取人等送达记录",
        autocomplete: "off",
      },
    ],
  },
  assign: {
    title: "分办",
    fields: [
      { name: "org", label: "承办单位", kind: "select", blank: "不变", choices: "orgs" },
      {
        name: "handler",
        label: "承办人",
        kind: "select",
        blank: "不变",
        choices: "handlers",
        hint: "可选。只列出能办理依申请公开的本站点工作人员；所选人员须能办理所选承办单位的申请。",
      },
    ],
  },
  merge: {
    title: "合并办理",
    fields: [
      {
        name: "into",
        label: "合并到的申请查询码（必填）",
        hint: "同一申请人就相同内容提出的多件申请可合并办理，以被合并到的申请的答复为准。",
      },
      note(),
    ],
  },
};
