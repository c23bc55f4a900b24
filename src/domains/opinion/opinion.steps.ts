// The opinion case's workflow as data (platform/workflow/state-machine.ts), enforced on the locked row and
// read by the back office to offer actions (收集、会商、研判、回应、评估, 国办发〔2016〕80号):
//   draft (opened from a warning, not yet judged) → open (judged: level, category, first responsible unit;
//   the clocks run from when it surfaced) → responded (the response published in 回应关切) → evaluated (the
//   effect judged) → closed; a draft judged not to be 政务舆情 is dismissed with a reason.
import { defineMachine, type Guard } from "../../platform/workflow/state-machine";
import type { OpinionAction } from "./opinion.policy";
import type { CaseRow } from "./opinion.repo";
import type { CaseStatus, OpinionCategory, OpinionLevel } from "./opinion.tables";

export const STATUS_LABELS: Record<CaseStatus, string> = {
  draft: "待研判",
  open: "处置中",
  responded: "已回应",
  evaluated: "已评估",
  closed: "已办结",
  dismissed: "不予立案",
};

export const LEVELS: readonly OpinionLevel[] = ["especially_major", "major", "general"];
export const LEVEL_LABELS: Record<OpinionLevel, string> = {
  especially_major: "特别重大",
  major: "重大",
  general: "一般",
};

/** The categories that must be answered (RULES.md §8). */
export const CATEGORIES: readonly OpinionCategory[] = [
  "policy_misreading",
  "public_interest",
  "livelihood_morality",
  "emergency",
  "hotspot",
  "higher_request",
];
export const CATEGORY_LABELS: Record<OpinionCategory, string> = {
  policy_misreading: "对重大政策的误解误读",
  public_interest: "涉及群众切身利益且影响面广",
  livelihood_morality: "冲击道德底线的民生事件",
  emergency: "突发事件和灾害",
  hotspot: "社会热点问题",
  higher_request: "上级政府要求回应的事项",
};

export const PARTIES = ["propaganda", "cyberspace", "police"] as const;
export type Party = (typeof PARTIES)[number];
export const PARTY_LABELS: Record<Party, string> = {
  propaganda: "宣传部门",
  cyberspace: "网信部门",
  police: "公安机关",
};

export const EFFECTS = ["good", "fair", "poor"] as const;
export type Effect = (typeof EFFECTS)[number];
export const EFFECT_LABELS: Record<Effect, string> = { good: "效果良好", fair: "效果一般", poor: "效果不佳" };

export interface StepContext {
  row: CaseRow;
  /** The response item's status now (read in the step's transaction), or null without one. */
  responseStatus: string | null;
}

const responsePublished: Guard<StepContext> = {
  code: "response_not_published",
  holds: (c) => c.responseStatus === "published",
  message: (c) =>
    c.row.response_item_id
      ? "回应稿尚未发布。请先在“信息发布”中完成审查、审签和发布，再登记已回应。"
      : "尚未起草回应稿。请先起草回应稿并发布到“回应关切”栏目。",
};

export type StepAction = "confirm" | "dismiss" | "record_response" | "evaluate" | "close";

export const STEPS = defineMachine<StepAction, CaseStatus, OpinionAction, StepContext>({
  confirm: { from: ["draft"], to: "open", label: "研判立案", who: "opinion.manage" },
  dismiss: { from: ["draft"], to: "dismissed", label: "不予立案", who: "opinion.manage" },
  record_response: {
    from: ["open"],
    to: "responded",
    label: "登记已回应",
    who: "opinion.handle",
    guards: [responsePublished],
  },
  evaluate: { from: ["responded"], to: "evaluated", label: "评估回应效果", who: "opinion.manage" },
  close: { from: ["evaluated"], to: "closed", label: "办结", who: "opinion.manage" },
});

export const STEP_ACTIONS = Object.keys(STEPS) as StepAction[];

/** Audit codes, one per step (labels in audit.labels.ts). */
export const STEP_AUDIT: Record<StepAction, string> = {
  confirm: "opinion.case_confirm",
  dismiss: "opinion.case_dismiss",
  record_response: "opinion.case_respond",
  evaluate: "opinion.case_evaluate",
  close: "opinion.case_close",
};

/** States in which coordination, follow-ups, the response draft and the release facts are still recorded. */
export const WORKING_STATUSES: readonly CaseStatus[] = ["draft", "open", "responded"];
/** States in which an accountability record may be made (the case was judged to be one). */
export const ACCOUNTABLE_STATUSES: readonly CaseStatus[] = ["open", "responded", "evaluated", "closed"];
