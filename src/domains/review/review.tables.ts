export interface ReviewFindingTable {
  id: string;
  item_id: string;
  source: string;
  kind: string;
  category: string;
  severity: string;
  start_at: number;
  end_at: number;
  text: string | null;
  masked: string | null;
  message: string;
  suggestion: string | null;
  status: string;
  decision: string | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: string | null;
  scanned_at: string;
}

export interface ReviewSettingsTable {
  site_id: string;
  allow_phones: string;
  allow_emails: string;
  /** JSON list of the office's published addresses (migration 0018). */
  allow_addresses: string;
  sensitive_words: string;
  updated_at: string;
}

export interface ReviewTables {
  review_findings: ReviewFindingTable;
  review_settings: ReviewSettingsTable;
}
