// Row types of the reports tables (migration 0027).

/** One organisation's table 二 figures of a year that gongkai does not hold itself. */
export interface ReportFiguresTable {
  site_id: string;
  org_id: string;
  year: number;
  licensing: number;
  penalty: number;
  coercion: number;
  /** 行政事业性收费 collected, in 分 (bigint: PostgreSQL returns it as a string). */
  fees_fen: number | string;
  regulations_made: number;
  regulations_repealed: number;
  regulations_in_force: number;
  updated_by: string;
  updated_at: string;
}

/** The office's text of sections 一, 五 and 六 of a year's report (migration 0029); org_id '' = the site. */
export interface ReportSectionsTable {
  site_id: string;
  org_id: string;
  year: number;
  overview: string;
  problems: string;
  other: string;
  version: number;
  updated_by: string;
  updated_at: string;
}

/** Which item is the released report of a site ('' org) or organisation and year (migration 0029). */
export interface ReportReleasesTable {
  site_id: string;
  org_id: string;
  year: number;
  item_id: string;
  released_by: string;
  released_at: string;
}

export interface ReportTables {
  report_figures: ReportFiguresTable;
  report_sections: ReportSectionsTable;
  report_releases: ReportReleasesTable;
}
