// Row types of the site-health tables (migration 0028).

/** One check of a site: the predicted verdict and the indicators with their evidence (JSON HealthResult). */
export interface HealthRunTable {
  id: string;
  site_id: string;
  run_at: string;
  checked_on: string;
  /** pass (合格) | fail (不合格) */
  verdict: string;
  score: number;
  /** JSON array of the veto codes found (单项否决). */
  vetoes: string;
  result: string;
  /** 1 once the office was alerted about this run (verdict worse than the previous run, or a new veto). */
  alerted: number;
}

/** A link on a published page and the outcome of its last check. */
export interface HealthLinkTable {
  site_id: string;
  item_id: string;
  url: string;
  internal: number;
  found_at: string;
  checked_at: string | null;
  ok: number | null;
  status: number | null;
  problem: string | null;
}

export interface HealthTables {
  health_runs: HealthRunTable;
  health_links: HealthLinkTable;
}
