// The gazette issue's workflow as data (platform/workflow/state-machine.ts): the service enforces this table on
// the locked row and the back office reads it to offer actions.
//   draft (the office compiles: documents, order, categories) → submitted → reviewed (a second person, four
//   eyes) → released (numbered 年第N期/总第M期, the PDF generated and stored, indexed in search); a submitted or
//   reviewed issue may be returned to draft.
import { defineMachine, type Guard } from "../../platform/workflow/state-machine";
import type { GazetteAction } from "./gazette.policy";
import type { EntryCategory, GazetteIssueTable, IssueStatus } from "./gazette.tables";

export const STATUS_LABELS: Record<IssueStatus, string> = {
  draft: "编辑中",
  submitted: "待审核",
  reviewed: "已审核待发布",
  released: "已发布",
};

export const CATEGORIES: readonly EntryCategory[] = [
  "regulation",
  "government_normative",
  "office_normative",
  "department_normative",
  "other",
];
export const CATEGORY_LABELS: Record<EntryCategory, string> = {
  regulation: "政府规章",
  government_normative: "县政府规范性文件",
  office_normative: "县政府办公室规范性文件",
  department_normative: "部门规范性文件",
  other: "其他文件",
};

/** What the guards look at: the locked issue, its number of documents, who acts. */
export interface StepContext {
  row: Pick<GazetteIssueTable, "status" | "submitted_by" | "created_by">;
  entries: number;
  userId: string;
}

const hasDocuments: Guard<StepContext> = {
  code: "issue_empty",
  holds: (c) => c.entries > 0,
  message: () => "本期公报还没有收录文件，请先选择要刊登的文件。",
};

const notOwnSubmission: Guard<StepContext> = {
  code: "four_eyes",
  holds: (c) => c.row.submitted_by !== c.userId,
  message: () => "审核须由提交人以外的人员办理（双人审核）。",
};

export type StepAction = "submit" | "return" | "review" | "release";

export const STEPS = defineMachine<StepAction, IssueStatus, GazetteAction, StepContext>({
  submit: {
    from: ["draft"],
    to: "submitted",
    label: "提交审核",
    who: "gazette.compile",
    guards: [hasDocuments],
  },
  return: { from: ["submitted", "reviewed"], to: "draft", label: "退回修改", who: "gazette.review" },
  review: {
    from: ["submitted"],
    to: "reviewed",
    label: "审核通过",
    who: "gazette.review",
    guards: [hasDocuments, notOwnSubmission],
  },
  release: {
    from: ["reviewed"],
    to: "released",
    label: "发布",
    who: "gazette.compile",
    guards: [hasDocuments],
  },
});

export const STEP_ACTIONS = Object.keys(STEPS) as StepAction[];

/** Audit action codes, one per step (labels in audit.labels.ts). */
export const STEP_AUDIT: Record<StepAction, string> = {
  submit: "gazette.submit",
  return: "gazette.return",
  review: "gazette.review",
  release: "gazette.release",
};
