// The office dashboard's box: accounts with an alarm (no update for two weeks, interaction not working or left
// unanswered), and weak accounts awaiting a closure or merger decision.
import { shanghaiDateOf } from "../../platform/time";
import type { DashboardPanel } from "../../web/dashboard";
import { orgIdsWhereCan } from "../accounts";
import { loadOrgTree } from "../orgs";
import { NEWMEDIA_VIEW_ACTIONS } from "./newmedia.policy";
import * as repo from "./newmedia.repo";
import { alarmsOf, isWeak } from "./newmedia.service";

export const staleAccountsPanel: DashboardPanel = {
  id: "newmedia",
  title: "政务新媒体预警",
  action: "newmedia.view",
  async load(deps, user) {
    const tree = await loadOrgTree(deps, user.siteId);
    const orgIds = orgIdsWhereCan(user, NEWMEDIA_VIEW_ACTIONS, tree);
    const today = shanghaiDateOf(deps.clock.now());
    const rows = (await repo.listAccounts(deps.db.kysely, user.siteId, orgIds)).filter(
      (r) => alarmsOf(r, today).length || (isWeak(r, today) && !r.decision),
    );
    return {
      count: rows.length,
      href: "/admin/newmedia",
      lines: rows.slice(0, 8).map((r) => ({
        text: `${r.name}：${[...alarmsOf(r, today), ...(isWeak(r, today) && !r.decision ? ["待作关停或整合决定"] : [])].join("；")}`,
        href: `/admin/newmedia/${r.id}`,
      })),
    };
  },
};
