// Row types of the static publication tables (migration 0041).

/** One output directory the public site of a site is published to (`gongkai publish-static --out DIR`). */
export interface StaticTargetTable {
  id: string;
  site_id: string;
  /** Absolute path of the web root. */
  out_dir: string;
  /** The last audit entry (seq) whose changes are in the files: where the watcher resumes. */
  last_seq: number;
  published_at: string;
  checked_at: string | null;
}

/** The manifest: each file written, with the URL it answers and its SHA-256 (防篡改). */
export interface StaticFileTable {
  target_id: string;
  /** Relative to out_dir, `/`-separated (`gk/list/index.html`). */
  path: string;
  url: string;
  sha256: string;
  bytes: number;
  /** Space-separated ids of the records the page links to: re-rendered when one of them changes. */
  refs: string;
  written_at: string;
}

export interface StaticTables {
  static_targets: StaticTargetTable;
  static_files: StaticFileTable;
}
