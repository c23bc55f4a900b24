// Use cases of the public consultation (征求意见): opening one (created by the drafting department, approved
// by the office), its workflow steps, and reading it for staff. Comments, moderation and the feedback report
// are in consultation.comments.ts; documents in consultation.documents.ts.
import type { Deps, Executor } from "../../deps";
import { diffDays, isIsoDate } from "../../platform/calendar";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import type { PageRequest } from "../../platform/paging";
import { shanghaiDateOf } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { assertAllowed } from "../../platform/workflow/state-machine";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser, orgIdsWhereCan } from "../accounts";
import { recordAudit } from "../audit";
import { findOrgInSite, loadOrgTree, type OrgTree } from "../orgs";
import { htmlToText, toSafeHtml } from "../publishing/rich-text";
import {
  authoriseConsultation,
  authoriseDraftIn,
  CONSULTATION_VIEW_ACTIONS,
  consultationNotFound,
  mayActOn,
  mayViewConsultation,
} from "./consultation.policy";
import * as repo from "./consultation.repo";
import type { ConsultationActionInput, CreateConsultationInput } from "./consultation.schemas";
import { syncConsultationInIndex } from "./consultation.search";
import {
  MIN_MAJOR_DAYS,
  noteRequired,
  STATUS_LABELS,
  STEP_AUDIT,
  STEPS,
  type StepAction,
  type StepContext,
} from "./consultation.steps";

export const todayOf = (deps: Pick<Deps, "clock">) => shanghaiDateOf(deps.clock.now());

/** The period's length in days: the first day is not counted (as in the contract's clock convention). */
export const periodDays = (startOn: string, endOn: string) => diffDays(startOn, endOn);

/** Comments are accepted while the consultation is open and today lies within its period. */
export const acceptsComments = (
  row: Pick<repo.ConsultationRow, "status" | "start_on" | "end_on">,
  today: string,
) => row.status === "open" && row.start_on <= today && today <= row.end_on;

/**
 * The state as shown: an open consultation is closed from the day after its last day, before the daily job
 * (consultation.jobs.ts) closes the row itself.
 */
export const effectiveStatus = (
  row: Pick<repo.ConsultationRow, "status" | "end_on">,
  today: string,
): repo.ConsultationRow["status"] => (row.status === "open" && today > row.end_on ? "closed" : row.status);

/**
 * Checks the period (art. 15): real dates, end after start, 30 days for a major decision, and a start not in
 * the past unless `today` is null (an edit that keeps the start date it had).
 */
export function checkPeriod(
  p: Problems,
  input: { start_on: string; end_on: string; major: boolean; short_reason?: string | null },
  today: string | null,
): void {
  const startOk = isIsoDate(input.start_on);
  const endOk = isIsoDate(input.end_on);
  if (!startOk) p.add("start_on", "invalid_date", "开始日期应为有效日期（YYYY-MM-DD）。");
  if (!endOk) p.add("end_on", "invalid_date", "截止日期应为有效日期（YYYY-MM-DD）。");
  if (startOk && today !== null && input.start_on < today)
    p.add("start_on", "start_in_past", "开始日期不能早于今天。");
  if (!startOk || !endOk) return;
  const days = periodDays(input.start_on, input.end_on);
  if (days < 1) p.add("end_on", "period_too_short", "截止日期应晚于开始日期。");
  else if (input.major && days < MIN_MAJOR_DAYS && !input.short_reason?.trim())
    p.add(
      "short_reason",
      "period_reason_required",
      `重大行政决策征求意见期限一般不少于${MIN_MAJOR_DAYS}日（当前${days}日）；期限更短的，须说明理由（将向社会公布）。`,
    );
}

/** The draft's own fields, checked and normalised (every problem named), for creating and editing alike. */
export function checkDraftFields(
  input: CreateConsultationInput,
  p: Problems,
  today: string | null,
): Pick<
  repo.ConsultationRow,
  "title" | "draft_html" | "draft_text" | "major" | "start_on" | "end_on" | "short_reason"
> {
  const title = input.title.trim();
  if (!title) p.add("title", "title_required", "请填写标题。");
  // The API's schema holds these too; the back office's forms arrive as free text.
  if ([...title].length > 200)
    p.add("title", "too_long", `标题不能超过 200 个字（现 ${[...title].length} 个字）。`);
  if ((input.short_reason?.length ?? 0) > 1000)
    p.add("short_reason", "too_long", "期限少于30日的理由不能超过 1000 个字。");
  const draftHtml = toSafeHtml(input.draft ?? "");
  const draftText = htmlToText(draftHtml);
  if (!draftText) p.add("draft", "draft_required", "请填写征求意见稿正文。");
  const major = input.major === true;
  const days =
    isIsoDate(input.start_on) && isIsoDate(input.end_on) ? periodDays(input.start_on, input.end_on) : 0;
  const shortReason = major && days < MIN_MAJOR_DAYS ? input.short_reason?.trim() || null : null;
  checkPeriod(p, { ...input, major, short_reason: shortReason }, today);
  return {
    title,
    draft_html: draftHtml,
    draft_text: draftText,
    major: major ? 1 : 0,
    start_on: input.start_on,
    end_on: input.end_on,
    short_reason: shortReason,
  };
}

export async function createConsultation(
  deps: Deps,
  user: CurrentUser,
  input: CreateConsultationInput,
): Promise<repo.ConsultationRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgId = input.org ? (await findOrgInSite(deps, user.siteId, input.org)).id : user.orgId;
  authoriseDraftIn(user, orgId, tree);
  const p = new Problems();
  const fields = checkDraftFields(input, p, todayOf(deps));
  p.throwIfAny("征求意见未保存，请按提示修改。");
  const now = deps.clock.now().toISOString();
  const row: repo.ConsultationRow = {
    id: newId(),
    site_id: user.siteId,
    org_id: orgId,
    ...fields,
    status: "draft",
    close_note: null,
    report_summary: null,
    final_item_id: null,
    comment_count: 0,
    created_by: user.id,
    opened_at: null,
    closed_at: null,
    reported_at: null,
    created_at: now,
    updated_at: now,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.insertConsultation(trx, row);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "consultation.create",
      entityType: "consultation",
      entityId: row.id,
      orgId,
      summary: {
        title: row.title,
        major: row.major === 1,
        start_on: row.start_on,
        end_on: row.end_on,
        days: periodDays(row.start_on, row.end_on),
      },
    });
  });
  return row;
}

/** The fields an edit may change, as the audit entry names them. */
const EDITABLE: ReadonlyArray<[keyof repo.ConsultationRow, string]> = [
  ["title", "标题"],
  ["draft_html", "正文"],
  ["major", "决策类型"],
  ["start_on", "开始日期"],
  ["end_on", "截止日期"],
  ["short_reason", "期限少于30日的理由"],
];

export const notEditable = (status: repo.ConsultationRow["status"]) =>
  new AppError(
    "consultation_not_editable",
    409,
    status === "submitted"
      ? "征求意见已提交审核，不能修改；如需修改，请审核人退回。"
      : `征求意见当前状态为“${STATUS_LABELS[status]}”，已发布的征求意见不能修改。`,
  );

/**
 * Edits a draft (the drafting department): the fields of a new one, all given again (a field left out keeps
 * its value), checked as when it was created. Only while a draft: once submitted or opened, 409.
 */
export async function updateDraft(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: Partial<Omit<CreateConsultationInput, "org">>,
): Promise<repo.ConsultationRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  const today = todayOf(deps);
  const now = deps.clock.now().toISOString();
  return lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockConsultation(trx, deps.db.dialect, id),
    missing: consultationNotFound,
    check: (_trx, row) => {
      authoriseConsultation(user, "consultation.draft", row, tree);
      if (row.status !== "draft") throw notEditable(row.status);
      const merged: CreateConsultationInput = {
        title: input.title ?? row.title,
        draft: input.draft ?? row.draft_html,
        major: input.major ?? row.major === 1,
        start_on: input.start_on ?? row.start_on,
        end_on: input.end_on ?? row.end_on,
        short_reason: input.short_reason ?? row.short_reason ?? undefined,
      };
      const p = new Problems();
      // A start date kept as it was is not refused for lying in the past (submitting checks the end).
      const fields = checkDraftFields(merged, p, merged.start_on === row.start_on ? null : today);
      p.throwIfAny("征求意见未保存，请按提示修改。");
      return fields;
    },
    write: async (trx, row, fields) => {
      const changed = EDITABLE.filter(([k]) => fields[k as keyof typeof fields] !== row[k]);
      const next = { ...row, ...fields, updated_at: now };
      if (!changed.length) return row;
      await repo.updateConsultation(trx, row.id, { ...fields, updated_at: now });
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "consultation.edit",
        entityType: "consultation",
        entityId: row.id,
        orgId: row.org_id,
        summary: {
          changed: changed.map(([, label]) => label).join("、"),
          ...(fields.title !== row.title ? { title: fields.title } : {}),
          ...(fields.start_on !== row.start_on || fields.end_on !== row.end_on
            ? { period: `${fields.start_on} 至 ${fields.end_on}` }
            : {}),
        },
      });
      return next;
    },
  });
}

/** Loads a consultation the user may see (404 otherwise), with the site's organisation tree. */
export async function loadForStaff(
  deps: Deps,
  user: CurrentUser,
  id: string,
): Promise<{ row: repo.ConsultationRow; tree: OrgTree }> {
  const tree = await loadOrgTree(deps, user.siteId);
  const row = await repo.findConsultation(deps.db.kysely, id);
  if (!row || !mayViewConsultation(user, row, tree)) throw consultationNotFound();
  return { row, tree };
}

/** The back office's list: a page by number or cursor (src/platform/paging.ts) and the capped total. */
export async function listForStaff(deps: Deps, user: CurrentUser, req: PageRequest) {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgIds = orgIdsWhereCan(user, CONSULTATION_VIEW_ACTIONS, tree);
  // A user who sees every organisation of the site reads the site's index range, not a merge of each one's.
  const everyOrg = orgIds.length > 0 && orgIds.length === tree.flatten(user.siteId).length;
  const filter = { siteId: user.siteId, orgIds: everyOrg ? undefined : orgIds };
  const [found, total] = await Promise.all([
    repo.pageConsultations(deps.db.kysely, filter, req),
    repo.countConsultationsCapped(deps.db.kysely, filter),
  ]);
  return { found, total };
}

/** The steps the user may take now, in table order (the back office offers these). */
export function offeredSteps(user: CurrentUser, ctx: StepContext, tree: OrgTree): StepAction[] {
  return (Object.keys(STEPS) as StepAction[]).filter(
    (a) => STEPS[a].from.includes(ctx.row.status) && mayActOn(user, STEPS[a].who, ctx.row, tree),
  );
}

/** One workflow step: load and lock the row, check the table and the input, write, audit — one transaction. */
export async function performStep(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: ConsultationActionInput,
): Promise<repo.ConsultationRow> {
  const action = input.action as StepAction;
  const tree = await loadOrgTree(deps, user.siteId);
  const today = todayOf(deps);
  const now = deps.clock.now().toISOString();
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockConsultation(trx, deps.db.dialect, id),
    missing: consultationNotFound,
    check: async (trx, row) => {
      authoriseConsultation(user, STEPS[action].who, row, tree);
      const ctx: StepContext = { row, today, comments: await repo.listComments(trx, row.id) };
      const p = new Problems();
      assertAllowed(STEPS, action, row.status, ctx, {
        subject: "征求意见",
        stateLabel: (s) => STATUS_LABELS[s],
        problems: p,
      });
      const needs = noteRequired(action, ctx);
      if (needs && !input.note?.trim()) p.add("note", "note_required", needs);
      let item: Awaited<ReturnType<typeof repo.findItemForLink>>;
      if (action === "link_policy") {
        item = input.item_id ? await repo.findItemForLink(trx, input.item_id.trim()) : undefined;
        if (!input.item_id?.trim()) p.add("item_id", "item_required", "请填写正式政策文件的信息编号（ID）。");
        else if (!item || item.site_id !== row.site_id)
          p.add("item_id", "item_not_found", "找不到该信息，请核对正式政策文件的信息编号。");
        else if (item.status !== "published")
          p.add("item_id", "item_not_published", "正式政策文件须先发布，才能关联。");
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
      const set: Parameters<typeof repo.updateConsultation>[2] = { status: to, updated_at: now };
      if (action === "approve") set.opened_at = now;
      if (action === "close") {
        set.closed_at = now;
        set.close_note = today <= row.end_on ? input.note!.trim() : null;
      }
      if (action === "approve_report") set.reported_at = now;
      if (action === "link_policy") set.final_item_id = plan.item!.id;
      await repo.updateConsultation(trx, row.id, set);
      const next = { ...row, ...set } as repo.ConsultationRow;
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: STEP_AUDIT[action],
        entityType: "consultation",
        entityId: row.id,
        orgId: row.org_id,
        summary: {
          from: STATUS_LABELS[row.status],
          to: STATUS_LABELS[to],
          ...(input.note?.trim() ? { note: input.note.trim() } : {}),
          ...(plan.item ? { final_policy: plan.item.title } : {}),
        },
      });
      await syncConsultationInIndex(deps, trx, next);
      return next;
    },
  });
  invalidatePublicPages(deps);
  return result;
}

/** A consultation as the public sees it, or undefined (never published, or another site's). */
export async function findPublic(db: Executor, siteId: string, id: string) {
  const row = await repo.findConsultation(db, id);
  if (!row || row.site_id !== siteId || !repo.PUBLIC_STATUSES.includes(row.status)) return undefined;
  return row;
}
