// The mail outbox (migration 0010). Instants are ISO-8601 UTC strings (docs/decisions/0002).

export type MailStatus = "pending" | "sending" | "sent" | "failed";

export interface MailMessageTable {
  id: string;
  /** What the message is: `application_reply`, `handler_reminder`… */
  kind: string;
  /** The site whose outbox the message belongs to. */
  site_id: string;
  /** The address, encrypted (encryptField); never stored in clear. */
  recipient_enc: string;
  /** blindIndex of the address, to find a recipient's messages. */
  recipient_index: string;
  /** The staff account written to, for reminders; null for applicants. */
  recipient_user_id: string | null;
  subject: string;
  body_text: string;
  status: MailStatus;
  attempts: number;
  max_attempts: number;
  /** When the worker may try (again); for `sending`, when the claim expires. */
  next_attempt_at: string;
  /** The claim of the worker attempting it (status `sending`); only that worker records the outcome. */
  claim_id: string | null;
  last_error: string | null;
  sent_at: string | null;
  smtp_message_id: string | null;
  entity_type: string | null;
  entity_id: string | null;
  dedupe_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface MailAttachmentTable {
  id: string;
  message_id: string;
  position: number;
  filename: string;
  content_type: string;
  /** Address of the encrypted blob in the mail store. */
  sha256: string;
  /** Size of the attachment itself (decrypted). */
  size: number;
  /** When the blob was deleted (after the message was sent); null while it is kept. */
  purged_at: string | null;
}

export interface MailTables {
  mail_messages: MailMessageTable;
  mail_attachments: MailAttachmentTable;
}
