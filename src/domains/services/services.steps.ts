// The review of a service item's version as data (platform/workflow/state-machine.ts): a version proposing
// to add, change or cancel an item is edited, submitted with its recorded decision, and approved by someone
// other than the submitter (then applied to the item) or sent back for editing with a note.
import { defineMachine, type Guard } from "../../platform/workflow/state-machine";
import type { ServiceAction } from "./services.policy";
import type { ItemRow, VersionRow } from "./services.repo";
import type { ChangeKind, ServiceItemStatus, VersionStatus } from "./services.tables";

export const ITEM_STATUS_LABELS: Record<ServiceItemStatus, string> = {
  draft: "未发布",
  published: "在用",
  cancelled: "已取消",
};
export const VERSION_STATUS_LABELS: Record<VersionStatus, string> = {
  editing: "编辑中",
  submitted: "待审核",
  approved: "已批准",
};
export const CHANGE_LABELS: Record<ChangeKind, string> = { add: "新增", change: "变更", cancel: "取消" };

export interface StepContext {
  item: ItemRow;
  version: VersionRow;
  userId: string;
}

const decisionRecorded: Guard<StepContext> = {
  code: "decision_required",
  field: "decision",
  holds: (c) => c.version.decision.trim().length > 0,
  message: () => "请先填写新增、变更或取消事项的决定（文号和名称），再提交审核。",
};

const someoneElse: Guard<StepContext> = {
  code: "four_eyes",
  holds: (c) => c.version.submitted_by !== c.userId,
  message: () => "提交审核的人不能审核自己提交的事项，请由另一位审核人办理。",
};

export type StepAction = "submit" | "approve" | "reject";

export const STEPS = defineMachine<StepAction, VersionStatus, ServiceAction, StepContext>({
  submit: {
    from: ["editing"],
    to: "submitted",
    label: "提交审核",
    who: "service.manage",
    guards: [decisionRecorded],
  },
  approve: {
    from: ["submitted"],
    to: "approved",
    label: "审核通过",
    who: "service.review",
    guards: [someoneElse],
  },
  reject: {
    from: ["submitted"],
    to: "editing",
    label: "退回修改",
    who: "service.review",
    guards: [someoneElse],
  },
});

export const STEP_AUDIT: Record<StepAction, string> = {
  submit: "service.submit",
  approve: "service.approve",
  reject: "service.reject",
};
