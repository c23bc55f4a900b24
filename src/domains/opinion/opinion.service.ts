// Use cases of an opinion case (政务舆情): opened by hand (judged at once) or as a draft from a warning; its
// workflow steps on the locked row (opinion.steps.ts); coordination with 宣传、网信、公安, follow-ups and the
// release facts (authoritative information, press conference) as events; reading it for staff. The response
// item and accountability are in opinion.response.ts.
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Actor, Deps, Executor } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { isRealDate } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { assertAllowed } from "../../platform/workflow/state-machine";
import { actorOf, type CurrentUser, orgIdsWhereCan } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree, type OrgTree } from "../orgs";
import { findItem } from "../publishing";
import { authoriseRow, caseNotFound, mayAct, mayView, OPINION_VIEW_ACTIONS } from "./opinion.policy";
import * as repo from "./opinion.repo";
import type { CaseActionInput, CaseInput, EventInput } from "./opinion.schemas";
import {
  CATEGORIES,
  CATEGORY_LABELS,
  EFFECT_LABELS,
  EFFECTS,
  type Effect,
  LEVEL_LABELS,
  LEVELS,
  PARTIES,
  PARTY_LABELS,
  type Party,
  STATUS_LABELS,
  STEP_AUDIT,
  STEPS,
  type StepAction,
  type StepContext,
  WORKING_STATUSES,
} from "./opinion.steps";
import type { OpinionCategory, OpinionLevel } from "./opinion.tables";

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/;

/** An instant given as ISO or as YYYY-MM-DDTHH:MM in Asia/Shanghai; undefined when neither. */
export function parseInstant(raw: string | undefined): string | undefined {
  const s = (raw ?? "").trim();
  const m = DATE_TIME.exec(s);
  if (m) {
    if (!isRealDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59) return undefined;
    return new Date(`${m[1]}T${m[2]}:${m[3]}:00+08:00`).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(s)) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

const orgByRef = (tree: OrgTree, siteId: string, ref: string) =>
  tree.flatten(siteId).find(({ org }) => org.code === ref || org.id === ref)?.org;

function checkJudgement(
  p: Problems,
  tree: OrgTree,
  siteId: string,
  input: { level?: string; category?: string; org?: string },
  fallbackOrg: string,
) {
  if (!LEVELS.includes(input.level as OpinionLevel))
    p.add("level", "invalid_level", `请选择舆情级别（${LEVELS.map((l) => LEVEL_LABELS[l]).join("、")}）。`);
  if (!CATEGORIES.includes(input.category as OpinionCategory))
    p.add("category", "invalid_category", "请选择舆情类别。");
  let orgId = fallbackOrg;
  if (input.org?.trim()) {
    const org = orgByRef(tree, siteId, input.org.trim());
    if (!org) p.add("org", "org_not_found", "找不到该责任单位，请从列表中选择。");
    else orgId = org.id;
  }
  return { level: input.level as OpinionLevel, category: input.category as OpinionCategory, orgId };
}

const nowIso = (deps: Pick<Deps, "clock">) => deps.clock.now().toISOString();

async function addEventRow(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  caseId: string,
  kind: string,
  text: string,
  party: string | null = null,
) {
  await repo.insertEvent(trx, {
    id: newId(),
    case_id: caseId,
    at: nowIso(deps),
    kind,
    party,
    text,
    actor_label: actor.label,
  });
}

/** A case opened by hand: judged at once (open), its clocks running from when it surfaced. */
export async function createCase(deps: Deps, user: CurrentUser, input: CaseInput): Promise<repo.CaseRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  const p = new Problems();
  const title = (input.title ?? "").trim();
  if (!title) p.add("title", "title_required", "请填写舆情事件名称。");
  else if (Array.from(title).length > 200) p.add("title", "too_long", "舆情事件名称不能超过200字。");
  const summary = (input.summary ?? "").trim();
  if (Array.from(summary).length > 5000) p.add("summary", "too_long", "事件概要不能超过5000字。");
  const j = checkJudgement(p, tree, user.siteId, input, user.orgId);
  let discovered = nowIso(deps);
  if (input.discovered_at?.trim()) {
    const d = parseInstant(input.discovered_at);
    if (!d) p.add("discovered_at", "invalid_instant", "发现时间应为有效的日期和时间（YYYY-MM-DDTHH:MM）。");
    else if (d > discovered) p.add("discovered_at", "instant_in_future", "发现时间不能晚于现在。");
    else discovered = d;
  }
  p.throwIfAny("舆情事件未保存，请按提示修改。");
  authoriseCreate(user, j.orgId, tree);
  const now = nowIso(deps);
  const row: repo.CaseRow = {
    id: newId(),
    site_id: user.siteId,
    org_id: j.orgId,
    title,
    summary,
    level: j.level,
    category: j.category,
    status: "open",
    warning_id: null,
    discovered_at: discovered,
    info_released_at: null,
    press_held_at: null,
    response_item_id: null,
    response_published_at: null,
    effect: null,
    evaluation: null,
    evaluated_at: null,
    dismiss_reason: null,
    created_by: user.id,
    created_at: now,
    updated_at: now,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.insertCase(trx, row);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "opinion.case_create",
      entityType: "opinion_case",
      entityId: row.id,
      orgId: row.org_id,
      summary: { title, level: LEVEL_LABELS[row.level], category: CATEGORY_LABELS[row.category] },
    });
  });
  return row;
}

function authoriseCreate(user: CurrentUser, orgId: string, tree: OrgTree) {
  // Opening a case is the office's (收集、研判); a department records its own once it is open.
  authoriseRow(user, "opinion.manage", { site_id: user.siteId, org_id: orgId }, tree);
}

/** A draft case opened by the scan from a warning, in the scan's transaction (system actor). */
export async function openDraftCase(
  trx: Transaction<Database>,
  deps: Deps,
  actor: Actor,
  w: {
    id: string;
    site_id: string;
    topic: string;
    count: number;
    window_hours: number;
    kind: string;
    raised_at: string;
  },
  rootOrgId: string,
): Promise<string> {
  const id = newId();
  await repo.insertCase(trx, {
    id,
    site_id: w.site_id,
    org_id: rootOrgId,
    title: `舆情预警：${w.topic}`,
    summary:
      w.kind === "keyword"
        ? `近${w.window_hours}小时内有 ${w.count} 条来信、工单或意见含监测关键词“${w.topic}”。`
        : `近${w.window_hours}小时内有 ${w.count} 条来信、工单或意见集中反映“${w.topic}”，明显高于平常。`,
    level: "general",
    category: "hotspot",
    status: "draft",
    warning_id: w.id,
    discovered_at: w.raised_at,
    info_released_at: null,
    press_held_at: null,
    response_item_id: null,
    response_published_at: null,
    effect: null,
    evaluation: null,
    evaluated_at: null,
    dismiss_reason: null,
    created_by: null,
    created_at: w.raised_at,
    updated_at: w.raised_at,
  });
  await repo.setWarningCase(trx, w.id, id);
  await recordAudit(trx, deps.clock, actor, {
    action: "opinion.case_draft",
    entityType: "opinion_case",
    entityId: id,
    orgId: rootOrgId,
    summary: { topic: w.topic, count: w.count },
  });
  return id;
}

const responseStatusOf = async (trx: Executor, row: repo.CaseRow) =>
  row.response_item_id ? ((await findItem(trx, row.response_item_id))?.status ?? null) : null;

/** One workflow step on the locked case: load, lock, check (state, guards, input), write, audit. */
export async function performCaseStep(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: CaseActionInput,
): Promise<repo.CaseRow> {
  const action = input.action as StepAction;
  if (!Object.hasOwn(STEPS, action))
    throw new AppError("validation_failed", 400, "操作无效。", [
      { field: "action", code: "invalid_action", message: "请选择有效的操作。" },
    ]);
  const tree = await loadOrgTree(deps, user.siteId);
  const now = nowIso(deps);
  return lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockCase(trx, deps.db.dialect, id),
    missing: caseNotFound,
    check: async (trx, row) => {
      authoriseRow(user, STEPS[action].who, row, tree);
      const ctx: StepContext = { row, responseStatus: await responseStatusOf(trx, row) };
      const p = new Problems();
      // A guard that does not hold (the response not yet published) is a 409 step_refused with its reason.
      assertAllowed(STEPS, action, row.status, ctx, {
        subject: "舆情事件",
        stateLabel: (s) => STATUS_LABELS[s],
      });
      let set: Partial<repo.CaseRow> = {};
      let summary: Record<string, string> = {};
      if (action === "confirm") {
        const j = checkJudgement(p, tree, row.site_id, input, row.org_id);
        set = { level: j.level, category: j.category, org_id: j.orgId };
        summary = { level: LEVEL_LABELS[j.level] ?? "", category: CATEGORY_LABELS[j.category] ?? "" };
      } else if (action === "dismiss") {
        const reason = input.reason?.trim() ?? "";
        if (!reason) p.add("reason", "reason_required", "请写明不予立案的理由。");
        set = { dismiss_reason: reason };
        summary = { reason };
      } else if (action === "record_response") {
        const item = row.response_item_id ? await findItem(trx, row.response_item_id) : undefined;
        set = { response_published_at: item?.published_at ?? now };
      } else if (action === "evaluate") {
        const text = input.evaluation?.trim() ?? "";
        if (!EFFECTS.includes(input.effect as Effect))
          p.add("effect", "invalid_effect", "请选择回应效果（效果良好、效果一般、效果不佳）。");
        if (!text) p.add("evaluation", "evaluation_required", "请填写回应效果评估意见。");
        set = { effect: input.effect ?? null, evaluation: text, evaluated_at: now };
        summary = { effect: EFFECT_LABELS[input.effect as Effect] ?? "" };
      }
      p.throwIfAny(`不能执行“${STEPS[action].label}”，请按提示修改。`);
      return { set, summary };
    },
    write: async (trx, row, { set, summary }) => {
      const next = { ...set, status: STEPS[action].to ?? row.status, updated_at: now };
      await repo.updateCase(trx, row.id, next);
      await addEventRow(trx, deps, actorOf(user), row.id, "step", STEPS[action].label);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: STEP_AUDIT[action],
        entityType: "opinion_case",
        entityId: row.id,
        orgId: (next.org_id as string | undefined) ?? row.org_id,
        summary: { title: row.title, ...summary },
      });
      return { ...row, ...next } as repo.CaseRow;
    },
  });
}

export const EVENT_KINDS = ["coordination", "follow_up", "info_released", "press_held"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_LABELS: Record<EventKind | "step", string> = {
  coordination: "会商",
  follow_up: "跟进",
  info_released: "发布权威信息",
  press_held: "召开新闻发布会",
  step: "办理",
};

/** Coordination, a follow-up, or a release fact (authoritative information, press conference), on the locked case. */
export async function addCaseEvent(deps: Deps, user: CurrentUser, id: string, input: EventInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const kind = input.kind as EventKind;
  return lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockCase(trx, deps.db.dialect, id),
    missing: caseNotFound,
    check: (_trx, row) => {
      authoriseRow(user, "opinion.handle", row, tree);
      const p = new Problems();
      if (!EVENT_KINDS.includes(kind)) p.add("kind", "invalid_event", "请选择记录类型。");
      const text = input.text?.trim() ?? "";
      if (!text) p.add("text", "text_required", "请填写记录内容。");
      else if (Array.from(text).length > 5000) p.add("text", "too_long", "记录内容不能超过5000字。");
      if (kind === "coordination" && !PARTIES.includes(input.party as Party))
        p.add("party", "invalid_party", "请选择会商单位（宣传部门、网信部门、公安机关）。");
      if (!WORKING_STATUSES.includes(row.status))
        p.add("kind", "case_finished", `舆情事件当前状态为“${STATUS_LABELS[row.status]}”，不能再添加记录。`);
      let at = nowIso(deps);
      if ((kind === "info_released" || kind === "press_held") && input.at?.trim()) {
        const d = parseInstant(input.at);
        if (!d) p.add("at", "invalid_instant", "时间应为有效的日期和时间（YYYY-MM-DDTHH:MM）。");
        else if (d > at) p.add("at", "instant_in_future", "时间不能晚于现在。");
        else at = d;
      }
      if ((kind === "info_released" || kind === "press_held") && row.status === "draft")
        p.add("kind", "case_not_open", "请先研判立案，再登记发布情况。");
      p.throwIfAny("记录未保存，请按提示修改。");
      return { text, at };
    },
    write: async (trx, row, { text, at }) => {
      const actor = actorOf(user);
      const party = kind === "coordination" ? (input.party as Party) : null;
      await addEventRow(trx, deps, actor, row.id, kind, text, party);
      const set: Partial<repo.CaseRow> = { updated_at: nowIso(deps) };
      if (kind === "info_released" && !row.info_released_at) set.info_released_at = at;
      if (kind === "press_held" && !row.press_held_at) set.press_held_at = at;
      await repo.updateCase(trx, row.id, set);
      await recordAudit(trx, deps.clock, actor, {
        action: "opinion.case_event",
        entityType: "opinion_case",
        entityId: row.id,
        orgId: row.org_id,
        summary: { kind: EVENT_LABELS[kind], ...(party ? { party: PARTY_LABELS[party] } : {}) },
      });
    },
  });
}

/** A case as staff see it (404 for one of another site or organisation they may not see). */
export async function loadCaseForStaff(deps: Deps, user: CurrentUser, id: string) {
  const row = await repo.findCase(deps.db.kysely, id);
  const tree = await loadOrgTree(deps, user.siteId);
  if (!row) throw caseNotFound();
  authoriseRow(user, "opinion.view", row, tree);
  return { row, tree };
}

/** The cases a user may see, newest first. */
export async function listCasesForStaff(deps: Deps, user: CurrentUser) {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgIds = orgIdsWhereCan(user, OPINION_VIEW_ACTIONS, tree);
  if (!orgIds.length) throw new AppError("role_not_allowed", 403, "您的角色不能查看舆情事件。");
  return { rows: await repo.listCases(deps.db.kysely, { siteId: user.siteId, orgIds }), tree };
}

/** The steps of the table the user may take now (the page offers these). */
export function offeredSteps(user: CurrentUser, row: repo.CaseRow, tree: OrgTree): StepAction[] {
  return (Object.keys(STEPS) as StepAction[]).filter(
    (a) => STEPS[a].from.includes(row.status) && mayAct(user, STEPS[a].who, row, tree),
  );
}

export { mayView };
