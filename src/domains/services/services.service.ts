// Use cases of service items (政务服务事项): a new item proposed as version 1, a change or a cancellation of an
// item in force proposed as a new version, each edited, submitted with its recorded decision and approved by
// a reviewer other than the submitter — then applied to the item, its materials and the site search in the
// same transaction. Every version stays as the item's history.
import type { Deps, Executor } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import type { PageRequest } from "../../platform/paging";
import { lockedStep } from "../../platform/workflow/locked-step";
import { assertAllowed } from "../../platform/workflow/state-machine";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser, orgIdsWhereCan } from "../accounts";
import { recordAudit } from "../audit";
import { findOrgInSite, loadOrgTree, type OrgTree } from "../orgs";
import { checkItemInput, checkLength, type ItemInput } from "./services.check";
import { type ItemContent, type MaterialLink, parseJson } from "./services.model";
import {
  authoriseManageIn,
  authoriseService,
  itemNotFound,
  mayActOnService,
  mayViewService,
  SERVICE_VIEW_ACTIONS,
} from "./services.policy";
import * as repo from "./services.repo";
import { syncServiceInIndex } from "./services.search";
import {
  CHANGE_LABELS,
  ITEM_STATUS_LABELS,
  STEP_AUDIT,
  STEPS,
  type StepAction,
  type StepContext,
  VERSION_STATUS_LABELS,
} from "./services.steps";
import type { ChangeKind } from "./services.tables";

export interface VersionInput extends ItemInput {
  /** The implementing body's organisation code (new items; absent: the user's organisation). */
  org?: string;
  decision?: string;
  reason?: string;
}

/** Audit action codes of a proposal (labels in audit.labels.ts). */
const PROPOSE_AUDIT: Record<"change" | "cancel", string> = {
  change: "service.propose_change",
  cancel: "service.propose_cancel",
};

const lifeEventsColumn = (keys: readonly string[]) => (keys.length ? `,${keys.join(",")},` : "");

function checkDecision(p: Problems, input: { decision?: string; reason?: string }) {
  checkLength(p, "decision", "决定文号和名称", input.decision?.trim(), 300);
  checkLength(p, "reason", "调整理由", input.reason?.trim(), 2000);
}

async function assertImplCodeFree(db: Executor, siteId: string, implCode: string, selfId: string) {
  const other = await repo.findItemByImplCode(db, siteId, implCode);
  if (other && other.id !== selfId)
    throw new AppError("validation_failed", 400, "服务事项未保存，请按提示修改。", [
      {
        field: "impl_code",
        code: "impl_code_taken",
        message: `实施清单编码 ${implCode} 已被“${other.name}”使用。`,
      },
    ]);
}

/** A version's content and materials as input again (an edit merges its fields over these). */
export const inputOfVersion = (v: repo.VersionRow): ItemInput => ({
  ...parseJson<Partial<ItemContent>>(v.content_json, {}),
  materials: parseJson<MaterialLink[]>(v.materials_json, []),
});

/** Proposes a new item: the item (not yet public) and its version 1, to be submitted for review. */
export async function createItem(deps: Deps, user: CurrentUser, input: VersionInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgId = input.org ? (await findOrgInSite(deps, user.siteId, input.org)).id : user.orgId;
  authoriseManageIn(user, orgId, tree);
  const p = new Problems();
  checkDecision(p, input);
  p.throwIfAny("服务事项未保存，请按提示修改。");
  const { content, materials } = await checkItemInput(deps.db.kysely, user.siteId, input);
  await assertImplCodeFree(deps.db.kysely, user.siteId, content.impl_code, "");
  const now = deps.clock.now().toISOString();
  const item: repo.ItemRow = {
    id: newId(),
    site_id: user.siteId,
    org_id: orgId,
    code: content.code,
    impl_code: content.impl_code,
    name: content.name,
    type: content.type,
    level: content.level,
    life_events: lifeEventsColumn(content.life_events),
    online_depth: content.online_depth,
    visits: content.visits,
    status: "draft",
    version: 0,
    content_json: "{}",
    published_at: null,
    cancelled_at: null,
    created_by: user.id,
    created_at: now,
    updated_at: now,
  };
  const version = newVersion(item.id, 1, "add", content, materials, input, user.id, now);
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.insertItem(trx, item);
    await repo.insertVersion(trx, version);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "service.create",
      entityType: "service_item",
      entityId: item.id,
      orgId,
      summary: { name: item.name, impl_code: item.impl_code, type: item.type },
    });
  });
  return { item, version };
}

function newVersion(
  itemId: string,
  number: number,
  kind: ChangeKind,
  content: ItemContent,
  materials: MaterialLink[],
  input: { decision?: string; reason?: string },
  userId: string,
  now: string,
): repo.VersionRow {
  return {
    id: newId(),
    item_id: itemId,
    number,
    change_kind: kind,
    status: "editing",
    content_json: JSON.stringify(content),
    materials_json: JSON.stringify(materials),
    decision: input.decision?.trim() ?? "",
    reason: input.reason?.trim() ?? "",
    review_note: null,
    created_by: userId,
    submitted_by: null,
    submitted_at: null,
    decided_by: null,
    decided_at: null,
    created_at: now,
    updated_at: now,
  };
}

/** Edits the version being edited: the given fields merged over it, the whole entry checked again. */
export async function editVersion(deps: Deps, user: CurrentUser, itemId: string, patch: VersionInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  return lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockItem(trx, deps.db.dialect, itemId),
    missing: itemNotFound,
    check: async (trx, item) => {
      authoriseService(user, "service.manage", item, tree);
      const version = await repo.findOpenVersion(trx, item.id);
      if (version?.status !== "editing")
        throw new AppError(
          "version_not_editable",
          409,
          version
            ? "该版本已提交审核，不能修改；如需修改请由审核人退回。"
            : "该事项没有正在编辑的版本，请先提出变更。",
        );
      const p = new Problems();
      checkDecision(p, patch);
      p.throwIfAny("服务事项未保存，请按提示修改。");
      const { org: _org, decision, reason, ...fields } = patch;
      const merged = {
        ...inputOfVersion(version),
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      } as ItemInput;
      if (version.change_kind === "cancel") return { version, checked: undefined, decision, reason };
      const checked = await checkItemInput(trx, item.site_id, merged);
      await assertImplCodeFree(trx, item.site_id, checked.content.impl_code, item.id);
      return { version, checked, decision, reason };
    },
    write: async (trx, item, { version, checked, decision, reason }) => {
      const now = deps.clock.now().toISOString();
      const set = {
        ...(checked
          ? {
              content_json: JSON.stringify(checked.content),
              materials_json: JSON.stringify(checked.materials),
            }
          : {}),
        ...(decision !== undefined ? { decision: decision.trim() } : {}),
        ...(reason !== undefined ? { reason: reason.trim() } : {}),
        updated_at: now,
      };
      await repo.updateVersion(trx, version.id, set);
      // A draft item's list columns follow its first version until it is approved.
      if (item.status === "draft" && checked)
        await repo.updateItem(trx, item.id, draftColumns(checked.content, now));
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "service.edit",
        entityType: "service_item",
        entityId: item.id,
        orgId: item.org_id,
        summary: { version: version.number, change: CHANGE_LABELS[version.change_kind] },
      });
      return { ...version, ...set } as repo.VersionRow;
    },
  });
}

const draftColumns = (c: ItemContent, now: string) => ({
  code: c.code,
  impl_code: c.impl_code,
  name: c.name,
  type: c.type,
  level: c.level,
  life_events: lifeEventsColumn(c.life_events),
  online_depth: c.online_depth,
  visits: c.visits,
  updated_at: now,
});

/** Proposes a change or the cancellation of an item in force: a new version, copied from the one in force. */
export async function proposeVersion(
  deps: Deps,
  user: CurrentUser,
  itemId: string,
  input: { kind?: string; decision?: string; reason?: string },
) {
  const tree = await loadOrgTree(deps, user.siteId);
  const kind = input.kind as ChangeKind;
  return lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockItem(trx, deps.db.dialect, itemId),
    missing: itemNotFound,
    check: async (trx, item) => {
      authoriseService(user, "service.manage", item, tree);
      const p = new Problems();
      if (kind !== "change" && kind !== "cancel")
        p.add("kind", "invalid_change_kind", "请选择提出变更还是取消该事项。");
      if (kind === "cancel" && !input.reason?.trim())
        p.add("reason", "reason_required", "取消事项须写明理由（将向社会公布）。");
      checkDecision(p, input);
      p.throwIfAny("未能提出调整，请按提示修改。");
      if (item.status !== "published")
        throw new AppError(
          "item_not_in_force",
          409,
          `事项当前状态为“${ITEM_STATUS_LABELS[item.status]}”，只有在用的事项可以变更或取消。`,
        );
      if (await repo.findOpenVersion(trx, item.id))
        throw new AppError("version_open", 409, "该事项已有正在编辑或待审核的版本，请先办结。");
      return { number: (await repo.lastVersionNumber(trx, item.id)) + 1 };
    },
    write: async (trx, item, { number }) => {
      const now = deps.clock.now().toISOString();
      const materials = (await repo.materialsOfItem(trx, item.id)).map((m) => ({
        material_id: m.material.id,
        condition: m.condition,
      }));
      const content = parseJson<ItemContent>(item.content_json, {} as ItemContent);
      const version = newVersion(item.id, number, kind, content, materials, input, user.id, now);
      await repo.insertVersion(trx, version);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: PROPOSE_AUDIT[kind as keyof typeof PROPOSE_AUDIT],
        entityType: "service_item",
        entityId: item.id,
        orgId: item.org_id,
        summary: { version: number, decision: version.decision, reason: version.reason },
      });
      return version;
    },
  });
}

/** One review step on the item's open version: load and lock the item, check the table, write, audit, index. */
export async function performStep(
  deps: Deps,
  user: CurrentUser,
  itemId: string,
  input: { action?: string; note?: string },
) {
  const action = input.action as StepAction;
  if (!Object.hasOwn(STEPS, action))
    throw new AppError("validation_failed", 400, "请选择要办理的事项。", [
      {
        field: "action",
        code: "invalid_action",
        message: "请选择要办理的事项（提交审核、审核通过或退回修改）。",
      },
    ]);
  const tree = await loadOrgTree(deps, user.siteId);
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockItem(trx, deps.db.dialect, itemId),
    missing: itemNotFound,
    check: async (trx, item) => {
      authoriseService(user, STEPS[action].who, item, tree);
      const version = await repo.findOpenVersion(trx, item.id);
      if (!version)
        throw new AppError(
          "invalid_transition",
          409,
          "该事项没有待办理的版本，可能已有人办理，请刷新页面。",
          [
            {
              field: "action",
              code: "invalid_transition",
              message: "该事项没有待办理的版本，可能已有人办理，请刷新页面。",
            },
          ],
        );
      const ctx: StepContext = { item, version, userId: user.id };
      const p = new Problems();
      assertAllowed(STEPS, action, version.status, ctx, {
        subject: "该版本",
        stateLabel: (s) => VERSION_STATUS_LABELS[s],
        problems: p,
      });
      if (action === "reject" && !input.note?.trim()) p.add("note", "note_required", "退回修改须写明意见。");
      checkLength(p, "note", "审核意见", input.note?.trim(), 2000);
      if (action === "approve" && version.change_kind !== "cancel") {
        const content = parseJson<ItemContent>(version.content_json, {} as ItemContent);
        const other = await repo.findItemByImplCode(trx, item.site_id, content.impl_code);
        if (other && other.id !== item.id)
          p.add("action", "impl_code_taken", `实施清单编码 ${content.impl_code} 已被“${other.name}”使用。`);
      }
      if (p.list.some((x) => x.field !== "note"))
        throw new AppError(
          "step_refused",
          409,
          `不能执行“${STEPS[action].label}”：${p.list[0]!.message}`,
          p.list,
        );
      p.throwIfAny();
      return { version };
    },
    write: async (trx, item, { version }) => {
      const now = deps.clock.now().toISOString();
      const to = STEPS[action].to ?? version.status;
      const vset: Parameters<typeof repo.updateVersion>[2] = { status: to, updated_at: now };
      if (action === "submit") {
        vset.submitted_by = user.id;
        vset.submitted_at = now;
        vset.review_note = null;
      } else {
        vset.review_note = input.note?.trim() || null;
        if (action === "approve") {
          vset.decided_by = user.id;
          vset.decided_at = now;
        }
      }
      await repo.updateVersion(trx, version.id, vset);
      let next: repo.ItemRow = item;
      if (action === "approve") {
        const content = parseJson<ItemContent>(version.content_json, {} as ItemContent);
        const iset =
          version.change_kind === "cancel"
            ? { status: "cancelled" as const, cancelled_at: now, version: version.number, updated_at: now }
            : {
                ...draftColumns(content, now),
                status: "published" as const,
                version: version.number,
                content_json: version.content_json,
                published_at: now,
              };
        await repo.updateItem(trx, item.id, iset);
        if (version.change_kind !== "cancel")
          await repo.replaceItemMaterials(
            trx,
            item.id,
            parseJson<MaterialLink[]>(version.materials_json, []),
          );
        next = { ...item, ...iset };
        await syncServiceInIndex(deps, trx, next);
      }
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: STEP_AUDIT[action],
        entityType: "service_item",
        entityId: item.id,
        orgId: item.org_id,
        summary: {
          version: version.number,
          change: CHANGE_LABELS[version.change_kind],
          decision: version.decision,
          ...(vset.review_note ? { note: vset.review_note } : {}),
        },
      });
      return { item: next, version: { ...version, ...vset } as repo.VersionRow };
    },
  });
  if (action === "approve") invalidatePublicPages(deps);
  return result;
}

/** Loads an item the user may see (404 otherwise), with the site's organisation tree. */
export async function loadForStaff(deps: Deps, user: CurrentUser, id: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  const item = await repo.findItem(deps.db.kysely, id);
  if (!item || !mayViewService(user, item, tree)) throw itemNotFound();
  return { item, tree };
}

/** The back office's list by implementation code: a page by number or cursor and the capped total. */
export async function listForStaff(deps: Deps, user: CurrentUser, req: PageRequest, q?: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgIds = orgIdsWhereCan(user, SERVICE_VIEW_ACTIONS, tree);
  // A user who sees every organisation of the site reads the site's index range, not a merge of each one's.
  const everyOrg = orgIds.length > 0 && orgIds.length === tree.flatten(user.siteId).length;
  const filter = { siteId: user.siteId, ...(everyOrg ? {} : { orgIds }), ...(q ? { q } : {}) };
  const [found, total] = await Promise.all([
    repo.pageItems(deps.db.kysely, filter, req),
    repo.countItemsCapped(deps.db.kysely, filter),
  ]);
  return { found, total };
}

/** The review steps the user may take on the open version now. */
export function offeredSteps(
  user: CurrentUser,
  item: repo.ItemRow,
  version: repo.VersionRow | undefined,
  tree: OrgTree,
) {
  if (!version) return [];
  return (Object.keys(STEPS) as StepAction[]).filter(
    (a) =>
      STEPS[a].from.includes(version.status) &&
      mayActOnService(user, STEPS[a].who, item, tree) &&
      (a === "submit" || version.submitted_by !== user.id),
  );
}

/** A published item of a site as the public sees it, or undefined. A cancelled one stays readable, marked. */
export async function findPublicItem(db: Executor, siteId: string, id: string) {
  const row = await repo.findItem(db, id);
  if (!row || row.site_id !== siteId || row.status === "draft") return undefined;
  return row;
}
