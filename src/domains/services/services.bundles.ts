// 一件事 bundles as the public reads them: the list, and the combined guide — one notice, the items in order
// with parallel approval marked, and one set of materials (each material once, however many items ask for it).
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { loadOrgTree } from "../orgs";
import * as hrepo from "./services.halls.repo";
import { lifeEventName, parseJson } from "./services.model";
import { itemUrl, materialJson } from "./services.present";
import * as repo from "./services.repo";
import { bundleSetOf } from "./services.reports.repo";

/** Names the 一件事 bundles in a refusal. */
export const BUNDLE_NOUN = "“一件事一次办”";
export const bundleNotFound = () => new AppError("service_bundle_not_found", 404, "“一件事”不存在。");
export const bundleUrl = (key: string, prefix = "") => `${prefix}/fw/bundles/${key}`;

export async function bundlesOf(deps: Deps, siteId: string, lifeEvent?: string) {
  const rows = await hrepo.listBundles(deps.db.kysely, siteId);
  return rows
    .filter((b) => !lifeEvent || b.life_event === lifeEvent)
    .map((b) => ({
      id: b.id,
      key: b.key,
      name: b.name,
      life_event: { key: b.life_event, name: lifeEventName(b.life_event) },
      items: parseJson<unknown[]>(b.items_json, []).length,
      promised_days: b.promised_days,
      url: bundleUrl(b.key),
    }));
}

export async function bundleJson(deps: Deps, siteId: string, key: string) {
  const b = await hrepo.findBundle(deps.db.kysely, siteId, key);
  if (!b) throw bundleNotFound();
  const tree = await loadOrgTree(deps, siteId);
  const entries = parseJson<Array<{ item_id: string; parallel: boolean }>>(b.items_json, []);
  // The bundle's set: the one combined form, and member materials it does not ask for (减材料).
  const set = await bundleSetOf(deps.db.kysely, b.id);
  const items = [];
  const materials = new Map<string, ReturnType<typeof materialJson> & { items: string[] }>();
  for (const e of entries) {
    const row = await repo.findItem(deps.db.kysely, e.item_id);
    // An item cancelled since the bundle was arranged drops out of the combined guide.
    if (row?.status !== "published") continue;
    items.push({
      id: row.id,
      name: row.name,
      org: tree.get(row.org_id)?.name ?? "",
      parallel: e.parallel,
      visits: row.visits,
      online_depth: row.online_depth,
      url: itemUrl(row.id),
    });
    for (const m of await repo.materialsOfItem(deps.db.kysely, row.id)) {
      const seen = materials.get(m.material.id);
      if (set.dropped.includes(m.material.id)) continue;
      if (seen) seen.items.push(row.name);
      else
        materials.set(m.material.id, { ...materialJson(tree, m.material, m.condition), items: [row.name] });
    }
  }
  return {
    id: b.id,
    key: b.key,
    name: b.name,
    life_event: { key: b.life_event, name: lifeEventName(b.life_event) },
    notice: b.notice,
    window: b.window,
    promised_days: b.promised_days,
    items,
    materials: [...materials.values()],
    form: set.form ? materialJson(tree, set.form) : null,
    waived: set.waived.map((m) => ({ id: m.id, name: m.name })),
    url: bundleUrl(b.key),
  };
}
export type BundleJson = Awaited<ReturnType<typeof bundleJson>>;
