// Row types of the assessment and accountability tables (migration 0030).

export type PeriodKind = "year" | "half" | "quarter" | "month";
export type IndicatorSource = "computed" | "manual";
export type RunStatus = "draft" | "final";
export type AccountabilityKind = "criticism" | "interview";
export type AccountabilityStatus = "open" | "rectified";

/** What the office assesses (考核指标). */
export interface AssessmentIndicatorTable {
  id: string;
  site_id: string;
  source: IndicatorSource;
  /** The registered indicator's key when computed; null when entered by hand. */
  computed_key: string | null;
  name: string;
  points: number;
  period_kind: PeriodKind;
  /** JSON array of organisation kinds it applies to (department, town…). */
  org_kinds: string;
  /** JSON array of organisation ids it applies to besides the kinds (may be empty). */
  org_ids: string;
  position: number;
  active: number;
  created_at: string;
  updated_at: string;
}

/** Points deducted per accountability record decided within the period (通报批评, 约谈整改). */
export interface AssessmentSettingsTable {
  site_id: string;
  criticism_points: number;
  interview_points: number;
  updated_at: string;
}

/** A hand-entered value: the points an organisation earned on an indicator in a period, with a note. */
export interface AssessmentManualTable {
  indicator_id: string;
  period: string;
  org_id: string;
  points: number;
  note: string;
  entered_by: string | null;
  entered_at: string;
}

export interface AssessmentRunTable {
  id: string;
  site_id: string;
  /** 2025, 2025-H1, 2025-Q3, 2025-07 */
  period: string;
  period_kind: PeriodKind;
  from_on: string;
  to_on: string;
  status: RunStatus;
  /** Incremented on every re-run; a finalise names the version it saw. */
  version: number;
  /** JSON snapshot of the indicators as configured when computed. */
  indicators: string;
  computed_at: string;
  computed_by: string;
  finalised_at: string | null;
  finalised_by: string | null;
  created_at: string;
}

export interface AssessmentScoreTable {
  run_id: string;
  org_id: string;
  indicator_id: string;
  /** Share of the points earned (0..1); null: nothing to assess (不涉及, full points). */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  points: number;
  max_points: number;
  note: string | null;
  /** JSON array of {type, id, label, url, ok?, note?}. */
  evidence: string;
}

export interface AssessmentTotalTable {
  run_id: string;
  org_id: string;
  score: number;
  max_score: number;
  deduction: number;
  total: number;
  rank: number;
  /** JSON array of {record_id, kind, points, decided_on}. */
  deductions: string;
}

export interface AccountabilityRecordTable {
  id: string;
  site_id: string;
  org_id: string;
  kind: AccountabilityKind;
  reason: string;
  decided_on: string;
  rectify_by: string | null;
  status: AccountabilityStatus;
  rectification: string | null;
  rectified_on: string | null;
  created_by: string | null;
  created_by_label: string;
  created_at: string;
  updated_at: string;
}

export interface AccountabilitySubjectTable {
  record_id: string;
  subject_type: string;
  subject_id: string;
  position: number;
}

export interface AssessmentTables {
  assessment_indicators: AssessmentIndicatorTable;
  assessment_settings: AssessmentSettingsTable;
  assessment_manual: AssessmentManualTable;
  assessment_runs: AssessmentRunTable;
  assessment_scores: AssessmentScoreTable;
  assessment_totals: AssessmentTotalTable;
  accountability_records: AccountabilityRecordTable;
  accountability_subjects: AccountabilitySubjectTable;
}
