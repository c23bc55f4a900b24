// Row types of the government new-media registry (政务新媒体, migration 0034).

/** open 运营中 | closed 已关停 | merged 已整合 */
export type AccountStatus = "open" | "closed" | "merged";
/** 开设 | 变更 | 关停 | 整合 */
export type FilingKind = "open" | "change" | "close" | "merge";
/** draft → submitted → approved → released; rejected goes back to the drafter. */
export type PostStatus = "draft" | "submitted" | "approved" | "rejected" | "released";

export interface NewmediaAccountTable {
  id: string;
  site_id: string;
  /** The certified owner (主办单位): an organisation of the site (谁开设、谁主办). */
  org_id: string;
  name: string;
  platform: string;
  account_no: string;
  /** 主管单位. */
  supervisor: string;
  operator: string;
  contact: string;
  status: AccountStatus;
  filing_no: string | null;
  filed_on: string | null;
  /** Who reviews its posts before release (先审后发), as written by the office. */
  reviewers: string;
  last_update_on: string | null;
  followers: number | null;
  /** Whether its interaction (留言、私信) works. */
  interaction_ok: number;
  /** Interaction messages left unanswered, as last entered or imported. */
  unanswered: number;
  /** An RSS feed of its posts, read for the last update. */
  feed_url: string | null;
  merged_into: string | null;
  /** The closure or merger decision for a weak account, as written by the office. */
  decision: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewmediaFilingTable {
  id: string;
  account_id: string;
  kind: FilingKind;
  filed_on: string;
  filing_no: string | null;
  /** The notice published with it (开设、变更、关停、整合公告). */
  notice: string;
  actor_label: string;
  created_at: string;
}

export interface NewmediaPostTable {
  id: string;
  account_id: string;
  title: string;
  body: string;
  status: PostStatus;
  /** The review engine's findings at submission: JSON array of {kind, text}. */
  findings_json: string;
  drafted_by: string | null;
  reviewed_by: string | null;
  review_note: string | null;
  released_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewmediaTables {
  newmedia_accounts: NewmediaAccountTable;
  newmedia_filings: NewmediaFilingTable;
  newmedia_posts: NewmediaPostTable;
}
