import { AppError } from "../../platform/errors";
import { isRealDate } from "../../platform/time";
import {
  availableActions,
  defineMachine,
  type Guard as MachineGuard,
} from "../../platform/workflow/state-machine";
import { type CurrentUser, can, type Action as PolicyAction } from "../accounts";
import type { OrgTree } from "../orgs";
import { mayViewItem } from "./publishing.policy";
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
  /** How the item page offers it: an optional note, a publication time, a warning colour. */
  form?: StepForm;
}

export interface StepForm {
  note?: "optional";
  schedule?: boolean;
  danger?: boolean;
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
    form: { note: "optional" },
  },
  reject: {
    from: ["submitted", "reviewed", "signed", "scheduled"],
    to: "draft",
    policy: { submitted: "item.review", reviewed: "item.sign", signed: "item.sign", scheduled: "item.sign" },
    label: "退回修改",
    needsNote: "退回时请写明原因。",
    form: { danger: true },
  },
  sign: {
    from: ["reviewed"],
    to: "signed",
    policy: "item.sign",
    label: "审签",
    guards: ["four_eyes", "review_clear", "real_dates"],
    records: "signed_by",
    form: { note: "optional" },
  },
  publish: {
    from: ["signed"],
    to: "published",
    policy: "item.sign",
    label: "发布",
    guards: ["review_clear", "real_dates"],
    records: "published_by",
    form: { schedule: true },
  },
  withdraw: {
    from: ["published"],
    to: "withdrawn",
    policy: "item.sign",
    label: "撤回",
    needsNote: "撤回须向公众说明理由。",
    form: { danger: true },
  },
};

/**
 * What each entry of an item's history (item_events.action) is called on screen: the steps' own labels,
 * and the entries that are not steps. A scheduled publication is recorded as `publish` to `scheduled`.
 */
export const EVENT_LABELS: Record<string, string> = {
  create: "创建草稿",
  revise: "生成修订草稿",
  ...Object.fromEntries(Object.entries(STEPS).map(([action, step]) => [action, step.label])),
};

export const eventLabel = (action: string, to: string): string =>
  action === "publish" && to === "scheduled" ? "定时发布" : (EVENT_LABELS[action] ?? "其他办理");

const policyFor = (who: Step["policy"], from: string): PolicyAction =>
  typeof who === "string" ? who : (who[from as ItemStatus] ?? (Object.values(who)[0] as PolicyAction));

export const policyOf = (step: Step, from: string): PolicyAction => policyFor(step.policy, from);

/** What the table's own guards read: known without the database once the item and its policy are loaded. */
export interface StepContext {
  /** An interpretation whose policy document is not published moves with it (同步审签、同步发布), never alone. */
  policyPending: boolean;
}

export const stepContextOf = (
  item: Pick<ItemRow, "kind">,
  policy: Pick<ItemRow, "status"> | undefined,
): StepContext => ({
  policyPending: item.kind === "interpretation" && policy !== undefined && policy.status !== "published",
});

const movesWithPolicy: MachineGuard<StepContext> = {
  code: "moves_with_policy",
  holds: (c) => !c.policyPending,
  message: () => "该解读对应的政策文件尚未发布，解读须随政策文件一并提交、审查、审签和发布。",
};

/** Everything an item page may offer: the steps, and revision (a new draft version of a published item). */
export type OfferedAction = StepAction | "revise";

const transition = (a: StepAction) => ({
  from: STEPS[a].from,
  to: STEPS[a].to,
  label: STEPS[a].label,
  who: STEPS[a].policy,
  // Withdrawal takes a policy's published interpretations with it; every other step refuses a lone one.
  guards: a === "withdraw" ? [] : [movesWithPolicy],
});

/**
 * The publishing workflow in the shared state-machine form (src/platform/workflow/state-machine.ts), in the
 * order the item page offers actions. The service checks the same guards (workflow.service.ts, checkStep);
 * the database guards of STEPS (four eyes, review, dates) run there on the locked rows.
 */
export const ITEM_WORKFLOW = defineMachine<OfferedAction, ItemStatus, Step["policy"], StepContext>({
  submit: transition("submit"),
  approve: transition("approve"),
  sign: transition("sign"),
  publish: transition("publish"),
  reject: transition("reject"),
  withdraw: transition("withdraw"),
  revise: { from: ["published"], label: "修订（生成新版本草稿）", who: "item.draft" },
});

/** Whether `user` may take an action by role and organisation: the item policy the service applies, as yes/no. */
export const mayTake = (user: CurrentUser, item: ItemRow, tree: OrgTree, who: Step["policy"]): boolean =>
  mayViewItem(user, item, tree) && can(user, policyFor(who, item.status), item.org_id, tree);

/** The actions the item page offers `user`: allowed from the item's state, for their role, by the guards. */
export const offeredActions = (user: CurrentUser, item: ItemRow, tree: OrgTree, ctx: StepContext) =>
  availableActions(ITEM_WORKFLOW, item.status as ItemStatus, ctx, (who) => mayTake(user, item, tree, who));

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
