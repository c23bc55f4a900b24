import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { pageRequest } from "../../platform/paging";
import { requireUser } from "../../web/auth";
import { sendError } from "../../web/errors";
import type { AppInstance } from "../../web/types";
import { addAdminNav, Flash, takeFlash } from "../../web/views/admin-layout";
import { ADMIN_PAGER_TEXT, CursorPager, pagerParams } from "../../web/views/cursor-pager";
import { type CurrentUser, can, canAny } from "../accounts";
import { loadOrgTree } from "../orgs";
import { registerItemEditor } from "./publishing.admin-editor";
import { registerItemRoutes } from "./publishing.admin-item";
import { ItemTable, itemPageSender } from "./publishing.admin-views";
import * as repo from "./publishing.repo";

const _html = "text/html; charset=utf-8";

/** The queues of the back office, each shown to the roles that work it. */
export const QUEUES = {
  drafts: { label: "草稿和退回", statuses: ["draft"], action: "item.draft" },
  review: { label: "待审查", statuses: ["submitted"], action: "item.review" },
  sign: { label: "待审签", statuses: ["reviewed"], action: "item.sign" },
  publish: { label: "待发布", statuses: ["signed", "scheduled"], action: "item.sign" },
  published: { label: "已发布", statuses: ["published"], action: "item.view" },
  closed: { label: "已撤回和已替换", statuses: ["withdrawn", "superseded"], action: "item.view" },
} as const;
export type QueueName = keyof typeof QUEUES;

const PER_PAGE = 50;

/**
 * A queue's filter: by site when the user sees every organisation of it (one index range, newest first),
 * else by the organisations the user may see.
 */
export function queueFilter(siteId: string, orgIds: string[], orgCount: number, statuses: readonly string[]) {
  return orgIds.length === orgCount
    ? { siteId, statuses: [...statuses] }
    : { siteId, orgIds, statuses: [...statuses] };
}

export async function orgScope(deps: Deps, user: CurrentUser, action: (typeof QUEUES)[QueueName]["action"]) {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgs = tree.flatten(user.siteId).map(({ org }) => org);
  return {
    tree,
    orgIds: orgs.filter((o) => can(user, action, o.id, tree)).map((o) => o.id),
    names: new Map(orgs.map((o) => [o.id, o.short_name])),
  };
}

export function registerPublishingAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/items", label: "信息发布", action: "item.view" });
  addAdminNav({ href: "/admin/items/new", label: "起草信息", action: "item.draft" });

  const layout = itemPageSender(deps);

  app.get(
    "/admin/items",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          queue: Type.Optional(Type.String({ maxLength: 20 })),
          page: Type.Optional(Type.Integer({ minimum: 1 })),
          cursor: Type.Optional(Type.String({ maxLength: 300 })),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const mine = (Object.keys(QUEUES) as QueueName[]).filter((q) => canAny(user, QUEUES[q].action));
      if (mine.length === 0)
        return sendError(req, reply, new AppError("role_not_allowed", 403, "您的角色不能查看信息发布。"));
      const queue = (mine.includes(req.query.queue as QueueName) ? req.query.queue : mine[0]) as QueueName;
      const pageReq = pageRequest(req.query, PER_PAGE);
      const { orgIds, names } = await orgScope(deps, user, QUEUES[queue].action);
      const filter = queueFilter(user.siteId, orgIds, names.size, QUEUES[queue].statuses);
      const [found, total] = await Promise.all([
        repo.pageItems(deps.db.kysely, filter, pageReq, "updated"),
        repo.countItemsCapped(deps.db.kysely, filter),
      ]);
      return layout(
        user,
        reply,
        "信息发布",
        "/admin/items",
        <>
          <Flash text={takeFlash(req)} />
          <nav aria-label="信息队列" class="tabs">
            <ul>
              {mine.map((q) => (
                <li>
                  <a href={`/admin/items?queue=${q}`} aria-current={q === queue ? "page" : undefined}>
                    {QUEUES[q].label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <p class="meta" safe>{`${QUEUES[queue].label}：共 ${total.n} 条${total.capped ? "以上" : ""}`}</p>
          <ItemTable rows={found.rows} orgNames={names} caption={QUEUES[queue].label} />
          <CursorPager
            page={found.page}
            size={PER_PAGE}
            next={found.next}
            prev={found.prev}
            total={total}
            href={(to) => `/admin/items?${new URLSearchParams({ queue, ...pagerParams(to) })}`}
            text={ADMIN_PAGER_TEXT}
          />
        </>,
      );
    },
  );
  registerItemEditor(app, deps);
  registerItemRoutes(app, deps);
}
