// Row types of the normative-document ledger (migration 0033).
export interface NormativeSettingsTable {
  site_id: string;
  /** The uniform registration number: {YYYY} the year, {N…} the serial padded to that many digits. */
  number_pattern: string;
  validity_years: number;
  /** 暂行 / 试行 documents. */
  provisional_years: number;
  /** Filing with the higher authority (备案) within this many days of publication. */
  filing_days: number;
  /** Months before expiry when the office is alerted. */
  alert_months: number;
  updated_by: string;
  updated_at: string;
}

export interface NormativeCounterTable {
  site_id: string;
  prefix: string;
  last_serial: number;
}

/** One registered 规范性文件 (the item version it registers). */
export interface NormativeEntryTable {
  item_id: string;
  site_id: string;
  org_id: string;
  registration_number: string;
  registered_at: string;
  registered_by: string | null;
  /** 合法性审核: the reviewing body, the date and its opinion. */
  review_body: string;
  reviewed_on: string;
  review_opinion: string;
  /** 集体讨论决定: the meeting and its date. */
  decision_body: string | null;
  decided_on: string | null;
  /** A document's own validity in years (null: the site's default for its kind). */
  validity_years: number | null;
  expires_on: string | null;
  filing_due_on: string | null;
  filed_on: string | null;
  filed_with: string | null;
  filing_number: string | null;
  updated_at: string;
}

export interface NormativeLinkTable {
  item_id: string;
  target_id: string;
  /** `amends` (修改) or `repeals` (废止): item_id acts on target_id. */
  relation: string;
  created_by: string | null;
  created_at: string;
}

export interface NormativeCleanupTable {
  id: string;
  site_id: string;
  org_id: string;
  title: string;
  /** draft → releasing (its list is a publishing draft) → published (the list was released). */
  status: string;
  list_item_id: string | null;
  created_by: string;
  created_at: string;
  released_at: string | null;
}

export interface NormativeCleanupEntryTable {
  cleanup_id: string;
  item_id: string;
  /** continue (继续有效), repealed (废止), expired (失效). */
  outcome: string;
}

export interface DocumentImportTable {
  site_id: string;
  /** The 文号 as the search index keys it (any bracket style). */
  doc_key: string;
  item_id: string;
  imported_by: string;
  imported_at: string;
}

/** An alert raised by the daily job, once per document, kind and date it is about. */
export interface NormativeAlertTable {
  item_id: string;
  kind: string;
  site_id: string;
  about_on: string;
  raised_on: string;
}

export interface NormativeTables {
  normative_alerts: NormativeAlertTable;
  normative_settings: NormativeSettingsTable;
  normative_counters: NormativeCounterTable;
  normative_entries: NormativeEntryTable;
  normative_links: NormativeLinkTable;
  normative_cleanups: NormativeCleanupTable;
  normative_cleanup_entries: NormativeCleanupEntryTable;
  document_imports: DocumentImportTable;
}
