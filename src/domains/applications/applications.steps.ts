import type { ApplicationActionInput } from "./applications.schemas";

// The handling workflow of an application (依申请公开) as data: which states each step leaves, and the
// statutory limits its guards use, written once (ARCHITECTURE.md rule 16). applications.workflow.ts enforces
// it on the locked row; views may read it to offer actions.

export type ApplicationStepAction = ApplicationActionInput["action"];

/** States in which the application is being handled and the reply is still due. */
export const ACTIVE: readonly string[] = ["handling", "correction", "consulting", "fee_pending"];

export interface ApplicationStep {
  /** The states the step may be taken from. */
  from: readonly string[];
  /** The state it leaves the application in; absent: unchanged. */
  to?: string;
  label: string;
}

export const APPLICATION_STEPS: Record<ApplicationStepAction, ApplicationStep> = {
  register: { from: ["submitted"], to: "handling", label: "登记" },
  assign: { from: ["submitted", ...ACTIVE], label: "分办" },
  request_correction: { from: ["handling"], to: "correction", label: "告知补正" },
  receive_correction: { from: ["correction"], to: "handling", label: "收到补正" },
  start_consultation: { from: ["handling"], to: "consulting", label: "征求第三方意见" },
  end_consultation: { from: ["consulting"], to: "handling", label: "结束征求意见" },
  extend: { from: ["handling", "consulting"], label: "延期答复" },
  fee_notice: { from: ["handling"], to: "fee_pending", label: "收费通知" },
  fee_paid: { from: ["fee_pending"], to: "handling", label: "确认缴费" },
  reply: { from: ACTIVE, to: "replied", label: "答复" },
  request_reasons: { from: ["handling"], label: "要求说明理由" },
  set_period: { from: ["handling"], label: "确定延迟答复期限" },
  record_delivery: { from: ["replied"], label: "登记送达" },
  merge: { from: ["submitted", ...ACTIVE], to: "merged", label: "合并" },
};

/** What a correction asks for when the office does not say (the usual reason: the request is unclear). */
export const DEFAULT_CORRECTION_ITEMS =
  "请按照《条例》第二十九条的规定，写明所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述";
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
/** The clock event reason of an Art. 33 extension (the letter finds its event by it). */
export const EXTENSION_REASON = "经批准延期答复";
/** Art. 35: the period given to state the reasons for an excessive application (the law says none). */
export const DEFAULT_REASONS_DAYS = 10;
