// The review of a list's version as data (platform/workflow/state-machine.ts): a draft is edited, submitted
// with its recorded decision and at least one entry, and published by a reviewer other than the submitter (it
// then never changes and becomes the list in force) or sent back for editing with a note.
import { defineMachine, type Guard } from "../../platform/workflow/state-machine";
import type { ListRow, ListVersionRow } from "./services.lists.repo";
import type { ListVersionStatus } from "./services.lists.tables";
import type { ServiceAction } from "./services.policy";

export const LIST_VERSION_STATUS_LABELS: Record<ListVersionStatus, string> = {
  editing: "编辑中",
  submitted: "待审核",
  published: "已发布",
};

export interface ListStepContext {
  list: ListRow;
  version: ListVersionRow;
  entries: number;
  userId: string;
}

const decisionRecorded: Guard<ListStepContext> = {
  code: "decision_required",
  field: "decision",
  holds: (c) => c.version.decision.trim().length > 0,
  message: () => "请先填写公布清单的决定（文号和名称），再提交审核。",
};

const hasEntries: Guard<ListStepContext> = {
  code: "entries_required",
  field: "entries",
  holds: (c) => c.entries > 0,
  message: () => "清单中还没有事项，请至少添加一项再提交审核。",
};

const someoneElse: Guard<ListStepContext> = {
  code: "four_eyes",
  holds: (c) => c.version.submitted_by !== c.userId,
  message: () => "提交审核的人不能审核自己提交的清单，请由另一位审核人办理。",
};

export type ListStepAction = "submit" | "approve" | "reject";

export const LIST_STEPS = defineMachine<ListStepAction, ListVersionStatus, ServiceAction, ListStepContext>({
  submit: {
    from: ["editing"],
    to: "submitted",
    label: "提交审核",
    who: "service.manage",
    guards: [decisionRecorded, hasEntries],
  },
  approve: {
    from: ["submitted"],
    to: "published",
    label: "审核通过并发布",
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

export const LIST_STEP_AUDIT: Record<ListStepAction, string> = {
  submit: "service.list_submit",
  approve: "service.list_publish",
  reject: "service.list_reject",
};
