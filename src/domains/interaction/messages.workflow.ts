// The steps of a message, each one load → lock → check → write in one transaction (locked-step.ts), the
// state and guards from the step table (messages.steps.ts), who from interaction.policy.ts, audited. A
// transfer or a return never restarts the answer clock: the county's limit runs from receipt.
import { type Actor, type Deps, type Executor, systemActor } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { isRealDate, shanghaiDateOf } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { assertAllowed } from "../../platform/workflow/state-machine";
import { actorOf, type CurrentUser, can } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree, type OrgTree } from "../orgs";
import { authoriseMessage, messageNotFound } from "./interaction.policy";
import {
  type MessageActionInput,
  type MessageStatus,
  RATING_LABELS,
  type RatingInput,
  REJECT_REASON_LABELS,
  REJECT_REASONS,
  STATUS_LABELS,
} from "./interaction.schemas";
import { startMessageClock, stopMessageClock } from "./messages.clock";
import { qaCopiesOf, qaUrl, syncQaInIndex } from "./messages.qa";
import * as repo from "./messages.repo";
import { findForAsker, insertStepRow, trackView } from "./messages.service";
import { policyRowOf, stepContextOf } from "./messages.staff";
import { MESSAGE_STEPS, type MessageAction } from "./messages.steps";

type Row = repo.MessageRow;

/** Audit action codes, one per step (their Chinese labels are in audit.labels.ts). */
const AUDIT_ACTIONS: Record<MessageAction, string> = {
  accept: "message.accept",
  reject: "message.reject",
  transfer: "message.transfer",
  return: "message.return",
  draft_reply: "message.draft_reply",
  approve_reply: "message.approve_reply",
  publish: "message.publish",
  make_private: "message.make_private",
  rate: "message.rate",
  follow_up: "message.follow_up",
};

interface Plan {
  on: string;
  patch: Partial<Row>;
  publicText: string;
  isPublic: boolean;
  note: string | null;
  addHolders: string[];
  releaseHolders: string[];
  stopClock?: string;
  followUpClock?: boolean;
  summary: Record<string, unknown>;
}

const stateLabel = (s: MessageStatus) => STATUS_LABELS[s] ?? s;

/** The organisations named by code or id in the user's site, every problem named. */
function resolveOrgs(
  tree: OrgTree,
  siteId: string,
  raw: string | string[] | undefined,
  p: Problems,
): string[] {
  const codes = (Array.isArray(raw) ? raw : raw ? [raw] : []).map((c) => c.trim()).filter(Boolean);
  if (!codes.length) p.add("org", "required", "请选择转办的部门或乡镇。");
  const root = tree.roots(siteId)[0]?.id;
  const orgs = tree.flatten(siteId).map(({ org }) => org);
  const ids: string[] = [];
  for (const c of codes) {
    const o = orgs.find((x) => x.code === c || x.id === c);
    if (!o) p.add("org", "unknown_org", `本站点没有代码为“${c}”的部门或乡镇。`);
    else if (o.id === root)
      p.add("org", "transfer_to_office", "不能转办给政务公开办本身，请选择部门或乡镇。");
    else if (!ids.includes(o.id)) ids.push(o.id);
  }
  return ids;
}

function stepDate(input: { on?: string }, row: Row, today: string, p: Problems): string {
  const on = input.on ?? today;
  if (!isRealDate(on)) p.add("on", "invalid_date", `日期 ${on} 不存在，请按 YYYY-MM-DD 填写真实日期。`);
  else if (on > today) p.add("on", "future_date", "办理日期不能晚于今天。");
  else if (on < (row.follow_up_on ?? row.received_on))
    p.add("on", "before_receipt", "办理日期不能早于收到留言（追问）的日期。");
  return on;
}

const names = (tree: OrgTree, ids: readonly string[]) => ids.map((id) => tree.get(id)?.name ?? id).join("、");

/** Every check of a staff step on the locked row; returns what to write. */
async function planStep(
  deps: Deps,
  trx: Executor,
  user: CurrentUser,
  tree: OrgTree,
  row: Row,
  input: MessageActionInput,
): Promise<Plan> {
  const policy = await policyRowOf(trx, row);
  const step = MESSAGE_STEPS[input.action];
  authoriseMessage(user, step.who, policy, tree);
  const p = new Problems();
  assertAllowed(MESSAGE_STEPS, input.action, row.status as MessageStatus, stepContextOf(row, policy, user), {
    stateLabel,
    subject: "留言",
  });
  const on = stepDate(input, row, shanghaiDateOf(deps.clock.now()), p);
  const note = input.note?.trim() || null;
  const plan: Plan = {
    on,
    patch: {},
    publicText: "",
    isPublic: true,
    note,
    addHolders: [],
    releaseHolders: [],
    summary: {},
  };
  const mine = policy.holders.filter((o) => can(user, "message.handle", o, tree));
  switch (input.action) {
    case "accept":
      plan.publicText = "留言已受理。";
      break;
    case "reject": {
      const reason = input.reason?.trim() ?? "";
      if (!(REJECT_REASONS as readonly string[]).includes(reason))
        p.add(
          "reason",
          "invalid_reason",
          "请选择不予受理的理由（垃圾信息、辱骂攻击、不属于受理范围或重复留言）。",
        );
      let duplicate: Row | undefined;
      if (reason === "duplicate") {
        const code = input.duplicate_of?.trim().toUpperCase();
        duplicate = code ? await repo.findByTrackingCode(trx, code) : undefined;
        if (!code) p.add("duplicate_of", "required", "重复留言请填写原留言的查询码。");
        else if (!duplicate || duplicate.site_id !== row.site_id || duplicate.id === row.id)
          p.add("duplicate_of", "unknown_message", `本站点没有查询码为“${code}”的其他留言。`);
      } else if (input.duplicate_of)
        p.add("duplicate_of", "field_not_used", "只有重复留言需要填写原留言的查询码。");
      const label = REJECT_REASON_LABELS[reason as keyof typeof REJECT_REASON_LABELS];
      plan.patch = { reject_reason: reason, duplicate_of_id: duplicate?.id ?? null };
      // Never the other asker's tracking code (half of their credentials): the published answer, if any.
      plan.publicText = !duplicate
        ? `不予受理：${label}。`
        : duplicate.published_at && !duplicate.private
          ? `不予受理：与已答复并公开的留言重复，请在“留言选登”中查看答复（${qaUrl(duplicate.id)}）。`
          : `不予受理：与已受理的留言重复。`;
      plan.stopClock = "不予受理";
      plan.summary = { reason, ...(duplicate ? { duplicate_of: duplicate.tracking_code } : {}) };
      break;
    }
    case "transfer": {
      const ids = resolveOrgs(tree, row.site_id, input.org, p);
      const office = authoriseQuiet(user, tree, policy);
      // A department transfers onward: it lets go of the message; the office adds departments.
      const releasing = office ? [] : mine;
      // Already there (a second transfer sent at the same time): a conflict with the state, not bad input.
      const already = ids.filter((id) => policy.holders.includes(id) && !releasing.includes(id));
      if (already.length && p.empty)
        throw new AppError("already_holding", 409, `${names(tree, already)}已在办理该留言。`, [
          { field: "org", code: "already_holding", message: `${names(tree, already)}已在办理该留言。` },
        ]);
      plan.addHolders = ids;
      plan.releaseHolders = releasing;
      plan.publicText = `已转交${names(tree, ids)}办理。`;
      plan.summary = {
        to: ids.map((id) => tree.get(id)?.code ?? id),
        ...(releasing.length ? { from: releasing.map((id) => tree.get(id)?.code ?? id) } : {}),
      };
      break;
    }
    case "return": {
      const reason = input.reason?.trim() ?? "";
      if (!reason) p.add("reason", "required", "请填写退回的理由。");
      plan.releaseHolders = mine;
      const left = policy.holders.filter((h) => !mine.includes(h));
      plan.patch = { status: left.length ? "transferred" : "accepted" };
      plan.publicText = `${names(tree, mine)}退回，由政务公开办重新分办。`;
      plan.note = [reason, note].filter(Boolean).join("\n") || null;
      plan.summary = { from: mine.map((id) => tree.get(id)?.code ?? id), reason };
      break;
    }
    case "draft_reply": {
      const body = input.body?.trim() ?? "";
      if (!body) p.add("body", "required", "请填写答复内容。");
      // The organisation answering: the holding department the drafter belongs to, else the office (root).
      const org =
        policy.holders.find((h) => tree.isWithin(user.orgId, h)) ?? tree.roots(row.site_id)[0]?.id ?? null;
      plan.patch = {
        draft_body: body,
        draft_by_id: user.id,
        draft_by_label: actorOf(user).label,
        draft_org_id: org,
        drafted_at: deps.clock.now().toISOString(),
      };
      plan.isPublic = false;
      plan.publicText = "起草答复，待政务公开办审核。";
      break;
    }
    case "approve_reply":
      plan.patch = { reply_body: row.draft_body, reply_org_id: row.draft_org_id, replied_on: on };
      // The answer to a follow-up of a published Q&A replaces the published copy (and its search entry) in
      // this same step: the site never keeps showing the first answer.
      if (row.published_at && !row.private)
        plan.patch = {
          ...plan.patch,
          ...qaCopiesOf(deps.config.secretKey, { ...row, reply_body: row.draft_body }),
        };
      plan.releaseHolders = [...policy.holders];
      plan.publicText = "已答复。";
      plan.stopClock = "已答复";
      plan.summary = { drafted_by: row.draft_by_label };
      break;
    case "publish":
      plan.patch = {
        ...qaCopiesOf(deps.config.secretKey, row),
        published_at: deps.clock.now().toISOString(),
      };
      plan.publicText = "答复已在网站公开（已去除个人信息）。";
      break;
    case "make_private":
      plan.patch = { private: 1, published_at: null, qa_title: null, qa_question: null, qa_answer: null };
      plan.publicText = "该留言设为不公开。";
      plan.summary = { was_published: row.published_at !== null };
      break;
  }
  p.throwIfAny(`不能执行“${step.label}”，请按提示修改。`);
  if (step.to && !plan.patch.status) plan.patch.status = step.to;
  return plan;
}

/** The office (not a holding department) is taking a routing step. */
function authoriseQuiet(user: CurrentUser, tree: OrgTree, policy: { site_id: string }): boolean {
  const root = tree.roots(policy.site_id)[0]?.id;
  return !!root && can(user, "message.manage", root, tree);
}

async function writeStep(
  deps: Deps,
  trx: Executor,
  actor: Actor,
  row: Row,
  action: MessageAction,
  plan: Plan,
) {
  const now = deps.clock.now().toISOString();
  const next: Row = { ...row, ...plan.patch, updated_at: now };
  await repo.updateMessage(trx, row.id, { ...plan.patch, updated_at: now });
  await repo.releaseHolders(trx, row.id, plan.releaseHolders, now);
  for (const org of plan.addHolders)
    await repo.insertHolder(trx, {
      id: newId(),
      message_id: row.id,
      org_id: org,
      since: now,
      released_at: null,
    });
  if (plan.stopClock) await stopMessageClock(deps, trx, row, plan.on, plan.stopClock, actor);
  if (plan.followUpClock) await startMessageClock(deps, trx, next, plan.on, "follow_up", actor);
  if (
    action === "publish" ||
    (action === "make_private" && row.published_at) ||
    (action === "approve_reply" && row.published_at && !row.private)
  )
    await syncQaInIndex(deps, trx, next);
  await insertStepRow(deps, trx, row.id, {
    on: plan.on,
    action,
    actor,
    publicText: plan.publicText,
    public: plan.isPublic,
    note: plan.note,
  });
  await recordAudit(trx, deps.clock, actor, {
    action: AUDIT_ACTIONS[action],
    entityType: "message",
    entityId: row.id,
    siteId: row.site_id,
    businessDate: plan.on,
    summary: {
      tracking_code: row.tracking_code,
      before: { status: row.status },
      after: { status: next.status },
      ...plan.summary,
    },
  });
}

/** A staff step on a message (POST /api/v1/messages/{id}/actions). */
export async function actOnMessage(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: MessageActionInput,
): Promise<void> {
  const tree = await loadOrgTree(deps, user.siteId);
  await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockMessageRow(trx, deps.db.dialect, id),
    missing: messageNotFound,
    check: (trx, row) => planStep(deps, trx, user, tree, row, input),
    write: (trx, row, plan) => writeStep(deps, trx, actorOf(user), row, input.action, plan),
  });
}

/**
 * The asker rates the answer (with the code and secret) and may follow up once, which reopens the message
 * with a new clock; `idOrCode` is the message's id or tracking code. Returns the status page.
 */
export async function rateMessage(deps: Deps, idOrCode: string, input: RatingInput) {
  const row = await lockedStep(deps.db.kysely, {
    load: async (trx) => {
      const found = await findForAsker(deps, trx, input.code, input.secret);
      if (found.id !== idOrCode && found.tracking_code !== idOrCode.trim().toUpperCase()) return undefined;
      return repo.lockMessageRow(trx, deps.db.dialect, found.id);
    },
    missing: () => new AppError("message_not_found", 404, "查询码或密码不正确。"),
    check: async (trx, row) => {
      const policy = await policyRowOf(trx, row);
      const ctx = stepContextOf(row, policy);
      const p = new Problems();
      if (row.type === "error_report") throw new AppError("rating_not_offered", 409, "网站纠错不设评价。");
      assertAllowed(MESSAGE_STEPS, "rate", row.status as MessageStatus, ctx, { stateLabel, subject: "留言" });
      const followUp = input.follow_up?.trim() || null;
      if (followUp)
        assertAllowed(MESSAGE_STEPS, "follow_up", row.status as MessageStatus, ctx, {
          stateLabel,
          subject: "留言",
        });
      p.throwIfAny();
      return { followUp, on: shanghaiDateOf(deps.clock.now()) };
    },
    write: async (trx, row, { followUp, on }) => {
      const asker = systemActor("留言人");
      const rated: Plan = {
        on,
        patch: { rating: input.rating, rated_at: deps.clock.now().toISOString() },
        publicText: `评价：${RATING_LABELS[input.rating]}。`,
        isPublic: true,
        note: null,
        addHolders: [],
        releaseHolders: [],
        summary: { rating: input.rating },
      };
      await writeStep(deps, trx, asker, row, "rate", rated);
      if (!followUp) return { ...row, ...rated.patch };
      const reopened: Row = { ...row, ...rated.patch };
      const plan: Plan = {
        on,
        // The answer's rating stays in the steps and the audit log; the next answer is rated afresh.
        patch: { status: "accepted", follow_up: followUp, follow_up_on: on, rating: null, rated_at: null },
        publicText: `追问：${followUp}`,
        isPublic: true,
        note: null,
        addHolders: [],
        releaseHolders: [],
        followUpClock: true,
        summary: {},
      };
      await writeStep(deps, trx, asker, reopened, "follow_up", plan);
      return { ...reopened, ...plan.patch };
    },
  });
  return trackView(deps, row);
}
