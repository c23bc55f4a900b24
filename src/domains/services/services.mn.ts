// The Mongolian version of a service item's guide (办事指南, issue 18 part 1): the item as the Mongolian domain
// translates it. Its fingerprint covers the name and the guide in force, so a new version marks the translation
// outdated; the service policy (service.view / manage / review on the implementing body) decides who drafts
// and approves it.
import type { MnKind, MnSource } from "../mongolian";
import { authoriseService, itemNotFound, type ServiceAction } from "./services.policy";
import * as repo from "./services.repo";

const source = (r: repo.ItemRow): MnSource => ({
  id: r.id,
  siteId: r.site_id,
  orgId: r.org_id,
  title: r.name,
  texts: [r.content_json],
  version: r.version || null,
  publicPath: r.status === "draft" ? null : `/fw/items/${r.id}`,
  // A cancelled item's page stays (marked cancelled), but the search no longer finds it (services.search.ts).
  searchable: r.status === "published",
  publishedAt: r.published_at,
});

export const SERVICE_MN: MnKind = {
  type: "service_item",
  label: "办事指南",
  what: "a service item's guide (办事指南)",
  actions: { view: "service.view", draft: "service.manage", review: "service.review" },
  authorise: (user, action, row, tree) => authoriseService(user, action as ServiceAction, row, tree),
  missing: itemNotFound,
  find: async (db, id) => {
    const r = await repo.findItem(db, id);
    return r && source(r);
  },
  lock: async (trx, engine, id) => {
    const r = await repo.lockItem(trx, engine, id);
    return r && source(r);
  },
  adminPath: (id) => `/admin/services/${id}`,
  editorPath: (id) => `/admin/services/${id}/mn`,
  apiPath: "/api/v1/services/:id/mn",
};
