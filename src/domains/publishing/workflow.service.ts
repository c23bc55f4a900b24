import type { Actor, Deps, Executor } from "../../deps";
import { AppError, notFound, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { shanghaiDateOf } from "../../platform/time";
import { actorOf, type CurrentUser, can, canAny, type Action as PolicyAction } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree, type OrgTree } from "../orgs";
import { assertReviewClear, scanItem } from "../review/review.service";
import { copyAttachments } from "./attachments";
import { allocateIndexNumber } from "./index-allocation";
import { invalidateItemPages } from "./page-cache";
import * as repo from "./publishing.repo";
import { type ActionInput, type ItemStatus, NEEDS_INTERPRETATION, STATUS_LABELS } from "./publishing.schemas";
import { assessTimeliness } from "./timeliness";

type ItemRow = repo.ItemRow;

interface Step {
  from: ItemStatus[];
  to: ItemStatus;
  policy: PolicyAction;
  label: string;
  needsNote?: string;
}

// The workflow: draft → submitted (保密审查) → reviewed (审签) → signed → published, with rejection back to
// draft, withdrawal of a published item, and revision as a new version.
const STEPS: Record<Exclude<ActionInput["action"], "revise">, Step> = {
  submit: { from: ["draft"], to: "submitted", policy: "item.draft", label: "提交审查" },
  approve: { from: ["submitted"], to: "reviewed", policy: "item.review", label: "审查通过" },
  reject: {
    from: ["submitted", "reviewed"],
    to: "draft",
    policy: "item.review",
    label: "退回修改",
    needsNote: "退回时请写明原因。",
  },
  sign: { from: ["reviewed"], to: "signed", policy: "item.sign", label: "审签" },
  publish: { from: ["signed"], to: "published", policy: "item.sign", label: "发布" },
  withdraw: {
    from: ["published"],
    to: "withdrawn",
    policy: "item.sign",
    label: "撤回",
    needsNote: "撤回须向公众说明理由。",
  },
};

function authorise(user: CurrentUser, action: PolicyAction, orgId: string, tree: OrgTree): void {
  if (can(user, action, orgId, tree)) return;
  if (!canAny(user, action)) throw new AppError("role_not_allowed", 403, "您的角色不能执行此操作。");
  throw new AppError("org_not_allowed", 403, "您无权处理其他单位的信息。");
}

const statusText = (s: string) => STATUS_LABELS[s as ItemStatus] ?? s;

/** The ids of every version of a policy, so interpretations follow the document across revisions. */
async function interpretationsOfLineage(db: Executor, policy: ItemRow): Promise<ItemRow[]> {
  const versions = await repo.versionsOf(db, policy.lineage_id);
  const all = await Promise.all(versions.map((v) => repo.interpretationsOf(db, v.id)));
  return all.flat();
}

/** What moves with an item: a policy's interpretations in the same state (同步审签、同步部署). */
async function companionsOf(db: Executor, item: ItemRow): Promise<ItemRow[]> {
  if (!NEEDS_INTERPRETATION.has(item.kind)) return [];
  return (await repo.interpretationsOf(db, item.id)).filter((i) => i.status === item.status);
}

async function refuseLoneInterpretation(db: Executor, item: ItemRow): Promise<void> {
  if (item.kind !== "interpretation" || !item.interprets_id) return;
  const policy = await repo.findItem(db, item.interprets_id);
  if (policy && policy.status !== "published") {
    throw new AppError(
      "moves_with_policy",
      409,
      "该解读对应的政策文件尚未发布，解读须随政策文件一并提交、审查、审签和发布。",
    );
  }
}

export async function performAction(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: ActionInput,
): Promise<ItemRow> {
  const db = deps.db.kysely;
  const item = await repo.findItem(db, id);
  if (!item) throw notFound("信息", "item_not_found");
  const tree = await loadOrgTree(deps);
  const action = input.action;
  if (action === "revise") return reviseItem(deps, user, item, tree);

  const step = STEPS[action];
  authorise(
    user,
    item.status === "reviewed" && input.action === "reject" ? "item.sign" : step.policy,
    item.org_id,
    tree,
  );
  if (!step.from.includes(item.status as ItemStatus)) {
    throw new AppError(
      "invalid_transition",
      409,
      `信息当前状态为“${statusText(item.status)}”，不能${step.label}。`,
      [
        {
          field: "action",
          code: "invalid_transition",
          message: `${statusText(item.status)} → ${step.label}`,
        },
      ],
    );
  }
  const p = new Problems();
  const note = input.note?.trim() || null;
  if (step.needsNote && !note) p.add("note", "note_required", step.needsNote);
  let scheduleAt: string | null = null;
  if (input.at && input.action === "publish") {
    const at = new Date(input.at);
    if (Number.isNaN(at.getTime())) p.add("at", "invalid_time", "定时发布时间无效。");
    else if (at > deps.clock.now()) scheduleAt = at.toISOString();
  } else if (input.at) p.add("at", "field_not_used", "只有发布操作可以指定时间。");
  p.throwIfAny();
  if (input.action !== "withdraw") await refuseLoneInterpretation(db, item);

  const companions =
    input.action === "withdraw" ? await publishedInterpretations(db, item) : await companionsOf(db, item);
  if (input.action === "submit" && NEEDS_INTERPRETATION.has(item.kind)) {
    const published = item.supersedes_id
      ? (await interpretationsOfLineage(db, item)).filter((i) => i.status === "published")
      : [];
    if (companions.length + published.length === 0) {
      throw new AppError(
        "interpretation_required",
        422,
        "政策文件和规范性文件须与解读材料同步组织、同步审签、同步发布：请先起草至少一份解读（谁起草谁解读），再一并提交。",
        [{ field: "interpretations", code: "interpretation_required", message: "缺少政策解读。" }],
      );
    }
  }

  const group = [item, ...companions];
  // 保密审查: nothing goes past review while a secrecy marking or unmasked personal information is open.
  if (["approve", "sign", "publish"].includes(action))
    await assertReviewClear(
      db,
      group.map((g) => g.id),
    );
  const actor = actorOf(user);
  await db.transaction().execute(async (trx) => {
    for (const it of group) {
      if (input.action === "publish" && !scheduleAt) await publishOne(deps, trx, actor, it, note);
      else {
        const to: ItemStatus = scheduleAt ? "scheduled" : step.to;
        const patch: Partial<ItemRow> = {
          status: to,
          updated_at: deps.clock.now().toISOString(),
          last_note: note,
        };
        if (scheduleAt) patch.scheduled_at = scheduleAt;
        if (input.action === "withdraw")
          Object.assign(patch, { withdrawn_at: deps.clock.now().toISOString(), withdraw_reason: note });
        await repo.updateItem(trx, it.id, patch);
        await logTransition(
          deps,
          trx,
          actor,
          it,
          input.action,
          to,
          note,
          scheduleAt ? { scheduled_at: scheduleAt } : {},
        );
        // 保密审查 starts on submission: every check runs on the title, body and attachment texts.
        if (action === "submit") {
          const findings = await scanItem(deps, trx, it.id);
          await recordAudit(trx, deps.clock, actor, {
            action: "review.scan",
            entityType: "item",
            entityId: it.id,
            orgId: it.org_id,
            summary: { findings: findings.length, open: findings.filter((f) => f.status === "open").length },
          });
        }
      }
    }
  });
  invalidateItemPages(
    deps,
    group.map((g) => g.id),
  );
  return (await repo.findItem(db, id))!;
}

async function publishedInterpretations(db: Executor, item: ItemRow): Promise<ItemRow[]> {
  if (!NEEDS_INTERPRETATION.has(item.kind)) return [];
  return (await repo.interpretationsOf(db, item.id)).filter((i) => i.status === "published");
}

async function logTransition(
  deps: Deps,
  trx: Executor,
  actor: Actor,
  item: ItemRow,
  action: string,
  to: string,
  note: string | null,
  extra: Record<string, unknown> = {},
  businessDate?: string,
): Promise<void> {
  await repo.insertEvent(trx, {
    id: newId(),
    item_id: item.id,
    at: deps.clock.now().toISOString(),
    actor_id: actor.id,
    actor_label: actor.label,
    action,
    from_status: item.status,
    to_status: to,
    note,
  });
  await recordAudit(trx, deps.clock, actor, {
    action: `item.${action}`,
    entityType: "item",
    entityId: item.id,
    orgId: item.org_id,
    businessDate: businessDate ?? null,
    summary: { before: { status: item.status }, after: { status: to, ...extra }, ...(note ? { note } : {}) },
  });
}

/** Publishes one item inside the caller's transaction: 索引号, time, timeliness, and the version it replaces. */
async function publishOne(
  deps: Deps,
  trx: Executor,
  actor: Actor,
  item: ItemRow,
  note: string | null,
): Promise<void> {
  const now = deps.clock.now();
  const publishedOn = shanghaiDateOf(now);
  const indexNumber = await allocateIndexNumber(trx, item.site_id, item.org_id, publishedOn);
  const timeliness = await assessTimeliness(deps, item.site_id, item.formed_on, publishedOn, trx);
  await repo.updateItem(trx, item.id, {
    status: "published",
    index_number: indexNumber,
    published_at: now.toISOString(),
    published_on: publishedOn,
    scheduled_at: null,
    late: timeliness.late,
    late_working_days: timeliness.workingDays,
    updated_at: now.toISOString(),
    last_note: note,
  });
  await logTransition(
    deps,
    trx,
    actor,
    item,
    "publish",
    "published",
    note,
    { index_number: indexNumber, late: timeliness.late },
    publishedOn,
  );
  if (item.supersedes_id) {
    const old = await repo.findItem(trx, item.supersedes_id);
    if (old && old.status === "published") {
      await repo.updateItem(trx, old.id, { status: "superseded", updated_at: now.toISOString() });
      await logTransition(deps, trx, actor, old, "supersede", "superseded", `由第${item.version}版替换`, {
        replaced_by_version: item.id,
      });
    }
  }
}

/** Publishes scheduled items whose time has come (run by the server every minute). */
export async function publishDueItems(
  deps: Deps,
  actor: Actor = { id: null, label: "定时发布" },
): Promise<number> {
  const db = deps.db.kysely;
  const due = await repo.listItems(
    db,
    { statuses: ["scheduled"], dueBefore: deps.clock.now().toISOString() },
    { limit: 500, offset: 0, order: "updated" },
  );
  for (const item of due) {
    await db.transaction().execute(async (trx) => {
      const fresh = await repo.findItem(trx, item.id);
      if (fresh?.status !== "scheduled") return;
      try {
        await assertReviewClear(trx, [fresh.id]);
      } catch (e) {
        deps.logger.warn({ item: fresh.id, err: e }, "scheduled item held back by open review findings");
        return;
      }
      await publishOne(deps, trx, actor, fresh, null);
    });
  }
  invalidateItemPages(
    deps,
    due.map((d) => d.id),
  );
  return due.length;
}

async function reviseItem(deps: Deps, user: CurrentUser, item: ItemRow, tree: OrgTree): Promise<ItemRow> {
  authorise(user, "item.draft", item.org_id, tree);
  if (item.status !== "published") {
    throw new AppError(
      "invalid_transition",
      409,
      `只有已发布的信息可以修订，当前状态为“${statusText(item.status)}”。`,
    );
  }
  const db = deps.db.kysely;
  const versions = await repo.versionsOf(db, item.lineage_id);
  if (versions.some((v) => ["draft", "submitted", "reviewed", "signed", "scheduled"].includes(v.status))) {
    throw new AppError("revision_in_progress", 409, "该信息已有正在办理的修订版本。");
  }
  const now = deps.clock.now().toISOString();
  const id = newId();
  const copy: ItemRow = {
    ...item,
    id,
    version: Math.max(...versions.map((v) => v.version)) + 1,
    supersedes_id: item.id,
    status: "draft",
    index_number: null,
    published_at: null,
    published_on: null,
    scheduled_at: null,
    late: null,
    late_working_days: null,
    last_note: null,
    created_by: user.id,
    created_at: now,
    updated_at: now,
  };
  const nodes = (await repo.nodesOf(db, [item.id])).get(item.id) ?? [];
  await db.transaction().execute(async (trx) => {
    await repo.insertItem(trx, copy);
    await repo.setNodes(trx, id, nodes);
    await copyAttachments(trx, item.id, id, { userId: user.id, at: now });
    await repo.insertEvent(trx, {
      id: newId(),
      item_id: id,
      at: now,
      actor_id: user.id,
      actor_label: actorOf(user).label,
      action: "revise",
      from_status: null,
      to_status: "draft",
      note: `修订第${item.version}版`,
    });
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "item.revise",
      entityType: "item",
      entityId: id,
      orgId: copy.org_id,
      summary: { revises: item.id, version: copy.version },
    });
  });
  return copy;
}

/** Records that a published document expired, was repealed or revised by another (有效性). */
export async function setValidity(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: { validity: string; on: string; replaced_by?: string },
): Promise<ItemRow> {
  const db = deps.db.kysely;
  const item = await repo.findItem(db, id);
  if (!item) throw notFound("信息", "item_not_found");
  authorise(user, "item.sign", item.org_id, await loadOrgTree(deps));
  if (!["published", "superseded"].includes(item.status))
    throw new AppError("not_published", 409, "只有已发布的信息才有有效性。");
  const p = new Problems();
  let replacement: ItemRow | undefined;
  if (input.replaced_by) {
    replacement = await repo.findItem(db, input.replaced_by);
    if (replacement?.status !== "published")
      p.add("replaced_by", "replacement_not_published", "替代文件须为已发布的信息。");
    if (replacement?.id === item.id) p.add("replaced_by", "replacement_self", "不能由自身替代。");
  }
  if (input.validity === "revised" && !input.replaced_by)
    p.add("replaced_by", "required", "已修订的文件须链接到修订后的文件。");
  if (input.validity === "valid" && input.replaced_by)
    p.add("replaced_by", "field_not_used", "有效的文件没有替代文件。");
  p.throwIfAny();
  await db.transaction().execute(async (trx) => {
    await repo.updateItem(trx, id, {
      validity: input.validity,
      validity_on: input.validity === "valid" ? null : input.on,
      replaced_by_id: replacement?.id ?? null,
      updated_at: deps.clock.now().toISOString(),
    });
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "item.validity",
      entityType: "item",
      entityId: id,
      orgId: item.org_id,
      businessDate: input.on,
      summary: {
        before: { validity: item.validity },
        after: { validity: input.validity, replaced_by: replacement?.id ?? null },
      },
    });
  });
  invalidateItemPages(deps, [id]);
  return (await repo.findItem(db, id))!;
}
