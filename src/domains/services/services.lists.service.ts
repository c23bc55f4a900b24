// Use cases of a department's 权责清单 and 公共服务事项清单: a list starts with an empty draft (version 1);
// its entries are added, changed and removed in the draft; the draft is submitted with its recorded decision and
// published by a reviewer other than the submitter — then it never changes, it is the list the public sees, and
// the site search finds it. A new version starts as a copy of the one in force. Every step loads and locks the
// list, checks and writes in one transaction, and is audited.
import type { Deps, Executor } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { lockedStep } from "../../platform/workflow/locked-step";
import { assertAllowed } from "../../platform/workflow/state-machine";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser, orgIdsWhereCan } from "../accounts";
import { recordAudit } from "../audit";
import { findOrgInSite, loadOrgTree, type OrgTree } from "../orgs";
import { checkLength } from "./services.check";
import {
  checkEntries,
  diffEntries,
  type EntryInput,
  inputOfEntry,
  isListKind,
  LIST_KIND_LABELS,
  LIST_KINDS,
  type ListEntry,
  parseEntries,
} from "./services.lists.model";
import {
  authoriseList,
  authoriseListIn,
  listNotFound,
  mayActOnList,
  mayViewList,
} from "./services.lists.policy";
import * as lrepo from "./services.lists.repo";
import { indexList } from "./services.lists.search";
import {
  LIST_STEP_AUDIT,
  LIST_STEPS,
  LIST_VERSION_STATUS_LABELS,
  type ListStepAction,
  type ListStepContext,
} from "./services.lists.steps";
import type { ListKind } from "./services.lists.tables";
import { SERVICE_VIEW_ACTIONS } from "./services.policy";

export interface DraftInput {
  entries?: EntryInput[];
  decision?: string;
  reason?: string;
}

const entryNotFound = (code: string) =>
  new AppError("list_entry_not_found", 404, `清单草稿中没有编码为“${code}”的事项。`);

function checkDecision(p: Problems, input: { decision?: string; reason?: string }) {
  checkLength(p, "decision", "决定文号和名称", input.decision?.trim(), 300);
  checkLength(p, "reason", "调整说明", input.reason?.trim(), 2000);
}

/** Resolves an entry's `item` reference on the site: a service item in force, by id or implementation code. */
const itemResolver = (db: Executor, siteId: string) => async (ref: string) =>
  (await lrepo.findItemForLink(db, siteId, ref))?.id;

function newVersion(
  listId: string,
  number: number,
  entries: ListEntry[],
  input: { decision?: string; reason?: string },
  userId: string,
  now: string,
): lrepo.ListVersionRow {
  return {
    id: newId(),
    list_id: listId,
    number,
    status: "editing",
    entries_json: JSON.stringify(entries),
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

/** Starts a department's list of `kind` with its draft version 1 (entries optional, checked like any edit). */
export async function createList(
  deps: Deps,
  user: CurrentUser,
  input: { org?: string; kind?: string } & DraftInput,
) {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgId = input.org ? (await findOrgInSite(deps, user.siteId, input.org)).id : user.orgId;
  authoriseListIn(user, orgId, tree);
  const p = new Problems();
  if (!isListKind(input.kind))
    p.add(
      "kind",
      "invalid_list_kind",
      `请选择清单类型：${LIST_KINDS.map((k) => LIST_KIND_LABELS[k]).join("或")}。`,
    );
  checkDecision(p, input);
  if (!isListKind(input.kind)) p.throwIfAny("清单未保存，请按提示修改。");
  const kind = input.kind as ListKind;
  const entries = await checkEntries(kind, input.entries ?? [], itemResolver(deps.db.kysely, user.siteId), p);
  const now = deps.clock.now().toISOString();
  const list: lrepo.ListRow = {
    id: newId(),
    site_id: user.siteId,
    org_id: orgId,
    kind,
    version: 0,
    published_at: null,
    created_by: user.id,
    created_at: now,
    updated_at: now,
  };
  const version = newVersion(list.id, 1, entries, input, user.id, now);
  await deps.db.kysely.transaction().execute(async (trx) => {
    await lrepo.lockOrg(trx, deps.db.dialect, orgId);
    if (await lrepo.findListOf(trx, user.siteId, orgId, kind))
      throw new AppError(
        "service_list_exists",
        409,
        `${tree.get(orgId)?.name ?? ""}已有${LIST_KIND_LABELS[kind]}，请在原清单上编制新版本。`,
      );
    await lrepo.insertList(trx, list);
    await lrepo.insertVersion(trx, version);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "service.list_create",
      entityType: "service_list",
      entityId: list.id,
      orgId,
      summary: { kind: LIST_KIND_LABELS[kind], entries: entries.length },
    });
  });
  return { list, version };
}

/**
 * One change of the draft (replace, add, edit or remove entries; its decision): load and lock the list, check the
 * user may draft it and that its open version is being edited, compute the new entries, check them all, write.
 */
async function changeDraft(
  deps: Deps,
  user: CurrentUser,
  listId: string,
  audit: { action: string; summary: (entries: ListEntry[]) => Record<string, unknown> },
  change: (
    trx: Executor,
    list: lrepo.ListRow,
    entries: ListEntry[],
    p: Problems,
  ) => Promise<{ entries?: ListEntry[]; decision?: string; reason?: string }>,
) {
  const tree = await loadOrgTree(deps, user.siteId);
  return lockedStep(deps.db.kysely, {
    load: (trx) => lrepo.lockList(trx, deps.db.dialect, listId),
    missing: listNotFound,
    check: async (trx, list) => {
      authoriseList(user, "service.manage", list, tree);
      const version = await lrepo.findOpenVersion(trx, list.id);
      if (version?.status !== "editing")
        throw new AppError(
          "list_version_not_editable",
          409,
          version
            ? "该版本已提交审核，不能修改；如需修改请由审核人退回。"
            : "该清单没有正在编辑的版本，请先编制新版本。",
        );
      const p = new Problems();
      const next = await change(trx, list, parseEntries(version.entries_json), p);
      p.throwIfAny("清单未保存，请按提示修改。");
      return { version, next };
    },
    write: async (trx, list, { version, next }) => {
      const now = deps.clock.now().toISOString();
      const set = {
        ...(next.entries ? { entries_json: JSON.stringify(next.entries) } : {}),
        ...(next.decision !== undefined ? { decision: next.decision.trim() } : {}),
        ...(next.reason !== undefined ? { reason: next.reason.trim() } : {}),
        updated_at: now,
      };
      await lrepo.updateVersion(trx, version.id, set);
      const updated = { ...version, ...set } as lrepo.ListVersionRow;
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: audit.action,
        entityType: "service_list",
        entityId: list.id,
        orgId: list.org_id,
        summary: { version: version.number, ...audit.summary(parseEntries(updated.entries_json)) },
      });
      return updated;
    },
  });
}

/** Replaces the draft's entries (when given) and its decision and reason (when given), all checked at once. */
export function editDraft(deps: Deps, user: CurrentUser, listId: string, input: DraftInput) {
  return changeDraft(
    deps,
    user,
    listId,
    { action: "service.list_edit", summary: (e) => ({ entries: e.length }) },
    async (trx, list, _entries, p) => {
      checkDecision(p, input);
      const entries = input.entries
        ? await checkEntries(list.kind, input.entries, itemResolver(trx, list.site_id), p)
        : undefined;
      return { entries, decision: input.decision, reason: input.reason };
    },
  );
}

/** Re-checks the whole list with one entry added, changed or removed, naming problems on `entry.` fields. */
async function checkWithOne(
  trx: Executor,
  list: lrepo.ListRow,
  entries: ListEntry[],
  inputs: EntryInput[],
  at: number,
  p: Problems,
) {
  const refs = await lrepo.itemsByIds(
    trx,
    entries.flatMap((e) => (e.item_id ? [e.item_id] : [])),
  );
  const implOf = new Map(refs.map((r) => [r.id, r.impl_code]));
  const all = entries.map((e) => inputOfEntry(e, (id) => implOf.get(id) ?? id));
  if (at >= 0) all.splice(at, 1, ...inputs);
  else all.push(...inputs);
  const sub = new Problems();
  let checked: ListEntry[] = [];
  try {
    checked = await checkEntries(list.kind, all, itemResolver(trx, list.site_id), sub);
  } catch (e) {
    if (!sub.list.length) throw e;
    // Problems of the one entry are named on its own fields (`entry.name`); those of others, as they are.
    const pos = at >= 0 ? at : all.length - 1;
    for (const d of sub.list)
      p.add(
        d.field?.replace(`entries[${pos}].`, "entry."),
        d.code,
        d.field?.startsWith(`entries[${pos}].`) ? d.message.replace(/^第 \d+ 项：/, "") : d.message,
      );
  }
  return checked;
}

export function addEntry(deps: Deps, user: CurrentUser, listId: string, entry: EntryInput) {
  return changeDraft(
    deps,
    user,
    listId,
    {
      action: "service.list_entry_add",
      summary: (e) => ({ code: entry.code?.trim() ?? "", entries: e.length }),
    },
    async (trx, list, entries, p) => ({ entries: await checkWithOne(trx, list, entries, [entry], -1, p) }),
  );
}

/** Changes one entry of the draft: the given fields merged over it (its code may change too). */
export function updateEntry(deps: Deps, user: CurrentUser, listId: string, code: string, patch: EntryInput) {
  return changeDraft(
    deps,
    user,
    listId,
    { action: "service.list_entry_edit", summary: () => ({ code }) },
    async (trx, list, entries, p) => {
      const at = entries.findIndex((e) => e.code === code);
      if (at < 0) throw entryNotFound(code);
      const item = entries[at]!.item_id
        ? (await lrepo.itemsByIds(trx, [entries[at]!.item_id!]))[0]?.impl_code
        : "";
      const merged = {
        ...inputOfEntry(entries[at]!, () => item ?? ""),
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      };
      return { entries: await checkWithOne(trx, list, entries, [merged], at, p) };
    },
  );
}

export function removeEntry(deps: Deps, user: CurrentUser, listId: string, code: string) {
  return changeDraft(
    deps,
    user,
    listId,
    { action: "service.list_entry_remove", summary: (e) => ({ code, entries: e.length }) },
    async (_trx, _list, entries) => {
      if (!entries.some((e) => e.code === code)) throw entryNotFound(code);
      return { entries: entries.filter((e) => e.code !== code) };
    },
  );
}

/** Starts the next version of a published list: a draft copied from the version in force. */
export async function startVersion(
  deps: Deps,
  user: CurrentUser,
  listId: string,
  input: { decision?: string; reason?: string } = {},
) {
  const tree = await loadOrgTree(deps, user.siteId);
  return lockedStep(deps.db.kysely, {
    load: (trx) => lrepo.lockList(trx, deps.db.dialect, listId),
    missing: listNotFound,
    check: async (trx, list) => {
      authoriseList(user, "service.manage", list, tree);
      const p = new Problems();
      checkDecision(p, input);
      p.throwIfAny("未能编制新版本，请按提示修改。");
      if (await lrepo.findOpenVersion(trx, list.id))
        throw new AppError("list_version_open", 409, "该清单已有正在编辑或待审核的版本，请先办结。");
      const current = await lrepo.findVersion(trx, list.id, list.version);
      if (!current)
        throw new AppError("list_not_published", 409, "该清单还没有发布的版本，请先发布第 1 版。");
      return { current, number: (await lrepo.lastVersionNumber(trx, list.id)) + 1 };
    },
    write: async (trx, list, { current, number }) => {
      const now = deps.clock.now().toISOString();
      const version = newVersion(list.id, number, parseEntries(current.entries_json), input, user.id, now);
      await lrepo.insertVersion(trx, version);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "service.list_new_version",
        entityType: "service_list",
        entityId: list.id,
        orgId: list.org_id,
        summary: { version: number, from: current.number },
      });
      return version;
    },
  });
}

/** One review step on the list's open version: load and lock the list, check the table, write, audit, index. */
export async function performListStep(
  deps: Deps,
  user: CurrentUser,
  listId: string,
  input: { action?: string; note?: string },
) {
  const action = input.action as ListStepAction;
  if (typeof action !== "string" || !Object.hasOwn(LIST_STEPS, action))
    throw new AppError("validation_failed", 400, "请选择要办理的事项。", [
      {
        field: "action",
        code: "invalid_action",
        message: "请选择要办理的事项（提交审核、审核通过并发布或退回修改）。",
      },
    ]);
  const tree = await loadOrgTree(deps, user.siteId);
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => lrepo.lockList(trx, deps.db.dialect, listId),
    missing: listNotFound,
    check: async (trx, list) => {
      authoriseList(user, LIST_STEPS[action].who, list, tree);
      const version = await lrepo.findOpenVersion(trx, list.id);
      if (!version)
        throw new AppError(
          "invalid_transition",
          409,
          "该清单没有待办理的版本，可能已有人办理，请刷新页面。",
          [
            {
              field: "action",
              code: "invalid_transition",
              message: "该清单没有待办理的版本，可能已有人办理，请刷新页面。",
            },
          ],
        );
      const ctx: ListStepContext = {
        list,
        version,
        entries: parseEntries(version.entries_json).length,
        userId: user.id,
      };
      const p = new Problems();
      assertAllowed(LIST_STEPS, action, version.status, ctx, {
        subject: "该版本",
        stateLabel: (s) => LIST_VERSION_STATUS_LABELS[s],
        problems: p,
      });
      if (action === "reject" && !input.note?.trim()) p.add("note", "note_required", "退回修改须写明意见。");
      checkLength(p, "note", "审核意见", input.note?.trim(), 2000);
      if (p.list.some((x) => x.field !== "note"))
        throw new AppError(
          "step_refused",
          409,
          `不能执行“${LIST_STEPS[action].label}”：${p.list[0]!.message}`,
          p.list,
        );
      p.throwIfAny();
      return { version };
    },
    write: async (trx, list, { version }) => {
      const now = deps.clock.now().toISOString();
      const vset: Parameters<typeof lrepo.updateVersion>[2] = {
        status: LIST_STEPS[action].to ?? version.status,
        updated_at: now,
      };
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
      await lrepo.updateVersion(trx, version.id, vset);
      const next = { ...version, ...vset } as lrepo.ListVersionRow;
      let nextList = list;
      if (action === "approve") {
        const lset = { version: version.number, published_at: now, updated_at: now };
        await lrepo.updateList(trx, list.id, lset);
        nextList = { ...list, ...lset };
        await indexList(deps, trx, nextList, next);
      }
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: LIST_STEP_AUDIT[action],
        entityType: "service_list",
        entityId: list.id,
        orgId: list.org_id,
        summary: {
          kind: LIST_KIND_LABELS[list.kind],
          version: version.number,
          decision: version.decision,
          ...(vset.review_note ? { note: vset.review_note } : {}),
        },
      });
      return { list: nextList, version: next };
    },
  });
  if (action === "approve") invalidatePublicPages(deps);
  return result;
}

/** Loads a list the user may see (404 otherwise), with the site's organisation tree. */
export async function loadListForStaff(deps: Deps, user: CurrentUser, id: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  const list = await lrepo.findList(deps.db.kysely, id);
  if (!list || !mayViewList(user, list, tree)) throw listNotFound();
  return { list, tree };
}

/** The lists the user may see on their site. */
export async function listsForStaff(deps: Deps, user: CurrentUser) {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgIds = orgIdsWhereCan(user, SERVICE_VIEW_ACTIONS, tree);
  return { rows: await lrepo.listLists(deps.db.kysely, { siteId: user.siteId, orgIds }), tree };
}

/** The departments the user may start a list for, as form choices. */
export const mayDraftSomewhere = (user: CurrentUser, tree: OrgTree) =>
  tree
    .flatten(user.siteId)
    .filter((e) => mayActOnList(user, "service.manage", { site_id: user.siteId, org_id: e.org.id }, tree))
    .map((e) => ({ value: e.org.code, label: e.org.name }));

/** The review steps the user may take on the open version now. */
export function offeredListSteps(
  user: CurrentUser,
  list: lrepo.ListRow,
  version: lrepo.ListVersionRow | undefined,
  tree: OrgTree,
): ListStepAction[] {
  if (!version) return [];
  return (Object.keys(LIST_STEPS) as ListStepAction[]).filter(
    (a) =>
      LIST_STEPS[a].from.includes(version.status) &&
      mayActOnList(user, LIST_STEPS[a].who, list, tree) &&
      (a === "submit" || version.submitted_by !== user.id),
  );
}

/** A list of a site with a published version, by its department's code and kind (the public URL), or undefined. */
export async function findPublicList(deps: Deps, siteId: string, orgCode: string, kind: string) {
  if (!isListKind(kind)) return undefined;
  const tree = await loadOrgTree(deps, siteId);
  const org = tree.flatten(siteId).find((e) => e.org.code === orgCode);
  if (!org) return undefined;
  const list = await lrepo.findListOf(deps.db.kysely, siteId, org.org.id, kind);
  return list && list.version > 0 ? { list, org: org.org, tree } : undefined;
}

/** The changes between two versions of a list, with linked service items named as people know them. */
export async function changesBetween(
  db: Executor,
  list: lrepo.ListRow,
  older: lrepo.ListVersionRow | undefined,
  newer: lrepo.ListVersionRow,
) {
  const a = older ? parseEntries(older.entries_json) : [];
  const b = parseEntries(newer.entries_json);
  const items = await lrepo.itemsByIds(
    db,
    [...a, ...b].flatMap((e) => (e.item_id ? [e.item_id] : [])),
  );
  const byId = new Map(items.map((i) => [i.id, i]));
  return diffEntries(list.kind, a, b, (id) => {
    const i = id ? byId.get(id) : undefined;
    return i ? `${i.name}（${i.impl_code}）` : "";
  });
}
