// Row types of the public archive of answered applications and the Art. 44 decisions (migration 0011).

/** 申请公开答复选登: one de-identified entry per replied application the office chose to publish. */
export interface ApplicationArchiveTable {
  id: string;
  application_id: string;
  site_id: string;
  /** published | withdrawn */
  status: string;
  /** The request, de-identified and edited by the office; rescanned before saving. */
  summary: string;
  reply_summary: string | null;
  /** natural | org: never the applicant's name, number or contacts. */
  applicant_type: string;
  received_on: string | null;
  replied_on: string;
  outcome: string;
  /** The handling organisation (承办单位), when assigned. */
  org_id: string | null;
  /** The replying organisation, as printed on the reply letter. */
  org_name: string;
  published_at: string;
  published_by: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** Art. 44: the decision on a group of applications for the same information. */
export interface ApplicationRepeatDecisionTable {
  id: string;
  site_id: string;
  /** include | exclude */
  decision: string;
  title: string;
  reason: string | null;
  org_id: string | null;
  item_id: string | null;
  /** JSON string[] */
  application_ids: string;
  decided_by: string;
  decided_at: string;
}

/** Art. 44 para. 2: the applicant's suggestion to disclose the information proactively. */
export interface ApplicationSuggestionTable {
  id: string;
  application_id: string;
  reason: string;
  recorded_by: string;
  recorded_at: string;
}

export interface ApplicationArchiveTables {
  application_archive: ApplicationArchiveTable;
  application_repeat_decisions: ApplicationRepeatDecisionTable;
  application_suggestions: ApplicationSuggestionTable;
}
