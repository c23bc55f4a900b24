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
import type { CurrentUser } from "../accounts";
import { loadOrgTree } from "../orgs";
import { mayTakeStep, scopesFor } from "./mongolian.access";
import {
  CATALOG_PATHS,
  type EditorPaths,
  ITEM_PATHS,
  MnPage,
  statusLabel,
  subjectLabel,
} from "./mongolian.admin-views";
import { mnKind } from "./mongolian.kinds";
import * as repo from "./mongolian.repo";
import { MN_ACTIONS, type MnAction } from "./mongolian.schemas";
import { actOnMn, getMnState, saveMnDraft } from "./mongolian.service";
import { currentItemSubject, findSubject } from "./mongolian.subjects";
import type { MnStatus, MnSubjectType } from "./mongolian.tables";
import { MN_WORKFLOW } from "./mongolian.workflow";

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 500_000 }));

const QUEUES = {
  review: { label: "待审核", statuses: ["submitted"] as MnStatus[], step: "review" as const },
  drafts: { label: "草稿和退回", statuses: ["draft"] as MnStatus[], step: "draft" as const },
  approved: { label: "已审核", statuses: ["approved"] as MnStatus[], step: "view" as const },
};
type QueueName = keyof typeof QUEUES;

const editorOf = (type: MnSubjectType): EditorPaths => {
  const kind = mnKind(type);
  if (kind) return { editor: kind.editorPath, back: kind.adminPath };
  return type === "catalog_node" ? CATALOG_PATHS : ITEM_PATHS;
};

/** The subject a queued revision translates as it stands now (an item: its current version). */
const queueSubject = (deps: Deps, r: repo.MnVersionRow) =>
  r.subject_type === "item"
    ? currentItemSubject(deps.db.kysely, r.subject_id)
    : findSubject(deps.db.kysely, r.subject_type, r.subject_id);

export function registerMongolianAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/mn", label: "蒙古文版本", action: "item.view" });
  registerMnEditor(app, deps, "item", ITEM_PATHS);
  registerMnEditor(app, deps, "catalog_node", CATALOG_PATHS);
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
      const tree = await loadOrgTree(deps, user.siteId);
      const mine = (Object.keys(QUEUES) as QueueName[]).filter(
        (q) => scopesFor(user, tree, QUEUES[q].step).length > 0,
      );
      const queue = (mine.includes(req.query.queue as QueueName) ? req.query.queue : mine[0]) as
        | QueueName
        | undefined;
      const orgs = tree.flatten(user.siteId).map(({ org }) => org);
      const rows = queue
        ? (
            await Promise.all(
              scopesFor(user, tree, QUEUES[queue].step).map((s) =>
                repo.listQueue(deps.db.kysely, {
                  siteId: user.siteId,
                  orgIds: s.orgIds,
                  statuses: QUEUES[queue].statuses,
                  type: s.type,
                }),
              ),
            )
          )
            .flat()
            .sort((a, b) => b.updated_at.localeCompare(a.updated_at) || a.id.localeCompare(b.id))
            .slice(0, 100)
        : [];
      const subjects = await Promise.all(rows.map(async (r) => ({ r, s: await queueSubject(deps, r) })));
      const names = new Map(orgs.map((o) => [o.id, o.short_name]));
      return sendAdminPage(
        deps,
        reply,
        { user, title: "蒙古文版本", path: "/admin/mn", flash: takeFlash(req) },
        <>
          <p>
            各单位信息、政策解读、公开目录栏目名称、办事指南、权责清单、政务服务实施情况报告、政府公报、意见征集和政务会议的蒙古文版本：由本单位的信息员起草，经审核人审核后在蒙古文门户（/mn）发布；中文修改后，已审核的译文标注为“已过时”。
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
                    <th scope="col">类别</th>
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
                      <td safe>{subjectLabel(s ?? { type: r.subject_type })}</td>
                      <td>
                        <a href={editorOf(r.subject_type).editor(s?.id ?? r.source_id)} safe>
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

/** The 蒙古文版本 page of one subject type: GET shows it, POST saves the draft, POST …/actions moves its review. */
export function registerMnEditor(
  app: AppInstance,
  deps: Deps,
  type: MnSubjectType,
  paths: EditorPaths,
): void {
  const show = async (
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    form?: { problems: ErrorDetail[]; status: number; values: Record<string, string | undefined> },
  ) => {
    const state = await getMnState(deps, user, type, id);
    const tree = await loadOrgTree(deps, user.siteId);
    const mayDraft = mayTakeStep(user, type, "draft", state.subject, tree);
    const offered = state.open
      ? availableActions(
          MN_WORKFLOW,
          state.open.status as MnStatus,
          { complete: true, ownWork: false, sourceChanged: false },
          (who) => mayTakeStep(user, type, who, state.subject, tree),
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
        paths={paths}
        user={user}
        mayDraft={mayDraft}
        offered={offered}
        csrf={reply.generateCsrf()}
        problems={form?.problems ?? []}
        values={form?.values}
      />,
    );
  };

  app.get(paths.editor(":id"), { schema: { hide: true, params: IdParams } }, async (req, reply) =>
    show(reply, requireUser(req), req.params.id),
  );

  const change = recordFormChange(paths.editor, (_req, reply, user, id, form) => show(reply, user, id, form));

  app.post(paths.editor(":id"), { schema: { hide: true, params: IdParams, body: FormBody } }, (req, reply) =>
    change(req, reply, async (user) => {
      const b = req.body;
      // A catalogue column's form has its name alone (no body or summary field).
      await saveMnDraft(deps, user, type, req.params.id, {
        title: b.title ?? "",
        ...(b.body !== undefined || type !== "catalog_node" ? { body: b.body ?? "" } : {}),
        ...(b.summary?.trim() ? { summary: b.summary } : {}),
      });
      return "蒙古文草稿已保存。";
    }),
  );

  app.post(
    `${paths.editor(":id")}/actions`,
    { schema: { hide: true, params: IdParams, body: FormBody } },
    (req, reply) =>
      change(req, reply, async (user) => {
        const action = (MN_ACTIONS as readonly string[]).includes(req.body.action ?? "")
          ? (req.body.action as MnAction)
          : "submit";
        await actOnMn(deps, user, type, req.params.id, { action, note: req.body.note });
        return `蒙古文译文已${MN_WORKFLOW[action].label}。`;
      }),
  );
}
