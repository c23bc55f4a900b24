// The office dashboard's box: opinion cases whose clocks are running or overdue, and drafts waiting to be judged.

import { formatShanghai } from "../../platform/time";
import type { DashboardPanel } from "../../web/dashboard";
import { orgIdsWhereCan } from "../accounts";
import { loadOrgTree } from "../orgs";
import { clocksOf } from "./opinion.clocks";
import { OPINION_VIEW_ACTIONS } from "./opinion.policy";
import { caseUrl } from "./opinion.present";
import * as repo from "./opinion.repo";
import { settingsOf } from "./opinion.settings";

export const openCasesPanel: DashboardPanel = {
  id: "opinion",
  title: "舆情回应",
  action: "opinion.view",
  async load(deps, user) {
    const tree = await loadOrgTree(deps, user.siteId);
    const orgIds = orgIdsWhereCan(user, OPINION_VIEW_ACTIONS, tree);
    const rows = await repo.listCases(deps.db.kysely, {
      siteId: user.siteId,
      orgIds,
      statuses: ["draft", "open"],
    });
    const settings = await settingsOf(deps.db.kysely, user.siteId);
    const now = deps.clock.now();
    const lines = rows.slice(0, 8).map((r) => {
      if (r.status === "draft") return { text: `待研判：${r.title}`, href: caseUrl(r.id) };
      const open = clocksOf(r, settings, now).filter((c) => c.state === "due" || c.state === "overdue");
      const first = open.find((c) => c.state === "overdue") ?? open[0];
      return {
        text: first
          ? `${r.title}：${first.label}${first.state === "overdue" ? "已超时" : `须在${formatShanghai(first.due_at)}前`}`
          : `${r.title}：待登记回应`,
        href: caseUrl(r.id),
      };
    });
    return { count: rows.length, href: "/admin/opinion", lines };
  },
};
