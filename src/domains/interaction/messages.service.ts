// Messages from the public (留言) and error reports (网站纠错): created with a tracking code and secret
// (platform/tracking), the asker's name and contacts encrypted at rest, the answer clock started on the day
// of receipt; the asker's status page. Staff views are in messages.staff.ts, steps in messages.workflow.ts.
import { type Actor, type Deps, type Executor, systemActor } from "../../deps";
import { encryptField } from "../../platform/crypto";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { isRealDate, shanghaiDateOf } from "../../platform/time";
import {
  newTracking,
  normaliseTrackingInput,
  sealContact,
  verifyTrackingSecret,
} from "../../platform/tracking";
import { lengthProblems } from "../../web/form-limits";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadCalendar } from "../calendar";
import { getSite, loadOrgTree } from "../orgs";
import { isMessageOffice, messageScope } from "./interaction.policy";
import {
  ERROR_KIND_LABELS,
  type ErrorKind,
  ErrorReportBody,
  type ErrorReportInput,
  MESSAGE_TYPES,
  MessageBody,
  type MessageInput,
  type MessageStatus,
  type MessageType,
  OFFICE_CHANNELS,
  RATING_LABELS,
  type Rating,
  STATUS_LABELS,
  TYPE_LABELS,
} from "./interaction.schemas";
import { checkErrorReport, checkMessage } from "./messages.checks";
import { clockStateOf, startMessageClock } from "./messages.clock";
import * as repo from "./messages.repo";
import { MESSAGE_STEPS } from "./messages.steps";
import { ERROR_REPORT_TRACKING, MESSAGE_TRACKING } from "./messages.tracking";

export type MessageRow = repo.MessageRow;

export async function insertStepRow(
  deps: Deps,
  trx: Executor,
  messageId: string,
  step: {
    on: string;
    action: string;
    actor: Actor;
    publicText: string;
    public?: boolean;
    note?: string | null;
  },
): Promise<void> {
  await repo.insertStep(trx, {
    id: newId(),
    message_id: messageId,
    at: deps.clock.now().toISOString(),
    on_date: step.on,
    action: step.action,
    actor_label: step.actor.label,
    public: step.public === false ? 0 : 1,
    public_text: step.publicText,
    internal_note: step.note ?? null,
  });
}

export interface Created {
  id: string;
  tracking_code: string;
  secret: string;
}

export type NewRow = Pick<MessageRow, "type" | "channel" | "title" | "body" | "received_on"> &
  Partial<
    Pick<MessageRow, "name_enc" | "phone_enc" | "email_enc" | "contact_enc" | "page_url" | "error_kind">
  > & {
    wantsPublic: boolean;
  };

async function insertNew(deps: Deps, actor: Actor, siteId: string, input: NewRow, receivedText: string) {
  return deps.db.kysely
    .transaction()
    .execute((trx) => insertNewIn(deps, trx, actor, siteId, input, receivedText));
}

/** Inserts a new message, its first step, clock and audit entry in the caller's transaction (hotline tickets). */
export async function insertNewIn(
  deps: Deps,
  trx: Executor,
  actor: Actor,
  siteId: string,
  input: NewRow,
  receivedText: string,
): Promise<Created> {
  const now = deps.clock.now();
  const isReport = input.type === "error_report";
  const kind = isReport ? ERROR_REPORT_TRACKING : MESSAGE_TRACKING;
  const { code, secret, secretHash } = newTracking(deps.config.secretKey, kind, now);
  const row: MessageRow = {
    id: newId(),
    site_id: siteId,
    tracking_code: code,
    secret_hash: secretHash,
    type: input.type,
    channel: input.channel,
    status: "received",
    title: input.title,
    body: input.body,
    name_enc: input.name_enc ?? null,
    phone_enc: input.phone_enc ?? null,
    email_enc: input.email_enc ?? null,
    contact_enc: input.contact_enc ?? null,
    wants_public: input.wantsPublic ? 1 : 0,
    private: input.wantsPublic ? 0 : 1,
    page_url: input.page_url ?? null,
    error_kind: input.error_kind ?? null,
    received_on: input.received_on,
    reject_reason: null,
    duplicate_of_id: null,
    draft_body: null,
    draft_by_id: null,
    draft_by_label: null,
    draft_org_id: null,
    drafted_at: null,
    reply_body: null,
    reply_org_id: null,
    replied_on: null,
    published_at: null,
    qa_title: null,
    qa_question: null,
    qa_answer: null,
    rating: null,
    rated_at: null,
    follow_up: null,
    follow_up_on: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await repo.insertMessage(trx, row);
  await insertStepRow(deps, trx, row.id, {
    on: row.received_on,
    action: "submit",
    actor,
    publicText: receivedText,
  });
  await startMessageClock(deps, trx, row, row.received_on, "reply", actor);
  await recordAudit(trx, deps.clock, actor, {
    action: isReport ? "message.error_report" : "message.create",
    entityType: "message",
    entityId: row.id,
    siteId,
    businessDate: row.received_on,
    // Never the asker's name or contacts.
    summary: { tracking_code: row.tracking_code, type: row.type, channel: row.channel },
  });
  return { id: row.id, tracking_code: row.tracking_code, secret };
}

/**
 * A message from the public form or API (no user; the site of the portal), or entered by the office for a
 * call, letter or visit (`user`, with `channel` and the date received `on`).
 */
const MESSAGE_FIELD_LABELS = {
  title: "留言标题",
  body: "留言内容",
  name: "姓名",
  phone: "联系电话",
  email: "电子邮箱",
};

export async function createMessage(
  deps: Deps,
  input: MessageInput,
  opts: { siteId?: string; user?: CurrentUser } = {},
): Promise<Created> {
  const p = new Problems();
  // The type and the office's channel from a fixed list, whatever the form sent (the API's schema says so too).
  if (!(MESSAGE_TYPES as readonly string[]).includes(input.type))
    p.add("type", "invalid_type", "请选择留言类型（咨询、建议、投诉或求助）。");
  if (input.channel !== undefined && !(OFFICE_CHANNELS as readonly string[]).includes(input.channel))
    p.add("channel", "invalid_channel", "留言方式只能是来电、来信或来访。");
  const checked = checkMessage(input, p);
  // The API's limits for every caller (the office's entry form included).
  p.list.push(...lengthProblems(MessageBody, { ...input }, MESSAGE_FIELD_LABELS));
  const today = shanghaiDateOf(deps.clock.now());
  const user = opts.user;
  if (user) {
    const tree = await loadOrgTree(deps, user.siteId);
    messageScope(user, tree);
    if (!isMessageOffice(user, tree))
      throw new AppError("role_not_allowed", 403, "只有政务公开办工作人员可以登记来电、来信和来访留言。");
    if (!input.channel) p.add("channel", "required", "请选择留言方式（来电、来信或来访）。");
  } else {
    if (input.channel) p.add("channel", "field_not_used", "网上留言不填写留言方式。");
    if (input.on) p.add("on", "field_not_used", "网上留言的收到日期为提交当天。");
  }
  const on = input.on ?? today;
  if (!isRealDate(on)) p.add("on", "invalid_date", `日期 ${on} 不存在，请按 YYYY-MM-DD 填写真实日期。`);
  else if (on > today) p.add("on", "future_date", "收到留言的日期不能晚于今天。");
  else if (input.on) {
    // No earlier than the first year of holiday arrangements on record: before it the answer clock
    // cannot count working days (and such a date is a typing error, not a letter just received).
    const first = (await loadCalendar(deps)).coveredYears()[0];
    if (first !== undefined && on < `${first}-01-01`)
      p.add("on", "date_too_early", `收到留言的日期不能早于 ${first}-01-01。`);
  }
  p.throwIfAny("留言未提交，请按提示修改。");
  const key = deps.config.secretKey;
  const sealed = sealContact(key, {
    idNumber: null,
    phone: checked.phone,
    email: checked.email,
    address: null,
  });
  const siteId = user?.siteId ?? opts.siteId ?? (await getSite(deps)).id;
  const channel = user ? input.channel! : "online";
  return insertNew(
    deps,
    user ? actorOf(user) : systemActor("网上留言"),
    siteId,
    {
      type: input.type,
      channel,
      title: checked.title,
      body: checked.body,
      received_on: on,
      name_enc: encryptField(key, checked.name),
      phone_enc: sealed.phone_enc,
      email_enc: sealed.email_enc,
      wantsPublic: input.public !== false,
    },
    channel === "online" ? "收到网上留言，待工作人员受理。" : "工作人员已登记留言，待受理。",
  );
}

/** 我为政府网站找错: a report about a page of the site, handled in the messages' workflow. */
export async function createErrorReport(
  deps: Deps,
  input: ErrorReportInput,
  siteId?: string,
): Promise<Created> {
  const p = new Problems();
  const checked = checkErrorReport(input, p);
  p.list.push(
    ...lengthProblems(
      ErrorReportBody,
      { ...input },
      {
        page_url: "出错页面的网址",
        description: "问题描述",
        contact: "联系方式",
      },
    ),
  );
  p.throwIfAny("纠错未提交，请按提示修改。");
  const label = ERROR_KIND_LABELS[input.kind as ErrorKind];
  return insertNew(
    deps,
    systemActor("网站纠错"),
    siteId ?? (await getSite(deps)).id,
    {
      type: "error_report",
      channel: "online",
      title: `网站纠错：${label}`,
      body: checked.description,
      received_on: shanghaiDateOf(deps.clock.now()),
      contact_enc: checked.contact ? encryptField(deps.config.secretKey, checked.contact) : null,
      page_url: checked.pageUrl,
      error_kind: input.kind,
      wantsPublic: false,
    },
    "收到网站纠错，待工作人员受理。",
  );
}

/** Finds the asker's message by code and secret; the same 404 for a wrong code and a wrong secret. */
export async function findForAsker(deps: Deps, db: Executor, code: string, secret: string) {
  const row = await repo.findByTrackingCode(db, normaliseTrackingInput(code));
  const kind = row?.type === "error_report" ? ERROR_REPORT_TRACKING : MESSAGE_TRACKING;
  if (!row || !verifyTrackingSecret(deps.config.secretKey, kind, row.secret_hash, secret)) {
    throw new AppError("message_not_found", 404, "查询码或密码不正确。");
  }
  return row;
}

/** The asker's status page: every public step, the due date (暂定 where provisional), the answer. */
export async function trackMessage(deps: Deps, code: string, secret: string) {
  const row = await findForAsker(deps, deps.db.kysely, code, secret);
  return trackView(deps, row);
}

export async function trackView(deps: Deps, row: MessageRow) {
  const clock = await clockStateOf(deps, row);
  const steps = await repo.stepsOf(deps.db.kysely, row.id, true);
  const ctx = { status: row.status as MessageStatus, rated: !!row.rating, followUpUsed: !!row.follow_up };
  const allowed = (a: "rate" | "follow_up") =>
    MESSAGE_STEPS[a].from.includes(ctx.status) &&
    (a === "rate" ? !ctx.rated : !ctx.followUpUsed) &&
    row.type !== "error_report";
  return {
    tracking_code: row.tracking_code,
    type: row.type,
    type_label: TYPE_LABELS[row.type as MessageType] ?? row.type,
    title: row.title,
    body: row.body,
    status: row.status,
    status_label: STATUS_LABELS[row.status as MessageStatus] ?? row.status,
    received_on: row.received_on,
    due_on: clock.due_on,
    due_on_provisional: clock.provisional,
    steps: steps.map((s) => ({
      on: s.on_date,
      action: s.action,
      label: stepLabel(s.action),
      text: s.public_text,
    })),
    reply: row.reply_body && row.replied_on ? { body: row.reply_body, on: row.replied_on } : null,
    rating: row.rating,
    rating_label: row.rating ? RATING_LABELS[row.rating as Rating] : null,
    follow_up: row.follow_up,
    can_rate: allowed("rate"),
    // A follow-up is sent with the rating (once): after a rating without one there is none to offer.
    can_follow_up: allowed("follow_up") && allowed("rate"),
    page_url: row.page_url,
    error_kind: row.error_kind,
  };
}

/** The Chinese name of a step in the history (the table's label; submit is not a table step). */
export function stepLabel(action: string): string {
  if (action === "submit") return "提交";
  return (MESSAGE_STEPS as Record<string, { label: string }>)[action]?.label ?? action;
}
