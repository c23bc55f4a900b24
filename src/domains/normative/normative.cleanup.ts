// Clean-ups (规范性文件清理): the office lists published documents as 继续有效, 废止 or 失效; releasing the
// clean-up drafts its three lists as one item in the 规范性文件 column of the county's catalogue, which goes
// through the normal review, signing and publication. When that item is published, every listed document's
// validity changes in the same transaction (publishing's release hook): its page, the register, site search
// and the annual report's table 二 show it at once.
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Actor, Deps, Executor } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";

import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { createItem, findItem, findItemsByIds, lockItem, writeValidity } from "../publishing";
import { authoriseCleanup } from "./normative.policy";
import * as repo from "./normative.repo";

export const OUTCOMES = ["continue", "repealed", "expired"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  continue: "继续有效",
  repealed: "废止",
  expired: "失效",
};

const cleanupNotFound = () => new AppError("cleanup_not_found", 404, "清理记录不存在。");
/** The catalogue column the lists are filed in: the county's 规范性文件 column. */
const LIST_COLUMN = "art20-01";

export interface CleanupInput {
  title: string;
  entries: Array<{ item: string; outcome: string }>;
}

export async function createCleanup(
  deps: Deps,
  user: CurrentUser,
  input: CleanupInput,
): Promise<repo.CleanupRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseCleanup(user, tree);
  const p = new Problems();
  const title = typeof input.title === "string" ? input.title.trim() : "";
  if (!title) p.add("title", "required", "请填写清理结果的标题。");
  else if (title.length > 200) p.add("title", "too_long", "标题不能超过 200 个字。");
  const entries = Array.isArray(input.entries) ? input.entries : [];
  if (entries.length === 0) p.add("entries", "required", "请至少列入一份规范性文件。");
  if (entries.length > 2000) p.add("entries", "too_many", "一次清理最多列入 2000 份文件。");
  const ids = [...new Set(entries.map((e) => e.item))];
  if (ids.length !== entries.length) p.add("entries", "duplicate_entry", "同一份文件只能列入一次。");
  const items = new Map(
    (
      await findItemsByIds(
        deps.db.kysely,
        ids.filter((i) => typeof i === "string"),
      )
    ).map((i) => [i.id, i]),
  );
  for (const e of entries) {
    const item = items.get(e.item);
    if (!item || item.site_id !== user.siteId || item.kind !== "normative" || item.status !== "published")
      p.add(
        "entries",
        "not_a_published_normative",
        `${String(e.item).slice(0, 40)} 不是本站已发布的规范性文件。`,
      );
    else if (item.validity !== "valid")
      p.add("entries", "already_invalid", `《${item.title}》已不再有效，不能再列入清理。`);
    if (!(OUTCOMES as readonly string[]).includes(e.outcome))
      p.add("entries", "invalid_outcome", "清理结论应为继续有效、废止或失效。");
  }
  p.throwIfAny();
  const root = tree.roots(user.siteId)[0]!;
  const row: repo.CleanupRow = {
    id: newId(),
    site_id: user.siteId,
    org_id: root.id,
    title,
    status: "draft",
    list_item_id: null,
    created_by: user.id,
    created_at: deps.clock.now().toISOString(),
    released_at: null,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.insertCleanup(trx, row);
    await repo.insertCleanupEntries(
      trx,
      entries.map((e) => ({ cleanup_id: row.id, item_id: e.item, outcome: e.outcome })),
    );
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "normative.cleanup_create",
      entityType: "normative_cleanup",
      entityId: row.id,
      orgId: root.id,
      summary: { title, counts: countOutcomes(entries.map((e) => e.outcome)) },
    });
  });
  return row;
}

const countOutcomes = (outcomes: string[]) =>
  Object.fromEntries(OUTCOMES.map((o) => [o, outcomes.filter((x) => x === o).length]));

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The three lists as the published item's body. */
function listsHtml(
  title: string,
  rows: Array<{ title: string; doc_number: string | null; outcome: string }>,
): string {
  const parts = [`<p>${escapeHtml(title)}如下。</p>`];
  const heads: Record<Outcome, string> = {
    continue: "一、继续有效的规范性文件目录",
    repealed: "二、决定废止的规范性文件目录",
    expired: "三、宣布失效的规范性文件目录",
  };
  for (const o of OUTCOMES) {
    const list = rows.filter((r) => r.outcome === o);
    parts.push(`<h2>${heads[o]}（${list.length}件）</h2>`);
    parts.push(
      list.length
        ? `<ol>${list.map((r) => `<li>${escapeHtml(r.title)}${r.doc_number ? `（${escapeHtml(r.doc_number)}）` : ""}</li>`).join("")}</ol>`
        : "<p>无。</p>",
    );
  }
  return parts.join("\n");
}

/**
 * Drafts the clean-up's lists as an item (kind notice, the 规范性文件 column of the site root) for the normal
 * workflow; the clean-up waits for its publication. Returns the draft item's id.
 */
export async function releaseCleanup(
  deps: Deps,
  user: CurrentUser,
  id: string,
): Promise<{ cleanup: repo.CleanupRow; item_id: string }> {
  const tree = await loadOrgTree(deps, user.siteId);
  const cleanup = await repo.findCleanup(deps.db.kysely, id);
  if (!cleanup || cleanup.site_id !== user.siteId) throw cleanupNotFound();
  authoriseCleanup(user, tree, cleanup);
  if (cleanup.status !== "draft")
    throw new AppError("cleanup_already_released", 409, "该清理结果已生成发布稿，请在信息发布中办理。");
  const entries = await repo.cleanupEntries(deps.db.kysely, id);
  const items = new Map(
    (
      await findItemsByIds(
        deps.db.kysely,
        entries.map((e) => e.item_id),
      )
    ).map((i) => [i.id, i]),
  );
  const rows = entries.map((e) => ({
    title: items.get(e.item_id)?.title ?? "",
    doc_number: items.get(e.item_id)?.doc_number ?? null,
    outcome: e.outcome,
  }));
  const root = tree.get(cleanup.org_id)!;
  let claimed: repo.CleanupRow | undefined;
  const item = await createItem(
    deps,
    user,
    {
      kind: "notice",
      title: cleanup.title,
      body: listsHtml(cleanup.title, rows),
      org: root.code,
      catalog_nodes: [LIST_COLUMN],
      topic: "规范性文件清理",
    },
    {
      within: async (trx, row) => {
        // Load, lock, check, write: two clicks never draft the lists twice.
        const fresh = await repo.lockCleanup(trx as Transaction<Database>, deps.db.dialect, id);
        if (fresh?.status !== "draft")
          throw new AppError("cleanup_already_released", 409, "该清理结果已生成发布稿，请在信息发布中办理。");
        await repo.updateCleanup(trx, id, { status: "releasing", list_item_id: row.id });
        await recordAudit(trx, deps.clock, actorOf(user), {
          action: "normative.cleanup_release",
          entityType: "normative_cleanup",
          entityId: id,
          orgId: cleanup.org_id,
          summary: { list_item: row.id },
        });
        claimed = { ...fresh, status: "releasing", list_item_id: row.id };
      },
    },
  );
  return { cleanup: claimed!, item_id: item.id };
}

/**
 * Publishing's release hook for a clean-up's list item: every listed document's validity changes now, in the
 * publishing transaction. Returns the ids of the documents whose pages changed.
 */
export async function applyCleanupOnRelease(
  deps: Deps,
  trx: Executor,
  actor: Actor,
  item: { id: string; published_on: string | null },
): Promise<string[]> {
  const cleanup = await repo.findCleanupByItem(trx, item.id);
  if (cleanup?.status !== "releasing" || !item.published_on) return [];
  const t = trx as Transaction<Database>;
  await repo.lockCleanup(t, deps.db.dialect, cleanup.id);
  const entries = await repo.cleanupEntries(trx, cleanup.id);
  const changed: string[] = [];
  // Locked in id order, so two releases touching the same documents never wait on each other in a circle.
  for (const e of [...entries].sort((a, b) => (a.item_id < b.item_id ? -1 : 1))) {
    if (e.outcome === "continue") continue;
    const doc = await lockItem(t, deps.db.dialect, e.item_id);
    if (doc?.status !== "published" || doc.validity === e.outcome) continue;
    await writeValidity(deps, trx, actor, doc, {
      validity: e.outcome,
      on: item.published_on,
      via: { type: "normative_cleanup", id: cleanup.id },
    });
    changed.push(doc.id);
  }
  await repo.updateCleanup(trx, cleanup.id, {
    status: "published",
    released_at: deps.clock.now().toISOString(),
  });
  await recordAudit(trx, deps.clock, actor, {
    action: "normative.cleanup_published",
    entityType: "normative_cleanup",
    entityId: cleanup.id,
    orgId: cleanup.org_id,
    businessDate: item.published_on,
    summary: {
      list_item: item.id,
      changed: changed.length,
      counts: countOutcomes(entries.map((e) => e.outcome)),
    },
  });
  return changed;
}

export async function cleanupForStaff(deps: Deps, user: CurrentUser, id: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  const cleanup = await repo.findCleanup(deps.db.kysely, id);
  if (!cleanup || cleanup.site_id !== user.siteId) throw cleanupNotFound();
  authoriseCleanup(user, tree, cleanup);
  const entries = await repo.cleanupEntries(deps.db.kysely, id);
  const items = await findItemsByIds(
    deps.db.kysely,
    entries.map((e) => e.item_id),
  );
  const list = cleanup.list_item_id ? await findItem(deps.db.kysely, cleanup.list_item_id) : undefined;
  return { cleanup, entries, items: new Map(items.map((i) => [i.id, i])), list };
}

export async function listCleanupsForStaff(deps: Deps, user: CurrentUser) {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseCleanup(user, tree);
  return repo.listCleanups(deps.db.kysely, user.siteId);
}
