export interface ApplicationTable {
  id: string;
  site_id: string;
  tracking_code: string;
  secret_hash: string;
  channel: string;
  status: string;
  applicant_type: string;
  applicant_name: string;
  id_type: string | null;
  id_number_enc: string | null;
  id_index: string | null;
  credit_code: string | null;
  legal_rep: string | null;
  phone_enc: string | null;
  email_enc: string | null;
  address_enc: string | null;
  description: string;
  delivery: string;
  carrier: string;
  submitted_at: string;
  received_on: string | null;
  org_id: string | null;
  handler_id: string | null;
  correction_deadline: string | null;
  correction_used: number;
  extended_days: number;
  fee_yuan: number | null;
  fee_method: string | null;
  fee_deadline: string | null;
  consult_party: string | null;
  consult_deadline: string | null;
  outcome: string | null;
  outcome_note: string | null;
  /** partial: the withhold.* ground of the part withheld (migration 0019, reply letters). */
  withheld_ground?: string | null;
  replied_on: string | null;
  merged_into_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApplicationStepTable {
  id: string;
  application_id: string;
  at: string;
  on_date: string;
  action: string;
  actor_label: string;
  public: number;
  public_text: string;
  internal_note: string | null;
}

export interface ApplicationDisputeTable {
  id: string;
  application_id: string;
  kind: string;
  filed_on: string;
  result: string;
  decided_on: string | null;
  note: string | null;
  created_at: string;
}

export interface ApplicationTables {
  applications: ApplicationTable;
  application_steps: ApplicationStepTable;
  application_disputes: ApplicationDisputeTable;
}
