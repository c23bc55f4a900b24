// What staff see of messages: one message with its clock, steps and the actions offered to this user (read
// from the step table), the list with filters, the organisations to transfer to, error-report statistics.
import type { Deps, Executor } from "../../deps";
import { decryptField } from "../../platform/crypto";
import { AppError } from "../../platform/errors";
import { type Page, type PageRequest, readPage, type Total } from "../../platform/paging";
import { availableActions } from "../../platform/workflow/state-machine";
import type { CurrentUser } from "../accounts";
import { loadOrgTree, type OrgTree } from "../orgs";
import { hotlineFacts, ticketsOfMessages } from "./hotline.service";
import {
  authoriseMessage,
  mayTakeMessageStep,
  messageNotFound,
  messageScope,
  type PolicyRow,
  seesContact,
} from "./interaction.policy";
import {
  CHANNEL_LABELS,
  ERROR_KIND_LABELS,
  ERROR_KINDS,
  type MessageStatus,
  type MessageType,
  RATING_LABELS,
  type Rating,
  REJECT_REASON_LABELS,
  STATUS_LABELS,
  type StaffAction,
  TYPE_LABELS,
} from "./interaction.schemas";
import { type ClockState, clockStateOf } from "./messages.clock";
import * as repo from "./messages.repo";
import { stepLabel } from "./messages.service";
import { MESSAGE_STEPS, type MessageStepContext, OPEN_STATUSES, STAFF_STEP_ORDER } from "./messages.steps";

export const PAGE_SIZE = 20;

/** The policy's view of a row: its site and the organisations holding it now and before. */
export async function policyRowOf(
  db: Executor,
  row: repo.MessageRow,
): Promise<PolicyRow & { holderRows: repo.HolderRow[] }> {
  const holderRows = await repo.holdersOf(db, row.id);
  return {
    site_id: row.site_id,
    holders: holderRows.filter((h) => h.released_at === null).map((h) => h.org_id),
    everHeld: [...new Set(holderRows.map((h) => h.org_id))],
    holderRows,
  };
}

/** The guards' context for the row as it stands, for `user`. */
export function stepContextOf(
  row: repo.MessageRow,
  policy: PolicyRow,
  user?: CurrentUser,
): MessageStepContext {
  return {
    status: row.status as MessageStatus,
    type: row.type as MessageType,
    holders: policy.holders.length,
    private: row.private === 1,
    published: row.published_at !== null,
    actorIsDrafter: !!user && row.draft_by_id === user.id,
    followUpUsed: row.follow_up !== null,
    rated: row.rating !== null,
  };
}

/** Loads a message the user may see (else 404); no step is checked here. */
export async function loadMessageFor(
  deps: Deps,
  user: CurrentUser,
  id: string,
  db: Executor = deps.db.kysely,
) {
  const tree = await loadOrgTree(deps, user.siteId);
  const row = await repo.findMessage(db, id);
  if (!row) {
    messageScope(user, tree); // a role that sees no messages hears 403 rather than 404
    throw messageNotFound();
  }
  const policy = await policyRowOf(db, row);
  authoriseMessage(user, "view", policy, tree);
  return { row, tree, policy };
}

/** The staff actions this user may take on the row now, in table order. */
export function actionsFor(
  user: CurrentUser,
  row: repo.MessageRow,
  policy: PolicyRow,
  tree: OrgTree,
): StaffAction[] {
  const offered = availableActions(
    MESSAGE_STEPS,
    row.status as MessageStatus,
    stepContextOf(row, policy, user),
    (who) => mayTakeMessageStep(user, who, policy, tree),
  );
  return STAFF_STEP_ORDER.filter((a) => offered.includes(a));
}

const orgRef = (tree: OrgTree, id: string | null) => {
  const o = id ? tree.get(id) : undefined;
  return o ? { id: o.id, code: o.code, name: o.name } : null;
};

const open = (key: Buffer, v: string | null, allowed: boolean) =>
  v && allowed ? decryptField(key, v) : null;

/** One message for staff; the asker's name and contacts only for the office and the holding departments. */
export async function getMessageForStaff(deps: Deps, user: CurrentUser, id: string) {
  const { row, tree, policy } = await loadMessageFor(deps, user, id);
  const clock = await clockStateOf(deps, row);
  const steps = await repo.stepsOf(deps.db.kysely, row.id, false);
  const contact = seesContact(user, policy, tree);
  const key = deps.config.secretKey;
  const holders = policy.holders.map((h) => orgRef(tree, h)).filter((o) => o !== null);
  const root = tree.roots(row.site_id)[0];
  const duplicate = row.duplicate_of_id
    ? await repo.findMessage(deps.db.kysely, row.duplicate_of_id)
    : undefined;
  return {
    id: row.id,
    tracking_code: row.tracking_code,
    type: row.type,
    type_label: TYPE_LABELS[row.type as MessageType] ?? row.type,
    channel: row.channel,
    channel_label: CHANNEL_LABELS[row.channel as keyof typeof CHANNEL_LABELS] ?? row.channel,
    status: row.status,
    status_label: STATUS_LABELS[row.status as MessageStatus] ?? row.status,
    title: row.title,
    body: row.body,
    name: open(key, row.name_enc, contact),
    phone: open(key, row.phone_enc, contact),
    email: open(key, row.email_enc, contact),
    contact: open(key, row.contact_enc, contact),
    /** Whether this user sees the asker's name and contacts (an error report has no name). */
    contact_visible: contact,
    wants_public: row.wants_public === 1,
    private: row.private === 1,
    published: row.published_at !== null,
    published_at: row.published_at,
    page_url: row.page_url,
    error_kind: row.error_kind,
    error_kind_label: row.error_kind
      ? (ERROR_KIND_LABELS[row.error_kind as keyof typeof ERROR_KIND_LABELS] ?? null)
      : null,
    received_on: row.received_on,
    due_on: clock.due_on,
    due_on_provisional: clock.provisional,
    // The organisation answering for it now: the first holding department, else the office (site root).
    handler_org: holders[0]?.code ?? root?.code ?? null,
    holders,
    clock,
    draft: row.draft_body
      ? {
          body: row.draft_body,
          by: row.draft_by_label,
          at: row.drafted_at,
          org: orgRef(tree, row.draft_org_id),
        }
      : null,
    reply:
      row.reply_body && row.replied_on
        ? { body: row.reply_body, on: row.replied_on, org: orgRef(tree, row.reply_org_id) }
        : null,
    reject_reason: row.reject_reason,
    reject_reason_label: row.reject_reason
      ? (REJECT_REASON_LABELS[row.reject_reason as keyof typeof REJECT_REASON_LABELS] ?? row.reject_reason)
      : null,
    duplicate_of: duplicate ? { id: duplicate.id, tracking_code: duplicate.tracking_code } : null,
    rating: row.rating,
    rating_label: row.rating ? RATING_LABELS[row.rating as Rating] : null,
    follow_up: row.follow_up,
    follow_up_on: row.follow_up_on,
    steps: steps.map((s) => ({
      at: s.at,
      on: s.on_date,
      action: s.action,
      label: stepLabel(s.action),
      actor: s.actor_label,
      public: s.public === 1,
      text: s.public_text,
      note: s.internal_note,
    })),
    actions: actionsFor(user, row, policy, tree),
    hotline: row.channel === "hotline" ? await hotlineFacts(deps, tree, row.id) : null,
  };
}

export interface ListOptions {
  trackingCode?: string;
  status?: string;
  type?: string;
  /** Code or id of an organisation: messages it holds or held. */
  org?: string;
  /** Only open messages past their due date or raising the 2-month alarm. */
  overdue?: boolean;
  /** How it arrived (hotline: 12345's tickets). */
  channel?: string;
  page?: number;
}

export interface ListedMessage {
  id: string;
  tracking_code: string;
  type: string;
  type_label: string;
  channel: string;
  status: string;
  status_label: string;
  title: string;
  received_on: string;
  due_on: string | null;
  due_on_provisional: boolean;
  overdue: boolean;
  warning: boolean;
  alarm: boolean;
  holders: string[];
  /** 12345's ticket number (channel hotline). */
  ticket_no: string | null;
}

/** The user's scope and the repository filter of a list request. */
async function staffListFilter(deps: Deps, user: CurrentUser, f: ListOptions) {
  const tree = await loadOrgTree(deps, user.siteId);
  const scope = messageScope(user, tree);
  const org = f.org
    ? tree.flatten(user.siteId).find(({ org: o }) => o.code === f.org || o.id === f.org)?.org
    : undefined;
  const orgIds = scope.all
    ? f.org
      ? [org?.id ?? "-"]
      : undefined
    : scope.orgIds.filter((id) => !f.org || id === org?.id);
  const filter: repo.ListFilter = {
    siteId: scope.siteId,
    orgIds,
    trackingCode: f.trackingCode?.trim().toUpperCase() || undefined,
    status: f.status,
    type: f.type,
    channel: f.channel,
  };
  return { tree, filter };
}

/** Overdue is read from each open message's clock, not stored: the open ones that are late, in list order. */
async function lateMessages(deps: Deps, filter: repo.ListFilter, status: string | undefined) {
  const candidates = await repo.listMessages(deps.db.kysely, {
    ...filter,
    statuses: status ? [status] : OPEN_STATUSES,
  });
  const states = await Promise.all(candidates.map((r) => clockStateOf(deps, r)));
  return candidates.filter((_, i) => states[i]!.overdue || states[i]!.alarm);
}

/** The rows of a list page with their clocks, holders and hotline tickets. */
async function listedOf(deps: Deps, tree: OrgTree, rows: repo.MessageRow[]): Promise<ListedMessage[]> {
  const holders = await repo.activeHoldersOf(
    deps.db.kysely,
    rows.map((r) => r.id),
  );
  const tickets = await ticketsOfMessages(
    deps.db.kysely,
    rows.filter((r) => r.channel === "hotline").map((r) => r.id),
  );
  const items: ListedMessage[] = [];
  for (const r of rows) {
    const c: ClockState = await clockStateOf(deps, r);
    items.push({
      id: r.id,
      tracking_code: r.tracking_code,
      type: r.type,
      type_label: TYPE_LABELS[r.type as MessageType] ?? r.type,
      channel: r.channel,
      status: r.status,
      status_label: STATUS_LABELS[r.status as MessageStatus] ?? r.status,
      title: r.title,
      received_on: r.received_on,
      due_on: c.due_on,
      due_on_provisional: c.provisional,
      overdue: c.overdue,
      warning: c.warning,
      alarm: c.alarm,
      holders: holders.filter((h) => h.message_id === r.id).map((h) => tree.get(h.org_id)?.name ?? h.org_id),
      ticket_no: tickets.get(r.id)?.ticket_no ?? null,
    });
  }
  return items;
}

/** Messages the user may see, newest first, 20 a page by number, with the exact total (the staff API). */
export async function listMessages(deps: Deps, user: CurrentUser, f: ListOptions = {}) {
  const { tree, filter } = await staffListFilter(deps, user, f);
  const page = Math.max(1, f.page ?? 1);
  let rows: repo.MessageRow[];
  let total: number;
  if (f.overdue) {
    const late = await lateMessages(deps, filter, f.status);
    total = late.length;
    rows = late.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  } else {
    total = await repo.countMessages(deps.db.kysely, filter);
    rows = await repo.listMessages(deps.db.kysely, filter, {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
  }
  return { total, page, page_size: PAGE_SIZE, items: await listedOf(deps, tree, rows) };
}

/**
 * Messages the user may see for the back office's list: newest first by the day received, by page number or
 * cursor (src/platform/paging.ts), with the total exact up to COUNT_CAP. The overdue list (open messages only,
 * read from their clocks) is paged the same way over the late ones in memory.
 */
export async function pageMessagesForStaff(
  deps: Deps,
  user: CurrentUser,
  f: ListOptions,
  req: PageRequest,
): Promise<Page<ListedMessage> & { total: Total }> {
  const { tree, filter } = await staffListFilter(deps, user, f);
  let found: Page<repo.MessageRow>;
  let total: Total;
  if (f.overdue) {
    const late = await lateMessages(deps, filter, f.status);
    total = { n: late.length, capped: false };
    const c = req.cursor;
    found = await readPage(
      req,
      (r) => r.received_on,
      (r) => r.id,
      async (seek) => {
        // `late` is newest first; a cursor (seek.where set) keeps the rows past it in the way it reads.
        const after = (r: repo.MessageRow) =>
          r.received_on < c!.key || (r.received_on === c!.key && r.id < c!.id);
        const before = (r: repo.MessageRow) =>
          r.received_on > c!.key || (r.received_on === c!.key && r.id > c!.id);
        let rows = seek.where && c ? late.filter(c.dir === "after" ? after : before) : late;
        if (!seek.desc) rows = [...rows].reverse();
        return rows.slice(seek.offset, seek.offset + seek.limit);
      },
    );
  } else {
    [found, total] = await Promise.all([
      repo.pageMessages(deps.db.kysely, filter, req),
      repo.countMessagesCapped(deps.db.kysely, filter),
    ]);
  }
  return { ...found, rows: await listedOf(deps, tree, found.rows), total };
}

/** The organisations of the user's site a message may be transferred to (everything but the root). */
export async function transferTargets(deps: Deps, user: CurrentUser) {
  const tree = await loadOrgTree(deps, user.siteId);
  messageScope(user, tree);
  return tree
    .flatten(user.siteId)
    .filter(({ depth }) => depth > 0)
    .map(({ org, depth }) => ({ id: org.id, code: org.code, name: org.name, depth }));
}

/** Error reports by kind (统计): received in the range, still open, answered, open and overdue. */
export async function errorReportStats(
  deps: Deps,
  user: CurrentUser,
  range: { from?: string; to?: string } = {},
) {
  const tree = await loadOrgTree(deps, user.siteId);
  const scope = messageScope(user, tree);
  if (!scope.all) throw new AppError("role_not_allowed", 403, "只有政务公开办和督查室可以查看网站纠错统计。");
  const rows = await repo.errorReportCounts(deps.db.kysely, user.siteId, range);
  const items = [];
  for (const kind of ERROR_KINDS) {
    const of = rows.filter((r) => r.error_kind === kind);
    let overdue = 0;
    for (const r of of.filter((x) => (OPEN_STATUSES as readonly string[]).includes(x.status))) {
      const full = await repo.findMessage(deps.db.kysely, r.id);
      if (full && (await clockStateOf(deps, full)).overdue) overdue++;
    }
    items.push({
      kind,
      label: ERROR_KIND_LABELS[kind],
      total: of.length,
      open: of.filter((r) => (OPEN_STATUSES as readonly string[]).includes(r.status)).length,
      answered: of.filter((r) => r.status === "answered").length,
      overdue,
    });
  }
  return { total: rows.length, items };
}
