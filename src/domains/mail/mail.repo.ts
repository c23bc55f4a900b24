import type { Selectable } from "kysely";
import type { Executor } from "../../deps";
import type { MailAttachmentTable, MailMessageTable, MailStatus } from "./mail.tables";

export type MessageRow = Selectable<MailMessageTable>;
export type AttachmentRow = Selectable<MailAttachmentTable>;

const COLUMNS = [
  "id",
  "kind",
  "site_id",
  "recipient_enc",
  "recipient_index",
  "recipient_user_id",
  "subject",
  "body_text",
  "status",
  "attempts",
  "max_attempts",
  "next_attempt_at",
  "claim_id",
  "last_error",
  "sent_at",
  "smtp_message_id",
  "entity_type",
  "entity_id",
  "dedupe_key",
  "created_at",
  "updated_at",
] as const;

const norm = (r: MessageRow): MessageRow => ({
  ...r,
  attempts: Number(r.attempts),
  max_attempts: Number(r.max_attempts),
});

/** Inserts a message; false when its dedupe_key is already taken (the message exists). */
export async function insertMessage(db: Executor, row: MessageRow): Promise<boolean> {
  const r = await db
    .insertInto("mail_messages")
    .values(row)
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function insertAttachments(db: Executor, rows: AttachmentRow[]): Promise<void> {
  if (rows.length) await db.insertInto("mail_attachments").values(rows).execute();
}

export async function findMessage(db: Executor, id: string): Promise<MessageRow | undefined> {
  const r = await db.selectFrom("mail_messages").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  return r && norm(r);
}

export async function attachmentsOf(db: Executor, messageId: string): Promise<AttachmentRow[]> {
  const rows = await db
    .selectFrom("mail_attachments")
    .select(["id", "message_id", "position", "filename", "content_type", "sha256", "size", "purged_at"])
    .where("message_id", "=", messageId)
    .orderBy("position")
    .execute();
  return rows.map((r) => ({ ...r, position: Number(r.position), size: Number(r.size) }));
}

/** Messages the worker may try now: pending and due, or `sending` with an expired claim (a crashed worker). */
export async function listDue(db: Executor, nowIso: string, limit: number): Promise<MessageRow[]> {
  const rows = await db
    .selectFrom("mail_messages")
    .select(COLUMNS)
    .where("status", "in", ["pending", "sending"])
    .where("next_attempt_at", "<=", nowIso)
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(norm);
}

/**
 * Claims a message for one attempt under `claimId` until `leaseUntil`; false when another worker got it
 * first.
 */
export async function claim(
  db: Executor,
  row: Pick<MessageRow, "id" | "status" | "attempts">,
  claimId: string,
  nowIso: string,
  leaseUntil: string,
): Promise<boolean> {
  const r = await db
    .updateTable("mail_messages")
    .set({
      status: "sending",
      attempts: row.attempts + 1,
      claim_id: claimId,
      next_attempt_at: leaseUntil,
      updated_at: nowIso,
    })
    .where("id", "=", row.id)
    .where("status", "=", row.status)
    .where("attempts", "=", row.attempts)
    .where("next_attempt_at", "<=", nowIso)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Records the outcome of an attempt, only while `claimId` still holds the message (status `sending`):
 * false when the claim expired and another worker took the message over, and nothing was changed.
 */
export async function finishClaim(
  db: Executor,
  id: string,
  claimId: string,
  patch: Partial<MessageRow>,
): Promise<boolean> {
  const r = await db
    .updateTable("mail_messages")
    .set({ ...patch, claim_id: null })
    .where("id", "=", id)
    .where("status", "=", "sending")
    .where("claim_id", "=", claimId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateMessage(db: Executor, id: string, patch: Partial<MessageRow>): Promise<void> {
  await db.updateTable("mail_messages").set(patch).where("id", "=", id).execute();
}

/** Marks a message's attachment blobs as deleted from the store (the rows stay as a record). */
export async function markAttachmentsPurged(db: Executor, messageId: string, nowIso: string): Promise<void> {
  await db
    .updateTable("mail_attachments")
    .set({ purged_at: nowIso })
    .where("message_id", "=", messageId)
    .where("purged_at", "is", null)
    .execute();
}

/** Notes on due pending messages why they wait (no SMTP configured), once. Returns how many wait. */
export async function markWaiting(db: Executor, nowIso: string, reason: string): Promise<number> {
  await db
    .updateTable("mail_messages")
    .set({ last_error: reason, updated_at: nowIso })
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", nowIso)
    .where((eb) => eb.or([eb("last_error", "is", null), eb("last_error", "!=", reason)]))
    .execute();
  const r = await db
    .selectFrom("mail_messages")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", nowIso)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface MessageFilter {
  siteId?: string;
  status?: MailStatus;
  entityType?: string;
  entityId?: string;
  kind?: string;
}

export async function listMessages(db: Executor, f: MessageFilter, limit = 200): Promise<MessageRow[]> {
  let q = db.selectFrom("mail_messages").select(COLUMNS);
  if (f.siteId) q = q.where("site_id", "=", f.siteId);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.entityType) q = q.where("entity_type", "=", f.entityType);
  if (f.entityId) q = q.where("entity_id", "=", f.entityId);
  if (f.kind) q = q.where("kind", "=", f.kind);
  const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
  return rows.map(norm);
}
