import type { Generated } from "kysely";
import type { AccountSessionTables, AccountTotpTables } from "../domains/accounts/accounts.tables";
import type { ApplicationFileTables } from "../domains/applications/applicant-files/applicant-files.tables";
import type { ApplicationTables } from "../domains/applications/applications.tables";
import type { ApplicationArchiveTables } from "../domains/applications/archive/archive.tables";
import type { ApplicationDocumentTables } from "../domains/applications/documents/documents.tables";
import type { AssessmentTables } from "../domains/assessment/assessment.tables";
import type { CatalogTables } from "../domains/catalog/catalog.tables";
import type { ConsultationTables } from "../domains/consultation/consultation.tables";
import type { GazetteTables } from "../domains/gazette/gazette.tables";
import type { HealthTables } from "../domains/health/health.tables";
import type { IntegrityTables } from "../domains/integrity/integrity.tables";
import type { HotlineTables } from "../domains/interaction/hotline.tables";
import type { InteractionTables } from "../domains/interaction/interaction.tables";
import type { MessageStatisticsTables } from "../domains/interaction/messages.statistics.tables";
import type { MailTables } from "../domains/mail/mail.tables";
import type { MeetingTables } from "../domains/meetings/meetings.tables";
import type { MongolianTables } from "../domains/mongolian/mongolian.tables";
import type { NewmediaTables } from "../domains/newmedia/newmedia.tables";
import type { NormativeTables } from "../domains/normative/normative.tables";
import type { OpinionTables } from "../domains/opinion/opinion.tables";
import type { AttachmentTables } from "../domains/publishing/attachments/attachments.tables";
import type { PublishingTables } from "../domains/publishing/publishing.tables";
import type { ReportTables } from "../domains/reports/reports.tables";
import type { ReviewTables } from "../domains/review/review.tables";
import type { ServiceListTables } from "../domains/services/services.lists.tables";
import type { ServiceReportTables } from "../domains/services/services.reports.tables";
import type { ServiceTables } from "../domains/services/services.tables";
import type { StaticTables } from "../domains/static/static.tables";
import type { TranslationTables } from "../domains/translations/translations.tables";
import type { SearchTables } from "../platform/search/search.tables";

// Instants are ISO-8601 UTC strings and calendar dates 'YYYY-MM-DD' strings on both engines
// (docs/decisions/0002-text-timestamps.md); booleans are 0/1 integers.

export interface SiteTable {
  id: string;
  code: string;
  name: string;
  identifier_code: string; // 网站标识码
  division_code: string;
  icp_record: string | null;
  police_record: string | null;
  contact_phone: string | null;
  contact_address: string | null;
  contact_email: string | null;
  /** 索引号 pattern (migration 0004); has a default. */
  index_pattern: Generated<string>;
  /** Host names of its public portal, comma-separated, no ports (migration 0015); "" for none. */
  hosts: Generated<string>;
  /** Reply letters (migration 0019): the next-higher people's government, e.g. 包头市人民政府; null: not set. */
  parent_government?: string | null;
  created_at: string;
  updated_at: string;
}

export type OrgKind = "government" | "department" | "town" | "community" | "institution";

export interface OrgTable {
  id: string;
  site_id: string;
  parent_id: string | null;
  code: string;
  name: string;
  short_name: string;
  kind: OrgKind;
  credit_code: string | null;
  division_code: string | null;
  sort_order: number;
  /** Reply letters (migration 0019): 'vertical' (Art. 27) or 'branch' (Art. 24 ¶4); null: by kind. */
  review_route?: string | null;
  /** Reply letters (migration 0019): the review body a vertical organ or a branch names. */
  review_body?: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  name: string;
  org_id: string;
  password_hash: string;
  failed_logins: number;
  locked_until: string | null;
  session_epoch: number;
  disabled: number;
  /** Work e-mail for reminders (migration 0010); optional, and read only where reminders need it. */
  email?: string | null;
  /** 1 for a platform administrator, who creates sites (migration 0015). */
  platform_admin?: number;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  business_date: string | null;
  summary: string;
  prev_hash: string;
  hash: string;
  /** The site and organisation the entry belongs to (migration 0013); null: platform-wide or unknown. */
  site_id: string | null;
  org_id: string | null;
}

export interface AuditHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
  /** Migration 0013: names this chain, so a head file of another database is told apart. */
  chain_id: string;
  /** The first entry hashed with the key; earlier ones are plain SHA-256, sealed by legacy_seal. */
  keyed_from_seq: number;
  legacy_seal: string | null;
}

export interface Database {
  sites: SiteTable;
  orgs: OrgTable;
  users: UserTable;
  user_roles: UserRoleTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}

export type { Generated };

// Working-day calendar (migration 0002). Declared as a second `Database` so the table list merges.
export interface CalendarNoticeTable {
  year: number;
  document_number: string | null;
  url: string | null;
  title: string | null;
  days: string; // JSON NoticeDay[]
  imported_at: string;
  imported_by: string;
}

export interface CalendarClosureTable {
  id: string;
  site_id: string | null; // null: every site
  dates: string; // JSON 'YYYY-MM-DD'[]
  first_date: string;
  last_date: string;
  reason: string;
  created_at: string;
  created_by: string;
}

export interface StatutoryClockTable {
  id: string;
  owner_type: string;
  owner_id: string;
  kind: string;
  site_id: string | null;
  limit_days: number;
  events: string; // JSON ClockEvent[]
  due_on: string | null;
  status: "open" | "stopped";
  explanation: string;
  problem: string | null;
  /** 1: counted over a year without a holiday notice (暂定); migration 0017. */
  provisional: number;
  created_at: string;
  updated_at: string;
}

export interface StatutoryClockChangeTable {
  id: string;
  clock_id: string;
  at: string;
  cause: "calendar" | "event";
  old_due_on: string | null;
  new_due_on: string | null;
  reason: string;
}

export interface Database {
  calendar_notices: CalendarNoticeTable;
  calendar_closures: CalendarClosureTable;
  statutory_clocks: StatutoryClockTable;
  statutory_clock_changes: StatutoryClockChangeTable;
}

// Publishing (migration 0004).
export interface Database extends PublishingTables, AttachmentTables {}

// Disclosure catalogue (migration 0003).
export interface Database
  extends CatalogTables,
    ReviewTables,
    ApplicationTables,
    ApplicationDocumentTables,
    ApplicationFileTables {}

// Public archive of answered applications and Art. 44 decisions (migration 0011).
export interface Database extends ApplicationArchiveTables {}

// Mail outbox (migration 0010).
export interface Database extends MailTables {}

// Server-side sessions and login attempts (migration 0014).
export interface Database extends AccountSessionTables {}

// The staff second factor: TOTP secrets, recovery codes, pending sign-ins (migration 0043).
export interface Database extends AccountTotpTables {}

// Several instances on one database: claimed job runs and shared request counters (migration 0045).
export interface JobRunTable {
  name: string;
  /** The period the run is for: a Shanghai date, or a slot such as `2026-12-07T02:00:30Z`. */
  period: string;
  instance: string;
  claimed_at: string;
}
export interface RateCounterTable {
  /** The limit class and the client key (`forms:203.0.113.7`). */
  key: string;
  count: number;
  /** Milliseconds since the epoch (PostgreSQL bigint: read through Number()). */
  started_ms: number;
}
export interface Database {
  job_runs: JobRunTable;
  rate_counters: RateCounterTable;
}

// Search index and county dictionary (migration 0020).
export interface Database extends SearchTables {}

// Verifiable publication: the daily chain and its alerts (migration 0021).
export interface Database extends IntegrityTables {}

// Messages and error reports (migration 0022).
export interface Database extends InteractionTables {}

// Stored statistics of messages (migration 0026).
export interface Database extends MessageStatisticsTables {}

// The annual report's entered table 二 figures (migration 0027).
export interface Database extends ReportTables {}

// Site health: check runs and the links of published pages (migration 0028).
export interface Database extends HealthTables {}

// Assessment (考核) and accountability records (migration 0030).
export interface Database extends AssessmentTables {}

// Public consultation (征求意见): consultations, comments, documents (migration 0023).
export interface Database extends ConsultationTables {}

// Government meetings and applications to attend them (migration 0024).
export interface Database extends MeetingTables {}

// The 12345 hotline: tickets, pending uploads, the register of hotline numbers (migration 0025).
export interface Database extends HotlineTables {}

// The government gazette: issues, their documents, corrections (migration 0032).
export interface Database extends GazetteTables {}

// The normative-document ledger, clean-ups and document-management imports (migration 0033).
export interface Database extends NormativeTables {}

// Government services: items and their versions, materials, 一件事, halls and windows (migration 0031).
export interface Database extends ServiceTables {}

// 权责清单 and 公共服务事项清单 per department, and their versions (migration 0037).
export interface Database extends ServiceListTables {}

// Government services: implementation reports and what a 一件事 adds to its items (migration 0038).
export interface Database extends ServiceReportTables {}

// Public opinion, new media and 12345 supervision (migration 0034).
export interface Database extends OpinionTables, NewmediaTables {}

// The county's own wording of the portal's UI strings, per site and language (migration 0040).
export interface Database extends TranslationTables {}

// Static publication: output directories and the manifest of their files (migration 0041).
export interface Database extends StaticTables {}

// Mongolian versions of items and catalogue names, with their own review (migration 0039).
export interface Database extends MongolianTables {}
