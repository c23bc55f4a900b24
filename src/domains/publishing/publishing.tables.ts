// Row types of the publishing tables (migration 0004).
export interface ItemTable {
  id: string;
  site_id: string;
  org_id: string;
  lineage_id: string;
  version: number;
  supersedes_id: string | null;
  kind: string;
  status: string;
  title: string;
  title_mn: string | null;
  body_html: string;
  body_mn_html: string | null;
  body_text: string;
  summary: string | null;
  index_number: string | null;
  doc_number: string | null;
  topic: string | null;
  keywords: string | null;
  disclosure_mode: string;
  formed_on: string;
  scheduled_at: string | null;
  published_at: string | null;
  published_on: string | null;
  validity: string;
  validity_on: string | null;
  replaced_by_id: string | null;
  interprets_id: string | null;
  interpreter: string | null;
  interpretation_form: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  last_note: string | null;
  late: number | null;
  late_working_days: number | null;
  /** Who took the current version through each step (migration 0016, four eyes); cleared on rejection. */
  submitted_by: string | null;
  reviewed_by: string | null;
  signed_by: string | null;
  published_by: string | null;
  /** SHA-256 of the published content (migration 0021, docs/integrity.md); null until published. */
  content_sha256?: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ItemCatalogNodeTable {
  item_id: string;
  node_id: string;
}

export interface ItemEventTable {
  id: string;
  item_id: string;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
}

export interface IndexCounterTable {
  prefix: string;
  last_serial: number;
}

/** Per-site settings of the workflow (migration 0016); no row means the defaults. */
export interface PublishingSettingsTable {
  site_id: string;
  /** 1: the four-eyes rule is relaxed (one person may approve and sign what they drafted). */
  four_eyes_relaxed: number;
  reason: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface PublishingTables {
  items: ItemTable;
  publishing_settings: PublishingSettingsTable;
  item_catalog_nodes: ItemCatalogNodeTable;
  item_events: ItemEventTable;
  index_counters: IndexCounterTable;
}
