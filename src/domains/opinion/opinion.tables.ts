// Row types of the public-opinion tables (migration 0034).

export type OpinionLevel = "especially_major" | "major" | "general";
export type OpinionCategory =
  | "policy_misreading"
  | "public_interest"
  | "livelihood_morality"
  | "emergency"
  | "hotspot"
  | "higher_request";
export type CaseStatus = "draft" | "open" | "responded" | "evaluated" | "closed" | "dismissed";

/** A site's response clocks (hours) and early-warning thresholds; absent: OPINION_DEFAULTS. */
export interface OpinionSettingsTable {
  site_id: string;
  info_hours: number;
  press_hours: number;
  response_hours: number;
  window_hours: number;
  baseline_days: number;
  burst_ratio: number;
  burst_min: number;
  updated_at: string;
}

export interface OpinionKeywordTable {
  id: string;
  site_id: string;
  word: string;
  created_by: string | null;
  created_at: string;
}

/** An entry of an imported news or social feed (RSS or CSV): one more stream for the early warning. */
export interface OpinionFeedEntryTable {
  id: string;
  site_id: string;
  source: string;
  title: string;
  body: string;
  link: string | null;
  published_at: string;
  /** SHA-256 of source, title and link: the same entry imported twice is kept once. */
  fingerprint: string;
  imported_at: string;
}

export interface OpinionCaseTable {
  id: string;
  site_id: string;
  /** The first responsible unit (谁主管谁负责). */
  org_id: string;
  title: string;
  summary: string;
  level: OpinionLevel;
  category: OpinionCategory;
  status: CaseStatus;
  warning_id: string | null;
  /** When the matter surfaced: the clocks run from here. */
  discovered_at: string;
  info_released_at: string | null;
  press_held_at: string | null;
  /** The item in 回应关切 that answers it (a draft until published through the publishing workflow). */
  response_item_id: string | null;
  response_published_at: string | null;
  /** good | fair | poor: the evaluation of the response's effect. */
  effect: string | null;
  evaluation: string | null;
  evaluated_at: string | null;
  dismiss_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** coordination (with 宣传/网信/公安) | follow_up | step (a workflow step's note). */
export interface OpinionCaseEventTable {
  id: string;
  case_id: string;
  at: string;
  kind: string;
  /** The coordinating party (propaganda | cyberspace | police), for coordination events. */
  party: string | null;
  text: string;
  actor_label: string;
}

export interface OpinionWarningTable {
  id: string;
  site_id: string;
  /** burst | keyword */
  kind: string;
  topic: string;
  /** The topic's key terms sorted and joined: one warning per topic per window. */
  topic_key: string;
  count: number;
  /** The topic's expected volume in one window, from the baseline period. */
  baseline: number;
  window_hours: number;
  /** JSON array of {type, id}. */
  evidence_json: string;
  raised_at: string;
  case_id: string | null;
}

export interface HotlineSupervisionTable {
  id: string;
  site_id: string;
  org_id: string;
  ticket_no: string | null;
  subject: string;
  requirement: string;
  due_on: string;
  /** open | closed */
  status: string;
  /** resolved | rectified | unresolved, with the text in `outcome`. */
  outcome: string | null;
  closed_on: string | null;
  issued_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface OpinionTables {
  opinion_settings: OpinionSettingsTable;
  opinion_keywords: OpinionKeywordTable;
  opinion_feed_entries: OpinionFeedEntryTable;
  opinion_cases: OpinionCaseTable;
  opinion_case_events: OpinionCaseEventTable;
  opinion_warnings: OpinionWarningTable;
  hotline_supervisions: HotlineSupervisionTable;
}
