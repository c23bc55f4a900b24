// Tables of the messages domain (migration 0022). The asker's name and contacts are stored only encrypted
// (platform/tracking contact fields, platform/crypto): never in clear in the database or its WAL.

export interface MessageTable {
  id: string;
  site_id: string;
  tracking_code: string;
  secret_hash: string;
  /** consult | suggest | complain | help | error_report */
  type: string;
  /** online | phone | letter | visit */
  channel: string;
  status: string;
  title: string;
  body: string;
  name_enc: string | null;
  phone_enc: string | null;
  email_enc: string | null;
  /** An error report's optional contact (phone or e-mail as typed). */
  contact_enc: string | null;
  /** The asker agreed to publication (1) or asked for it to stay private (0). */
  wants_public: number;
  /** Never published: the asker or the office said so. */
  private: number;
  page_url: string | null;
  error_kind: string | null;
  received_on: string;
  reject_reason: string | null;
  duplicate_of_id: string | null;
  draft_body: string | null;
  draft_by_id: string | null;
  draft_by_label: string | null;
  draft_org_id: string | null;
  drafted_at: string | null;
  reply_body: string | null;
  reply_org_id: string | null;
  replied_on: string | null;
  /** The published Q&A: de-identified copies of the question and the answer. */
  published_at: string | null;
  qa_title: string | null;
  qa_question: string | null;
  qa_answer: string | null;
  rating: string | null;
  rated_at: string | null;
  follow_up: string | null;
  follow_up_on: string | null;
  created_at: string;
  updated_at: string;
}

/** Which organisations a message was transferred to; `released_at` set when it returns or moves on. */
export interface MessageHolderTable {
  id: string;
  message_id: string;
  org_id: string;
  since: string;
  released_at: string | null;
}

export interface MessageStepTable {
  id: string;
  message_id: string;
  at: string;
  on_date: string;
  action: string;
  actor_label: string;
  public: number;
  public_text: string;
  internal_note: string | null;
}

/** A site's answer limits in working days, per type (absent: messages.steps.ts DEFAULT_DEADLINES). */
export interface MessageDeadlineTable {
  site_id: string;
  type: string;
  days: number;
  updated_at: string;
}

export interface InteractionTables {
  messages: MessageTable;
  message_holders: MessageHolderTable;
  message_steps: MessageStepTable;
  message_deadlines: MessageDeadlineTable;
}
