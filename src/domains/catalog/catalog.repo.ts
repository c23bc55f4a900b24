import type { Executor } from "../../deps";
import type { CatalogNodeChangeTable, CatalogNodeTable } from "./catalog.tables";

export type CatalogNodeRow = CatalogNodeTable;
export type CatalogChangeRow = CatalogNodeChangeTable;

const NODE_COLUMNS = [
  "id",
  "site_id",
  "org_id",
  "parent_id",
  "code",
  "name",
  "kind",
  "source",
  "update_rule",
  "update_days",
  "description",
  "standard",
  "sort_order",
  "archived",
  "created_at",
  "updated_at",
] as const;

const CHANGE_COLUMNS = [
  "id",
  "node_id",
  "org_id",
  "at",
  "actor_id",
  "actor_label",
  "change",
  "before",
  "after",
] as const;

// PostgreSQL returns integers as numbers but counts as strings; normalise once here.
const normalise = (r: CatalogNodeRow): CatalogNodeRow => ({
  ...r,
  update_days: r.update_days === null ? null : Number(r.update_days),
  sort_order: Number(r.sort_order),
  archived: Number(r.archived),
});

// Rows per INSERT: well under both engines' limits on bound parameters.
const CHUNK = 200;

export async function insertNodes(db: Executor, rows: CatalogNodeRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto("catalog_nodes")
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

export async function insertChanges(db: Executor, rows: CatalogChangeRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto("catalog_node_changes")
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

export async function findNodeById(db: Executor, id: string): Promise<CatalogNodeRow | undefined> {
  const r = await db.selectFrom("catalog_nodes").select(NODE_COLUMNS).where("id", "=", id).executeTakeFirst();
  return r && normalise(r);
}

export async function findNodeByCode(
  db: Executor,
  orgId: string,
  code: string,
): Promise<CatalogNodeRow | undefined> {
  const r = await db
    .selectFrom("catalog_nodes")
    .select(NODE_COLUMNS)
    .where("org_id", "=", orgId)
    .where("code", "=", code)
    .executeTakeFirst();
  return r && normalise(r);
}

export async function listNodesOfOrg(db: Executor, orgId: string): Promise<CatalogNodeRow[]> {
  const rows = await db
    .selectFrom("catalog_nodes")
    .select(NODE_COLUMNS)
    .where("org_id", "=", orgId)
    .orderBy("sort_order")
    .orderBy("code")
    .execute();
  return rows.map(normalise);
}

export async function countNodesByOrg(
  db: Executor,
  siteId: string,
): Promise<Array<{ org_id: string; nodes: number }>> {
  const rows = await db
    .selectFrom("catalog_nodes")
    .select((eb) => ["org_id", eb.fn.countAll<number>().as("nodes")])
    .where("site_id", "=", siteId)
    .where("archived", "=", 0)
    .groupBy("org_id")
    .execute();
  return rows.map((r) => ({ org_id: r.org_id, nodes: Number(r.nodes) }));
}

export async function orgHasNodes(db: Executor, orgId: string): Promise<boolean> {
  const r = await db
    .selectFrom("catalog_nodes")
    .select("id")
    .where("org_id", "=", orgId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export const updateNode = (
  db: Executor,
  id: string,
  patch: Partial<Omit<CatalogNodeRow, "id" | "site_id" | "org_id" | "code" | "created_at">>,
) => db.updateTable("catalog_nodes").set(patch).where("id", "=", id).execute();

export const listChangesOfNode = (db: Executor, nodeId: string): Promise<CatalogChangeRow[]> =>
  db
    .selectFrom("catalog_node_changes")
    .select(CHANGE_COLUMNS)
    .where("node_id", "=", nodeId)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .execute();
