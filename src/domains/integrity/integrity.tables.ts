// Row types of the integrity tables (migration 0021).

/** One day of one site's chain (Asia/Shanghai day). */
export interface IntegrityDayTable {
  site_id: string;
  day: string;
  /** The previous sealed day's hash, or 64 zeros for the first day. */
  prev_hash: string;
  /** Canonical JSON array of the leaves, exactly as hashed. */
  leaves: string;
  leaf_count: number;
  hash: string;
  sealed_at: string;
}

export interface IntegrityAlertTable {
  id: string;
  site_id: string;
  detected_at: string;
  fingerprint: string;
  /** JSON array of the differences found. */
  differences: string;
  difference_count: number;
  status: "open" | "acknowledged";
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  note: string | null;
}

/** The published file of an attachment (the masked one where there is one), recorded at publication. */
export interface PublishedFileTable {
  attachment_id: string;
  item_id: string;
  position: number;
  sha256: string;
}

export interface IntegrityTables {
  published_files: PublishedFileTable;
  integrity_days: IntegrityDayTable;
  integrity_alerts: IntegrityAlertTable;
}
