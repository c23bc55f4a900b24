import type { Deps } from "../../deps";
import { formatShanghai } from "../../platform/time";
import { addDashboardPanel } from "../../web/dashboard";
import { loadOrgTree } from "../orgs";
import { ROLE_LABELS } from "./accounts.policy";
import { countLockedUsers, listUsers, recentSignIns } from "./accounts.repo";

/** Dashboard panels of the accounts domain: one's own account for everyone, account health for admins. */
export function registerAccountPanels(): void {
  addDashboardPanel({
    id: "my-account",
    title: "我的账户",
    action: "dashboard.view",
    async load(deps: Deps, user) {
      const events = await recentSignIns(deps.db.kysely, user.id, 20);
      // events[0] is this session's own sign-in; the one before it is what the user should recognise.
      const previous = events.slice(1).find((e) => e.action === "auth.login");
      const failuresSince = events.slice(1).findIndex((e) => e.action === "auth.login");
      const failed = events
        .slice(1, failuresSince === -1 ? undefined : failuresSince + 1)
        .filter((e) => e.action !== "auth.login").length;
      return {
        lines: [
          { text: `单位：${user.orgName}` },
          { text: `角色：${user.roles.map((r) => ROLE_LABELS[r]).join("、")}` },
          { text: previous ? `上次登录：${formatShanghai(previous.at)}` : "这是您首次登录。" },
          ...(failed
            ? [
                {
                  text: `此前有 ${failed} 次密码错误的登录尝试，如非本人操作请立即修改密码。`,
                  href: "/admin/password",
                },
              ]
            : []),
        ],
      };
    },
  });

  addDashboardPanel({
    id: "accounts",
    title: "账户管理",
    action: "user.view",
    async load(deps: Deps, user) {
      const tree = await loadOrgTree(deps, user.siteId);
      const orgIds = tree
        .flatten(user.siteId)
        .filter(({ org }) => tree.isWithin(org.id, user.orgId))
        .map(({ org }) => org.id);
      const users = await listUsers(deps.db.kysely, orgIds);
      const locked = await countLockedUsers(deps.db.kysely, deps.clock.now().toISOString(), orgIds);
      return {
        count: users.length,
        lines: [
          { text: `本单位及下级单位账户 ${users.length} 个` },
          { text: locked ? `当前锁定 ${locked} 个账户` : "没有被锁定的账户" },
        ],
      };
    },
  });
}
