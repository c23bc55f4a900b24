// Row types of the implementation reports and the 一件事 sets (migration 0038).

/** A 互联网+政务服务 implementation report: a draft, or published (its figures frozen). */
export type ServiceReportStatus = "draft" | "published";

export interface ServiceReportTable {
  id: string;
  site_id: string;
  /** The office writing it (the site's root organisation). */
  org_id: string;
  year: number;
  /** 1-4 for a quarter, 0 for the whole year. */
  quarter: number;
  title: string;
  /** Plain text, paragraphs separated by blank lines. */
  body: string;
  status: ServiceReportStatus;
  /** The online-service statistics (ServiceStats) when last written; frozen once published. */
  figures_json: string;
  /** When the figures were taken. */
  figures_at: string;
  created_by: string;
  published_by: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

/** What a 一件事 adds to its items: the one combined form, and the member materials it does not ask for. */
export interface ServiceBundleSetTable {
  bundle_id: string;
  /** A catalogue material whose blank form is the bundle's one application form (一表申请), or null. */
  form_material_id: string | null;
  /** JSON array of material ids of the member items the bundle does not ask for (减材料). */
  dropped_json: string;
}

export interface ServiceReportTables {
  service_reports: ServiceReportTable;
  service_bundle_sets: ServiceBundleSetTable;
}
