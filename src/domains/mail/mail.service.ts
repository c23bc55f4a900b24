// The mail outbox (发信箱): messages are written in the transaction of the change that causes them and a
// worker delivers them over SMTP, retrying with exponential backoff. With no SMTP server configured they
// wait, marked 未配置邮件服务, and are sent once one is. Recipients are encrypted at rest, and so are
// attachment bytes, which are deleted once the message is sent; audit entries and logs name the message,
// its kind and the entity, never the address. A recipient that is not exactly one plain address is never
// handed to the SMTP library (it would split `a@x.com,b@y.com` into two): the message fails at once.
import { join } from "node:path";
import type { Actor, Deps, Executor } from "../../deps";
import { systemActor } from "../../deps";
import { blindIndex, decryptBlob, decryptField, encryptBlob, encryptField } from "../../platform/crypto";
import { newId } from "../../platform/ids";
import { type Storage, storageOf } from "../../platform/storage";
import { recordAudit } from "../audit";
import { CLAIM_LEASE_MS, nextAttemptAt } from "./mail.backoff";
import * as repo from "./mail.repo";
import { describeSendError, transportFor } from "./mail.transport";

export type MessageRow = repo.MessageRow;

export const NOT_CONFIGURED = "未配置邮件服务（GONGKAI_SMTP_URL、GONGKAI_MAIL_FROM），邮件暂存待发送。";
export const BAD_RECIPIENT = "收件人地址格式不正确，未发送。";
export const MAIL_STATUSES = ["pending", "sending", "sent", "failed"] as const;
/** Messages sent per worker pass: small batches keep a pass short. */
export const BATCH_SIZE = 10;

/** Attachment bytes of the outbox live in a store of their own, `<dataDir>/mail`, encrypted. */
export const mailStorage = (deps: Pick<Deps, "config">): Storage =>
  storageOf({ config: { dataDir: join(deps.config.dataDir, "mail") } });

export const isMailConfigured = (deps: Pick<Deps, "config">) => transportFor(deps.config) !== null;

// One plain address, nothing else: no display name, list separators, quotes, brackets or whitespace
// (the model is the staff e-mail check, accounts.email.ts).
const SINGLE_ADDRESS = /^[^\s@<>"(),;:\\[\]]{1,64}@[^\s@<>"(),;:\\[\]]+\.[A-Za-z]{2,}$/;

/** True when `to` is exactly one plain e-mail address, safe to hand to the SMTP library as is. */
export const isSingleAddress = (to: string): boolean => to.length <= 254 && SINGLE_ADDRESS.test(to);

/** An attachment already in the mail store (store it before the transaction that enqueues it). */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  /** Address of the encrypted blob in the mail store. */
  sha256: string;
  size: number;
}

/**
 * Stores an attachment's bytes, encrypted (AES-256-GCM, a fresh IV each time: no two messages share a
 * blob). If the transaction that should enqueue it fails, delete it with `discardAttachments`.
 */
export async function storeAttachment(
  deps: Pick<Deps, "config">,
  a: { filename: string; contentType: string; content: Buffer },
): Promise<StoredAttachment> {
  const blob = await mailStorage(deps).put(encryptBlob(deps.config.secretKey, a.content));
  return { filename: a.filename, contentType: a.contentType, sha256: blob.sha256, size: a.content.length };
}

/** Deletes stored attachments that no message will use (the enqueueing transaction failed). */
export async function discardAttachments(
  deps: Pick<Deps, "config">,
  attachments: Pick<StoredAttachment, "sha256">[],
): Promise<void> {
  const store = mailStorage(deps);
  for (const a of attachments) await store.delete(a.sha256);
}

export interface EnqueueInput {
  kind: string;
  /** The site whose outbox shows the message (the application's site, the staff member's site). */
  siteId: string;
  to: string;
  recipientUserId?: string | null;
  subject: string;
  text: string;
  attachments?: StoredAttachment[];
  entity?: { type: string; id: string };
  /** One message per key, ever: a second enqueue with the same key does nothing and returns null. */
  dedupeKey?: string;
}

/**
 * Writes a message to the outbox inside the caller's transaction; audited without the address. A
 * recipient that is not exactly one plain address is stored as failed (BAD_RECIPIENT) and never sent.
 */
export async function enqueueMail(
  deps: Pick<Deps, "config" | "clock">,
  trx: Executor,
  actor: Actor,
  input: EnqueueInput,
): Promise<string | null> {
  const key = deps.config.secretKey;
  const now = deps.clock.now().toISOString();
  const to = input.to.trim();
  const deliverable = isSingleAddress(to);
  const row: MessageRow = {
    id: newId(),
    kind: input.kind,
    site_id: input.siteId,
    recipient_enc: encryptField(key, to),
    recipient_index: blindIndex(key, to.toLowerCase()),
    recipient_user_id: input.recipientUserId ?? null,
    subject: input.subject,
    body_text: input.text,
    status: deliverable ? "pending" : "failed",
    attempts: 0,
    max_attempts: deps.config.mailMaxAttempts,
    next_attempt_at: now,
    claim_id: null,
    last_error: deliverable ? null : BAD_RECIPIENT,
    sent_at: null,
    smtp_message_id: null,
    entity_type: input.entity?.type ?? null,
    entity_id: input.entity?.id ?? null,
    dedupe_key: input.dedupeKey ?? null,
    created_at: now,
    updated_at: now,
  };
  if (!(await repo.insertMessage(trx, row))) return null;
  await repo.insertAttachments(
    trx,
    (input.attachments ?? []).map((a, i) => ({
      id: newId(),
      message_id: row.id,
      position: i + 1,
      filename: a.filename,
      content_type: a.contentType,
      sha256: a.sha256,
      size: a.size,
      purged_at: null,
    })),
  );
  await recordAudit(trx, deps.clock, actor, {
    action: "mail.enqueue",
    entityType: "mail_message",
    entityId: row.id,
    summary: {
      kind: row.kind,
      entity: input.entity ? `${input.entity.type}:${input.entity.id}` : null,
      attachments: input.attachments?.length ?? 0,
      status: row.status,
      error: deliverable ? undefined : BAD_RECIPIENT,
    },
  });
  return row.id;
}

/** What a domain does when one of its messages is delivered or finally fails (same transaction). */
export interface MailHooks {
  sent?(deps: Deps, trx: Executor, row: MessageRow): Promise<void>;
  failed?(deps: Deps, trx: Executor, row: MessageRow): Promise<void>;
}
const hooks = new Map<string, MailHooks>();

/** Domains register hooks for their message kinds when their module loads. */
export function registerMailHooks(kind: string, h: MailHooks): void {
  hooks.set(kind, h);
}

export interface SendResult {
  configured: boolean;
  sent: number;
  retrying: number;
  failed: number;
  /** Due messages left waiting: no SMTP configured, or more than one pass can take. */
  waiting: number;
}

/** One delivery pass: sends due messages in batches of `limit` until none is due or `maxBatches` ran. */
export async function sendDueMail(
  deps: Deps,
  opts: { limit?: number; maxBatches?: number } = {},
): Promise<SendResult> {
  const db = deps.db.kysely;
  const result: SendResult = { configured: true, sent: 0, retrying: 0, failed: 0, waiting: 0 };
  const transport = transportFor(deps.config);
  if (!transport) {
    result.configured = false;
    result.waiting = await repo.markWaiting(db, deps.clock.now().toISOString(), NOT_CONFIGURED);
    return result;
  }
  const limit = opts.limit ?? BATCH_SIZE;
  for (let batch = 0; batch < (opts.maxBatches ?? 10); batch++) {
    const due = await repo.listDue(db, deps.clock.now().toISOString(), limit);
    if (due.length === 0) return result;
    for (const row of due) {
      // The lease runs from the claim itself: earlier messages of the batch may have taken a while.
      const claimedAt = deps.clock.now();
      const lease = new Date(claimedAt.getTime() + CLAIM_LEASE_MS).toISOString();
      const claimId = newId();
      if (!(await repo.claim(db, row, claimId, claimedAt.toISOString(), lease))) continue;
      const attempt = { ...row, status: "sending" as const, attempts: row.attempts + 1, claim_id: claimId };
      const outcome = await attemptDelivery(deps, transport, attempt, claimId);
      if (outcome) result[outcome]++;
    }
  }
  result.waiting = (await repo.listDue(db, deps.clock.now().toISOString(), 1)).length;
  return result;
}

/**
 * One attempt at a message this worker claimed under `claimId`. Null when the claim was lost meanwhile
 * (it expired and another worker took the message over): the outcome is then not recorded.
 */
async function attemptDelivery(
  deps: Deps,
  transport: NonNullable<ReturnType<typeof transportFor>>,
  row: MessageRow,
  claimId: string,
): Promise<"sent" | "retrying" | "failed" | null> {
  const db = deps.db.kysely;
  const actor = systemActor("mail-worker");
  const key = deps.config.secretKey;
  let messageId = "";
  let error: string | null = null;
  let final = false;
  const stored = await repo.attachmentsOf(db, row.id);
  try {
    const to = decryptField(key, row.recipient_enc);
    if (!isSingleAddress(to)) {
      // Never reaches the SMTP library; retrying would not help.
      error = BAD_RECIPIENT;
      final = true;
    } else {
      const store = mailStorage(deps);
      const attachments = await Promise.all(
        stored.map(async (a) => ({
          filename: a.filename,
          contentType: a.content_type,
          content: decryptBlob(key, await store.read(a.sha256)),
        })),
      );
      ({ messageId } = await transport.send({
        from: deps.config.mailFrom!,
        to,
        subject: row.subject,
        text: row.body_text,
        attachments,
      }));
    }
  } catch (e) {
    error = describeSendError(e);
  }
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  final ||= error !== null && row.attempts >= row.max_attempts;
  const patch: Partial<MessageRow> =
    error === null
      ? { status: "sent", sent_at: nowIso, smtp_message_id: messageId || null, last_error: null }
      : final
        ? { status: "failed", last_error: error }
        : { status: "pending", last_error: error, next_attempt_at: nextAttemptAt(now, row.attempts) };
  const recorded = await db.transaction().execute(async (trx) => {
    if (!(await repo.finishClaim(trx, row.id, claimId, { ...patch, updated_at: nowIso }))) return false;
    if (error === null && stored.length) await repo.markAttachmentsPurged(trx, row.id, nowIso);
    await recordAudit(trx, deps.clock, actor, {
      action: error === null ? "mail.sent" : final ? "mail.failed" : "mail.retry_scheduled",
      entityType: "mail_message",
      entityId: row.id,
      summary: {
        kind: row.kind,
        attempt: row.attempts,
        max_attempts: row.max_attempts,
        next_attempt_at: patch.next_attempt_at,
        error: error ?? undefined,
      },
    });
    const h = hooks.get(row.kind);
    const updated = { ...row, ...patch, claim_id: null };
    if (error === null) await h?.sent?.(deps, trx, updated);
    else if (final) await h?.failed?.(deps, trx, updated);
    return true;
  });
  if (!recorded) {
    deps.logger.warn(
      { mailId: row.id, kind: row.kind, attempt: row.attempts, delivered: error === null },
      "mail attempt outcome dropped: the claim expired and another worker took the message over",
    );
    return null;
  }
  if (error !== null)
    deps.logger.warn(
      { mailId: row.id, kind: row.kind, attempt: row.attempts, error },
      "mail delivery failed",
    );
  // Sent: the attachment bytes are no longer needed (a failed message keeps them, to be resent).
  else if (stored.length)
    await discardAttachments(deps, stored).catch((err) =>
      deps.logger.error({ err, mailId: row.id }, "could not delete a sent message's attachments"),
    );
  return error === null ? "sent" : final ? "failed" : "retrying";
}
