import type { Actor, Deps, Executor } from "../../deps";
import { newId } from "../../platform/ids";
import { recordAudit } from "../audit";
import * as repo from "./catalog.repo";
import type { CatalogChangeKind } from "./catalog.tables";

// The history of a catalogue node: one row per change, written with the audit entry in the same transaction.

export interface CatalogChange {
  id: string;
  at: string;
  actor_label: string;
  change: CatalogChangeKind;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const parseJson = (s: string | null) => (s ? (JSON.parse(s) as Record<string, unknown>) : null);

/** The node's history, newest first. */
export async function nodeHistory(deps: Pick<Deps, "db">, nodeId: string): Promise<CatalogChange[]> {
  const rows = await repo.listChangesOfNode(deps.db.kysely, nodeId);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor_label: r.actor_label,
    change: r.change,
    before: parseJson(r.before),
    after: parseJson(r.after),
  }));
}

/** Organisations of the site that have a catalogue, in the organisation tree's order, with node counts. */
export const snapshot = (n: repo.CatalogNodeRow, parentName: string | null) => ({
  code: n.code,
  name: n.name,
  kind: n.kind,
  parent_id: n.parent_id,
  parent_name: parentName,
  update_rule: n.update_rule,
  update_days: n.update_days,
});

export function changeRow(
  node: Pick<repo.CatalogNodeRow, "id" | "org_id">,
  actor: Actor,
  at: string,
  change: CatalogChangeKind,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): repo.CatalogChangeRow {
  return {
    id: newId(),
    node_id: node.id,
    org_id: node.org_id,
    at,
    actor_id: actor.id,
    actor_label: actor.label,
    change,
    before: before ? JSON.stringify(before) : null,
    after: after ? JSON.stringify(after) : null,
  };
}

/** History row and audit entry for one change, in the caller's transaction. */
export async function recordChange(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  node: repo.CatalogNodeRow,
  change: CatalogChangeKind,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  await repo.insertChanges(trx, [changeRow(node, actor, at, change, before, after)]);
  await recordAudit(trx, deps.clock, actor, {
    action: `catalog.node.${change}`,
    entityType: "catalog_node",
    entityId: node.id,
    summary: { org_id: node.org_id, code: node.code, before, after },
  });
}
