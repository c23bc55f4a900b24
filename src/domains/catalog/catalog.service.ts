import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Actor, Deps, Executor } from "../../deps";
import { conflict, notFound, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { invalidatePublicPages } from "../../web/page-cache";
import { getOrg, loadOrgTree, type Org } from "../orgs";
import { recordChange, snapshot } from "./catalog.history";
import * as repo from "./catalog.repo";
import { NODE_KINDS, UPDATE_RULES } from "./catalog.schemas";
import { syncCatalogOrgInIndex } from "./catalog.search";
import type { CatalogNodeKind, UpdateRule } from "./catalog.tables";
import { buildTree, type CatalogNode, pathTo } from "./catalog.tree";

// Use cases of the disclosure catalogue (主动公开基本目录). Every change writes a history row and an audit
// entry in the transaction that makes it; bad input fails with every problem listed and nothing stored.

const CODE_RE = /^[a-z0-9][a-z0-9-]{0,59}$/;
const MAX_DAYS = 365;

// ---------- reading ----------

export async function listCatalogTree(
  deps: Pick<Deps, "db">,
  orgId: string,
  opts: { includeArchived?: boolean } = {},
): Promise<CatalogNode[]> {
  const nodes = buildTree(await repo.listNodesOfOrg(deps.db.kysely, orgId));
  return opts.includeArchived ? nodes : nodes.filter((n) => !n.inactive);
}

export async function getCatalogNode(deps: Pick<Deps, "db">, id: string): Promise<CatalogNode | undefined> {
  const row = await repo.findNodeById(deps.db.kysely, id);
  if (!row) return undefined;
  return (await listCatalogTree(deps, row.org_id, { includeArchived: true })).find((n) => n.id === id);
}

export async function findCatalogNodeByCode(
  deps: Pick<Deps, "db">,
  orgId: string,
  code: string,
): Promise<CatalogNode | undefined> {
  const row = await repo.findNodeByCode(deps.db.kysely, orgId, code);
  return row ? getCatalogNode(deps, row.id) : undefined;
}

/** The node's ancestors from the top level down, ending with the node. */
export async function catalogNodePath(deps: Pick<Deps, "db">, node: CatalogNode): Promise<CatalogNode[]> {
  const nodes = await listCatalogTree(deps, node.org_id, { includeArchived: true });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return pathTo(nodes, node.id).map((id) => byId.get(id)!);
}

export async function listCatalogOrgs(
  deps: Pick<Deps, "db">,
  siteId: string,
): Promise<Array<{ org: Org; depth: number; nodes: number }>> {
  const counts = new Map(
    (await repo.countNodesByOrg(deps.db.kysely, siteId)).map((c) => [c.org_id, c.nodes]),
  );
  const tree = await loadOrgTree(deps, siteId);
  return tree
    .flatten(siteId)
    .filter(({ org }) => counts.has(org.id))
    .map(({ org, depth }) => ({ org, depth, nodes: counts.get(org.id)! }));
}

/** Columns that accept items, for the publishing domain and the freshness monitor. */
export async function listActiveColumns(deps: Pick<Deps, "db">, orgId: string): Promise<CatalogNode[]> {
  return (await listCatalogTree(deps, orgId)).filter((n) => n.kind === "column");
}

// ---------- changing ----------

function checkRule(p: Problems, rule: string | undefined, days: number | null | undefined): void {
  if (!rule || !(UPDATE_RULES as readonly string[]).includes(rule)) {
    p.add("update_rule", "invalid_update_rule", "请选择更新要求。");
    return;
  }
  if (rule === "days") {
    if (days === null || days === undefined)
      p.add("update_days", "update_days_required", "限期更新的栏目请填写工作日数。");
    else if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
      p.add("update_days", "invalid_update_days", `工作日数应为1至${MAX_DAYS}之间的整数。`);
  } else if (days !== null && days !== undefined) {
    p.add("update_days", "update_days_not_applicable", "只有“限期（工作日）”的更新要求才填写工作日数。");
  }
}

function checkName(p: Problems, name: string | undefined): string {
  const trimmed = (name ?? "").trim();
  if (!trimmed) p.add("name", "required", "请填写节点名称。");
  else if (trimmed.length > 100) p.add("name", "too_long", "节点名称不能超过100个字。");
  return trimmed;
}

/** Checks a prospective parent: same organisation, a group, active, and not the node or beneath it. */
function checkParent(
  p: Problems,
  tree: CatalogNode[],
  parentId: string,
  orgId: string,
  movingId?: string,
): CatalogNode | undefined {
  const parent = tree.find((n) => n.id === parentId);
  if (!parent || parent.org_id !== orgId) {
    p.add("parent_id", "parent_not_found", "上级节点不存在或不属于本机构的目录。");
    return undefined;
  }
  if (movingId && pathTo(tree, parent.id).includes(movingId)) {
    p.add("parent_id", "move_cycle", "不能把节点移到它自己或它的下级节点之下。");
    return undefined;
  }
  if (parent.kind !== "group")
    p.add("parent_id", "parent_not_group", "只能放在分组之下，栏目下不能再建节点。");
  if (parent.inactive) p.add("parent_id", "parent_archived", "上级节点已归档，请先恢复。");
  return parent;
}

const nextSortOrder = (tree: CatalogNode[], parentId: string | null) =>
  tree.filter((n) => n.parent_id === parentId).reduce((m, n) => Math.max(m, n.sort_order), 0) + 1;

async function loadForChange(trx: Executor, id: string) {
  const row = await repo.findNodeById(trx, id);
  if (!row) throw notFound("目录节点", "catalog_node_not_found");
  const tree = buildTree(await repo.listNodesOfOrg(trx, row.org_id));
  return { row, tree, node: tree.find((n) => n.id === id)! };
}

export interface CreateNodeCommand {
  orgId: string;
  parentId?: string | null;
  code: string;
  name: string;
  kind: string;
  updateRule: string;
  updateDays?: number | null;
  description?: string;
}

/** A change of the catalogue in one transaction; once committed, public pages showing it are re-rendered. */
async function catalogChange<T extends { org_id: string }>(
  deps: Deps,
  change: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const result = await deps.db.kysely.transaction().execute(async (trx) => {
    const node = await change(trx);
    // Site search (issue 12): the organisation's catalogue as it now stands, in the same transaction.
    await syncCatalogOrgInIndex(deps, trx, node.org_id);
    return node;
  });
  invalidatePublicPages(deps);
  return result;
}

export async function createNode(deps: Deps, actor: Actor, input: CreateNodeCommand): Promise<CatalogNode> {
  const org = await getOrg(deps, input.orgId);
  if (!org) throw notFound("机构", "org_not_found");
  return catalogChange(deps, async (trx) => {
    const tree = buildTree(await repo.listNodesOfOrg(trx, org.id));
    const p = new Problems();
    const code = (input.code ?? "").trim();
    if (!CODE_RE.test(code))
      p.add("code", "invalid_code", "节点代码为1-60位小写字母、数字或连字符，以字母或数字开头。");
    else if (tree.some((n) => n.code === code))
      p.add("code", "code_taken", `节点代码 ${code} 在本机构目录中已存在。`);
    const name = checkName(p, input.name);
    if (!(NODE_KINDS as readonly string[]).includes(input.kind))
      p.add("kind", "invalid_kind", "请选择节点类型（分组或栏目）。");
    const days = input.updateDays ?? null;
    checkRule(p, input.updateRule, days);
    const parentId = input.parentId || null;
    const parent = parentId ? checkParent(p, tree, parentId, org.id) : undefined;
    const description = (input.description ?? "").trim();
    if (description.length > 2000) p.add("description", "too_long", "说明不能超过2000个字。");
    p.throwIfAny("目录节点未添加，请修改以下问题。");
    const now = deps.clock.now().toISOString();
    const row: repo.CatalogNodeRow = {
      id: newId(),
      site_id: org.site_id,
      org_id: org.id,
      parent_id: parentId,
      code,
      name,
      kind: input.kind as CatalogNodeKind,
      source: "custom",
      update_rule: input.updateRule as UpdateRule,
      update_days: input.updateRule === "days" ? (days ?? null) : null,
      description,
      standard: null,
      sort_order: nextSortOrder(tree, parentId),
      archived: 0,
      created_at: now,
      updated_at: now,
    };
    await repo.insertNodes(trx, [row]);
    await recordChange(trx, deps, actor, row, "create", null, snapshot(row, parent?.name ?? null));
    return buildTree([...(await repo.listNodesOfOrg(trx, org.id))]).find((n) => n.id === row.id)!;
  });
}

export interface UpdateNodeCommand {
  name?: string;
  description?: string;
  updateRule?: string;
  updateDays?: number | null;
}

/** Renames a node or changes its description or update rule; a change of name alone is a `rename`. */
export async function updateNode(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateNodeCommand,
): Promise<CatalogNode> {
  return catalogChange(deps, async (trx) => {
    const { row } = await loadForChange(trx, id);
    const p = new Problems();
    const name = input.name === undefined ? row.name : checkName(p, input.name);
    const rule = input.updateRule ?? row.update_rule;
    // Days given now, or kept from before when the rule stays `days`.
    const days = input.updateDays !== undefined ? input.updateDays : rule === "days" ? row.update_days : null;
    checkRule(p, rule, days);
    const description = input.description === undefined ? row.description : input.description.trim();
    if (description.length > 2000) p.add("description", "too_long", "说明不能超过2000个字。");
    p.throwIfAny("目录节点未修改，请修改以下问题。");
    const next = {
      name,
      description,
      update_rule: rule as UpdateRule,
      update_days: rule === "days" ? days : null,
    };
    const fields = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== row[k]);
    if (fields.length === 0) return (await loadForChange(trx, id)).node;
    await repo.updateNode(trx, id, { ...next, updated_at: deps.clock.now().toISOString() });
    const before = Object.fromEntries(fields.map((k) => [k, row[k]]));
    const after = Object.fromEntries(fields.map((k) => [k, next[k]]));
    const change = fields.length === 1 && fields[0] === "name" ? "rename" : "update";
    await recordChange(trx, deps, actor, row, change, before, after);
    return (await loadForChange(trx, id)).node;
  });
}

/** Moves a node under another group of the same catalogue (or to the top level), at the end. */
export async function moveNode(
  deps: Deps,
  actor: Actor,
  id: string,
  parentId: string | null,
): Promise<CatalogNode> {
  return catalogChange(deps, async (trx) => {
    const { row, tree, node } = await loadForChange(trx, id);
    const target = parentId || null;
    if (target === row.parent_id) return node;
    const p = new Problems();
    if (target) checkParent(p, tree, target, row.org_id, row.id);
    p.throwIfAny("目录节点未移动，请修改以下问题。");
    const sort_order = nextSortOrder(tree, target);
    await repo.updateNode(trx, id, {
      parent_id: target,
      sort_order,
      updated_at: deps.clock.now().toISOString(),
    });
    const name = (nid: string | null) => (nid ? (tree.find((n) => n.id === nid)?.name ?? null) : null);
    await recordChange(
      trx,
      deps,
      actor,
      row,
      "move",
      { parent_id: row.parent_id, parent_name: name(row.parent_id) },
      { parent_id: target, parent_name: name(target) },
    );
    return (await loadForChange(trx, id)).node;
  });
}

/** Moves a node one place up or down among its active siblings. */
export async function reorderNode(
  deps: Deps,
  actor: Actor,
  id: string,
  direction: "up" | "down",
): Promise<CatalogNode> {
  return catalogChange(deps, async (trx) => {
    const { row, tree, node } = await loadForChange(trx, id);
    const p = new Problems();
    if (node.archived) p.add("direction", "node_archived", "已归档的节点不能调整顺序。");
    const siblings = tree.filter((n) => n.parent_id === row.parent_id && !n.archived);
    const at = siblings.findIndex((n) => n.id === id);
    const to = direction === "up" ? at - 1 : at + 1;
    if (!node.archived && direction === "up" && to < 0)
      p.add("direction", "already_first", `“${row.name}”已在同级第一位。`);
    if (!node.archived && direction === "down" && to >= siblings.length)
      p.add("direction", "already_last", `“${row.name}”已在同级最后一位。`);
    p.throwIfAny("顺序未调整。");
    const order = [...siblings];
    [order[at], order[to]] = [order[to]!, order[at]!];
    const now = deps.clock.now().toISOString();
    // Renumber the siblings 1..n, touching only the rows whose position changed.
    for (const [i, n] of order.entries()) {
      if (n.sort_order !== i + 1) await repo.updateNode(trx, n.id, { sort_order: i + 1, updated_at: now });
    }
    await recordChange(trx, deps, actor, row, "reorder", { position: at + 1 }, { position: to + 1 });
    return (await loadForChange(trx, id)).node;
  });
}

/** Archives a node: it and everything beneath it leave the portal; history and codes are kept. */
export async function archiveNode(deps: Deps, actor: Actor, id: string): Promise<CatalogNode> {
  return setArchived(deps, actor, id, true);
}

export async function restoreNode(deps: Deps, actor: Actor, id: string): Promise<CatalogNode> {
  return setArchived(deps, actor, id, false);
}

async function setArchived(deps: Deps, actor: Actor, id: string, archive: boolean): Promise<CatalogNode> {
  return catalogChange(deps, async (trx) => {
    const { row, tree, node } = await loadForChange(trx, id);
    const p = new Problems();
    if (archive && node.archived) p.add(undefined, "already_archived", `“${row.name}”已经归档。`);
    if (!archive && !node.archived) p.add(undefined, "not_archived", `“${row.name}”没有归档。`);
    const parent = row.parent_id ? tree.find((n) => n.id === row.parent_id) : undefined;
    if (!archive && parent?.inactive)
      p.add("parent_id", "parent_archived", `上级节点“${parent.name}”已归档，请先恢复上级节点。`);
    if (!p.empty) throw conflict("catalog_node_state", p.list[0]!.message, p.list);
    await repo.updateNode(trx, id, { archived: archive ? 1 : 0, updated_at: deps.clock.now().toISOString() });
    await recordChange(
      trx,
      deps,
      actor,
      row,
      archive ? "archive" : "restore",
      { archived: !archive },
      { archived: archive },
    );
    return (await loadForChange(trx, id)).node;
  });
}
