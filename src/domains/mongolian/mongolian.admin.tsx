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
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { type CurrentUser, can, canAny } from "../accounts";
import { loadOrgTree } from "../orgs";
import * as repo from "./mongolian.repo";
import { MN_ACTIONS, MN_STATUS_LABELS, type MnAction } from "./mongolian.schemas";
import { actOnMn, currentItemSubject, getMnState, type MnState, saveMnDraft } from "./mongolian.service";
import type { MnStatus } from "./mongolian.tables";
import { MN_WORKFLOW } from "./mongolian.workflow";

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 500_000 }));
const statusLabel = (s: string) => MN_STATUS_LABELS[s as MnStatus] ?? s;
const pageUrl = (id: string) => `/admin/items/${id}/mn`;

function MnPage(p: {
  state: MnState;
  user: CurrentUser;
  mayDraft: boolean;
  offered: MnAction[];
  csrf: string;
  problems: ErrorDetail[];
  values?: Record<string, string | undefined>;
}) {
  const { state } = p;
  const s = state.subject;
  const open = state.open;
  const editable = p.mayDraft && open?.status !== "submitted";
  const v = {
    title: p.values?.title ?? open?.title ?? state.approved?.title ?? "",
    summary: p.values?.summary ?? open?.summary ?? state.approved?.summary ?? "",
    body: p.values?.body ?? open?.body_html ?? state.approved?.body_html ?? "",
  };
  return (
    <>
      <ErrorSummary title="蒙古文版本未能保存，请修改以下问题：" problems={p.problems} />
      <p>
        <a href={`/admin/items/${s.id}`} safe>{`返回信息：${s.chineseTitle}`}</a>
      </p>
      <section aria-labelledby="mn-approved">
        <h2 id="mn-approved">已审核的蒙古文版本</h2>
        {state.approved ? (
          <>
            <p
              safe
            >{`第 ${state.approved.revision} 稿，译自中文第 ${state.approved.source_version ?? "—"} 版，${formatShanghai(state.approved.approved_at ?? state.approved.updated_at)} 审核通过。`}</p>
            {state.outdated ? (
              <p class="notice warn" role="note">
                中文内容在翻译后已修改：门户上的蒙古文版本已标注“译文所依据的中文已更新”。请按最新中文更新译文并提交审核。
              </p>
            ) : (
              ""
            )}
            <div class="mn-preview" lang="mn-Mong">
              <p class="mn-preview-title" safe>
                {state.approved.title}
              </p>
            </div>
          </>
        ) : (
          <p>尚无已审核的蒙古文版本：蒙古文门户显示中文原文，并注明暂无蒙古文版本。</p>
        )}
      </section>
      <section aria-labelledby="mn-draft">
        <h2 id="mn-draft">
          {open ? `正在办理：第 ${open.revision} 稿（${statusLabel(open.status)}）` : "起草蒙古文版本"}
        </h2>
        {open?.last_note ? <p class="notice" role="note" safe>{`审核意见：${open.last_note}`}</p> : ""}
        {open && open.source_sha256 !== s.sourceSha ? (
          <p class="notice warn" role="note">
            此稿保存后中文内容又有修改，请对照最新中文修改译文后再保存。
          </p>
        ) : (
          ""
        )}
        {editable ? (
          <form method="post" action={pageUrl(s.id)} class="stack" novalidate>
            <CsrfField token={p.csrf} />
            <Field
              name="title"
              label="蒙古文标题"
              required
              value={v.title}
              lang="mn-Mong"
              problems={p.problems}
            />
            <Field
              as="textarea"
              name="summary"
              label="蒙古文摘要（可选）"
              rows={3}
              lang="mn-Mong"
              value={v.summary}
              problems={p.problems}
            />
            <Field
              as="textarea"
              name="body"
              label="蒙古文正文"
              hint="用传统蒙古文书写；可使用与中文正文相同的格式（段落、标题、列表、表格）。"
              required
              rows={12}
              lang="mn-Mong"
              value={v.body}
              problems={p.problems}
            />
            <button type="submit">保存蒙古文草稿</button>
          </form>
        ) : open ? (
          <div class="mn-preview" lang="mn-Mong">
            <p class="mn-preview-title" safe>
              {open.title}
            </p>
            <div class="mn-preview-body">{open.body_html ?? ""}</div>
          </div>
        ) : (
          <p>您的角色不能起草蒙古文版本。</p>
        )}
        {p.offered.map((a) => (
          <form method="post" action={`${pageUrl(s.id)}/actions`} class="stack inline-action">
            <CsrfField token={p.csrf} />
            <input type="hidden" name="action" value={a} />
            {a === "reject" ? (
              <Field name="note" label="退回原因" required value={p.values?.note} problems={p.problems} />
            ) : (
              ""
            )}
            <button type="submit" class={a === "reject" ? "danger" : undefined} safe>
              {MN_WORKFLOW[a].label}
            </button>
          </form>
        ))}
      </section>
      <section aria-labelledby="mn-history">
        <h2 id="mn-history">历次译稿</h2>
        <div class="table-scroll" tabindex="0" role="region" aria-label="历次译稿">
          <table>
            <caption class="visually-hidden">历次译稿</caption>
            <thead>
              <tr>
                <th scope="col">稿次</th>
                <th scope="col">状态</th>
                <th scope="col">所译中文版本</th>
                <th scope="col">更新时间</th>
              </tr>
            </thead>
            <tbody>
              {state.revisions.map((r) => (
                <tr>
                  <td safe>{`第 ${r.revision} 稿`}</td>
                  <td safe>{statusLabel(r.status)}</td>
                  <td safe>{r.source_version ? `第 ${r.source_version} 版` : "—"}</td>
                  <td safe>{formatShanghai(r.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

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
