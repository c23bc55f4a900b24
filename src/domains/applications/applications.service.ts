import type { Deps, Executor } from "../../deps";
import { type Actor, systemActor } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { encodeCursor, pageRequest } from "../../platform/paging";
import { isRealDate, shanghaiDateOf } from "../../platform/time";
import {
  contactIndex,
  newTracking,
  normaliseTrackingInput,
  openContact,
  sealContact,
  verifyTrackingSecret,
} from "../../platform/tracking";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { getClockByOwner, openClock, readClock } from "../calendar";
import { getSite, loadOrgTree } from "../orgs";
import { checkApplicant } from "./applicant-checks";
import {
  type ApplicantUpload,
  checkApplicantFiles,
  decodeApiAttachments,
  insertFileRows,
  sealFiles,
} from "./applicant-files/applicant-files.service";
import { applicationScope, authoriseIntake, listScope, loadApplicationFor } from "./applications.policy";
import * as repo from "./applications.repo";
import type { ApplyInput, IntakeInput } from "./applications.schemas";
import { CHANNEL_LABELS, STATUS_LABELS } from "./applications.schemas";
import { REPLY_LIMIT } from "./applications.steps";
import { APPLICATION_TRACKING } from "./applications.tracking";

export type ApplicationRow = repo.ApplicationRow;

export async function insertStepRow(
  deps: Deps,
  trx: Executor,
  applicationId: string,
  step: {
    on: string;
    action: string;
    actor: Actor;
    publicText: string;
    public?: boolean;
    internalNote?: string | null;
  },
): Promise<void> {
  await repo.insertStep(trx, {
    id: newId(),
    application_id: applicationId,
    at: deps.clock.now().toISOString(),
    on_date: step.on,
    action: step.action,
    actor_label: step.actor.label,
    public: step.public === false ? 0 : 1,
    public_text: step.publicText,
    internal_note: step.internalNote ?? null,
  });
}

/** Files sent with an application: what the form or API received, and parts the form reader dropped. */
export interface FilesInput {
  uploads: readonly ApplicantUpload[];
  dropped?: number;
}

async function createApplication(
  deps: Deps,
  actor: Actor,
  input: ApplyInput,
  channel: string,
  receivedOn: string | null,
  files: FilesInput = { uploads: [] },
  holder: { siteId?: string; orgId: string | null } = { orgId: null },
): Promise<{ row: ApplicationRow; secret: string }> {
  const p = new Problems();
  const checked = checkApplicant(input, p);
  const today = shanghaiDateOf(deps.clock.now());
  if (receivedOn && !isRealDate(receivedOn))
    p.add("on", "invalid_date", `日期 ${receivedOn} 不存在，请按 YYYY-MM-DD 填写真实日期。`);
  else if (receivedOn && receivedOn > today) p.add("on", "future_date", "收到申请的日期不能晚于今天。");
  const uploads = [...files.uploads, ...decodeApiAttachments(input.attachments, p)];
  const accepted = await checkApplicantFiles(uploads, p, { dropped: files.dropped ?? 0 });
  p.throwIfAny("申请未提交，请按提示修改。");
  // Encrypted and stored before the transaction (slow work outside it); removed again if it fails.
  const sealed = await sealFiles(deps, accepted);
  const siteId = holder.siteId ?? (await getSite(deps)).id;
  const now = deps.clock.now();
  const { code, secret, secretHash } = newTracking(deps.config.secretKey, APPLICATION_TRACKING, now);
  const row: ApplicationRow = {
    id: newId(),
    site_id: siteId,
    tracking_code: code,
    secret_hash: secretHash,
    channel,
    status: receivedOn ? "handling" : "submitted",
    applicant_type: input.applicant.type,
    applicant_name: checked.name,
    id_type: checked.idType,
    // An organisation is found by its credit code when it gave no identity number.
    ...sealContact(deps.config.secretKey, checked, checked.idNumber ?? checked.creditCode),
    credit_code: checked.creditCode,
    legal_rep: checked.legalRep,
    description: checked.description,
    delivery: input.delivery,
    carrier:
      input.carrier ?? (input.delivery === "email" || input.delivery === "online" ? "electronic" : "paper"),
    submitted_at: now.toISOString(),
    received_on: receivedOn,
    org_id: holder.orgId,
    handler_id: null,
    correction_deadline: null,
    correction_used: 0,
    extended_days: 0,
    fee_yuan: null,
    fee_method: null,
    fee_deadline: null,
    consult_party: null,
    consult_deadline: null,
    outcome: null,
    outcome_note: null,
    withheld_ground: null,
    replied_on: null,
    merged_into_id: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  try {
    await deps.db.kysely.transaction().execute(async (trx) => {
      await repo.insertApplication(trx, row);
      await insertFileRows(
        trx,
        row.id,
        sealed,
        channel === "online" ? "applicant" : "office",
        actor,
        row.created_at,
      );
      await insertStepRow(deps, trx, row.id, {
        // A paper application is dated the day it was received (Art. 31), so the steps read in order.
        on: receivedOn ?? shanghaiDateOf(now),
        action: "submit",
        actor,
        publicText:
          channel === "online"
            ? "收到网上申请，待工作人员登记确认。"
            : `${CHANNEL_LABELS[channel] ?? channel}申请已登记。`,
      });
      if (receivedOn) await startReplyClock(deps, trx, row, actor, receivedOn);
      await recordAudit(trx, deps.clock, actor, {
        action: "application.create",
        entityType: "application",
        entityId: row.id,
        orgId: row.org_id,
        siteId: row.site_id,
        businessDate: receivedOn,
        // Never the applicant's identity number, address or contacts.
        summary: {
          tracking_code: row.tracking_code,
          channel,
          applicant_type: row.applicant_type,
          ...(sealed.rows.length ? { files: sealed.rows.length } : {}),
        },
      });
    });
  } catch (e) {
    await sealed.discard();
    throw e;
  }
  return { row, secret };
}

/** Registration sets the date of receipt (Art. 31) and starts the 20-working-day reply clock. */
export async function startReplyClock(
  deps: Deps,
  trx: Executor,
  row: ApplicationRow,
  actor: Actor,
  receivedOn: string,
) {
  await openClock(deps, trx, {
    ownerType: "application",
    ownerId: row.id,
    siteId: row.site_id,
    limit: REPLY_LIMIT,
    events: [{ type: "start", on: receivedOn, label: "收到申请" }],
  });
  await insertStepRow(deps, trx, row.id, {
    on: receivedOn,
    action: "register",
    actor,
    publicText: `登记受理，收到申请日期为 ${receivedOn}。`,
  });
}

/**
 * A citizen's online application (外网受理) to a site (the portal's, by its Host; the default site when
 * absent): waits for the office to confirm receipt.
 */
export function submitOnline(deps: Deps, input: ApplyInput, files?: FilesInput, siteId?: string) {
  return createApplication(deps, systemActor("网上申请"), input, "online", null, files, {
    siteId,
    orgId: null,
  });
}

/** The office registers a letter, registered post, fax, e-mail or in-person application with its Art. 31 date. */
export async function intakeApplication(deps: Deps, user: CurrentUser, input: IntakeInput) {
  const { orgId } = authoriseIntake(user, await loadOrgTree(deps, user.siteId));
  const { channel, on, ...rest } = input;
  return createApplication(deps, actorOf(user), rest, channel, on, undefined, { siteId: user.siteId, orgId });
}

/** The applicant's own view: public steps, status and the promised date, with code and secret. */
export async function trackApplication(deps: Deps, code: string, secret: string) {
  const row = await repo.findByTrackingCode(deps.db.kysely, normaliseTrackingInput(code));
  // The same answer for a wrong code and a wrong secret, so codes cannot be probed.
  if (!row || !verifyTrackingSecret(deps.config.secretKey, APPLICATION_TRACKING, row.secret_hash, secret)) {
    throw new AppError("application_not_found", 404, "查询码或密码不正确。");
  }
  const clock = await getClockByOwner(deps, { ownerType: "application", ownerId: row.id });
  const steps = await repo.stepsOf(deps.db.kysely, row.id, true);
  return {
    tracking_code: row.tracking_code,
    status: row.status,
    status_label: STATUS_LABELS[row.status] ?? row.status,
    received_on: row.received_on,
    due_on: row.status === "replied" ? null : (clock?.dueOn ?? null),
    // H1: a due date counted over a year without a holiday notice is provisional (暂定).
    due_on_provisional: row.status !== "replied" && Boolean(clock?.dueOn && clock.provisional),
    replied_on: row.replied_on,
    outcome: row.outcome,
    correction_deadline: row.status === "correction" ? row.correction_deadline : null,
    fee_yuan: row.status === "fee_pending" ? row.fee_yuan : null,
    fee_deadline: row.status === "fee_pending" ? row.fee_deadline : null,
    steps: steps.map((s) => ({ on: s.on_date, action: s.action, text: s.public_text })),
  };
}

/** The staff view, with the applicant's personal data decrypted for those who handle applications. */
export async function getApplicationForStaff(deps: Deps, user: CurrentUser, id: string) {
  const { row, handles } = await loadApplicationFor(deps, user, "view", id);
  const clock = await getClockByOwner(deps, { ownerType: "application", ownerId: row.id });
  const reading = clock?.dueOn ? await readClock(deps, clock).catch(() => undefined) : undefined;
  // Shown only to staff who handle applications; inspectors see the rest.
  const contact = openContact(deps.config.secretKey, row, handles);
  const steps = await repo.stepsOf(deps.db.kysely, row.id, false);
  return {
    id: row.id,
    tracking_code: row.tracking_code,
    status: row.status,
    channel: row.channel,
    applicant: {
      type: row.applicant_type,
      name: row.applicant_name,
      id_type: row.id_type,
      id_number: contact.idNumber,
      credit_code: row.credit_code,
      legal_rep: row.legal_rep,
      phone: contact.phone,
      email: contact.email,
      address: contact.address,
    },
    description: row.description,
    delivery: row.delivery,
    carrier: row.carrier,
    submitted_at: row.submitted_at,
    received_on: row.received_on,
    due_on: row.status === "replied" ? null : (clock?.dueOn ?? null),
    // H1: a due date counted over a year without a holiday notice is provisional (暂定).
    due_on_provisional: row.status !== "replied" && Boolean(clock?.dueOn && clock.provisional),
    clock: clock
      ? {
          due_on: clock.dueOn,
          provisional: clock.provisional,
          explanation: clock.explanation,
          problem: clock.problem,
          used: reading?.usedWorkingDays ?? null,
          remaining: reading?.remainingWorkingDays ?? null,
          overdue: reading?.overdue ?? false,
          paused: reading?.paused ?? false,
        }
      : {
          // Not registered yet (an online application awaiting confirmation of receipt): no count runs.
          due_on: null,
          provisional: false,
          explanation: "尚未登记受理，答复期限自登记确认的收到申请之日起计算。",
          problem: null,
          used: null,
          remaining: null,
          overdue: false,
          paused: false,
        },
    org_id: row.org_id,
    handler_id: row.handler_id,
    correction_deadline: row.correction_deadline,
    extended_days: row.extended_days,
    fee_yuan: row.fee_yuan,
    fee_method: row.fee_method,
    fee_deadline: row.fee_deadline,
    consult_party: row.consult_party,
    consult_deadline: row.consult_deadline,
    outcome: row.outcome,
    outcome_note: row.outcome_note,
    replied_on: row.replied_on,
    merged_into_id: row.merged_into_id,
    steps: steps.map((s) => ({
      at: s.at,
      on: s.on_date,
      action: s.action,
      actor: s.actor_label,
      public: s.public === 1,
      text: s.public_text,
      note: handles ? s.internal_note : null,
    })),
    disputes: await repo.disputesOf(deps.db.kysely, row.id),
  };
}

/** Applications a call of the staff API lists. */
const STAFF_API_PAGE = 200;

export async function listApplicationsForStaff(
  deps: Deps,
  user: CurrentUser,
  f: { trackingCode?: string; status?: string; applicant?: string; idNumber?: string; cursor?: string },
) {
  const tree = await loadOrgTree(deps, user.siteId);
  const scope = applicationScope(user, tree);
  // Searching by identity number tells whether a person applied: only for those who handle applications.
  if (f.idNumber && !scope.handlesAny)
    throw new AppError("role_not_allowed", 403, "只有办理依申请公开的工作人员可以按证件号码查找。");
  // The newest STAFF_API_PAGE; `next_cursor` (when more follow) asks for the next ones (src/platform/paging.ts).
  const found = await repo.pageApplications(
    deps.db.kysely,
    {
      siteId: scope.siteId,
      scope: listScope(scope, tree),
      trackingCode: f.trackingCode?.trim().toUpperCase() || undefined,
      statuses: f.status ? [f.status] : undefined,
      applicantName: f.applicant || undefined,
      idIndex: contactIndex(deps.config.secretKey, f.idNumber) ?? undefined,
    },
    pageRequest({ cursor: f.cursor }, STAFF_API_PAGE),
  );
  const rows = found.rows;
  const clocks = await Promise.all(
    rows.map((r) => getClockByOwner(deps, { ownerType: "application", ownerId: r.id })),
  );
  const items = rows.map((r, i) => ({
    id: r.id,
    tracking_code: r.tracking_code,
    status: r.status,
    applicant_type: r.applicant_type,
    applicant_name: r.applicant_name,
    channel: r.channel,
    received_on: r.received_on,
    due_on: r.status === "replied" || r.status === "merged" ? null : (clocks[i]?.dueOn ?? null),
    outcome: r.outcome,
    replied_on: r.replied_on,
  }));
  return { items, next_cursor: found.next ? encodeCursor(found.next) : undefined };
}

export const findApplicationRow = (deps: Pick<Deps, "db">, id: string) =>
  repo.findApplication(deps.db.kysely, id);
export const findApplicationByCode = (deps: Pick<Deps, "db">, code: string) =>
  repo.findByTrackingCode(deps.db.kysely, code);

export const DISPUTE_KINDS = ["review", "litigation_direct", "litigation_after_review"] as const;
export const DISPUTE_RESULTS = ["upheld", "corrected", "other", "pending"] as const;

/** Administrative review or litigation against a reply (annual report table 四). */
export async function recordDispute(
  deps: Deps,
  user: CurrentUser,
  applicationId: string,
  input: { kind: string; filed_on: string; result: string; decided_on?: string; note?: string },
) {
  const { row } = await loadApplicationFor(deps, user, "handle", applicationId);
  const p = new Problems();
  if (row.status !== "replied") p.add("application", "not_replied", "只有已答复的申请才会有行政复议或诉讼。");
  const today = shanghaiDateOf(deps.clock.now());
  for (const f of ["filed_on", "decided_on"] as const) {
    const v = input[f];
    if (v === undefined) continue;
    if (!isRealDate(v)) p.add(f, "invalid_date", `日期 ${v} 不存在，请按 YYYY-MM-DD 填写真实日期。`);
    else if (v > today) p.add(f, "future_date", "日期不能晚于今天。");
  }
  if (row.replied_on && input.filed_on < row.replied_on)
    p.add("filed_on", "before_reply", "提起日期不能早于答复日期。");
  if (input.result === "pending" && input.decided_on)
    p.add("decided_on", "field_not_used", "尚未审结的案件没有审结日期。");
  if (input.result !== "pending" && !input.decided_on) p.add("decided_on", "required", "请填写审结日期。");
  if (input.decided_on && input.decided_on < input.filed_on)
    p.add("decided_on", "before_filing", "审结日期不能早于提起日期。");
  p.throwIfAny();
  const dispute = {
    id: newId(),
    application_id: applicationId,
    kind: input.kind,
    filed_on: input.filed_on,
    result: input.result,
    decided_on: input.decided_on ?? null,
    note: input.note?.trim() || null,
    created_at: deps.clock.now().toISOString(),
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.insertDispute(trx, dispute);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "application.dispute",
      entityType: "application",
      entityId: applicationId,
      orgId: row.org_id,
      siteId: row.site_id,
      businessDate: input.filed_on,
      summary: { kind: input.kind, result: input.result },
    });
  });
  return dispute;
}
