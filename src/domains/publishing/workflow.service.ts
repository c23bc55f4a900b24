import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Actor, Deps, Executor } from "../../deps";
import { AppError, notFound, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { isRealDate, shanghaiDateOf } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { refusals } from "../../platform/workflow/state-machine";
import { actorOf, type CurrentUser, type Action as PolicyAction } from "../accounts";
import { recordAudit } from "../audit";
import { stampContentHash } from "../integrity";
import { loadOrgTree, type OrgTree } from "../orgs";
import { assertReviewClear, scanItem } from "../review";
import { copyAttachments } from "./attachments";
import { checkFourEyes } from "./four-eyes";
import { allocateIndexNumber } from "./index-allocation";
import { invalidateItemPages } from "./page-cache";
import { authoriseItem, type ItemAction } from "./publishing.policy";
import * as repo from "./publishing.repo";
import { type ActionInput, type ItemStatus, NEEDS_INTERPRETATION } from "./publishing.schemas";
import { syncItemsInIndex } from "./publishing.search";
import { checkRelease, runReleased } from "./release-hooks";
import { reviewItems } from "./review-items";
import { assessTimeliness } from "./timeliness";
import {
  assertRealDates,
  ITEM_WORKFLOW,
  invalidTransition,
  policyOf,
  STEPS,
  type Step,
  type StepAction,
  statusText,
  stepContextOf,
} from "./workflow.steps";

type ItemRow = repo.ItemRow;
type Trx = Transaction<Database>;

/** The item policy (publishing.policy.ts): 404 when the item is not visible to the user, 403 otherwise. */
function authorise(user: CurrentUser, action: PolicyAction, item: ItemRow, tree: OrgTree): void {
  authoriseItem(user, action as ItemAction, item, tree);
}

/** The ids of every version of a policy, so interpretations follow the document across revisions. */
async function interpretationsOfLineage(db: Executor, policy: ItemRow): Promise<ItemRow[]> {
  const versions = await repo.versionsOf(db, policy.lineage_id);
  const all = await Promise.all(versions.map((v) => repo.interpretationsOf(db, v.id)));
  return all.flat();
}

/**
 * What moves with an item, locked with it: a policy's interpretations in the same state (同步审签、同步部署),
 * or, when a policy is withdrawn, its published ones.
 */
async function lockCompanions(deps: Deps, trx: Trx, item: ItemRow, action: StepAction): Promise<ItemRow[]> {
  if (!NEEDS_INTERPRETATION.has(item.kind)) return [];
  const status = action === "withdraw" ? "published" : item.status;
  return (await repo.lockInterpretationsOf(trx, deps.db.dialect, item.id)).filter((i) => i.status === status);
}

/** The table's own guards (ITEM_WORKFLOW, which the item page reads too), on the locked row. */
async function refuseByTable(db: Executor, item: ItemRow, action: StepAction): Promise<void> {
  const policy =
    item.kind === "interpretation" && item.interprets_id
      ? await repo.findItem(db, item.interprets_id)
      : undefined;
  const [refused] = refusals(ITEM_WORKFLOW, action, stepContextOf(item, policy));
  if (refused) throw new AppError(refused.code, 409, refused.message, [refused]);
}

interface Plan {
  group: ItemRow[];
  note: string | null;
  scheduleAt: string | null;
  /** The four-eyes rule would have refused, and the site's recorded setting relaxed it. */
  relaxed: boolean;
  /** Published versions the publication replaces, locked, by the id of the item replacing them. */
  replaced: Map<string, ItemRow>;
}

/** Every check of a step, on the locked row: role and organisation first, then state, input and guards. */
async function checkStep(
  deps: Deps,
  trx: Trx,
  user: CurrentUser,
  tree: OrgTree,
  item: ItemRow,
  input: ActionInput & { action: StepAction },
): Promise<Plan> {
  const step: Step = STEPS[input.action];
  authorise(user, policyOf(step, item.status), item, tree);
  if (!step.from.includes(item.status as ItemStatus)) throw invalidTransition(item.status, step.label);
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
  await refuseByTable(trx, item, input.action);

  const companions = await lockCompanions(deps, trx, item, input.action);
  if (input.action === "submit" && NEEDS_INTERPRETATION.has(item.kind)) {
    const published = item.supersedes_id
      ? (await interpretationsOfLineage(trx, item)).filter((i) => i.status === "published")
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
  let relaxed = false;
  for (const guard of step.guards ?? []) {
    if (guard === "four_eyes")
      relaxed = checkFourEyes(user, input.action, group, await repo.isFourEyesRelaxed(trx, item.site_id));
    else if (guard === "review_clear")
      await assertReviewClear(
        trx,
        group.map((g) => g.id),
      );
    else assertRealDates(group);
  }
  // Other domains' release checks (a 规范性文件 needs its legality review): release-hooks.ts.
  if (input.action === "publish") await checkRelease(trx, group);
  // Rows the write will change besides the group are locked now, before any audit entry is written, so
  // two steps never wait on each other's rows (the audit head is one row every step updates).
  const replaced = new Map<string, ItemRow>();
  if (input.action === "publish" && !scheduleAt) {
    for (const it of group) {
      if (!it.supersedes_id) continue;
      const old = await repo.lockItem(trx, deps.db.dialect, it.supersedes_id);
      if (old?.status === "published") replaced.set(it.id, old);
    }
  }
  return { group, note, scheduleAt, relaxed, replaced };
}

/** Moves one item (and the interpretations that move with it) one step: load, lock, check, write. */
export async function performAction(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: ActionInput,
): Promise<ItemRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  if (input.action === "revise") return reviseItem(deps, user, id, tree);
  const stepInput = { ...input, action: input.action };
  const step = STEPS[stepInput.action];
  const actor = actorOf(user);
  const now = deps.clock.now().toISOString();
  const alsoChanged: string[] = [];
  const group = await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockItem(trx, deps.db.dialect, id),
    missing: () => notFound("信息", "item_not_found"),
    check: (trx, item) => checkStep(deps, trx, user, tree, item, stepInput),
    write: async (trx, _item, plan) => {
      const extra = plan.relaxed ? { four_eyes: "relaxed" } : {};
      for (const it of plan.group) {
        if (stepInput.action === "publish" && !plan.scheduleAt) {
          alsoChanged.push(
            ...(await publishOne(deps, trx, actor, it, plan.note, plan.replaced.get(it.id), extra)),
          );
          continue;
        }
        const to: ItemStatus = plan.scheduleAt ? "scheduled" : step.to;
        const patch: Partial<ItemRow> = { status: to, updated_at: now, last_note: plan.note };
        if (step.records) patch[step.records] = user.id;
        if (plan.scheduleAt) patch.scheduled_at = plan.scheduleAt;
        // A rejected version starts its checks again: nobody has submitted, reviewed or signed it now.
        if (stepInput.action === "reject")
          Object.assign(patch, {
            submitted_by: null,
            reviewed_by: null,
            signed_by: null,
            scheduled_at: null,
          });
        if (stepInput.action === "withdraw")
          Object.assign(patch, { withdrawn_at: now, withdraw_reason: plan.note });
        await repo.updateItem(trx, it.id, patch);
        await logTransition(deps, trx, actor, it, stepInput.action, to, plan.note, {
          ...(plan.scheduleAt ? { scheduled_at: plan.scheduleAt } : {}),
          ...extra,
        });
        // 保密审查 starts on submission: every check runs on the title, body and attachment texts.
        if (stepInput.action === "submit") {
          const findings = await scanItem(deps, trx, reviewItems, it.id);
          await recordAudit(trx, deps.clock, actor, {
            action: "review.scan",
            entityType: "item",
            entityId: it.id,
            orgId: it.org_id,
            summary: { findings: findings.length, open: findings.filter((f) => f.status === "open").length },
          });
        }
      }
      // Site search (issue 12): a withdrawn item (and its interpretations) is never found again.
      if (stepInput.action === "withdraw")
        await syncItemsInIndex(
          deps,
          trx,
          plan.group.map((g) => g.id),
        );
      return plan.group;
    },
  });
  invalidateItemPages(deps, [...group.map((g) => g.id), ...alsoChanged]);
  return (await repo.findItem(deps.db.kysely, id))!;
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

/**
 * Publishes one locked item inside the caller's transaction: 索引号, time, timeliness, and the version it
 * replaces (`replaced`, locked by the caller).
 */
async function publishOne(
  deps: Deps,
  trx: Executor,
  actor: Actor,
  item: ItemRow,
  note: string | null,
  replaced: ItemRow | undefined,
  extra: Record<string, unknown> = {},
): Promise<string[]> {
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
    // A scheduled publication keeps the person who scheduled it.
    ...(actor.id ? { published_by: actor.id } : {}),
  });
  // 可核查: the SHA-256 of the content as published (docs/integrity.md), in the same transaction.
  const contentSha256 = await stampContentHash(trx, item.id);
  await logTransition(
    deps,
    trx,
    actor,
    item,
    "publish",
    "published",
    note,
    { index_number: indexNumber, late: timeliness.late, content_sha256: contentSha256, ...extra },
    publishedOn,
  );
  if (replaced) {
    await repo.updateItem(trx, replaced.id, { status: "superseded", updated_at: now.toISOString() });
    await logTransition(deps, trx, actor, replaced, "supersede", "superseded", `由第${item.version}版替换`, {
      replaced_by_version: item.id,
    });
  }
  // Site search (issue 12): the new version is findable and the one it replaced is not, in this transaction.
  await syncItemsInIndex(deps, trx, [item.id, ...(replaced ? [replaced.id] : [])]);
  // Other domains' effects of the release (a clean-up's list changes its documents' validity): release-hooks.ts.
  return runReleased(deps, trx, actor, (await repo.findItem(trx, item.id))!);
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
  const alsoChanged: string[] = [];
  for (const item of due) {
    await db.transaction().execute(async (trx) => {
      const fresh = await repo.lockItem(trx, deps.db.dialect, item.id);
      if (fresh?.status !== "scheduled") return;
      try {
        await assertReviewClear(trx, [fresh.id]);
        assertRealDates([fresh]);
        await checkRelease(trx, [fresh]);
      } catch (e) {
        deps.logger.warn(
          { item: fresh.id, err: e },
          "scheduled item held back (open review findings or dates)",
        );
        return;
      }
      const old = fresh.supersedes_id
        ? await repo.lockItem(trx, deps.db.dialect, fresh.supersedes_id)
        : undefined;
      alsoChanged.push(
        ...(await publishOne(deps, trx, actor, fresh, null, old?.status === "published" ? old : undefined)),
      );
    });
  }
  invalidateItemPages(deps, [...due.map((d) => d.id), ...alsoChanged]);
  return due.length;
}

/** A new draft version of a published item; the published one stays locked while it is made. */
async function reviseItem(deps: Deps, user: CurrentUser, id: string, tree: OrgTree): Promise<ItemRow> {
  const now = deps.clock.now().toISOString();
  return lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockItem(trx, deps.db.dialect, id),
    missing: () => notFound("信息", "item_not_found"),
    check: async (trx, item) => {
      authorise(user, "item.draft", item, tree);
      if (item.status !== "published") {
        throw new AppError(
          "invalid_transition",
          409,
          `只有已发布的信息可以修订，当前状态为“${statusText(item.status)}”。`,
        );
      }
      const versions = await repo.versionsOf(trx, item.lineage_id);
      if (
        versions.some((v) => ["draft", "submitted", "reviewed", "signed", "scheduled"].includes(v.status))
      ) {
        throw new AppError("revision_in_progress", 409, "该信息已有正在办理的修订版本。");
      }
      return { version: Math.max(...versions.map((v) => v.version)) + 1 };
    },
    write: async (trx, item, { version }) => {
      const copy: ItemRow = {
        ...item,
        id: newId(),
        version,
        supersedes_id: item.id,
        status: "draft",
        index_number: null,
        published_at: null,
        published_on: null,
        scheduled_at: null,
        late: null,
        late_working_days: null,
        last_note: null,
        submitted_by: null,
        reviewed_by: null,
        signed_by: null,
        published_by: null,
        content_sha256: null,
        created_by: user.id,
        created_at: now,
        updated_at: now,
      };
      const nodes = (await repo.nodesOf(trx, [item.id])).get(item.id) ?? [];
      await repo.insertItem(trx, copy);
      await repo.setNodes(trx, copy.id, nodes);
      await copyAttachments(trx, item.id, copy.id, { userId: user.id, at: now });
      await repo.insertEvent(trx, {
        id: newId(),
        item_id: copy.id,
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
        entityId: copy.id,
        orgId: copy.org_id,
        summary: { revises: item.id, version: copy.version },
      });
      return copy;
    },
  });
}

/** Records that a published document expired, was repealed or revised by another (有效性). */
export async function setValidity(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: { validity: string; on: string; replaced_by?: string },
): Promise<ItemRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockItem(trx, deps.db.dialect, id),
    missing: () => notFound("信息", "item_not_found"),
    check: async (trx, item) => {
      authorise(user, "item.sign", item, tree);
      if (!["published", "superseded"].includes(item.status))
        throw new AppError("not_published", 409, "只有已发布的信息才有有效性。");
      const p = new Problems();
      let replacement: ItemRow | undefined;
      if (input.replaced_by) {
        replacement = await repo.findItem(trx, input.replaced_by);
        if (replacement?.status !== "published")
          p.add("replaced_by", "replacement_not_published", "替代文件须为已发布的信息。");
        if (replacement?.id === item.id) p.add("replaced_by", "replacement_self", "不能由自身替代。");
      }
      if (!isRealDate(input.on))
        p.add("on", "invalid_date", `日期 ${input.on} 不存在，请按 YYYY-MM-DD 填写真实日期。`);
      if (input.validity === "revised" && !input.replaced_by)
        p.add("replaced_by", "required", "已修订的文件须链接到修订后的文件。");
      if (input.validity === "valid" && input.replaced_by)
        p.add("replaced_by", "field_not_used", "有效的文件没有替代文件。");
      p.throwIfAny();
      return replacement;
    },
    write: (trx, item, replacement) =>
      writeValidity(deps, trx, actorOf(user), item, { ...input, replaced_by: replacement?.id }),
  });
  invalidateItemPages(deps, [id]);
  return (await repo.findItem(deps.db.kysely, id))!;
}

/**
 * Writes a published item's validity (有效性) inside the caller's transaction, on a row the caller locked and
 * checked: the item, the audit entry and the site search. A clean-up (src/domains/normative) changes many at once.
 * The caller drops the items' cached pages after its commit.
 */
export async function writeValidity(
  deps: Deps,
  trx: Executor,
  actor: Actor,
  item: ItemRow,
  input: { validity: string; on: string; replaced_by?: string; via?: { type: string; id: string } },
): Promise<void> {
  await repo.updateItem(trx, item.id, {
    validity: input.validity,
    validity_on: input.validity === "valid" ? null : input.on,
    replaced_by_id: input.replaced_by ?? null,
    updated_at: deps.clock.now().toISOString(),
  });
  await recordAudit(trx, deps.clock, actor, {
    action: "item.validity",
    entityType: "item",
    entityId: item.id,
    orgId: item.org_id,
    businessDate: input.on,
    summary: {
      before: { validity: item.validity },
      after: { validity: input.validity, replaced_by: input.replaced_by ?? null },
      ...(input.via ? { via: input.via } : {}),
    },
  });
  await syncItemsInIndex(deps, trx, [item.id]);
}
