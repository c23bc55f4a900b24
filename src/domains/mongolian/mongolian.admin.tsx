// Back office of Mongolian versions: the 蒙古文版本 page of an item (write, submit, approve or send back, with
// every revision), and the queues (drafts, awaiting review, outdated) under 蒙古文版本 in the navigation.
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import type { Deps } from "../../deps";
import type { ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { availableActions } from "../../platform/workflow/state-machine";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { recordFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { type CurrentUser, can, canAny } from "../accounts";
import { loadOrgTree } from "../orgs";
import { MnPage, pageUrl, statusLabel } from "./mongolian.admin-views";
import * as repo from "./mongolian.repo";
import { MN_ACTIONS, type MnAction } from "./mongolian.schemas";
import { actOnMn, getMnState, saveMnDraft } from "./mongolian.service";
import { currentItemSubject } from "./mongolian.subjects";
import type { MnStatus } from "./mongolian.tables";
import { MN_WORKFLOW } from "./mongolian.workflow";

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 500_000 }));

const QUEUES = {
  review: { label: "待审核", statuses: ["submitted"] as MnStatus[], action: "item.review" as const },
  drafts: { label: "草稿和退回", statuses: ["draft"] as MnStatus[], action: "item.draft" as const },
  approved: { label: "已审核", statuses: ["approved"] as MnStatus[], action: "item.view" as const },
};
type QueueName = keyof typeof QUEUES;

export function registerMongolianAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/mn", label: "蒙古文版本", action: "item.view" });

  const show = async (
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    form?: { problems: ErrorDetail[]; status: number; values: Record<string, string | undefined> },
  ) => {
    const state = await getMnState(deps, user, "item", id);
    const tree = await loadOrgTree(deps, user.siteId);
    const mayDraft = can(user, "item.draft", state.subject.orgId, tree);
    const offered = state.open
      ? availableActions(
          MN_WORKFLOW,
          state.open.status as MnStatus,
          { complete: true, ownWork: false, sourceChanged: false },
          (who) => can(user, who, state.subject.orgId, tree),
        )
      : [];
    return sendAdminPage(
      deps,
      reply,
      {
        user,
        title: `蒙古文版本：${state.subject.chineseTitle}`,
        path: "/admin/mn",
        status: form?.status,
        flash: form ? undefined : takeFlash(reply.request),
      },
      <MnPage
        state={state}
        user={user}
        mayDraft={mayDraft}
        offered={offered}
        csrf={reply.generateCsrf()}
        problems={form?.problems ?? []}
        values={form?.values}
      />,
    );
  };

  app.get(pageUrl(":id"), { schema: { hide: true, params: IdParams } }, async (req, reply) =>
    show(reply, requireUser(req), req.params.id),
  );

  const change = recordFormChange(pageUrl, (_req, reply, user, id, form) => show(reply, user, id, form));

  app.post(pageUrl(":id"), { schema: { hide: true, params: IdParams, body: FormBody } }, (req, reply) =>
    change(req, reply, async (user) => {
      const b = req.body;
      await saveMnDraft(deps, user, "item", req.params.id, {
        title: b.title ?? "",
        body: b.body ?? "",
        ...(b.summary?.trim() ? { summary: b.summary } : {}),
      });
      return "蒙古文草稿已保存。";
    }),
  );

  app.post(
    `${pageUrl(":id")}/actions`,
    { schema: { hide: true, params: IdParams, body: FormBody } },
    (req, reply) =>
      change(req, reply, async (user) => {
        const action = (MN_ACTIONS as readonly string[]).includes(req.body.action ?? "")
          ? (req.body.action as MnAction)
          : "submit";
        await actOnMn(deps, user, "item", req.params.id, { action, note: req.body.note });
        return `蒙古文译文已${MN_WORKFLOW[action].label}。`;
      }),
  );

  app.get(
    "/admin/mn",
    {
      schema: {
        hide: true,
        querystring: Type.Object({ queue: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const mine = (Object.keys(QUEUES) as QueueName[]).filter((q) => canAny(user, QUEUES[q].action));
      const queue = (mine.includes(req.query.queue as QueueName) ? req.query.queue : mine[0]) as
        | QueueName
        | undefined;
      const tree = await loadOrgTree(deps, user.siteId);
      const orgs = tree.flatten(user.siteId).map(({ org }) => org);
      const rows = queue
        ? await repo.listQueue(deps.db.kysely, {
            siteId: user.siteId,
            orgIds: orgs.filter((o) => can(user, QUEUES[queue].action, o.id, tree)).map((o) => o.id),
            statuses: QUEUES[queue].statuses,
            type: "item",
          })
        : [];
      const subjects = await Promise.all(
        rows.map(async (r) => ({ r, s: await currentItemSubject(deps.db.kysely, r.subject_id) })),
      );
      const names = new Map(orgs.map((o) => [o.id, o.short_name]));
      return sendAdminPage(
        deps,
        reply,
        { user, title: "蒙古文版本", path: "/admin/mn", flash: takeFlash(req) },
        <>
          <p>
            各单位信息和政策解读的蒙古文版本：由本单位的信息员起草，经审核人审核后在蒙古文门户（/mn）发布；中文修改后，已审核的译文标注为“已过时”。
          </p>
          <nav aria-label="蒙古文版本队列" class="tabs">
            <ul>
              {mine.map((q) => (
                <li>
                  <a href={`/admin/mn?queue=${q}`} aria-current={q === queue ? "page" : undefined} safe>
                    {QUEUES[q].label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {rows.length === 0 ? (
            <p>暂无蒙古文译文。</p>
          ) : (
            <div class="table-scroll" tabindex="0" role="region" aria-label="蒙古文译文">
              <table>
                <caption class="visually-hidden">蒙古文译文</caption>
                <thead>
                  <tr>
                    <th scope="col">中文标题</th>
                    <th scope="col">蒙古文标题</th>
                    <th scope="col">单位</th>
                    <th scope="col">状态</th>
                    <th scope="col">更新时间</th>
                  </tr>
                </thead>
                <tbody>
                  {subjects.map(({ r, s }) => (
                    <tr>
                      <td>
                        <a href={pageUrl(s?.id ?? r.source_id)} safe>
                          {s?.chineseTitle ?? r.source_id}
                        </a>
                        {s && r.source_sha256 !== s.sourceSha ? <span class="tag warn">中文已更新</span> : ""}
                      </td>
                      <td lang="mn-Mong" safe>
                        {r.title}
                      </td>
                      <td safe>{names.get(r.org_id) ?? ""}</td>
                      <td safe>{statusLabel(r.status)}</td>
                      <td safe>{formatShanghai(r.updated_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>,
      );
    },
  );
}
