import type { Actor, Deps } from "../../deps";
import { notFound } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { recordAudit } from "../audit";
import { getOrg, loadOrgTree } from "../orgs";
import { changeRow, snapshot } from "./catalog.history";
import * as repo from "./catalog.repo";
import { syncCatalogOrgInIndex } from "./catalog.search";
import { catalogTemplateFor, walkTemplates } from "./catalog.seed-data";

// Gives organisations their starting catalogue from the curated templates (catalog.seed-data.ts).

export interface SeedOrgResult {
  created: boolean;
  nodes: number;
}

/** Gives an organisation its starting catalogue; does nothing when it already has one. */
export async function initCatalogForOrg(deps: Deps, actor: Actor, orgId: string): Promise<SeedOrgResult> {
  const org = await getOrg(deps, orgId);
  if (!org) throw notFound("机构", "org_not_found");
  const templates = catalogTemplateFor(org);
  return deps.db.kysely.transaction().execute(async (trx) => {
    if (await repo.orgHasNodes(trx, org.id)) return { created: false, nodes: 0 };
    const now = deps.clock.now().toISOString();
    const ids = new Map<object, string>();
    const nodes: repo.CatalogNodeRow[] = [];
    for (const { node, parent, index } of walkTemplates(templates)) {
      const id = newId();
      ids.set(node, id);
      nodes.push({
        id,
        site_id: org.site_id,
        org_id: org.id,
        parent_id: parent ? ids.get(parent)! : null,
        code: node.code,
        name: node.name,
        kind: node.kind,
        source: node.source,
        update_rule: node.update_rule,
        update_days: node.update_days,
        description: node.description,
        standard: node.standard ? JSON.stringify(node.standard) : null,
        sort_order: index + 1,
        archived: 0,
        created_at: now,
        updated_at: now,
      });
    }
    if (nodes.length === 0) return { created: false, nodes: 0 };
    const names = new Map(nodes.map((n) => [n.id, n.name]));
    await repo.insertNodes(trx, nodes);
    await repo.insertChanges(
      trx,
      nodes.map((n) =>
        changeRow(n, actor, now, "create", null, {
          ...snapshot(n, n.parent_id ? (names.get(n.parent_id) ?? null) : null),
          seeded: true,
        }),
      ),
    );
    await recordAudit(trx, deps.clock, actor, {
      action: "catalog.seed",
      entityType: "org",
      entityId: org.id,
      summary: { org: org.code, nodes: nodes.length },
    });
    await syncCatalogOrgInIndex(deps, trx, org.id);
    return { created: true, nodes: nodes.length };
  });
}

/** Seeds every organisation of the site that has no catalogue yet; one transaction per organisation. */
export async function seedCatalogs(
  deps: Deps,
  actor: Actor,
  siteId: string,
): Promise<{ seeded: Array<{ org: string; nodes: number }>; skipped: number }> {
  const tree = await loadOrgTree(deps, siteId);
  const seeded: Array<{ org: string; nodes: number }> = [];
  let skipped = 0;
  for (const { org } of tree.flatten(siteId)) {
    const r = await initCatalogForOrg(deps, actor, org.id);
    if (r.created) seeded.push({ org: org.code, nodes: r.nodes });
    else skipped++;
  }
  return { seeded, skipped };
}
