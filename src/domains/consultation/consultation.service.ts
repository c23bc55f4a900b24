// Use cases of the public consultation (征求意见): opening one (created by the drafting department, approved
// by the office), its workflow steps, and reading it for staff. Comments, moderation and the feedback report
// are in consultation.comments.ts; documents in consultation.documents.ts.
import type { Deps, Executor } from "../../deps";
import { diffDays, isIsoDate } from "../../platform/calendar";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { shanghaiDateOf } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { assertAllowed } from "../../platform/workflow/state-machine";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { findOrgInSite, loadOrgTree, type OrgTree } from "../orgs";
import { htmlToText, toSafeHtml } from "../publishing/rich-text";
import {
  authoriseConsultation,
  authoriseDraftIn,
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

/** Checks the period (art. 15): real dates, not in the past, end after start, 30 days for a major decision. */
export function checkPeriod(
  p: Problems,
  input: { start_on: string; end_on: string; major: boolean; short_reason?: string | null },
  today: string,
): void {
  const startOk = isIsoDate(input.start_on);
  const endOk = isIsoDate(input.end_on);
  if (!startOk) p.add("start_on", "invalid_date", "开始日期应为有效日期（YYYY-MM-DD）。");
  if (!endOk) p.add("end_on", "invalid_date", "截止日期应为有效日期（YYYY-MM-DD）。");
  if (startOk && input.start_on < today) p.add("start_on", "start_in_past", "开始日期不能早于今天。");
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

export async function createConsultation(
  deps: Deps,
  user: CurrentUser,
  input: CreateConsultationInput,
): Promise<repo.ConsultationRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgId = input.org ? (await findOrgInSite(deps, user.siteId, input.org)).id : user.orgId;
  authoriseDraftIn(user, orgId, tree);
  const p = new Problems();
  const title = input.title.trim();
  if (!title) p.add("title", "title_required", "请填写标题。");
  const draftHtml = toSafeHtml(input.draft ?? "");
  const draftText = htmlToText(draftHtml);
  if (!draftText) p.add("draft", "draft_required", "请填写征求意见稿正文。");
  const major = input.major === true;
  const days =
    isIsoDate(input.start_on) && isIsoDate(input.end_on) ? periodDays(input.start_on, input.end_on) : 0;
  const shortReason = major && days < MIN_MAJOR_DAYS ? input.short_reason?.trim() || null : null;
  checkPeriod(p, { ...input, major, short_reason: shortReason }, todayOf(deps));
  p.throwIfAny("征求意见未保存，请按提示修改。");
  const now = deps.clock.now().toISOString();
  const row: repo.ConsultationRow = {
    id: newId(),
    site_id: user.siteId,
    org_id: orgId,
    title,
    draft_html: draftHtml,
    draft_text: draftText,
    major: major ? 1 : 0,
    start_on: input.start_on,
    end_on: input.end_on,
    short_reason: shortReason,
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
      summary: { title, major, start_on: row.start_on, end_on: row.end_on, days },
    });
  });
  return row;
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

export async function listForStaff(deps: Deps, user: CurrentUser, page: number, perPage = 20) {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgIds = tree
    .flatten(user.siteId)
    .map((e) => e.org.id)
    .filter((id) => mayViewConsultation(user, { site_id: user.siteId, org_id: id }, tree));
  return repo.listConsultations(
    deps.db.kysely,
    { siteId: user.siteId, orgIds },
    { limit: perPage, offset: (page - 1) * perPage },
  );
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
