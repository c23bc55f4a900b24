// Use cases of government meetings (政府会议 / 开门决策): a notice prepared by the organising organisation
// (edited while a draft), its workflow steps (announce, close applications, mark held, publish minutes,
// cancel), and reading it for staff. Applications to attend (列席) are in meetings.attendance.ts.
import type { Deps, Executor } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import type { PageRequest } from "../../platform/paging";
import { isRealDate, shanghaiDateOf } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { assertAllowed } from "../../platform/workflow/state-machine";
import { charCount, tooLongMessage } from "../../web/form-limits";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser, orgIdsWhereCan } from "../accounts";
import { recordAudit } from "../audit";
import { findOrgInSite, loadOrgTree, type OrgTree } from "../orgs";
import {
  authoriseMeeting,
  authoriseOrganiseIn,
  MEETING_VIEW_ACTIONS,
  mayActOnMeeting,
  mayViewMeeting,
  meetingNotFound,
} from "./meetings.policy";
import * as repo from "./meetings.repo";
import type { CreateMeetingInput, MeetingActionInput, UpdateMeetingInput } from "./meetings.schemas";
import { syncMeetingInIndex } from "./meetings.search";
import {
  KIND_LABELS,
  KINDS,
  meetingDateOf,
  PUBLIC_STATUSES,
  STATUS_LABELS,
  STEP_AUDIT,
  STEPS,
  type StepAction,
  type StepContext,
} from "./meetings.steps";
import type { MeetingKind, MeetingTable } from "./meetings.tables";

export const todayOf = (deps: Pick<Deps, "clock">) => shanghaiDateOf(deps.clock.now());

export const MAX_SEATS = 500;
export const MAX_AGENDA = 30;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/;

/** Applications to attend are taken while the notice is announced and today lies within the period. */
export const acceptsApplications = (
  row: Pick<repo.MeetingRow, "status" | "apply_opens_on" | "apply_closes_on">,
  today: string,
) => row.status === "announced" && row.apply_opens_on <= today && today <= row.apply_closes_on;

/**
 * A text over the API schema's limit, named as the forms name it (`too_long`): the schema holds the API's
 * bodies, the back office's forms arrive as free text.
 */
export function checkLength(
  p: Problems,
  field: string,
  label: string,
  text: string | null | undefined,
  max: number,
) {
  const n = charCount(text ?? "");
  if (n > max) p.add(field, "too_long", tooLongMessage(label, max, n));
}

/** The fields of a meeting notice as checked: what is stored. */
type Checked = Pick<
  MeetingTable,
  | "title"
  | "kind"
  | "starts_at"
  | "place"
  | "agenda_json"
  | "apply_opens_on"
  | "apply_closes_on"
  | "seats"
  | "stream_url"
>;

/** `YYYY-MM-DDTHH:MM` (a space instead of T accepted), or undefined when not a real date and time. */
export function normaliseStartsAt(raw: string): string | undefined {
  const m = DATE_TIME.exec(raw.trim());
  if (!m || !isRealDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59) return undefined;
  return `${m[1]}T${m[2]}:${m[3]}`;
}

export function isHttpsUrl(s: string): boolean {
  if (/\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return u.protocol === "https:" && Boolean(u.hostname) && !u.username && !u.password;
  } catch {
    return false;
  }
}

/**
 * Checks every field of a notice, naming every problem: real dates, the meeting not in the past, the period
 * of applications closing before the meeting's date, seats, an https stream, and agenda links to published
 * items and consultations of the same site.
 */
export async function checkMeeting(
  db: Executor,
  siteId: string,
  input: CreateMeetingInput,
  today: string,
): Promise<Checked> {
  const p = new Problems();
  const title = (input.title ?? "").trim();
  if (!title) p.add("title", "title_required", "请填写会议名称。");
  checkLength(p, "title", "会议名称", title, 200);
  if (!KINDS.includes(input.kind as MeetingKind))
    p.add("kind", "invalid_kind", `请选择会议类型（${KINDS.map((k) => KIND_LABELS[k]).join("、")}）。`);
  const startsAt = normaliseStartsAt(input.starts_at ?? "");
  if (!startsAt)
    p.add("starts_at", "invalid_starts_at", "会议时间应为有效的日期和时间（YYYY-MM-DDTHH:MM）。");
  else if (startsAt.slice(0, 10) < today) p.add("starts_at", "starts_in_past", "会议日期不能早于今天。");
  const place = (input.place ?? "").trim();
  if (!place) p.add("place", "place_required", "请填写会议地点。");
  checkLength(p, "place", "会议地点", place, 200);
  const opensOk = isRealDate(input.apply_opens_on ?? "");
  const closesOk = isRealDate(input.apply_closes_on ?? "");
  if (!opensOk) p.add("apply_opens_on", "invalid_date", "列席报名开始日期应为有效日期（YYYY-MM-DD）。");
  if (!closesOk) p.add("apply_closes_on", "invalid_date", "列席报名截止日期应为有效日期（YYYY-MM-DD）。");
  if (opensOk && closesOk && input.apply_closes_on < input.apply_opens_on)
    p.add("apply_closes_on", "apply_period_reversed", "列席报名截止日期不能早于开始日期。");
  if (closesOk && input.apply_closes_on < today)
    p.add("apply_closes_on", "apply_closes_in_past", "列席报名截止日期不能早于今天。");
  if (closesOk && startsAt && input.apply_closes_on >= startsAt.slice(0, 10))
    p.add("apply_closes_on", "apply_closes_too_late", "列席报名应在会议召开日期之前截止。");
  const seats = input.seats;
  if (!Number.isInteger(seats) || seats < 1 || seats > MAX_SEATS)
    p.add("seats", "invalid_seats", `公众列席名额应为 1 至 ${MAX_SEATS} 之间的整数。`);
  const stream = input.stream_url?.trim() || null;
  checkLength(p, "stream_url", "网络直播地址", stream, 500);
  if (stream && !isHttpsUrl(stream))
    p.add("stream_url", "invalid_stream_url", "直播地址应为以 https:// 开头的网址。");
  const agenda: repo.AgendaEntry[] = [];
  const entries = Array.isArray(input.agenda) ? input.agenda : [];
  if (!entries.some((e) => e.topic?.trim())) p.add("agenda", "agenda_required", "请至少填写一项会议议题。");
  if (entries.length > MAX_AGENDA) p.add("agenda", "agenda_too_long", `会议议题不能超过${MAX_AGENDA}项。`);
  for (const [i, e] of entries.entries()) {
    const n = i + 1;
    const topic = e.topic?.trim() ?? "";
    const itemId = e.item_id?.trim() || undefined;
    const consultationId = e.consultation_id?.trim() || undefined;
    checkLength(p, `agenda_${n}_topic`, `第${n}项议题`, topic, 300);
    checkLength(p, `agenda_${n}_item`, `第${n}项议题的相关信息编号`, itemId, 40);
    checkLength(p, `agenda_${n}_consultation`, `第${n}项议题的相关征求意见编号`, consultationId, 40);
    if (!topic) {
      if (itemId || consultationId)
        p.add(`agenda_${n}_topic`, "topic_required", `第${n}项议题：请填写议题名称。`);
      continue;
    }
    if (itemId) {
      const item = await repo.findItemForLink(db, itemId);
      if (!item || item.site_id !== siteId || item.status !== "published")
        p.add(`agenda_${n}_item`, "item_not_found", `第${n}项议题：找不到该已发布信息，请核对信息编号。`);
    }
    if (consultationId) {
      const c = await repo.findConsultationForLink(db, consultationId);
      if (!c || c.site_id !== siteId || c.status === "draft" || c.status === "submitted")
        p.add(
          `agenda_${n}_consultation`,
          "consultation_not_found",
          `第${n}项议题：找不到该已发布的征求意见，请核对编号。`,
        );
    }
    agenda.push({
      topic,
      ...(itemId ? { item_id: itemId } : {}),
      ...(consultationId ? { consultation_id: consultationId } : {}),
    });
  }
  p.throwIfAny("会议信息未保存，请按提示修改。");
  return {
    title,
    kind: input.kind as MeetingKind,
    starts_at: startsAt!,
    place,
    agenda_json: JSON.stringify(agenda),
    apply_opens_on: input.apply_opens_on,
    apply_closes_on: input.apply_closes_on,
    seats,
    stream_url: stream,
  };
}

export async function createMeeting(
  deps: Deps,
  user: CurrentUser,
  input: CreateMeetingInput,
): Promise<repo.MeetingRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgId = input.org ? (await findOrgInSite(deps, user.siteId, input.org)).id : user.orgId;
  authoriseOrganiseIn(user, orgId, tree);
  const checked = await checkMeeting(deps.db.kysely, user.siteId, input, todayOf(deps));
  const now = deps.clock.now().toISOString();
  const row: repo.MeetingRow = {
    id: newId(),
    site_id: user.siteId,
    org_id: orgId,
    ...checked,
    status: "draft",
    cancel_reason: null,
    minutes: null,
    decision_item_id: null,
    application_count: 0,
    approved_count: 0,
    created_by: user.id,
    announced_at: null,
    held_at: null,
    minutes_published_at: null,
    cancelled_at: null,
    created_at: now,
    updated_at: now,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.insertMeeting(trx, row);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "meeting.create",
      entityType: "meeting",
      entityId: row.id,
      orgId,
      summary: { title: row.title, kind: KIND_LABELS[row.kind], starts_at: row.starts_at, seats: row.seats },
    });
  });
  return row;
}

/** Fields of the notice that an edit may change, as input (stored agenda back to its entries). */
export const inputOf = (row: repo.MeetingRow): CreateMeetingInput => ({
  title: row.title,
  kind: row.kind,
  starts_at: row.starts_at,
  place: row.place,
  agenda: repo.agendaOf(row),
  apply_opens_on: row.apply_opens_on,
  apply_closes_on: row.apply_closes_on,
  seats: row.seats,
  stream_url: row.stream_url,
});

/** Edits a draft notice: the row locked, the merged fields checked as a whole, the changed fields audited. */
export async function updateMeeting(
  deps: Deps,
  user: CurrentUser,
  id: string,
  patch: UpdateMeetingInput,
): Promise<repo.MeetingRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  const today = todayOf(deps);
  // The organisation is looked up before the transaction: inside it, a query on deps.db would wait for the
  // transaction's own connection (SQLite has one) and hang every request.
  const newOrg = patch.org !== undefined ? await findOrgInSite(deps, user.siteId, patch.org) : undefined;
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockMeeting(trx, deps.db.dialect, id),
    missing: meetingNotFound,
    check: async (trx, row) => {
      authoriseMeeting(user, "meeting.manage", row, tree);
      if (row.status !== "draft")
        throw new AppError(
          "meeting_locked",
          409,
          `会议当前状态为“${STATUS_LABELS[row.status]}”，只有草稿可以修改。`,
        );
      let orgId = row.org_id;
      if (newOrg) {
        orgId = newOrg.id;
        authoriseOrganiseIn(user, orgId, tree);
      }
      const { org: _org, ...fields } = patch;
      const merged = {
        ...inputOf(row),
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      };
      const checked = await checkMeeting(trx, row.site_id, merged as CreateMeetingInput, today);
      return { checked, orgId };
    },
    write: async (trx, row, { checked, orgId }) => {
      const set = { ...checked, org_id: orgId, updated_at: deps.clock.now().toISOString() };
      const changed = (Object.keys(checked) as (keyof typeof checked)[]).filter((k) => checked[k] !== row[k]);
      if (orgId !== row.org_id) changed.push("org_id" as never);
      await repo.updateMeeting(trx, row.id, set);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "meeting.update",
        entityType: "meeting",
        entityId: row.id,
        orgId,
        summary: { changed },
      });
      return { ...row, ...set } as repo.MeetingRow;
    },
  });
  return result;
}

/** Loads a meeting the user may see (404 otherwise), with the site's organisation tree. */
export async function loadForStaff(
  deps: Deps,
  user: CurrentUser,
  id: string,
): Promise<{ row: repo.MeetingRow; tree: OrgTree }> {
  const tree = await loadOrgTree(deps, user.siteId);
  const row = await repo.findMeeting(deps.db.kysely, id);
  if (!row || !mayViewMeeting(user, row, tree)) throw meetingNotFound();
  return { row, tree };
}

/** The back office's list: a page by number or cursor (src/platform/paging.ts) and the capped total. */
export async function listForStaff(deps: Deps, user: CurrentUser, req: PageRequest) {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgIds = orgIdsWhereCan(user, MEETING_VIEW_ACTIONS, tree);
  // A user who sees every organisation of the site reads the site's index range, not a merge of each one's.
  const everyOrg = orgIds.length > 0 && orgIds.length === tree.flatten(user.siteId).length;
  const filter = { siteId: user.siteId, orgIds: everyOrg ? undefined : orgIds };
  const [found, total] = await Promise.all([
    repo.pageMeetings(deps.db.kysely, filter, req),
    repo.countMeetingsCapped(deps.db.kysely, filter),
  ]);
  return { found, total };
}

/** The steps the user may take now, in table order (the back office offers these). */
export function offeredSteps(user: CurrentUser, row: repo.MeetingRow, tree: OrgTree): StepAction[] {
  return (Object.keys(STEPS) as StepAction[]).filter(
    (a) => STEPS[a].from.includes(row.status) && mayActOnMeeting(user, STEPS[a].who, row, tree),
  );
}

/** One workflow step: load and lock the row, check the table and the input, write, audit — one transaction. */
export async function performStep(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: MeetingActionInput,
): Promise<repo.MeetingRow> {
  const action = input.action as StepAction;
  if (!Object.hasOwn(STEPS, action))
    throw new AppError("validation_failed", 400, "请选择要办理的事项。", [
      { field: "action", code: "invalid_action", message: "请选择要办理的事项。" },
    ]);
  const tree = await loadOrgTree(deps, user.siteId);
  const today = todayOf(deps);
  const now = deps.clock.now().toISOString();
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockMeeting(trx, deps.db.dialect, id),
    missing: meetingNotFound,
    check: async (trx, row) => {
      authoriseMeeting(user, STEPS[action].who, row, tree);
      const ctx: StepContext = { row, today };
      const p = new Problems();
      assertAllowed(STEPS, action, row.status, ctx, {
        subject: "会议",
        stateLabel: (s) => STATUS_LABELS[s],
        problems: p,
      });
      if (action === "cancel" && !input.reason?.trim())
        p.add("reason", "reason_required", "取消会议须写明原因（将向社会公布）。");
      if (action === "cancel") checkLength(p, "reason", "取消原因", input.reason?.trim(), 1000);
      let item: Awaited<ReturnType<typeof repo.findItemForLink>>;
      if (action === "publish_minutes") {
        if (!input.minutes?.trim()) p.add("minutes", "minutes_required", "请填写会议纪要或决定。");
        checkLength(p, "minutes", "会议纪要或决定", input.minutes?.trim(), 50_000);
        const itemId = input.decision_item_id?.trim();
        if (itemId) {
          item = await repo.findItemForLink(trx, itemId);
          if (!item || item.site_id !== row.site_id)
            p.add("decision_item_id", "item_not_found", "找不到该信息，请核对决定文件的信息编号。");
          else if (item.status !== "published")
            p.add("decision_item_id", "item_not_published", "决定文件须先发布，才能关联。");
        }
      }
      // A guard of the table that does not hold is a conflict (409); only missing or wrong input, a 400.
      if (!p.empty && p.list.some((x) => x.field === "action"))
        throw new AppError(
          "step_refused",
          409,
          `不能执行“${STEPS[action].label}”：${p.list[0]!.message}`,
          p.list,
        );
      p.throwIfAny();
      return { item };
    },
    write: async (trx, row, plan) => {
      const to = STEPS[action].to ?? row.status;
      const set: Parameters<typeof repo.updateMeeting>[2] = { status: to, updated_at: now };
      if (action === "announce") set.announced_at = now;
      if (action === "mark_held") set.held_at = now;
      if (action === "cancel") {
        set.cancelled_at = now;
        set.cancel_reason = input.reason!.trim();
      }
      if (action === "publish_minutes") {
        set.minutes = input.minutes!.trim();
        set.minutes_published_at = now;
        set.decision_item_id = plan.item?.id ?? null;
      }
      await repo.updateMeeting(trx, row.id, set);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: STEP_AUDIT[action],
        entityType: "meeting",
        entityId: row.id,
        orgId: row.org_id,
        summary: {
          from: STATUS_LABELS[row.status],
          to: STATUS_LABELS[to],
          ...(set.cancel_reason ? { reason: set.cancel_reason } : {}),
          ...(plan.item ? { decision: plan.item.title } : {}),
        },
      });
      const next = { ...row, ...set } as repo.MeetingRow;
      await syncMeetingInIndex(deps, trx, next);
      return next;
    },
  });
  invalidatePublicPages(deps);
  return result;
}

/** A meeting as the public sees it, or undefined (a draft, a cancelled draft, or another site's). */
export async function findPublic(db: Executor, siteId: string, id: string) {
  const row = await repo.findMeeting(db, id);
  if (!row || row.site_id !== siteId || !PUBLIC_STATUSES.includes(row.status)) return undefined;
  if (row.status === "cancelled" && !row.announced_at) return undefined;
  return row;
}

export { meetingDateOf };
