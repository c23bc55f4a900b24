// Rows of the Mongolian versions (migration 0039). `Database` in src/db/schema.ts extends MongolianTables.

/**
 * What a Mongolian version translates: an information item (its lineage), a catalogue node's name, or a later
 * domain's public content (mongolian.kinds.ts): a service item's guide, a gazette issue, a consultation, a meeting,
 * a department's 权责清单 or 公共服务事项清单, a 互联网+政务服务 implementation report, a 一件事 bundle, a 政务服务大厅.
 */
export type MnSubjectType =
  | "item"
  | "catalog_node"
  | "service_item"
  | "gazette_issue"
  | "consultation"
  | "meeting"
  | "service_list"
  | "service_report"
  | "service_bundle"
  | "service_hall";

/** draft → submitted → approved; an approved revision becomes superseded when a newer one is approved. */
export type MnStatus = "draft" | "submitted" | "approved" | "superseded";

export interface MnVersionTable {
  id: string;
  site_id: string;
  org_id: string;
  subject_type: MnSubjectType;
  /** The item's lineage_id (shared by all its versions), or the catalogue node's (or later subject's) id. */
  subject_id: string;
  revision: number;
  status: MnStatus;
  /** Mongolian title (an item) or name (a catalogue node). */
  title: string;
  summary: string | null;
  /** Sanitised HTML (the Chinese body's rules); null for a catalogue node. */
  body_html: string | null;
  body_text: string | null;
  /** The Chinese it translates: the item version's id (or the node's id), its version number, its fingerprint. */
  source_id: string;
  source_version: number | null;
  source_sha256: string;
  last_note: string | null;
  created_by: string;
  updated_by: string;
  submitted_by: string | null;
  approved_by: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MongolianTables {
  mn_versions: MnVersionTable;
}
