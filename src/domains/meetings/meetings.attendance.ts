// Applications to attend a meeting (列席申请) from the public: no login; name and phone encrypted at rest
// (platform/tracking, as messages and applications keep them); a tracking code and secret to see the decision.
// The office approves or declines each one; approvals never exceed the meeting's seats, because the count is
// checked and written under the meeting's row lock (an application and a decision take the same lock).
import { type Actor, type Deps, systemActor } from "../../deps";
import { decryptField, encryptField } from "../../platform/crypto";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import {
  isPhoneNumber,
  newTracking,
  normalisePhone,
  normaliseTrackingInput,
  sealContact,
  type TrackingKind,
  verifyTrackingSecret,
} from "../../platform/tracking";
import { lockedStep } from "../../platform/workflow/locked-step";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { authoriseMeeting, mayActOnMeeting, meetingNotFound } from "./meetings.policy";
import * as repo from "./meetings.repo";
import type { AttendanceInput, DecisionInput } from "./meetings.schemas";
import { acceptsApplications, checkLength, loadForStaff, todayOf } from "./meetings.service";
import {
  DECISION_STATUSES,
  IDENTITIES,
  IDENTITY_LABELS,
  PUBLIC_STATUSES,
  STATUS_LABELS,
} from "./meetings.steps";
import type { AttendanceStatus, AttendeeIdentity } from "./meetings.tables";

/** Attendance tracking codes start with LX (列席). */
export const ATTENDANCE_TRACKING: TrackingKind = { prefix: "LX", purpose: "meeting_attendance" };
const PUBLIC_ACTOR: Actor = systemActor("网上列席申请");
export const MIN_REASON_CHARS = 5;

export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = {
  pending: "待审核",
  approved: "同意列席",
  declined: "未同意列席",
};

export interface CheckedAttendance {
  name: string;
  phone: string;
  identity: AttendeeIdentity;
  reason: string;
}

/** Checks an application to attend; every problem named, nothing stored when any is found. */
export function checkAttendance(input: Partial<AttendanceInput>, p: Problems): CheckedAttendance {
  const name = (input.name ?? "").trim();
  if (!name) p.add("name", "name_required", "请填写姓名。");
  else if ([...name].length > 50) p.add("name", "name_too_long", "姓名不能超过50个字。");
  const phone = normalisePhone(input.phone) ?? "";
  if (!phone) p.add("phone", "phone_required", "请填写联系电话，以便通知审核结果。");
  else if (!isPhoneNumber(phone))
    p.add("phone", "invalid_phone", "联系电话格式不正确（手机号或带区号的固定电话）。");
  const identity = (input.identity ?? "") as AttendeeIdentity;
  if (!IDENTITIES.includes(identity))
    p.add(
      "identity",
      "invalid_identity",
      `请选择身份（${IDENTITIES.map((i) => IDENTITY_LABELS[i]).join("、")}）。`,
    );
  const reason = (input.reason ?? "").trim();
  if ([...reason].length < MIN_REASON_CHARS)
    p.add("reason", "reason_required", `请填写申请列席的理由（至少${MIN_REASON_CHARS}个字）。`);
  else if ([...reason].length > 2000) p.add("reason", "reason_too_long", "申请理由不能超过2000字。");
  return { name, phone, identity, reason };
}

export const attendanceClosed = (row: Pick<repo.MeetingRow, "apply_closes_on">) =>
  new AppError("attendance_closed", 409, `列席报名已截止（截止日期${row.apply_closes_on}），不再接受申请。`);

/** Stores an application while the meeting takes them; 409 before the period or once it has closed. */
export async function applyToAttend(
  deps: Deps,
  siteId: string,
  meetingId: string,
  input: Partial<AttendanceInput>,
): Promise<{ tracking_code: string; secret: string }> {
  const p = new Problems();
  const checked = checkAttendance(input, p);
  p.throwIfAny("列席申请未提交，请按提示修改。");
  const today = todayOf(deps);
  const now = deps.clock.now();
  const key = deps.config.secretKey;
  const sealed = sealContact(key, { idNumber: null, phone: checked.phone, email: null, address: null });
  const { code, secret, secretHash } = newTracking(key, ATTENDANCE_TRACKING, now);
  await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockMeeting(trx, deps.db.dialect, meetingId),
    missing: meetingNotFound,
    check: (_trx, row) => {
      if (row.site_id !== siteId || !PUBLIC_STATUSES.includes(row.status) || !row.announced_at)
        throw meetingNotFound();
      if (row.status === "announced" && today < row.apply_opens_on)
        throw new AppError(
          "attendance_not_open",
          409,
          `列席报名将于${row.apply_opens_on}开始，届时再提交申请。`,
        );
      if (row.status === "cancelled")
        throw new AppError("meeting_cancelled", 409, "会议已取消，不再接受列席申请。");
      if (!acceptsApplications(row, today)) throw attendanceClosed(row);
    },
    write: async (trx, row) => {
      const id = newId();
      await repo.insertAttendance(trx, {
        id,
        meeting_id: row.id,
        tracking_code: code,
        secret_hash: secretHash,
        name_enc: encryptField(key, checked.name),
        phone_enc: sealed.phone_enc!,
        identity: checked.identity,
        reason: checked.reason,
        status: "pending",
        decision_reason: null,
        decided_by: null,
        decided_at: null,
        created_at: now.toISOString(),
      });
      await repo.updateMeeting(trx, row.id, { application_count: row.application_count + 1 });
      await recordAudit(trx, deps.clock, PUBLIC_ACTOR, {
        action: "meeting.attendance_apply",
        entityType: "meeting",
        entityId: row.id,
        orgId: row.org_id,
        // Never the applicant's name or phone.
        summary: { tracking_code: code, identity: IDENTITY_LABELS[checked.identity] },
      });
    },
  });
  invalidatePublicPages(deps);
  return { tracking_code: code, secret };
}

export const seatsFull = (seats: number) =>
  new AppError("seats_full", 409, `公众列席名额（${seats}个）已满，不能再同意列席申请。`);

/** Approves or declines one application, under the meeting's row lock; approvals never exceed the seats. */
export async function decideAttendance(
  deps: Deps,
  user: CurrentUser,
  meetingId: string,
  attendanceId: string,
  input: Partial<DecisionInput>,
): Promise<repo.AttendanceRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  const now = deps.clock.now().toISOString();
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockMeeting(trx, deps.db.dialect, meetingId),
    missing: meetingNotFound,
    check: async (trx, row) => {
      authoriseMeeting(user, "meeting.decide", row, tree);
      const a = await repo.findAttendance(trx, row.id, attendanceId);
      if (!a) throw new AppError("attendance_not_found", 404, "列席申请不存在。");
      const p = new Problems();
      if (input.decision !== "approve" && input.decision !== "decline")
        p.add("decision", "invalid_decision", "请选择同意或不同意列席。");
      if (input.decision === "decline" && !input.reason?.trim())
        p.add("reason", "reason_required", "不同意列席时请写明理由（将告知申请人）。");
      checkLength(p, "reason", "理由", input.reason?.trim(), 1000);
      p.throwIfAny("未能办理，请按提示修改。");
      if (!DECISION_STATUSES.includes(row.status))
        throw new AppError(
          "attendance_decision_closed",
          409,
          `会议当前状态为“${STATUS_LABELS[row.status]}”，不能再审核列席申请。`,
        );
      if (a.status !== "pending")
        throw new AppError(
          "attendance_already_decided",
          409,
          `该申请已审核（${ATTENDANCE_STATUS_LABELS[a.status]}），不能重复审核。`,
        );
      if (input.decision === "approve" && (await repo.countAttendance(trx, row.id, "approved")) >= row.seats)
        throw seatsFull(row.seats);
      return a;
    },
    write: async (trx, row, a) => {
      const approve = input.decision === "approve";
      const set = {
        status: approve ? ("approved" as const) : ("declined" as const),
        decision_reason: input.reason?.trim() || null,
        decided_by: user.id,
        decided_at: now,
      };
      await repo.updateAttendance(trx, a.id, set);
      if (approve) await repo.updateMeeting(trx, row.id, { approved_count: row.approved_count + 1 });
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: approve ? "meeting.attendance_approve" : "meeting.attendance_decline",
        entityType: "meeting",
        entityId: row.id,
        orgId: row.org_id,
        summary: {
          tracking_code: a.tracking_code,
          ...(set.decision_reason ? { reason: set.decision_reason } : {}),
        },
      });
      return { ...a, ...set };
    },
  });
  invalidatePublicPages(deps);
  return result;
}

const trackFailed = () => new AppError("attendance_not_found", 404, "查询码或密码不正确。");

/** The applicant's view: the decision and the meeting; a wrong code and a wrong secret look the same. */
export async function trackAttendance(deps: Deps, code: string, secret: string) {
  const a = await repo.findAttendanceByCode(deps.db.kysely, normaliseTrackingInput(code ?? ""));
  if (!a || !verifyTrackingSecret(deps.config.secretKey, ATTENDANCE_TRACKING, a.secret_hash, secret ?? ""))
    throw trackFailed();
  const m = await repo.findMeeting(deps.db.kysely, a.meeting_id);
  if (!m) throw trackFailed();
  return {
    tracking_code: a.tracking_code,
    identity: a.identity,
    status: a.status,
    status_label: ATTENDANCE_STATUS_LABELS[a.status],
    decision_reason: a.status === "declined" ? a.decision_reason : null,
    decided_at: a.decided_at,
    meeting: {
      id: m.id,
      title: m.title,
      starts_at: m.starts_at,
      place: m.place,
      status: m.status,
      url: `/hd/meetings/${m.id}`,
    },
  };
}

export type AttendanceTrack = Awaited<ReturnType<typeof trackAttendance>>;

/** Staff: the applications of a meeting with names and phones decrypted (they handle them). */
export async function listAttendanceForStaff(deps: Deps, user: CurrentUser, meetingId: string) {
  const { row, tree } = await loadForStaff(deps, user, meetingId);
  const key = deps.config.secretKey;
  const rows = await repo.listAttendance(deps.db.kysely, row.id);
  // Applicants' names and phones are for whoever decides on the applications (the office) only; other staff
  // who may see the meeting see the applications without them.
  const contactVisible = mayActOnMeeting(user, "meeting.decide", row, tree);
  return {
    row,
    contactVisible,
    items: rows.map((a) => ({
      id: a.id,
      tracking_code: a.tracking_code,
      name: contactVisible ? decryptField(key, a.name_enc) : null,
      phone: contactVisible ? decryptField(key, a.phone_enc) : null,
      identity: a.identity,
      reason: a.reason,
      status: a.status,
      decision_reason: a.decision_reason,
      decided_at: a.decided_at,
      created_at: a.created_at,
    })),
  };
}
