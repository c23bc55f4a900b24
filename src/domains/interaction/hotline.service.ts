// 12345 tickets (issue 13 item 7, RULES.md §10): each one a message of channel `hotline`, created by the same
// code as every message (messages.service insertNewIn: tracking code, the caller's name and phone encrypted,
// the answer clock from the day 12345 dispatched it, audit) and then accepted, transferred, returned,
// answered and approved through the same workflow (messages.workflow.ts). Here: the ticket's own row (12345's
// number, dispatch date, 承办单位, satisfaction), idempotent pushes, the satisfaction 12345 reports, and the
// state and approved answer 12345 pulls back.
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Actor, Deps, Executor } from "../../deps";
import { encryptField } from "../../platform/crypto";
import { AppError, conflict, Problems } from "../../platform/errors";
import { isRealDate, shanghaiDateOf } from "../../platform/time";
import { sealContact } from "../../platform/tracking";
import { lockForUpdate } from "../../platform/workflow/locked-step";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree, type OrgTree } from "../orgs";
import { type CheckedTicket, checkTicket, type RawTicket, ticketHash } from "./hotline.checks";
import { authoriseHotlinePush, ticketNotFound } from "./hotline.policy";
import type { SatisfactionInput, TicketInput } from "./hotline.schemas";
import type { HotlineTicketTable } from "./hotline.tables";
import { type MessageStatus, RATING_LABELS, type Rating, STATUS_LABELS } from "./interaction.schemas";
import { clockStateOf } from "./messages.clock";
import * as messages from "./messages.repo";
import { insertNewIn, insertStepRow } from "./messages.service";

export type TicketRow = HotlineTicketTable;

export const findTicket = (db: Executor, siteId: string, ticketNo: string) =>
  db
    .selectFrom("hotline_tickets")
    .selectAll()
    .where("site_id", "=", siteId)
    .where("ticket_no", "=", ticketNo)
    .executeTakeFirst();

/** The tickets of these messages (list and detail pages): message id → ticket. */
export async function ticketsOfMessages(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, TicketRow>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom("hotline_tickets").selectAll().where("message_id", "in", ids).execute();
  return new Map(rows.map((r) => [r.message_id, r]));
}

/**
 * Serialises the writers of one site's shared rows (load, lock, check, write): PostgreSQL locks the site's row,
 * SQLite takes its write lock. Two pushes of one ticket number cannot both find it absent; two refreshes of the
 * stored statistics cannot both insert the year's cells.
 */
export async function lockSiteRow(deps: Deps, trx: Transaction<Database>, siteId: string): Promise<void> {
  const q = await lockForUpdate(
    deps.db.dialect,
    trx.selectFrom("sites").select("id").where("id", "=", siteId),
    () =>
      trx
        .updateTable("sites")
        .set((eb) => ({ id: eb.ref("id") }))
        .where("id", "=", siteId)
        .execute(),
  );
  await q.executeTakeFirst();
}

export type UpsertOutcome = "created" | "same" | "updated";

/**
 * Creates the ticket's message and row, or finds it by its number. `onDifferent`: what an existing number with
 * other content means: "conflict" (a push: 409) or "update" (an import: its 承办单位 and satisfaction follow
 * the export; the texts already in the workflow stay). Runs in the caller's transaction after lockSiteRow.
 */
export async function upsertTicketIn(
  deps: Deps,
  trx: Executor,
  actor: Actor,
  siteId: string,
  t: CheckedTicket,
  source: "api" | "import",
  onDifferent: "conflict" | "update",
): Promise<{ outcome: UpsertOutcome; id: string; tracking_code: string }> {
  const key = deps.config.secretKey;
  const hash = ticketHash(key, t);
  const now = deps.clock.now().toISOString();
  const existing = await findTicket(trx, siteId, t.ticketNo);
  if (existing) {
    const msg = (await messages.findMessage(trx, existing.message_id))!;
    const same = existing.payload_hash === hash;
    if (!same && onDifferent === "conflict")
      throw conflict(
        "hotline_ticket_conflict",
        `工单编号“${t.ticketNo}”已推送过，内容与本次不同；同一工单编号不能对应不同的诉求。`,
        [{ field: "ticket_no", code: "hotline_ticket_conflict", message: "工单编号已存在，内容不同。" }],
      );
    const patch: Partial<TicketRow> = {};
    if (!same && t.orgId && t.orgId !== existing.org_id) patch.org_id = t.orgId;
    if (t.satisfaction && t.satisfaction !== existing.satisfaction) {
      patch.satisfaction = t.satisfaction;
      patch.satisfaction_on = shanghaiDateOf(deps.clock.now());
    }
    if (!Object.keys(patch).length) return { outcome: "same", id: msg.id, tracking_code: msg.tracking_code };
    await trx
      .updateTable("hotline_tickets")
      .set({ ...patch, updated_at: now })
      .where("message_id", "=", existing.message_id)
      .execute();
    if (patch.satisfaction) await mirrorSatisfaction(deps, trx, actor, msg, patch.satisfaction as Rating);
    await recordAudit(trx, deps.clock, actor, {
      action: "hotline.ticket_update",
      entityType: "message",
      entityId: msg.id,
      siteId,
      summary: { ticket_no: t.ticketNo, tracking_code: msg.tracking_code, source, ...patch },
    });
    return { outcome: "updated", id: msg.id, tracking_code: msg.tracking_code };
  }
  const sealed = sealContact(key, { idNumber: null, phone: t.callerPhone, email: null, address: null });
  const created = await insertNewIn(
    deps,
    trx,
    actor,
    siteId,
    {
      type: t.type,
      channel: "hotline",
      title: t.title,
      body: t.body,
      received_on: t.dispatchedOn,
      name_enc: t.callerName ? encryptField(key, t.callerName) : null,
      phone_enc: sealed.phone_enc,
      // 12345's callers agreed to nothing about publication: their tickets are never Q&A.
      wantsPublic: false,
    },
    `12345热线派单（工单编号 ${t.ticketNo}），待工作人员受理。`,
  );
  await trx
    .insertInto("hotline_tickets")
    .values({
      message_id: created.id,
      site_id: siteId,
      ticket_no: t.ticketNo,
      dispatched_on: t.dispatchedOn,
      org_id: t.orgId,
      satisfaction: t.satisfaction,
      satisfaction_on: t.satisfaction ? shanghaiDateOf(deps.clock.now()) : null,
      source,
      payload_hash: hash,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await recordAudit(trx, deps.clock, actor, {
    action: "hotline.ticket_create",
    entityType: "message",
    entityId: created.id,
    siteId,
    businessDate: t.dispatchedOn,
    summary: { ticket_no: t.ticketNo, tracking_code: created.tracking_code, type: t.type, source },
  });
  return { outcome: "created", id: created.id, tracking_code: created.tracking_code };
}

/** An answered message takes 12345's satisfaction as its rating (statistics read it there), with a step. */
async function mirrorSatisfaction(
  deps: Deps,
  trx: Executor,
  actor: Actor,
  msg: messages.MessageRow,
  rating: Rating,
): Promise<void> {
  if (msg.status !== "answered") return;
  const today = shanghaiDateOf(deps.clock.now());
  await messages.updateMessage(trx, msg.id, {
    rating,
    rated_at: deps.clock.now().toISOString(),
    updated_at: deps.clock.now().toISOString(),
  });
  await insertStepRow(deps, trx, msg.id, {
    on: today,
    action: "rate",
    actor,
    publicText: `12345热线回访，来电人评价：${RATING_LABELS[rating]}。`,
  });
}

const ticketInputOf = (b: TicketInput): RawTicket => ({
  ticket_no: b.ticket_no,
  type: b.type,
  title: b.title,
  body: b.body,
  caller_name: b.caller_name,
  caller_phone: b.caller_phone,
  dispatched_on: b.dispatched_on,
  org: b.org,
});

/** POST /api/v1/hotline/tickets: 201 created, 200 the same ticket again, 409 another under the same number. */
export async function pushTicket(deps: Deps, user: CurrentUser, body: TicketInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseHotlinePush(user, tree);
  const p = new Problems();
  const t = checkTicket(
    ticketInputOf(body),
    { tree, siteId: user.siteId, today: shanghaiDateOf(deps.clock.now()) },
    (f, c, m) => p.add(f, c, m),
  );
  p.throwIfAny("工单未接收，请按提示修改。");
  const r = await deps.db.kysely.transaction().execute(async (trx) => {
    await lockSiteRow(deps, trx, user.siteId);
    return upsertTicketIn(deps, trx, actorOf(user), user.siteId, t, "api", "conflict");
  });
  return {
    created: r.outcome === "created",
    id: r.id,
    tracking_code: r.tracking_code,
    ticket_no: t.ticketNo,
  };
}

async function loadTicket(deps: Deps, user: CurrentUser, ticketNo: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseHotlinePush(user, tree);
  const t = await findTicket(deps.db.kysely, user.siteId, ticketNo.trim());
  if (!t) throw ticketNotFound(ticketNo);
  return { t, tree };
}

/** What 12345 pulls back: status, due date, the handling organisation and the approved answer. */
export async function ticketState(deps: Deps, user: CurrentUser, ticketNo: string) {
  const { t, tree } = await loadTicket(deps, user, ticketNo);
  const row = (await messages.findMessage(deps.db.kysely, t.message_id))!;
  return stateOf(deps, tree, t, row);
}

async function stateOf(deps: Deps, tree: OrgTree, t: TicketRow, row: messages.MessageRow) {
  const clock = await clockStateOf(deps, row);
  const holders = await messages.activeHoldersOf(deps.db.kysely, [row.id]);
  const handler = holders[0] ? tree.get(holders[0].org_id) : undefined;
  const replyOrg = row.reply_org_id ? tree.get(row.reply_org_id) : undefined;
  return {
    ticket_no: t.ticket_no,
    id: row.id,
    tracking_code: row.tracking_code,
    status: row.status,
    status_label: STATUS_LABELS[row.status as MessageStatus] ?? row.status,
    received_on: row.received_on,
    due_on: clock.due_on,
    due_on_provisional: clock.provisional,
    handler_org: handler?.name ?? null,
    // Only an answer the office approved and sent: a department's draft never leaves the county.
    reply:
      row.status === "answered" && row.reply_body && row.replied_on
        ? { body: row.reply_body, on: row.replied_on, org: replyOrg?.name ?? null }
        : null,
    satisfaction: t.satisfaction,
    satisfaction_label: t.satisfaction ? RATING_LABELS[t.satisfaction as Rating] : null,
  };
}

/** POST /api/v1/hotline/tickets/{no}/satisfaction: the caller's verdict from 12345's 回访. */
export async function reportSatisfaction(
  deps: Deps,
  user: CurrentUser,
  ticketNo: string,
  body: SatisfactionInput,
) {
  const { t, tree } = await loadTicket(deps, user, ticketNo);
  const today = shanghaiDateOf(deps.clock.now());
  const on = body.on ?? today;
  const p = new Problems();
  if (!isRealDate(on) || on > today)
    p.add("on", "invalid_date", "回访日期须为不晚于今天的真实日期（YYYY-MM-DD）。");
  p.throwIfAny("满意度未接收，请按提示修改。");
  const actor = actorOf(user);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const msg = await messages.lockMessageRow(trx, deps.db.dialect, t.message_id);
    if (!msg) throw ticketNotFound(ticketNo);
    if (msg.status === "rejected")
      throw new AppError("hotline_ticket_rejected", 409, "此工单已不予受理，不能评价满意度。");
    // 回访 follows the answer: a rating of a ticket still being handled would say nothing about the answer.
    if (msg.status !== "answered")
      throw new AppError("hotline_ticket_not_answered", 409, "此工单尚未答复，答复后才能评价满意度。");
    await trx
      .updateTable("hotline_tickets")
      .set({ satisfaction: body.rating, satisfaction_on: on, updated_at: deps.clock.now().toISOString() })
      .where("message_id", "=", t.message_id)
      .execute();
    await mirrorSatisfaction(deps, trx, actor, msg, body.rating);
    await recordAudit(trx, deps.clock, actor, {
      action: "hotline.satisfaction",
      entityType: "message",
      entityId: msg.id,
      siteId: msg.site_id,
      businessDate: on,
      summary: { ticket_no: t.ticket_no, rating: body.rating, before: t.satisfaction },
    });
  });
  const row = (await messages.findMessage(deps.db.kysely, t.message_id))!;
  const fresh = (await findTicket(deps.db.kysely, user.siteId, t.ticket_no))!;
  return stateOf(deps, tree, fresh, row);
}

/** The ticket's facts on the message's staff page: number, 12345's 承办单位, satisfaction. */
export async function hotlineFacts(deps: Deps, tree: OrgTree, messageId: string) {
  const t = await deps.db.kysely
    .selectFrom("hotline_tickets")
    .selectAll()
    .where("message_id", "=", messageId)
    .executeTakeFirst();
  if (!t) return null;
  return {
    ticket_no: t.ticket_no,
    dispatched_on: t.dispatched_on,
    org: t.org_id ? (tree.get(t.org_id)?.name ?? null) : null,
    /** Pre-selects the transfer to the 承办单位 12345 dispatched it to (the office may choose another). */
    org_code: t.org_id ? (tree.get(t.org_id)?.code ?? null) : null,
    satisfaction: t.satisfaction,
    satisfaction_label: t.satisfaction ? RATING_LABELS[t.satisfaction as Rating] : null,
    satisfaction_on: t.satisfaction_on,
  };
}
