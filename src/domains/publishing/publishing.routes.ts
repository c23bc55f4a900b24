import type { Deps } from "../../deps";
import { addDashboardPanel } from "../../web/dashboard";
import type { AppInstance } from "../../web/types";
import { canAny } from "../accounts";
import { provideReviewItems } from "../review";
import { registerFourEyesApi } from "./four-eyes";
import { orgScope, QUEUES, type QueueName, registerPublishingAdmin } from "./publishing.admin";
import { registerPublishingApi } from "./publishing.api";
import { registerPublishingPages } from "./publishing.pages";
import * as repo from "./publishing.repo";
import { reviewItems } from "./review-items";

export function registerPublishingRoutes(app: AppInstance, deps: Deps): void {
  registerPublishingApi(app, deps);
  registerFourEyesApi(app, deps);
  registerPublishingAdmin(app, deps);
  registerPublishingPages(app, deps);
  // Review (registered next) scans and masks items through this port: publishing → review, one way.
  provideReviewItems(app, reviewItems);

  addDashboardPanel({
    id: "publishing",
    title: "信息发布待办",
    action: "item.view",
    async load(d, user) {
      const lines: Array<{ text: string; href?: string }> = [];
      let total = 0;
      for (const q of ["drafts", "review", "sign", "publish"] as QueueName[]) {
        if (!canAny(user, QUEUES[q].action)) continue;
        const { orgIds } = await orgScope(d, user, QUEUES[q].action);
        const n = await repo.countItems(d.db.kysely, { orgIds, statuses: [...QUEUES[q].statuses] });
        total += n;
        lines.push({ text: `${QUEUES[q].label}：${n} 条`, href: `/admin/items?queue=${q}` });
      }
      return { count: total, href: "/admin/items", lines };
    },
  });
}
