import type { Deps, Executor } from "../../deps";
import { AppError, notFound, Problems } from "../../platform/errors";
import { isRealDate, shanghaiDateOf } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { assertAllowed } from "../../platform/workflow/state-machine";
import { actorOf, type CurrentUser, can, findCurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { appendClockEvent, getClockByOwner, loadCalendar } from "../calendar";
import { loadOrgTree, type OrgTree } from "../orgs";
import { enqueueReplyMail, prepareReplyMail } from "./applications.mail";
import { authoriseApplication, ownerOrgOf } from "./applications.policy";
import * as repo from "./applications.repo";
import type { ApplicationActionInput } from "./applications.schemas";
import { DELIVERY_LABELS, STATUS_LABELS } from "./applications.schemas";
import { insertStepRow, startReplyClock } from "./applications.service";
import {
  ACTIVE,
  APPLICATION_STEPS,
  CONSULTATION_DAYS,
  CORRECTION_WINDOW,
  DEFAULT_CORRECTION_DAYS,
  DEFAULT_CORRECTION_ITEMS,
  DEFAULT_REASONS_DAYS,
  EXTENSION_REASON,
  FEE_PAYMENT_DAYS,
  MAX_EXTENSION,
} from "./applications.steps";
import { describeFee, FREE_APPLICATIONS_PER_MONTH, FREE_PAGES, feeFor } from "./fees";
import { OUTCOME_LABELS } from "./letters/letter.index";

type Row = repo.ApplicationRow;

interface Plan {
  date: string;
  patch: Partial<Row>;
  clockEvent?: ClockEvent;
  publicText: string;
  internalNote: string | null;
  isPublic: boolean;
}

type ClockEvent = NonNullable<Parameters<typeof appendClockEvent>[3]>;

/**
 * Every check of a step on the application as loaded through `exec` (inside the step's transaction, with
 * the row locked): who (the step's policy action), dates, state and guards (APPLICATION_STEPS), then the
 * checks of the step's input. Returns
 * what to write; throws to refuse. Reads only through `exec`, never the outer handle.
 */
async function planStep(
  deps: Deps,
  exec: Executor,
  user: CurrentUser,
  tree: OrgTree,
  row: Row,
  input: ApplicationActionInput,
  found: { handler?: CurrentUser },
): Promise<Plan> {
  authoriseApplication(user, APPLICATION_STEPS[input.action].who, row, tree);
  const p = new Problems();
  const today = shanghaiDateOf(deps.clock.now());
  const on = input.on ?? (input.action === "assign" || input.action === "merge" ? today : undefined);
  // Steps are recorded in the order they happened: a step dated before the last one would rewrite the
  // clock's history (a correction received before it was asked for), so it is refused.
  const steps = await repo.stepsOf(exec, row.id, false);
  const hasStep = (action: string) => steps.some((s) => s.action === action);
  const lastOn = steps
    .filter((s) => s.action !== "submit")
    .reduce<string | null>((m, s) => (m === null || s.on_date > m ? s.on_date : m), null);
  if (input.deadline !== undefined && !isRealDate(input.deadline))
    p.add("deadline", "invalid_date", `日期 ${input.deadline} 不存在，请按 YYYY-MM-DD 填写真实日期。`);
  if (!on) p.add("on", "required", "请填写该操作的业务日期（on，格式 YYYY-MM-DD）。");
  else if (!isRealDate(on)) p.add("on", "invalid_date", `日期 ${on} 不存在，请按 YYYY-MM-DD 填写真实日期。`);
  else if (on > today) p.add("on", "future_date", "业务日期不能晚于今天。");
  else if (row.received_on && on < row.received_on && input.action !== "register")
    p.add("on", "before_receipt", "业务日期不能早于收到申请的日期。");
  else if (lastOn && on < lastOn && input.action !== "register")
    p.add(
      "on",
      "before_last_step",
      `业务日期不能早于上一个办理步骤的日期（${lastOn}）；请按实际发生的先后顺序登记。`,
    );
  p.throwIfAny();
  // State and guards from the table (the detail page offers the same); guard refusals join the input's.
  const ctx = {
    status: row.status,
    correctionUsed: row.correction_used === 1,
    extendedDays: row.extended_days,
    reasonsRequested: hasStep("request_reasons"),
    delivered: hasStep("record_delivery"),
  };
  assertAllowed(APPLICATION_STEPS, input.action, row.status, ctx, {
    problems: p,
    stateLabel: (s) => STATUS_LABELS[s] ?? s,
    subject: "申请",
  });
  const date = on!;
  const cal = await loadCalendar(deps, row.site_id, exec);
  const actor = actorOf(user);
  const patch: Partial<Row> = { updated_at: deps.clock.now().toISOString() };
  let clockEvent: Parameters<typeof appendClockEvent>[3] | undefined;
  let publicText = "";
  let internalNote: string | null = input.note?.trim() || null;
  let isPublic = true;

  const need = (field: keyof ApplicationActionInput, message: string) => {
    if (input[field] === undefined || input[field] === "") p.add(field, "required", message);
  };

  switch (input.action) {
    case "register":
      if (date < row.submitted_at.slice(0, 10) && date < shanghaiDateOf(new Date(row.submitted_at)))
        p.add("on", "before_submission", "收到日期不能早于提交日期。");
      patch.status = "handling";
      patch.received_on = date;
      break;
    case "assign": {
      if (input.org) {
        const org = tree.flatten(user.siteId).find((o) => o.org.code === input.org)?.org;
        if (!org) p.add("org", "org_not_found", `机构 ${input.org} 不存在。`);
        else if (!can(user, "application.handle", org.id, tree))
          p.add("org", "org_not_allowed", `您无权把申请分办给${org.name}。`);
        else patch.org_id = org.id;
      }
      if (input.handler) {
        const handler = found.handler;
        const holder = patch.org_id ?? ownerOrgOf(row, tree);
        // The handler must be staff of this site who may handle the holding organisation's applications.
        if (!handler || handler.siteId !== user.siteId)
          p.add("handler", "user_not_found", `用户 ${input.handler} 不存在。`);
        else if (!holder || !can(handler, "application.handle", holder, tree))
          p.add("handler", "handler_not_eligible", `${handler.name}不能办理该单位的依申请公开。`);
        else patch.handler_id = handler.id;
      }
      if (!input.org && !input.handler)
        p.add("org", "required", "请指定承办单位（org）或承办人（handler）。");
      isPublic = false;
      publicText = "分办";
      break;
    }
    case "request_correction": {
      const window = cal.workingDaysBetween(row.received_on!, date);
      if (window > CORRECTION_WINDOW)
        p.add(
          "on",
          "correction_too_late",
          `应在收到申请之日起${CORRECTION_WINDOW}个工作日内一次性告知补正（已过 ${window} 个工作日）。`,
        );
      const deadline = input.deadline ?? cal.addWorkingDays(date, DEFAULT_CORRECTION_DAYS);
      if (deadline <= date) p.add("deadline", "deadline_too_early", "补正期限须晚于告知日期。");
      patch.status = "correction";
      patch.correction_used = 1;
      patch.correction_deadline = deadline;
      clockEvent = { type: "pause", on: date, reason: "告知补正" };
      const items = input.items?.trim().replace(/[。；;]+$/, "") || DEFAULT_CORRECTION_ITEMS;
      publicText = `请补正申请：${items}。补正期限：${deadline}。收到补正后重新计算答复期限。`;
      break;
    }
    case "receive_correction":
      patch.status = "handling";
      clockEvent = { type: "restart", on: date, reason: "收到补正后的申请" };
      publicText = `收到补正材料，自 ${date} 起重新计算答复期限。`;
      break;
    case "start_consultation": {
      patch.status = "consulting";
      patch.consult_party = input.third_party?.trim() || "有关第三方";
      patch.consult_deadline = cal.addWorkingDays(date, CONSULTATION_DAYS);
      clockEvent = { type: "pause", on: date, reason: "征求第三方意见" };
      publicText = "依法征求第三方（或其他机关）意见，征求意见所需时间不计算在答复期限内。";
      internalNote = [`征求对象：${patch.consult_party}`, `答复期限：${patch.consult_deadline}`, internalNote]
        .filter(Boolean)
        .join("；");
      break;
    }
    case "end_consultation":
      patch.status = "handling";
      clockEvent = { type: "resume", on: date, reason: "第三方意见已收到" };
      publicText = "征求意见结束，恢复计算答复期限。";
      break;
    case "extend": {
      need("days", "请填写延长的工作日数（days）。");
      const days = input.days ?? 0;
      if (row.extended_days < MAX_EXTENSION && row.extended_days + days > MAX_EXTENSION)
        p.add(
          "days",
          "extension_too_long",
          `延长期限最长不得超过${MAX_EXTENSION}个工作日（已延长 ${row.extended_days} 个）。`,
        );
      patch.extended_days = row.extended_days + days;
      clockEvent = { type: "extend", on: date, days, reason: EXTENSION_REASON };
      publicText = `经政府信息公开工作机构负责人同意，答复期限延长 ${days} 个工作日。`;
      // Art. 33 needs the head of the disclosure office's approval; without a named approver the step is
      // recorded as approved by the person who records it, and says so.
      const approver = input.approved_by?.trim() || `${actor.label}（未另行注明批准人）`;
      internalNote = [`批准人：${approver}`, internalNote].filter(Boolean).join("；");
      break;
    }
    case "fee_notice": {
      // One method per application: 按量 when pages are given, otherwise 按件 (CONTRACT.md names no fields).
      const method = input.method ?? (input.pages !== undefined ? "pages" : "count");
      if (method === "pages") need("pages", "按量收费请填写页数（pages）。");
      if (p.empty) {
        const month = (row.received_on ?? date).slice(0, 7);
        const nth =
          method === "count" && row.id_index
            ? await repo.countByApplicantInMonth(exec, row.id_index, month)
            : 0;
        if (method === "count" && nth <= FREE_APPLICATIONS_PER_MONTH)
          p.add(
            "method",
            "no_fee",
            `该申请人本月第 ${nth} 件申请，未超过${FREE_APPLICATIONS_PER_MONTH}件，不收费。`,
          );
        const basis =
          method === "pages"
            ? ({ method: "by_pages", pages: input.pages! } as const)
            : ({ method: "by_count", nthInMonth: Math.max(nth, 1) } as const);
        const fee = feeFor(basis);
        if (fee === 0 && method === "pages") p.add("pages", "no_fee", `${FREE_PAGES}页以内不收费。`);
        patch.fee_yuan = fee;
        patch.fee_method = basis.method;
        patch.fee_deadline = cal.addWorkingDays(date, FEE_PAYMENT_DAYS);
        publicText = `收费通知：${describeFee(basis)}。请于 ${patch.fee_deadline} 前缴纳，缴费期间不计算在答复期限内。`;
      }
      patch.status = "fee_pending";
      clockEvent = { type: "pause", on: date, reason: "等待缴纳信息处理费" };
      break;
    }
    case "fee_paid":
      patch.status = "handling";
      clockEvent = { type: "resume", on: date, reason: "已缴纳信息处理费" };
      publicText = "已收到信息处理费，恢复计算答复期限。";
      break;
    case "reply": {
      need("outcome", "请选择答复结果（outcome）。");
      const outcome = input.outcome;
      if (
        outcome === "other.no_correction" &&
        !(row.status === "correction" && row.correction_deadline && date > row.correction_deadline)
      ) {
        p.add(
          "outcome",
          "correction_not_overdue",
          "只有补正期限届满仍未补正的申请，才能按“逾期不补正”处理。",
        );
      }
      if (
        outcome === "other.fee_unpaid" &&
        !(row.status === "fee_pending" && row.fee_deadline && date > row.fee_deadline)
      ) {
        p.add("outcome", "fee_not_overdue", "只有缴费期限届满仍未缴费的申请，才能按“逾期未缴费”处理。");
      }
      if (outcome === "other.other" && !input.note?.trim())
        p.add("note", "required", "“其他处理”须在答复说明（note）中写明处理情况和理由，它会写入答复书。");
      if (outcome === "unable.still_unclear" && !row.correction_used)
        p.add(
          "outcome",
          "correction_not_requested",
          "“补正后申请内容仍不明确”只适用于已告知补正的申请；请先告知补正。",
        );
      if (outcome === "not_handled.excessive") {
        if (hasStep("set_period"))
          p.add(
            "outcome",
            "reasons_accepted",
            "已认定申请理由合理并确定了延迟答复期限，不能再以“无正当理由大量反复申请”不予处理。",
          );
        else if (!hasStep("request_reasons"))
          p.add(
            "outcome",
            "reasons_not_requested",
            "按“无正当理由大量反复申请”不予处理前，须先依《条例》第三十五条要求申请人说明理由。",
          );
      }
      patch.status = "replied";
      patch.outcome = outcome ?? null;
      patch.outcome_note = input.note?.trim() || null;
      // Reply letters (H5): the ground of the part withheld in a partial disclosure, cited in the letter.
      if (input.withheld_ground && outcome !== "partial")
        p.add(
          "withheld_ground",
          "ground_without_partial",
          "只有“部分公开”需要选择不予公开部分的依据（withheld_ground）。",
        );
      patch.withheld_ground = outcome === "partial" ? (input.withheld_ground ?? null) : null;
      patch.replied_on = date;
      clockEvent = { type: "stop", on: date, reason: "已答复" };
      publicText = `已答复：${outcome ? (OUTCOME_LABELS[outcome] ?? outcome) : ""}。`;
      break;
    }
    case "request_reasons": {
      // Art. 35: an excessive number or frequency of applications; the clock runs on meanwhile.
      const deadline = input.deadline ?? cal.addWorkingDays(date, DEFAULT_REASONS_DAYS);
      if (deadline <= date) p.add("deadline", "deadline_too_early", "说明理由的期限须晚于告知日期。");
      publicText = `申请的数量、频次明显超过合理范围，请于 ${deadline} 前书面说明申请理由（《条例》第三十五条）。`;
      break;
    }
    case "set_period": {
      // Art. 35: the reasons are sound but the reply cannot be made in time: a longer, stated period.
      need("deadline", "请填写延迟答复的期限（deadline，即新的答复日期）。");
      const clock = await getClockByOwner(deps, { ownerType: "application", ownerId: row.id }, exec);
      const due = clock?.dueOn ?? null;
      if (input.deadline && due && input.deadline <= due)
        p.add("deadline", "deadline_too_early", `延迟答复的期限须晚于现行答复期限 ${due}。`);
      else if (input.deadline && !cal.isWorkingDay(input.deadline))
        p.add("deadline", "not_working_day", `${input.deadline} 不是工作日，请选择工作日。`);
      if (p.empty && due) {
        const days = cal.workingDaysBetween(due, input.deadline!);
        clockEvent = { type: "extend", on: date, days, reason: "依《条例》第三十五条确定延迟答复的合理期限" };
      }
      publicText = `申请理由合理，但无法在规定期限内答复，依《条例》第三十五条确定延迟答复的合理期限，答复期限至 ${input.deadline ?? ""}。`;
      break;
    }
    case "record_delivery": {
      // How the reply reached the applicant (Art. 29/36: through the channel the applicant chose).
      need("delivered_by", "请选择送达方式（delivered_by）。");
      if (input.delivered_by === "post") need("reference", "邮寄送达请填写挂号信或快递单号（reference）。");
      if (row.replied_on && date < row.replied_on) p.add("on", "before_reply", "送达日期不能早于答复日期。");
      const how = input.delivered_by ? DELIVERY_LABELS[input.delivered_by] : "";
      const ref = input.reference?.trim();
      publicText = `答复已通过${how}送达${input.delivered_by === "post" && ref ? `（邮件号 ${ref}）` : ""}。`;
      if (input.delivered_by !== "post" && ref)
        internalNote = [`送达记录：${ref}`, internalNote].filter(Boolean).join("；");
      break;
    }
    case "merge": {
      need("into", "请填写合并到的申请查询码（into）。");
      const target = input.into
        ? await repo.findByTrackingCode(exec, input.into.trim().toUpperCase())
        : undefined;
      if (input.into && (!target || target.id === row.id || target.site_id !== row.site_id))
        p.add("into", "application_not_found", "要合并到的申请不存在。");
      else if (target && !["submitted", ...ACTIVE].includes(target.status))
        p.add(
          "into",
          "merge_target_closed",
          `申请 ${target.tracking_code} 已${STATUS_LABELS[target.status] ?? target.status}，只能合并到仍在办理的申请。`,
        );
      patch.status = "merged";
      patch.merged_into_id = target?.id ?? null;
      if (row.received_on) clockEvent = { type: "stop", on: date, reason: "合并办理" };
      publicText = `与申请 ${target?.tracking_code ?? ""} 合并办理，请以该申请的答复为准。`;
      break;
    }
  }
  p.throwIfAny("操作未完成，请按提示修改。");
  return { date, patch, clockEvent, publicText, internalNote, isPublic };
}

/**
 * Every step of handling: a dated, audited action on the statutory clock (CONTRACT.md, Applications).
 * Load, lock, check, write in one transaction: two extensions sent at once are checked one after the
 * other against the days already granted, so together they never pass the 20-day limit.
 */
export async function performApplicationAction(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: ApplicationActionInput,
) {
  const tree = await loadOrgTree(deps, user.siteId);
  const db = deps.db.kysely;
  const actor = actorOf(user);
  // Lookups that do not depend on the application's state read through deps.db, so before the transaction.
  const found = {
    handler:
      input.action === "assign" && input.handler ? await findCurrentUser(deps, input.handler) : undefined,
  };
  // The reply e-mail (letter, released documents) is rendered and stored before the transaction from the
  // application as it stands, after the same checks; the locked check below decides, and if it refuses
  // the stored attachments are deleted.
  let replyMail: Awaited<ReturnType<typeof prepareReplyMail>> = null;
  if (input.action === "reply") {
    const seen = await repo.findApplication(db, id);
    if (seen) {
      const plan = await planStep(deps, db, user, tree, seen, input, found);
      replyMail = await prepareReplyMail(deps, { ...seen, ...plan.patch });
    }
  }
  try {
    await lockedStep(db, {
      load: (trx) => repo.lockApplicationRow(trx, deps.db.dialect, id),
      missing: () => notFound("申请", "application_not_found"),
      check: (trx, row) => planStep(deps, trx, user, tree, row, input, found),
      write: async (trx, row, { date, patch, clockEvent, publicText, internalNote, isPublic }) => {
        await repo.updateApplication(trx, id, patch);
        if (input.action === "register") await startReplyClock(deps, trx, { ...row, ...patch }, actor, date);
        else {
          await insertStepRow(deps, trx, id, {
            on: date,
            action: input.action,
            actor,
            publicText,
            public: isPublic,
            internalNote,
          });
          if (clockEvent) await appendToClock(deps, trx, row, clockEvent);
          if (replyMail) await enqueueReplyMail(deps, trx, actor, id, replyMail, date);
        }
        await recordAudit(trx, deps.clock, actor, {
          action: `application.${input.action}`,
          entityType: "application",
          entityId: id,
          orgId: row.org_id,
          siteId: row.site_id,
          businessDate: date,
          summary: {
            before: { status: row.status },
            after: {
              status: patch.status ?? row.status,
              outcome: patch.outcome,
              fee_yuan: patch.fee_yuan,
              days: input.days,
            },
          },
        });
      },
    });
  } catch (e) {
    // Nothing was queued: delete the attachments stored for the reply e-mail, then fail as before.
    await replyMail?.discard();
    throw e;
  }
  return repo.findApplication(db, id);
}

async function appendToClock(deps: Deps, trx: Executor, row: Row, event: ClockEvent) {
  const clock = await getClockByOwner(deps, { ownerType: "application", ownerId: row.id }, trx);
  if (!clock) throw new AppError("not_registered", 409, "申请尚未登记，不能计算期限。");
  await appendClockEvent(deps, trx, clock.id, event);
}
