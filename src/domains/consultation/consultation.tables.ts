// Row types of the consultation tables (migration 0023).

export type ConsultationStatus = "draft" | "submitted" | "open" | "closed" | "report_submitted" | "reported";
export type CommentStatus = "pending" | "approved" | "hidden";
export type CommentDecision = "adopted" | "partly" | "not_adopted";

export interface ConsultationTable {
  id: string;
  site_id: string;
  org_id: string;
  title: string;
  draft_html: string;
  draft_text: string;
  /** 1: a major administrative decision (重大行政决策), at least 30 days unless short_reason. */
  major: number;
  start_on: string;
  end_on: string;
  /** Why a major decision's period is shorter than 30 days (art. 15), shown publicly. */
  short_reason: string | null;
  status: ConsultationStatus;
  /** Why the period was ended before its last day, shown publicly. */
  close_note: string | null;
  /** The feedback report's summary (采纳情况说明). */
  report_summary: string | null;
  final_item_id: string | null;
  comment_count: number;
  created_by: string;
  opened_at: string | null;
  closed_at: string | null;
  reported_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConsultationCommentTable {
  id: string;
  consultation_id: string;
  number: number;
  name: string | null;
  phone_enc: string | null;
  email_enc: string | null;
  body: string;
  status: CommentStatus;
  /** The text as shown publicly: de-identified when approved. */
  public_text: string | null;
  /** The name as shown publicly (surname and a mask), or null for an anonymous comment. */
  public_name: string | null;
  moderation_reason: string | null;
  moderated_by: string | null;
  moderated_at: string | null;
  decision: CommentDecision | null;
  decision_reason: string | null;
  created_at: string;
}

export interface ConsultationDocumentTable {
  id: string;
  consultation_id: string;
  position: number;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  extracted_text: string | null;
  created_by: string;
  created_at: string;
}

export interface ConsultationTables {
  consultations: ConsultationTable;
  consultation_comments: ConsultationCommentTable;
  consultation_documents: ConsultationDocumentTable;
}
