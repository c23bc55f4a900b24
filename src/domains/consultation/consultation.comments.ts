// Comments from the public (no login; name optional; contact optional and encrypted), their moderation by the
// drafting department, and the feedback report (采纳情况: each approved comment adopted, partly or not, with
// reasons). A comment takes the consultation's row lock like closing does, so a comment sent while the
// department closes is either in (before the close) or refused (after it), never half-stored.
import type { Actor, Deps } from "../../deps";
import { systemActor } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { DEFAULT_MASK_RULES, maskPii, maskText, PII_KINDS } from "../../platform/pii";
import { isEmailAddress, isPhoneNumber, normalisePhone, sealContact } from "../../platform/tracking";
import { visibleTrim } from "../../platform/visible-text";
import { lockedStep } from "../../platform/workflow/locked-step";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { authoriseConsultation, consultationNotFound } from "./consultation.policy";
import * as repo from "./consultation.repo";
import type { CommentInput } from "./consultation.schemas";
import { acceptsComments, todayOf } from "./consultation.service";
import { MODERATION_STATUSES, STATUS_LABELS } from "./consultation.steps";
import type { CommentDecision } from "./consultation.tables";

const PUBLIC_ACTOR: Actor = systemActor("网上征求意见");
export const MIN_COMMENT_CHARS = 5;

export const DECISIONS: readonly CommentDecision[] = ["adopted", "partly", "not_adopted"];
export const DECISION_LABELS: Record<CommentDecision, string> = {
  adopted: "采纳",
  partly: "部分采纳",
  not_adopted: "未采纳",
};

/**
 * The feedback report's grouping: the comments under each decision (adopted, partly, not adopted), in number
 * order, each group present even when empty; comments without a decision are left out.
 */
export function groupByDecision<C extends { decision: CommentDecision | null; number: number }>(
  comments: readonly C[],
): Array<{ decision: CommentDecision; comments: C[] }> {
  return DECISIONS.map((decision) => ({
    decision,
    comments: comments.filter((c) => c.decision === decision).sort((a, b) => a.number - b.number),
  }));
}

export const commentsClosed = (endOn: string) =>
  new AppError("consultation_closed", 409, `征求意见已结束（截止日期${endOn}），不再接收意见。`);

/** Checks a comment; every problem named. `messages` lets the public form speak Mongolian. */
export function checkComment(input: CommentInput, p: Problems): void {
  // Invisible characters are not counted (platform/visible-text.ts).
  const body = visibleTrim(input.body);
  if ([...body].length < MIN_COMMENT_CHARS)
    p.add("body", "comment_too_short", `请填写意见内容（至少${MIN_COMMENT_CHARS}个字）。`);
  const phone = normalisePhone(input.phone);
  if (phone && !isPhoneNumber(phone))
    p.add("phone", "invalid_phone", "联系电话格式不正确（手机号或带区号的固定电话）。");
  if (input.email?.trim() && !isEmailAddress(input.email.trim()))
    p.add("email", "invalid_email", "电子邮箱格式不正确。");
}

/** Stores a comment from the public while the consultation accepts comments; 409 once it is closed. */
export async function submitComment(
  deps: Deps,
  siteId: string,
  id: string,
  input: CommentInput,
): Promise<{ number: number }> {
  const p = new Problems();
  checkComment(input, p);
  p.throwIfAny("意见未提交，请按提示修改。");
  const today = todayOf(deps);
  const now = deps.clock.now().toISOString();
  const contact = sealContact(deps.config.secretKey, {
    idNumber: null,
    phone: normalisePhone(input.phone),
    email: input.email?.trim() || null,
    address: null,
  });
  return lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockConsultation(trx, deps.db.dialect, id),
    missing: consultationNotFound,
    check: (_trx, row) => {
      if (row.site_id !== siteId || !repo.PUBLIC_STATUSES.includes(row.status)) throw consultationNotFound();
      if (row.status === "open" && today < row.start_on)
        throw new AppError(
          "consultation_not_started",
          409,
          `征求意见将于${row.start_on}开始，届时再提交意见。`,
        );
      if (!acceptsComments(row, today)) throw commentsClosed(row.end_on);
    },
    write: async (trx, row) => {
      const number = row.comment_count + 1;
      await repo.insertComment(trx, {
        id: newId(),
        consultation_id: row.id,
        number,
        name: visibleTrim(input.name) || null,
        phone_enc: contact.phone_enc,
        email_enc: contact.email_enc,
        body: visibleTrim(input.body),
        status: "pending",
        public_text: null,
        public_name: null,
        moderation_reason: null,
        moderated_by: null,
        moderated_at: null,
        decision: null,
        decision_reason: null,
        created_at: now,
      });
      await repo.updateConsultation(trx, row.id, { comment_count: number });
      await recordAudit(trx, deps.clock, PUBLIC_ACTOR, {
        action: "consultation.comment",
        entityType: "consultation",
        entityId: row.id,
        orgId: row.org_id,
        summary: { number },
      });
      return { number };
    },
  });
}

/** The comment as shown publicly: personal information masked, the commenter's own name too. */
export function deidentify(body: string, name: string | null): { text: string; name: string | null } {
  let text = maskText(body, { maskKinds: PII_KINDS }).text;
  const masked = name ? maskPii("name", name, DEFAULT_MASK_RULES) : null;
  if (name && masked && name.length > 1) text = text.split(name).join(masked);
  return { text, name: masked };
}

export type Moderation = "approve" | "hide";

const MODERATION_AUDIT: Record<Moderation, string> = {
  approve: "consultation.comment_approve",
  hide: "consultation.comment_hide",
};

/** Approves (shown de-identified) or hides (with a reason) a comment; the department, while open or closed. */
export async function moderateComment(
  deps: Deps,
  user: CurrentUser,
  id: string,
  commentId: string,
  input: { decision: Moderation; reason?: string },
): Promise<repo.CommentRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  const now = deps.clock.now().toISOString();
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockConsultation(trx, deps.db.dialect, id),
    missing: consultationNotFound,
    check: async (trx, row) => {
      authoriseConsultation(user, "consultation.draft", row, tree);
      const comment = await repo.findComment(trx, row.id, commentId);
      if (!comment) throw new AppError("comment_not_found", 404, "意见不存在。");
      if (!MODERATION_STATUSES.includes(row.status))
        throw new AppError(
          "moderation_closed",
          409,
          `征求意见当前状态为“${STATUS_LABELS[row.status]}”，不能再审核意见。`,
        );
      const p = new Problems();
      if (input.decision !== "approve" && input.decision !== "hide")
        p.add("decision", "invalid_decision", "请选择通过或不予显示。");
      if (input.decision === "hide" && !input.reason?.trim())
        p.add("reason", "reason_required", "不予显示时请写明理由。");
      p.throwIfAny();
      return comment;
    },
    write: async (trx, row, comment) => {
      const shown = input.decision === "approve" ? deidentify(comment.body, comment.name) : null;
      const set = {
        status: input.decision === "approve" ? ("approved" as const) : ("hidden" as const),
        public_text: shown?.text ?? null,
        public_name: shown?.name ?? null,
        moderation_reason: input.reason?.trim() || null,
        moderated_by: user.id,
        moderated_at: now,
      };
      await repo.updateComment(trx, comment.id, set);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: MODERATION_AUDIT[input.decision],
        entityType: "consultation",
        entityId: row.id,
        orgId: row.org_id,
        summary: {
          number: comment.number,
          ...(set.moderation_reason ? { reason: set.moderation_reason } : {}),
        },
      });
      return { ...comment, ...set };
    },
  });
  invalidatePublicPages(deps);
  return result;
}

export interface ReportInput {
  summary: string;
  /** Per approved comment id: the decision and its reason. */
  decisions: Record<string, { decision: string; reason: string }>;
}

/** Saves the feedback report while the consultation is closed (submitted separately, as a step). */
export async function saveReport(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: ReportInput,
): Promise<void> {
  const tree = await loadOrgTree(deps, user.siteId);
  await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockConsultation(trx, deps.db.dialect, id),
    missing: consultationNotFound,
    check: async (trx, row) => {
      authoriseConsultation(user, "consultation.draft", row, tree);
      if (row.status !== "closed")
        throw new AppError(
          "report_locked",
          409,
          `征求意见当前状态为“${STATUS_LABELS[row.status]}”，只有已结束的征求意见可以填写反馈报告。`,
        );
      const approved = await repo.listComments(trx, row.id, "approved");
      const p = new Problems();
      if (!input.summary.trim()) p.add("summary", "summary_required", "请填写采纳情况说明。");
      if ([...input.summary].length > 20_000)
        p.add("summary", "summary_too_long", "采纳情况说明不能超过20000字。");
      for (const c of approved) {
        const d = input.decisions[c.id];
        if (!d || !DECISIONS.includes(d.decision as CommentDecision))
          p.add(`decision_${c.number}`, "decision_required", `请选择第${c.number}条意见的采纳情况。`);
        if (!d?.reason?.trim())
          p.add(`reason_${c.number}`, "reason_required", `请写明第${c.number}条意见采纳或不采纳的理由。`);
        else if ([...d.reason].length > 2000)
          p.add(`reason_${c.number}`, "reason_too_long", `第${c.number}条意见的理由不能超过2000字。`);
      }
      p.throwIfAny("反馈报告未保存，请按提示修改。");
      return approved;
    },
    write: async (trx, row, approved) => {
      await repo.updateConsultation(trx, row.id, {
        report_summary: input.summary.trim(),
        updated_at: deps.clock.now().toISOString(),
      });
      for (const c of approved) {
        const d = input.decisions[c.id]!;
        await repo.setDecision(trx, c.id, d.decision as CommentDecision, d.reason.trim());
      }
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "consultation.report_save",
        entityType: "consultation",
        entityId: row.id,
        orgId: row.org_id,
        summary: { comments: approved.length },
      });
    },
  });
}
