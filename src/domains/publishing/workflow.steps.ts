import { AppError } from "../../platform/errors";
import { isRealDate } from "../../platform/time";
import type { Action as PolicyAction } from "../accounts";
import type { ItemRow } from "./publishing.repo";
import { type ActionInput, type ItemStatus, STATUS_LABELS } from "./publishing.schemas";

export type StepAction = Exclude<ActionInput["action"], "revise">;

/** Checks beyond state and role, run on the locked rows (workflow.service.ts runs them by name). */
export type Guard =
  /** 保密审查: no open secrecy marking or unmasked personal information. */
  | "review_clear"
  /** 四眼原则: not by the drafter or submitter; the signer is not the reviewer (four-eyes.ts). */
  | "four_eyes"
  /** Dates on the item are real calendar dates (an impossible one would fail at publication). */
  | "real_dates";

export interface Step {
  from: readonly ItemStatus[];
  to: ItemStatus;
  /** Who: the policy action, by the state the item leaves (rejecting a reviewed item is the signer's). */
  policy: PolicyAction | Partial<Record<ItemStatus, PolicyAction>>;
  label: string;
  needsNote?: string;
  guards?: readonly Guard[];
  /** The column that records who took the step (four eyes). */
  records?: "submitted_by" | "reviewed_by" | "signed_by" | "published_by";
}

// The workflow: draft → submitted (保密审查) → reviewed (审签) → signed → published, with rejection back to
// draft (also of a signed or scheduled item, so one that cannot be published is never stuck), withdrawal
// of a published item, and revision as a new version (workflow.service.ts).
export const STEPS: Record<StepAction, Step> = {
  submit: {
    from: ["draft"],
    to: "submitted",
    policy: "item.draft",
    label: "提交审查",
    guards: ["real_dates"],
    records: "submitted_by",
  },
  approve: {
    from: ["submitted"],
    to: "reviewed",
    policy: "item.review",
    label: "审查通过",
    guards: ["four_eyes", "review_clear", "real_dates"],
    records: "reviewed_by",
  },
  reject: {
    from: ["submitted", "reviewed", "signed", "scheduled"],
    to: "draft",
    policy: { submitted: "item.review", reviewed: "item.sign", signed: "item.sign", scheduled: "item.sign" },
    label: "退回修改",
    needsNote: "退回时请写明原因。",
  },
  sign: {
    from: ["reviewed"],
    to: "signed",
    policy: "item.sign",
    label: "审签",
    guards: ["four_eyes", "review_clear", "real_dates"],
    records: "signed_by",
  },
  publish: {
    from: ["signed"],
    to: "published",
    policy: "item.sign",
    label: "发布",
    guards: ["review_clear", "real_dates"],
    records: "published_by",
  },
  withdraw: {
    from: ["published"],
    to: "withdrawn",
    policy: "item.sign",
    label: "撤回",
    needsNote: "撤回须向公众说明理由。",
  },
};

export const policyOf = (step: Step, from: string): PolicyAction =>
  typeof step.policy === "string"
    ? step.policy
    : (step.policy[from as ItemStatus] ?? (Object.values(step.policy)[0] as PolicyAction));

export const statusText = (s: string) => STATUS_LABELS[s as ItemStatus] ?? s;

export const invalidTransition = (status: string, label: string) =>
  new AppError("invalid_transition", 409, `信息当前状态为“${statusText(status)}”，不能${label}。`, [
    { field: "action", code: "invalid_transition", message: `${statusText(status)} → ${label}` },
  ]);

/**
 * Refuses a step on items whose dates are not real (a 2026-02-30 saved before dates were checked): the
 * message names the item and field, and says how to get out (reject, correct the draft, submit again).
 */
export function assertRealDates(items: readonly ItemRow[]): void {
  const bad = items.filter((i) => !isRealDate(i.formed_on));
  if (bad.length === 0) return;
  throw new AppError(
    "invalid_date",
    422,
    `成文日期 ${bad.map((i) => i.formed_on).join("、")} 不是真实日期，无法继续办理：请退回草稿，改正成文日期后重新提交。`,
    bad.map((i) => ({
      field: "formed_on",
      code: "invalid_date",
      message: `《${i.title}》的成文日期 ${i.formed_on} 不存在。`,
    })),
  );
}
