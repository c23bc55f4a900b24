// Tables of the search index (migration 0020). search_fts (SQLite FTS5) and search_chunks (PostgreSQL) are
// reached with raw SQL in engines.ts only.

export interface SearchDocTable {
  /** Orders documents newest first (naturalKey); SQLite's FTS rowid. */
  doc_key: number;
  type: string;
  id: string;
  site_id: string;
  org_id: string | null;
  title: string;
  body: string;
  doc_number: string | null;
  /** Canonical 文号 (固政发〔2020〕1号), or null when the number is not one. */
  doc_number_key: string | null;
  kind: string | null;
  /** Catalogue node ids joined by "|" (filtering uses index tokens). */
  catalog_node_ids: string;
  published_at: string | null;
  /** Year of publication in Asia/Shanghai. */
  pub_year: number | null;
  validity: string | null;
  url: string;
  visibility: "public" | "staff";
  /** sha256 of the indexed document (fingerprintDoc): unchanged documents are not rewritten. */
  fingerprint: string;
  indexed_at: string;
}

export interface SearchTermTable {
  id: string;
  site_id: string;
  term: string;
  /** 'place' | 'org' | 'policy' | 'other'. */
  kind: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface SearchTables {
  search_docs: SearchDocTable;
  search_terms: SearchTermTable;
}
