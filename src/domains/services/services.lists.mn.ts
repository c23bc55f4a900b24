// The Mongolian version of a department's 权责清单 or 公共服务事项清单 (issue 18 part 1): the list in force as the
// Mongolian domain translates it (a heading and its entries). Its fingerprint covers the department's name, the
// kind, and the version in force (its decision and every entry), so a newly published version marks the
// translation outdated; the list policy (service.view / manage / review on the department) decides who drafts
// and approves it.
import type { Executor } from "../../deps";
import type { MnKind, MnSource } from "../mongolian";
import { LIST_KIND_LABELS } from "./services.lists.model";
import { authoriseList, listNotFound } from "./services.lists.policy";
import * as lrepo from "./services.lists.repo";
import { publicListUrl } from "./services.lists.search";
import type { ServiceAction } from "./services.policy";

async function source(db: Executor, list: lrepo.ListRow): Promise<MnSource> {
  const [org, inForce] = await Promise.all([
    lrepo.findOrg(db, list.org_id),
    list.version > 0 ? lrepo.findVersion(db, list.id, list.version) : undefined,
  ]);
  return {
    id: list.id,
    siteId: list.site_id,
    orgId: list.org_id,
    title: `${org?.name ?? ""}${LIST_KIND_LABELS[list.kind]}`,
    texts: [inForce?.decision ?? "", inForce?.entries_json ?? "[]"],
    version: list.version || null,
    publicPath: inForce && org ? publicListUrl(org.code, list.kind) : null,
    publishedAt: list.published_at,
  };
}

export const SERVICE_LIST_MN: MnKind = {
  type: "service_list",
  label: "权责清单和公共服务事项清单",
  what: "a department's power and responsibility list or public-service list (权责清单、公共服务事项清单)",
  actions: { view: "service.view", draft: "service.manage", review: "service.review" },
  authorise: (user, action, row, tree) => authoriseList(user, action as ServiceAction, row, tree),
  missing: listNotFound,
  find: async (db, id) => {
    const r = await lrepo.findList(db, id);
    return r && source(db, r);
  },
  lock: async (trx, engine, id) => {
    const r = await lrepo.lockList(trx, engine, id);
    return r && source(trx, r);
  },
  adminPath: (id) => `/admin/services/lists/${id}`,
  editorPath: (id) => `/admin/services/lists/${id}/mn`,
  apiPath: "/api/v1/services/lists/:id/mn",
};
