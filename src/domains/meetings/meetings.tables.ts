// Row types of the meeting tables (migration 0024).

export type MeetingStatus =
  | "draft"
  | "announced"
  | "applications_closed"
  | "held"
  | "minutes_published"
  | "cancelled";
export type MeetingKind = "executive" | "topical" | "hearing" | "forum" | "other";
export type AttendanceStatus = "pending" | "approved" | "declined";
export type AttendeeIdentity = "citizen" | "business" | "stakeholder" | "deputy" | "media" | "expert";

export interface MeetingTable {
  id: string;
  site_id: string;
  org_id: string;
  title: string;
  kind: MeetingKind;
  /** Date and time of the meeting in Asia/Shanghai: `YYYY-MM-DDTHH:MM`. */
  starts_at: string;
  place: string;
  /** JSON array of agenda entries ({topic, item_id?, consultation_id?}). */
  agenda_json: string;
  apply_opens_on: string;
  /** Last day applications to attend are taken; before the meeting's date. */
  apply_closes_on: string;
  seats: number;
  /** An https address of the live stream, or null. */
  stream_url: string | null;
  status: MeetingStatus;
  cancel_reason: string | null;
  /** The minutes or decisions (纪要/决定), plain text, published with `publish_minutes`. */
  minutes: string | null;
  decision_item_id: string | null;
  application_count: number;
  approved_count: number;
  created_by: string;
  announced_at: string | null;
  held_at: string | null;
  minutes_published_at: string | null;
  cancelled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingAttendanceTable {
  id: string;
  meeting_id: string;
  tracking_code: string;
  secret_hash: string;
  name_enc: string;
  phone_enc: string;
  identity: AttendeeIdentity;
  reason: string;
  status: AttendanceStatus;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface MeetingTables {
  meetings: MeetingTable;
  meeting_attendance: MeetingAttendanceTable;
}
