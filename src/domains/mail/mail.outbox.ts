// The outbox as staff see it: their site's messages with masked recipients and a delivery state, and
// 重新发送. Another site's messages do not exist for them (404).
import type { Deps } from "../../deps";
import { decryptField } from "../../platform/crypto";
import { AppError, notFound } from "../../platform/errors";
import { actorOf, type CurrentUser, can } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import * as repo from "./mail.repo";
import { isMailConfigured, isSingleAddress, type MessageRow, NOT_CONFIGURED } from "./mail.service";
import type { MailStatus } from "./mail.tables";

export const STATUS_LABELS: Record<MailStatus, string> = {
  pending: "待发送",
  sending: "发送中",
  sent: "已发送",
  failed: "发送失败",
};

/**
 * Who may read and manage the outbox: the site's 政务公开办, those who handle applications at the site's
 * root. It holds mail of every department's applications, so a department's own office does not read it.
 */
export async function authoriseOutbox(deps: Pick<Deps, "db">, user: CurrentUser): Promise<void> {
  const tree = await loadOrgTree(deps, user.siteId);
  const root = tree.roots(user.siteId)[0];
  if (!root || !can(user, "application.handle", root.id, tree))
    throw new AppError("role_not_allowed", 403, "只有政务公开办工作人员可以查看和管理发信箱。");
}

/** "w***@example.com": enough to tell messages apart, not the address. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "***";
  return `${address[0]}***${address.slice(at)}`;
}

export type DeliveryState = "pending" | "not_configured" | "retrying" | "sending" | "sent" | "failed";
export const DELIVERY_STATE_LABELS: Record<DeliveryState, string> = {
  pending: "待发送",
  not_configured: "待发送（未配置邮件服务）",
  retrying: "发送未成功，等待重试",
  sending: "发送中",
  sent: "已发送",
  failed: "发送失败",
};

export function deliveryState(
  row: Pick<MessageRow, "status" | "attempts">,
  configured: boolean,
): DeliveryState {
  if (row.status === "pending")
    return !configured ? "not_configured" : row.attempts > 0 ? "retrying" : "pending";
  return row.status;
}

/** A message as staff see it: the address masked, the state with its reason. */
export function presentMessage(deps: Pick<Deps, "config">, row: MessageRow, configured: boolean) {
  let recipient = "***";
  try {
    recipient = maskAddress(decryptField(deps.config.secretKey, row.recipient_enc));
  } catch {}
  const state = deliveryState(row, configured);
  return {
    id: row.id,
    kind: row.kind,
    recipient,
    subject: row.subject,
    status: row.status,
    state,
    state_label: DELIVERY_STATE_LABELS[state],
    attempts: row.attempts,
    max_attempts: row.max_attempts,
    next_attempt_at: row.status === "pending" || row.status === "sending" ? row.next_attempt_at : null,
    last_error: state === "not_configured" ? NOT_CONFIGURED : row.last_error,
    sent_at: row.sent_at,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    created_at: row.created_at,
  };
}
export type MessageView = ReturnType<typeof presentMessage>;

export async function listOutbox(
  deps: Deps,
  user: CurrentUser,
  f: { status?: MailStatus; entityType?: string; entityId?: string; limit?: number },
): Promise<MessageView[]> {
  await authoriseOutbox(deps, user);
  const rows = await repo.listMessages(
    deps.db.kysely,
    { ...f, siteId: user.siteId },
    Math.min(Math.max(f.limit ?? 100, 1), 500),
  );
  const configured = isMailConfigured(deps);
  return rows.map((r) => presentMessage(deps, r, configured));
}

/** Messages of one entity (an application's replies), for its back-office page; no authorisation here. */
export async function messagesOf(deps: Deps, entityType: string, entityId: string): Promise<MessageView[]> {
  const rows = await repo.listMessages(deps.db.kysely, { entityType, entityId });
  const configured = isMailConfigured(deps);
  return rows.map((r) => presentMessage(deps, r, configured));
}

/** 重新发送: a failed message of the user's site goes back to the queue with a fresh set of attempts. */
export async function retryMessage(deps: Deps, user: CurrentUser, id: string): Promise<MessageView> {
  await authoriseOutbox(deps, user);
  const db = deps.db.kysely;
  const row = await repo.findMessage(db, id);
  if (!row || row.site_id !== user.siteId) throw notFound("邮件", "mail_not_found");
  if (row.status !== "failed")
    throw new AppError(
      "mail_not_failed",
      409,
      `只有发送失败的邮件可以重新发送（当前状态：${STATUS_LABELS[row.status] ?? row.status}）。`,
      [{ field: "id", code: "mail_not_failed", message: `状态为${STATUS_LABELS[row.status] ?? row.status}` }],
    );
  if (!isSingleAddress(decryptField(deps.config.secretKey, row.recipient_enc)))
    throw new AppError(
      "mail_bad_recipient",
      409,
      "收件人地址格式不正确，重新发送也无法送达，请通过其他方式送达。",
      [{ field: "id", code: "mail_bad_recipient", message: "收件人地址格式不正确" }],
    );
  const now = deps.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await repo.updateMessage(trx, id, {
      status: "pending",
      attempts: 0,
      next_attempt_at: now,
      claim_id: null,
      updated_at: now,
    });
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "mail.retry",
      entityType: "mail_message",
      entityId: id,
      summary: {
        kind: row.kind,
        before: { status: row.status, attempts: row.attempts },
        after: { status: "pending" },
      },
    });
  });
  const updated = await repo.findMessage(db, id);
  return presentMessage(deps, updated!, isMailConfigured(deps));
}
