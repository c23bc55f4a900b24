// Row types of the gazette tables (migration 0032).

export type IssueStatus = "draft" | "submitted" | "reviewed" | "released";
/** compiled: by the office from published documents; imported: a back issue from its printed file. */
export type IssueSource = "compiled" | "imported";
/** The table of contents' categories, in the order the printed gazette lists them. */
export type EntryCategory =
  | "regulation"
  | "government_normative"
  | "office_normative"
  | "department_normative"
  | "other";

export interface GazetteIssueTable {
  id: string;
  site_id: string;
  /** The compiling organisation (the office's, at the site root). */
  org_id: string;
  source: IssueSource;
  status: IssueStatus;
  year: number;
  /** 年第N期: assigned at release (imported: as printed). */
  number: number | null;
  /** 总第M期: assigned at release. */
  total_number: number | null;
  published_on: string | null;
  note: string | null;
  /** SHA-256 of the authoritative file (the PDF generated at release, or the imported file). */
  file_sha256: string | null;
  file_size: number | null;
  /** pdf or docx. */
  file_type: string | null;
  file_name: string | null;
  /** Imported issues: the text extracted from the file (compiled issues: their entries hold the text). */
  body_text: string | null;
  created_by: string | null;
  submitted_by: string | null;
  reviewed_by: string | null;
  released_by: string | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  released_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface GazetteEntryTable {
  id: string;
  issue_id: string;
  position: number;
  category: EntryCategory;
  /** The published item (compiled issues); null for an imported issue's table of contents. */
  item_id: string | null;
  org_id: string | null;
  org_name: string;
  title: string;
  doc_number: string | null;
  formed_on: string | null;
  /** The text as the gazette prints it (snapshotted at release). */
  body_text: string;
}

export interface GazetteCorrectionTable {
  id: string;
  site_id: string;
  issue_id: string;
  /** The corrected document of the issue; null: the issue as a whole. */
  entry_id: string | null;
  text: string;
  published_on: string;
  created_by: string | null;
  created_at: string;
}

export interface GazetteTables {
  gazette_issues: GazetteIssueTable;
  gazette_entries: GazetteEntryTable;
  gazette_corrections: GazetteCorrectionTable;
}
