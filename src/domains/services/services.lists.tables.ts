// Row types of the 权责清单 and 公共服务事项清单 tables (migration 0037).

/** 权责清单 (the administrative powers and their responsibilities) or 公共服务事项清单. */
export type ListKind = "power" | "public_service";
/** A version being edited, awaiting review, or published (then never changed). */
export type ListVersionStatus = "editing" | "submitted" | "published";

export interface ServiceListTable {
  id: string;
  site_id: string;
  /** The department (organisation) whose list it is. */
  org_id: string;
  kind: ListKind;
  /** Number of the published version in force (0: none yet). */
  version: number;
  /** When the version in force was published. */
  published_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ServiceListVersionTable {
  id: string;
  list_id: string;
  number: number;
  status: ListVersionStatus;
  /** The whole list: JSON ListEntry[] in order. */
  entries_json: string;
  /** The recorded decision (决定) publishing the list: its number and title; required to submit. */
  decision: string;
  /** What the version changes and why. */
  reason: string;
  review_note: string | null;
  created_by: string;
  submitted_by: string | null;
  submitted_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ServiceListTables {
  service_lists: ServiceListTable;
  service_list_versions: ServiceListVersionTable;
}
