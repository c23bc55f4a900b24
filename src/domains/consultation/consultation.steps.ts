// The consultation workflow as data (platform/workflow/state-machine.ts): the service enforces this table on
// the locked row and the back office reads it to offer actions, so each rule is written once.
//   draft → submitted (the department asks the office) → open (the office approves: published, comments
//   accepted from start_on to end_on) → closed → report_submitted (the feedback report, 采纳情况) → reported
//   (the office approves: published). The final policy may be linked once the consultation is closed.
import { defineMachine, type Guard } from "../../platform/workflow/state-machine";
import type { ConsultationAction } from "./consultation.policy";
import type { CommentRow, ConsultationRow } from "./consultation.repo";
import type { ConsultationStatus } from "./consultation.tables";

export const MIN_MAJOR_DAYS = 30;

export const STATUS_LABELS: Record<ConsultationStatus, string> = {
  draft: "草稿",
  submitted: "待审核",
  open: "已发布",
  closed: "已结束",
  report_submitted: "反馈报告待审核",
  reported: "反馈报告已发布",
};

/** What the guards look at: the locked row, today (Asia/Shanghai) and its comments. */
export interface StepContext {
  row: ConsultationRow;
  today: string;
  comments: readonly CommentRow[];
}

const periodNotOver: Guard<StepContext> = {
  code: "period_over",
  holds: (c) => c.row.end_on >= c.today,
  message: (c) => `征求意见期限已于${c.row.end_on}结束，请退回修改期限后再提交。`,
};

const allModerated: Guard<StepContext> = {
  code: "comments_unmoderated",
  holds: (c) => c.comments.every((m) => m.status !== "pending"),
  message: (c) => `还有 ${c.comments.filter((m) => m.status === "pending").length} 条意见未审核。`,
};

const reportComplete: Guard<StepContext> = {
  code: "report_incomplete",
  holds: (c) =>
    Boolean(c.row.report_summary?.trim()) &&
    c.comments.filter((m) => m.status === "approved").every((m) => m.decision && m.decision_reason?.trim()),
  message: () => "请先填写反馈报告：采纳情况说明，以及每条意见的采纳情况和理由。",
};

export const STEPS = defineMachine<StepAction, ConsultationStatus, ConsultationAction, StepContext>({
  submit: {
    from: ["draft"],
    to: "submitted",
    label: "提交审核",
    who: "consultation.draft",
    guards: [periodNotOver],
  },
  approve: {
    from: ["submitted"],
    to: "open",
    label: "审核通过并发布",
    who: "consultation.approve",
    guards: [periodNotOver],
  },
  reject: { from: ["submitted"], to: "draft", label: "退回修改", who: "consultation.approve" },
  close: { from: ["open"], to: "closed", label: "结束征求意见", who: "consultation.draft" },
  submit_report: {
    from: ["closed"],
    to: "report_submitted",
    label: "提交反馈报告",
    who: "consultation.draft",
    guards: [allModerated, reportComplete],
  },
  approve_report: {
    from: ["report_submitted"],
    to: "reported",
    label: "审核通过并发布反馈报告",
    who: "consultation.approve",
  },
  reject_report: {
    from: ["report_submitted"],
    to: "closed",
    label: "退回反馈报告",
    who: "consultation.approve",
  },
  link_policy: {
    from: ["closed", "report_submitted", "reported"],
    label: "关联正式政策文件",
    who: "consultation.draft",
  },
});

export type StepAction =
  | "submit"
  | "approve"
  | "reject"
  | "close"
  | "submit_report"
  | "approve_report"
  | "reject_report"
  | "link_policy";

export const STEP_ACTIONS = Object.keys(STEPS) as StepAction[];

/** Steps whose note is required: a refusal says why; closing before the last day says why publicly. */
export function noteRequired(action: StepAction, ctx: StepContext): string | undefined {
  if (action === "reject" || action === "reject_report") return "退回时请写明原因。";
  if (action === "close" && ctx.today <= ctx.row.end_on)
    return `征求意见期限至${ctx.row.end_on}，提前结束须写明原因（将向社会公布）。`;
  return undefined;
}

/** Audit action codes, one per step (labels in audit.labels.ts). */
export const STEP_AUDIT: Record<StepAction, string> = {
  submit: "consultation.submit",
  approve: "consultation.approve",
  reject: "consultation.reject",
  close: "consultation.close",
  submit_report: "consultation.submit_report",
  approve_report: "consultation.approve_report",
  reject_report: "consultation.reject_report",
  link_policy: "consultation.link_policy",
};

/** Comments may be moderated while the consultation is open or closed (not once the report is in). */
export const MODERATION_STATUSES: readonly ConsultationStatus[] = ["open", "closed"];
