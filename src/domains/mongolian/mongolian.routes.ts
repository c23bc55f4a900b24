import type { Deps } from "../../deps";
import { addDashboardPanel } from "../../web/dashboard";
import type { AppInstance } from "../../web/types";
import { provideCatalogMnNames } from "../catalog";
import { loadOrgTree } from "../orgs";
import { provideItemMongolian } from "../publishing";
import { registerSearchSource, TYPE_LABELS } from "../search";
import { scopesFor } from "./mongolian.access";
import { registerMnEditor, registerMongolianAdmin } from "./mongolian.admin";
import { registerMnApiOf, registerMongolianApi } from "./mongolian.api";
import { type MnKind, registerMnKind } from "./mongolian.kinds";
import { approvedNodeNames, mongolianProvider } from "./mongolian.provider";
import * as repo from "./mongolian.repo";
import {
  kindDocType,
  MN_CATALOG_DOC_TYPE,
  MN_DOC_TYPES,
  MN_ITEM_DOC_TYPE,
  mnDocsOfSite,
} from "./mongolian.search";

export function registerMongolianRoutes(app: AppInstance, deps: Deps): void {
  provideItemMongolian(mongolianProvider);
  provideCatalogMnNames(approvedNodeNames);
  registerMongolianApi(app, deps);
  registerMongolianAdmin(app, deps);

  TYPE_LABELS[MN_ITEM_DOC_TYPE] ??= "蒙古文信息";
  TYPE_LABELS[MN_CATALOG_DOC_TYPE] ??= "蒙古文目录栏目";
  registerSearchSource({
    type: MN_ITEM_DOC_TYPE,
    types: MN_DOC_TYPES,
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
      const lines: Array<{ text: string; href?: string }> = [];
      let total = 0;
      for (const [queue, label, step, statuses] of [
        ["review", "待审核", "review", ["submitted"]],
        ["drafts", "草稿和退回", "draft", ["draft"]],
      ] as const) {
        const scopes = scopesFor(user, tree, step);
        if (scopes.length === 0) continue;
        let n = 0;
        for (const s of scopes)
          n += await repo.countQueue(d.db.kysely, {
            siteId: user.siteId,
            orgIds: s.orgIds,
            statuses: [...statuses],
            type: s.type,
          });
        total += n;
        lines.push({ text: `${label}：${n} 条`, href: `/admin/mn?queue=${queue}` });
      }
      return { count: total, href: "/admin/mn", lines };
    },
  });
}

/**
 * A later domain's public content gets a Mongolian version (issue 18 part 1): called from that domain's routes
 * with its subject (its `<d>.mn.ts`): the staff API, the back-office editor under the subject's own page, and
 * the search entries of its approved translations.
 */
export function registerMnSubject(app: AppInstance, deps: Deps, kind: MnKind): void {
  registerMnKind(kind);
  const docType = kindDocType(kind.type);
  if (!MN_DOC_TYPES.includes(docType)) MN_DOC_TYPES.push(docType);
  TYPE_LABELS[docType] ??= `蒙古文${kind.label}`;
  registerMnApiOf(app, deps, kind.type, kind.apiPath, kind.what);
  registerMnEditor(app, deps, kind.type, { editor: kind.editorPath, back: kind.adminPath });
}
