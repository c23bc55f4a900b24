// The Mongolian version of a 一件事 (issue 18 part 1): its name and its one notice as the Mongolian domain
// translates them. Its fingerprint covers the name, the notice, the window, the promised days and the items
// with their parallel marks, so an edited bundle marks the translation outdated. A bundle is a site-wide row:
// the office at the site root drafts and approves it under the service policy (service.view / manage / review
// at the root; a department's staff are refused with service_site_office_only), and it is public once arranged.
import type { Executor } from "../../deps";
import type { MnKind, MnSource } from "../mongolian";
import { BUNDLE_NOUN, bundleNotFound, bundleUrl } from "./services.bundles";
import type { BundleRow } from "./services.halls.repo";
import * as arepo from "./services.halls-admin.repo";
import { authoriseSiteWide, type ServiceAction } from "./services.policy";

async function source(db: Executor, b: BundleRow): Promise<MnSource> {
  return {
    id: b.id,
    siteId: b.site_id,
    // Site-wide: decided at the site's root organisation (as authoriseSiteWide decides its edits).
    orgId: (await arepo.siteRootOrgId(db, b.site_id)) ?? "",
    title: b.name,
    texts: [b.name, b.notice, b.window, String(b.promised_days), b.items_json],
    version: null,
    publicPath: bundleUrl(b.key),
    publishedAt: b.created_at,
  };
}

export const SERVICE_BUNDLE_MN: MnKind = {
  type: "service_bundle",
  label: "“一件事一次办”",
  what: "a 一件事 bundle (items across departments with one notice, one form and one window)",
  actions: { view: "service.view", draft: "service.manage", review: "service.review" },
  authorise: (user, action, row, tree) => {
    if (row.site_id !== user.siteId) throw bundleNotFound();
    authoriseSiteWide(user, action as ServiceAction, tree, BUNDLE_NOUN);
  },
  missing: bundleNotFound,
  find: async (db, id) => {
    const b = await arepo.findBundleById(db, id);
    return b && source(db, b);
  },
  lock: async (trx, engine, id) => {
    const b = await arepo.lockBundle(trx, engine, id);
    return b && source(trx, b);
  },
  adminPath: (id) => `/admin/services/bundles/${id}`,
  editorPath: (id) => `/admin/services/bundles/${id}/mn`,
  apiPath: "/api/v1/services/bundles/:id/mn",
};
