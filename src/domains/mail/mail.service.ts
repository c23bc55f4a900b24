// The mail outbox (发信箱): messages are written in the transaction of the change that causes them and a
// worker delivers them over SMTP, retrying with exponential backoff. With no SMTP server configured they
// wait, marked 未配置邮件服务, and are sent once one is. Recipients are encrypted at rest; audit entries
// and logs name the message, its kind and the entity, never the address.
import { join } from "node:path";
import type { Actor, Deps, Executor } from "../../deps";
import { systemActor } from "../../deps";
import { blindIndex, decryptField, encryptField } from "../../platform/crypto";
import { newId } from "../../platform/ids";
import { type Storage, storageOf } from "../../platform/storage";
import { recordAudit } from "../audit";
import { CLAIM_LEASE_MS, nextAttemptAt } from "./mail.backoff";
import * as repo from "./mail.repo";
import { describeSendError, transportFor } from "./mail.transport";

export type MessageRow = repo.MessageRow;

export const NOT_CONFIGURED = "未配置邮件服务（GONGKAI_SMTP_URL、GONGKAI_MAIL_FROM），邮件暂存待发送。";
export const MAIL_STATUSES = ["pending", "sending", "sent", "failed"] as const;
/** Messages sent per worker pass: small batches keep a pass short. */
export const BATCH_SIZE = 10;

/** Attachment bytes of the outbox live in a store of their own, `<dataDir>/mail`. */
export const mailStorage = (deps: Pick<Deps, "config">): Storage =>
  storageOf({ config: { dataDir: join(deps.config.dataDir, "mail") } });

export const isMailConfigured = (deps: Pick<Deps, "config">) => transportFor(deps.config) !== null;

/** An attachment already in the mail store (store it before the transaction that enqueues it). */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  sha256: string;
  size: number;
}

export async function storeAttachment(
  deps: Pick<Deps, "config">,
  a: { filename: string; contentType: string; content: Buffer },
): Promise<StoredAttachment> {
  const blob = await mailStorage(deps).put(a.content);
  return { filename: a.filename, contentType: a.contentType, sha256: blob.sha256, size: blob.size };
}

export interface EnqueueInput {
  kind: string;
  to: string;
  recipientUserId?: string | null;
  subject: string;
  text: string;
  attachments?: StoredAttachment[];
  entity?: { type: string; id: string };
  /** One message per key, ever: a second enqueue with the same key does nothing and returns null. */
  dedupeKey?: string;
}

/** Writes a message to the outbox inside the caller's transaction; audited without the address. */
export async function enqueueMail(
  deps: Pick<Deps, "config" | "clock">,
  trx: Executor,
  actor: Actor,
  input: EnqueueInput,
): Promise<string | null> {
  const key = deps.config.secretKey;
  const now = deps.clock.now().toISOString();
  const to = input.to.trim();
  const row: MessageRow = {
    id: newId(),
    kind: input.kind,
    recipient_enc: encryptField(key, to),
    recipient_index: blindIndex(key, to.toLowerCase()),
    recipient_user_id: input.recipientUserId ?? null,
    subject: input.subject,
    body_text: input.text,
    status: "pending",
    attempts: 0,
    max_attempts: deps.config.mailMaxAttempts,
    next_attempt_at: now,
    last_error: null,
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
    const now = deps.clock.now();
    const due = await repo.listDue(db, now.toISOString(), limit);
    if (due.length === 0) return result;
    for (const row of due) {
      const lease = new Date(now.getTime() + CLAIM_LEASE_MS).toISOString();
      if (!(await repo.claim(db, row, now.toISOString(), lease))) continue;
      const attempt = { ...row, attempts: row.attempts + 1 };
      const outcome = await attemptDelivery(deps, transport, attempt);
      result[outcome]++;
    }
  }
  result.waiting = (await repo.listDue(db, deps.clock.now().toISOString(), 1)).length;
  return result;
}

async function attemptDelivery(
  deps: Deps,
  transport: NonNullable<ReturnType<typeof transportFor>>,
  row: MessageRow,
): Promise<"sent" | "retrying" | "failed"> {
  const db = deps.db.kysely;
  const actor = systemActor("mail-worker");
  let messageId = "";
  let error: string | null = null;
  try {
    const store = mailStorage(deps);
    const attachments = await Promise.all(
      (await repo.attachmentsOf(db, row.id)).map(async (a) => ({
        filename: a.filename,
        contentType: a.content_type,
        content: await store.read(a.sha256),
      })),
    );
    ({ messageId } = await transport.send({
      from: deps.config.mailFrom!,
      to: decryptField(deps.config.secretKey, row.recipient_enc),
      subject: row.subject,
      text: row.body_text,
      attachments,
    }));
  } catch (e) {
    error = describeSendError(e);
  }
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const final = error !== null && row.attempts >= row.max_attempts;
  const patch: Partial<MessageRow> =
    error === null
      ? { status: "sent", sent_at: nowIso, smtp_message_id: messageId || null, last_error: null }
      : final
        ? { status: "failed", last_error: error }
        : { status: "pending", last_error: error, next_attempt_at: nextAttemptAt(now, row.attempts) };
  await db.transaction().execute(async (trx) => {
    await repo.updateMessage(trx, row.id, { ...patch, updated_at: nowIso });
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
    const updated = { ...row, ...patch };
    if (error === null) await h?.sent?.(deps, trx, updated);
    else if (final) await h?.failed?.(deps, trx, updated);
  });
  if (error !== null)
    deps.logger.warn(
      { mailId: row.id, kind: row.kind, attempt: row.attempts, error },
      "mail delivery failed",
    );
  return error === null ? "sent" : final ? "failed" : "retrying";
}
