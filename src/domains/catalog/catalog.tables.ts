// Tables of the disclosure catalogue (主动公开基本目录), migration 0003. `Database` in src/db/schema.ts
// extends CatalogTables so the shared schema stays one list of tables.

export type CatalogNodeKind = "group" | "column";

export type CatalogSource =
  | "art20"
  | "art21"
  | "standard"
  | "key_project"
  | "interpretation"
  | "response"
  | "participation"
  | "basic"
  | "custom";

export type UpdateRule = "realtime" | "days" | "monthly" | "quarterly" | "yearly" | "as_needed";

export type CatalogChangeKind = "create" | "rename" | "update" | "move" | "reorder" | "archive" | "restore";

export interface CatalogNodeTable {
  id: string;
  site_id: string;
  org_id: string;
  parent_id: string | null;
  /** Stable per organisation (`art20-07`, `std-budget-1`): other domains and imports refer to it. */
  code: string;
  name: string;
  kind: CatalogNodeKind;
  source: CatalogSource;
  update_rule: UpdateRule;
  /** Working days allowed between a change and its publication, for `days` (Art. 26: 20); else null. */
  update_days: number | null;
  description: string;
  /** JSON StandardRow: the row of the 基层政务公开标准目录 this column implements; null otherwise. */
  standard: string | null;
  sort_order: number;
  archived: number;
  created_at: string;
  updated_at: string;
}

export interface CatalogNodeChangeTable {
  id: string;
  node_id: string;
  org_id: string;
  at: string;
  actor_id: string | null;
  actor_label: string;
  change: CatalogChangeKind;
  before: string | null; // JSON snapshot of the changed fields
  after: string | null;
}

export interface CatalogTables {
  catalog_nodes: CatalogNodeTable;
  catalog_node_changes: CatalogNodeChangeTable;
}
