import type { Deps } from "../../deps";
import { addDashboardPanel } from "../../web/dashboard";
import type { AppInstance } from "../../web/types";
import { can, canAny } from "../accounts";
import { provideCatalogMnNames } from "../catalog";
import { loadOrgTree } from "../orgs";
import { provideItemMongolian } from "../publishing";
import { registerSearchSource, TYPE_LABELS } from "../search";
import { registerMongolianAdmin } from "./mongolian.admin";
import { registerMongolianApi } from "./mongolian.api";
import { approvedNodeNames, mongolianProvider } from "./mongolian.provider";
import * as repo from "./mongolian.repo";
import { MN_CATALOG_DOC_TYPE, MN_ITEM_DOC_TYPE, mnDocsOfSite } from "./mongolian.search";

export function registerMongolianRoutes(app: AppInstance, deps: Deps): void {
  provideItemMongolian(mongolianProvider);
  provideCatalogMnNames(approvedNodeNames);
  registerMongolianApi(app, deps);
  registerMongolianAdmin(app, deps);

  TYPE_LABELS[MN_ITEM_DOC_TYPE] ??= "蒙古文信息";
  TYPE_LABELS[MN_CATALOG_DOC_TYPE] ??= "蒙古文目录栏目";
  registerSearchSource({
    type: MN_ITEM_DOC_TYPE,
    types: [MN_ITEM_DOC_TYPE, MN_CATALOG_DOC_TYPE],
    label: "蒙古文版本",
    listAll: (db, siteId) => mnDocsOfSite(db, siteId),
    count: (db, siteId) => repo.countApproved(db, siteId),
  });

  addDashboardPanel({
    id: "mongolian",
    title: "蒙古文版本待办",
    action: "item.view",
    async load(d, user) {
      const tree = await loadOrgTree(d, user.siteId);
      const orgs = tree.flatten(user.siteId).map(({ org }) => org);
      const lines: Array<{ text: string; href?: string }> = [];
      let total = 0;
      for (const [queue, label, action, statuses] of [
        ["review", "待审核", "item.review", ["submitted"]],
        ["drafts", "草稿和退回", "item.draft", ["draft"]],
      ] as const) {
        if (!canAny(user, action)) continue;
        const n = await repo.countQueue(d.db.kysely, {
          siteId: user.siteId,
          orgIds: orgs.filter((o) => can(user, action, o.id, tree)).map((o) => o.id),
          statuses: [...statuses],
        });
        total += n;
        lines.push({ text: `${label}：${n} 条`, href: `/admin/mn?queue=${queue}` });
      }
      return { count: total, href: "/admin/mn", lines };
    },
  });
}
