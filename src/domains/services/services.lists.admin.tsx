// Back office of the 权责清单 and 公共服务事项清单: /admin/services/lists (the lists the user may see, and a new
// one), /{id} (the version in force, the draft's entries with their edit and remove, an entry to add, the
// decision, the review steps, a new version, the history), /{id}/entries/{code} (edit one entry), /{id}/changes
// (what a version changes, the draft's included). Forms POST and redirect (303); a refused form shows the page
// again with every problem.
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import type { ErrorDetail } from "../../platform/errors";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { recordFormChange, runFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { ErrorList } from "../../web/views/error-list";
import { Field } from "../../web/views/fields";
import { CsrfField } from "../../web/views/layout";
import type { CurrentUser } from "../accounts";
import { EntryForm, EntryTable, type FormValues } from "./services.lists.admin-views";
import { versionNotFound, versionParam } from "./services.lists.api";
import {
  type EntryInput,
  LIST_FIELDS,
  LIST_KIND_LABELS,
  LIST_KINDS,
  parseEntries,
} from "./services.lists.model";
import { listWithEntries } from "./services.lists.present";
import * as lrepo from "./services.lists.repo";
import {
  addEntry,
  changesBetween,
  createList,
  editDraft,
  listsForStaff,
  loadListForStaff,
  mayDraftSomewhere,
  offeredListSteps,
  performListStep,
  removeEntry,
  startVersion,
  updateEntry,
} from "./services.lists.service";
import { LIST_STEPS, LIST_VERSION_STATUS_LABELS } from "./services.lists.steps";
import { listText } from "./services.lists.text";
import { ChangesView } from "./services.lists.views";
import { mayActOnService } from "./services.policy";

const PATH = "/admin/services/lists";
const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const EntryParams = Type.Object({ id: Type.String({ maxLength: 40 }), code: Type.String({ maxLength: 60 }) });
const FormBody = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 10_000 }));
const listUrl = (id: string) => `${PATH}/${id}`;
const zh = listText("zh-CN");

const entryOfForm = (v: FormValues, kind: keyof typeof LIST_FIELDS): EntryInput =>
  Object.fromEntries(LIST_FIELDS[kind].map((f) => [f.key, v[f.key] ?? ""]));

export function registerServiceListAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: PATH, label: "权责清单", action: "service.view" });

  const index = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    problems: ErrorDetail[],
    status = 200,
  ) => {
    const user = requireUser(req);
    const { rows, tree } = await listsForStaff(deps, user);
    const open = new Map(
      await Promise.all(
        rows.map(async (r) => [r.id, await lrepo.findOpenVersion(deps.db.kysely, r.id)] as const),
      ),
    );
    const orgs = mayDraftSomewhere(user, tree);
    return sendAdminPage(
      deps,
      reply,
      { user, title: "权责清单和公共服务事项清单", path: PATH, status, flash: takeFlash(req) },
      <>
        {rows.length ? (
          <div class="table-scroll">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">部门</th>
                  <th scope="col">清单</th>
                  <th scope="col">现行版本</th>
                  <th scope="col">待办版本</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const o = open.get(r.id);
                  const inForce: string = r.version ? `第 ${r.version} 版` : "尚未发布";
                  const pending: string = o
                    ? `第 ${o.number} 版（${LIST_VERSION_STATUS_LABELS[o.status]}）`
                    : "—";
                  return (
                    <tr>
                      <td safe>{tree.get(r.org_id)?.name ?? ""}</td>
                      <td>
                        <a href={listUrl(r.id)} safe>
                          {LIST_KIND_LABELS[r.kind]}
                        </a>
                      </td>
                      <td safe>{inForce}</td>
                      <td safe>{pending}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p>暂无清单。</p>
        )}
        {orgs.length ? (
          <section aria-labelledby="new-list-title">
            <h2 id="new-list-title">新建清单</h2>
            <form method="post" action={PATH} class="stack" novalidate>
              <CsrfField token={reply.generateCsrf()} />
              <ErrorList problems={problems} />
              <Field
                name="org"
                as="select"
                label="部门"
                required
                value={values.org ?? tree.get(user.orgId)?.code}
                choices={orgs}
                problems={problems}
              />
              <Field
                name="kind"
                as="radios"
                label="清单类型"
                required
                value={values.kind ?? "power"}
                choices={LIST_KINDS.map((k) => ({ value: k, label: LIST_KIND_LABELS[k] }))}
                problems={problems}
              />
              <button type="submit">新建（第 1 版草稿）</button>
            </form>
          </section>
        ) : (
          ""
        )}
        <p>
          <a href="/fw/lists">查看公开页面</a>
        </p>
      </>,
    );
  };

  app.get(PATH, { schema: { hide: true } }, async (req, reply) => index(req, reply, {}, []));

  app.post(PATH, { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = req.body as FormValues;
    return runFormChange(
      req,
      reply,
      async () => {
        const r = await createList(deps, user, { org: v.org, kind: v.kind });
        return { flash: "已新建清单（第 1 版草稿），请添加事项后提交审核。", to: listUrl(r.list.id) };
      },
      (r) => index(req, reply, v, r.problems, r.status),
    );
  });

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    form: { problems: ErrorDetail[]; status?: number; values?: FormValues; which?: string } = {
      problems: [],
    },
  ) => {
    const { list, tree } = await loadListForStaff(deps, user, id);
    const db = deps.db.kysely;
    const versions = await lrepo.listVersions(db, list.id);
    const open = versions.find((v) => v.status === "editing" || v.status === "submitted");
    const current = versions.find((v) => v.number === list.version);
    const mayManage = mayActOnService(user, "service.manage", list, tree);
    const editing = open?.status === "editing" && mayManage;
    const steps = offeredListSteps(user, list, open, tree);
    const csrf = reply.generateCsrf();
    const which = form.which;
    const problems = (w: string) => (which === w ? form.problems : []);
    const org = tree.get(list.org_id);
    const shown = open ? await listWithEntries(db, tree, list, open) : undefined;
    const changes = open ? await changesBetween(db, list, current, open) : undefined;
    const inForce: string = current
      ? `第 ${current.number} 版（${(current.decided_at ?? "").slice(0, 10)} 发布）`
      : "尚未发布";
    const comparedWith: string = current ? `与现行第 ${current.number} 版相比` : "首次发布的事项";
    return sendAdminPage(
      deps,
      reply,
      {
        user,
        title: `${org?.name ?? ""}${LIST_KIND_LABELS[list.kind]}`,
        path: PATH,
        status: form.status,
        flash: takeFlash(req),
      },
      <>
        <dl class="meta-table">
          <dt>部门</dt>
          <dd safe>{org?.name ?? ""}</dd>
          <dt>现行版本</dt>
          <dd safe>{inForce}</dd>
          <dt>蒙古文版本</dt>
          <dd>
            <a href={`${listUrl(list.id)}/mn`}>蒙古文清单（起草、审核）</a>
          </dd>
          {current ? (
            <>
              <dt>公开页面</dt>
              <dd>
                <a href={`/fw/lists/${encodeURIComponent(org?.code ?? "")}/${list.kind}`} safe>
                  {`/fw/lists/${org?.code ?? ""}/${list.kind}`}
                </a>
              </dd>
            </>
          ) : (
            ""
          )}
        </dl>
        {open && shown ? (
          <section aria-labelledby="open-title">
            <h2
              id="open-title"
              safe
            >{`第 ${open.number} 版（${LIST_VERSION_STATUS_LABELS[open.status]}）`}</h2>
            {open.review_note ? <p class="notice" safe>{`审核意见：${open.review_note}`}</p> : ""}
            {editing ? (
              <form method="post" action={`${listUrl(list.id)}/decision`} class="stack" novalidate>
                <CsrfField token={csrf} />
                <ErrorList problems={problems("decision")} />
                <Field
                  name="decision"
                  label="发布决定（文号和名称）"
                  hint="提交审核前须填写，例如“固民发〔2026〕12号 关于公布权责清单的通知”。"
                  value={which === "decision" ? (form.values?.decision ?? "") : open.decision}
                  problems={problems("decision")}
                />
                <Field
                  name="reason"
                  as="textarea"
                  rows={2}
                  label="调整说明"
                  value={which === "decision" ? (form.values?.reason ?? "") : open.reason}
                  problems={problems("decision")}
                />
                <button type="submit">保存决定</button>
              </form>
            ) : (
              <dl class="meta-table">
                <dt>发布决定</dt>
                <dd safe>{open.decision || "（未填写）"}</dd>
                <dt>调整说明</dt>
                <dd safe>{open.reason || "—"}</dd>
              </dl>
            )}
            <h3 safe>{`事项（${shown.entries.length} 项）`}</h3>
            {which === "remove" ? <ErrorList problems={form.problems} /> : ""}
            {shown.entries.length ? (
              <EntryTable
                listId={list.id}
                kind={list.kind}
                entries={shown.entries}
                editable={editing}
                csrf={csrf}
              />
            ) : (
              <p>清单中还没有事项。</p>
            )}
            {editing ? (
              <section aria-labelledby="add-title">
                <h3 id="add-title">添加事项</h3>
                <EntryForm
                  action={`${listUrl(list.id)}/entries`}
                  kind={list.kind}
                  csrf={csrf}
                  submit="添加到清单"
                  values={which === "add" ? (form.values ?? {}) : {}}
                  problems={problems("add")}
                  idPrefix="add"
                />
              </section>
            ) : (
              ""
            )}
            {changes ? (
              <section aria-labelledby="draft-changes">
                <h3 id="draft-changes" safe>
                  {comparedWith}
                </h3>
                <ChangesView x={zh} kind={list.kind} changes={changes} idPrefix="draft" level={4} />
              </section>
            ) : (
              ""
            )}
            {steps.length ? (
              <section aria-labelledby="steps-title">
                <h3 id="steps-title">审核</h3>
                <ErrorList problems={problems("step")} />
                {steps.map((a) => (
                  <form method="post" action={`${listUrl(list.id)}/actions`} class="stack step-form">
                    <CsrfField token={csrf} />
                    <input type="hidden" name="action" value={a} />
                    {a === "reject" ? (
                      <Field
                        name="note"
                        id="note-reject"
                        as="textarea"
                        rows={2}
                        label="退回意见"
                        problems={problems("step")}
                      />
                    ) : (
                      ""
                    )}
                    <button type="submit" safe>
                      {LIST_STEPS[a].label}
                    </button>
                  </form>
                ))}
              </section>
            ) : (
              ""
            )}
          </section>
        ) : mayManage && current ? (
          <section aria-labelledby="new-version-title">
            <h2 id="new-version-title">编制新版本</h2>
            <p>新版本从现行版本复制，修改后提交审核；现行版本在新版本发布前保持不变。</p>
            <form method="post" action={`${listUrl(list.id)}/versions`} class="stack" novalidate>
              <CsrfField token={csrf} />
              <ErrorList problems={problems("version")} />
              <Field
                name="reason"
                as="textarea"
                rows={2}
                label="调整说明"
                value={form.values?.reason ?? ""}
                problems={problems("version")}
              />
              <button type="submit">编制新版本</button>
            </form>
          </section>
        ) : (
          ""
        )}
        <section aria-labelledby="history-title">
          <h2 id="history-title">版本记录</h2>
          <ol>
            {versions.map((v) => (
              <li>
                <strong safe>{`第 ${v.number} 版 · ${LIST_VERSION_STATUS_LABELS[v.status]}`}</strong>
                <span class="meta" safe>
                  {` ${parseEntries(v.entries_json).length} 项 · 决定：${v.decision || "—"}${v.decided_at && v.status === "published" ? ` · 发布于 ${v.decided_at.slice(0, 10)}` : ""}`}
                </span>{" "}
                <a href={`${listUrl(list.id)}/changes?to=${v.number}`} safe>{`第 ${v.number} 版的变化`}</a>
              </li>
            ))}
          </ol>
        </section>
        <p>
          <a href={PATH}>返回清单列表</a>
        </p>
      </>,
    );
  };

  app.get(`${PATH}/:id`, { schema: { hide: true, params: Params } }, async (req, reply) =>
    detail(req, reply, requireUser(req), req.params.id),
  );

  const change = (which: string) =>
    recordFormChange(listUrl, (req, reply, user, id, form) =>
      detail(req, reply, user, id, { ...form, values: form.values as FormValues, which }),
    );
  const decisionChange = change("decision");
  const addChange = change("add");
  const stepChange = change("step");
  const versionChange = change("version");
  const removeChange = change("remove");

  app.post(
    `${PATH}/:id/decision`,
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      decisionChange(req, reply, async (user) => {
        const v = req.body as FormValues;
        await editDraft(deps, user, req.params.id, { decision: v.decision ?? "", reason: v.reason ?? "" });
        return "已保存发布决定。";
      }),
  );

  app.post(
    `${PATH}/:id/entries`,
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      addChange(req, reply, async (user) => {
        const { list } = await loadListForStaff(deps, user, req.params.id);
        const v = req.body as FormValues;
        await addEntry(deps, user, list.id, entryOfForm(v, list.kind));
        return `已添加事项 ${v.code?.trim() ?? ""}。`;
      }),
  );

  app.post(
    `${PATH}/:id/actions`,
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      stepChange(req, reply, async (user) => {
        const v = req.body as FormValues;
        const r = await performListStep(deps, user, req.params.id, { action: v.action, note: v.note });
        return r.version.status === "published"
          ? `已发布第 ${r.version.number} 版，已向社会公开。`
          : `第 ${r.version.number} 版：${LIST_VERSION_STATUS_LABELS[r.version.status]}。`;
      }),
  );

  app.post(
    `${PATH}/:id/versions`,
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      versionChange(req, reply, async (user) => {
        const v = req.body as FormValues;
        const r = await startVersion(deps, user, req.params.id, { reason: v.reason ?? "" });
        return `已编制第 ${r.number} 版草稿（复制自现行版本）。`;
      }),
  );

  const entryPage = async (
    _req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    code: string,
    form: { problems: ErrorDetail[]; status?: number; values?: FormValues } = { problems: [] },
  ) => {
    const { list, tree } = await loadListForStaff(deps, user, id);
    const open = await lrepo.findOpenVersion(deps.db.kysely, list.id);
    const shown = open ? await listWithEntries(deps.db.kysely, tree, list, open) : undefined;
    const entry = shown?.entries.find((e) => e.code === code);
    if (open?.status !== "editing" || !entry || !mayActOnService(user, "service.manage", list, tree))
      return reply.redirect(listUrl(list.id), 303);
    const item = entry.item as { impl_code: string } | null;
    const values: FormValues = form.values ?? {
      ...Object.fromEntries(
        Object.entries(entry).map(([k, v]) => [k, typeof v === "string" ? v : undefined]),
      ),
      item: item?.impl_code ?? "",
    };
    return sendAdminPage(
      deps,
      reply,
      { user, title: `修改事项 ${code}`, path: PATH, status: form.status },
      <>
        <EntryForm
          action={`${listUrl(list.id)}/entries/${encodeURIComponent(code)}`}
          kind={list.kind}
          csrf={reply.generateCsrf()}
          submit="保存修改"
          values={values}
          problems={form.problems}
          idPrefix="edit"
        />
        <p>
          <a href={listUrl(list.id)}>返回清单</a>
        </p>
      </>,
    );
  };

  app.get(`${PATH}/:id/entries/:code`, { schema: { hide: true, params: EntryParams } }, async (req, reply) =>
    entryPage(req, reply, requireUser(req), req.params.id, req.params.code),
  );

  app.post(
    `${PATH}/:id/entries/:code`,
    { schema: { hide: true, params: EntryParams, body: FormBody } },
    async (req, reply) => {
      const user = requireUser(req);
      const v = req.body as FormValues;
      const { id, code } = req.params;
      return runFormChange(
        req,
        reply,
        async () => {
          const { list } = await loadListForStaff(deps, user, id);
          await updateEntry(deps, user, id, code, entryOfForm(v, list.kind));
          return { flash: `已保存事项 ${v.code?.trim() || code}。`, to: listUrl(id) };
        },
        (r) => entryPage(req, reply, user, id, code, { problems: r.problems, status: r.status, values: v }),
      );
    },
  );

  app.post(
    `${PATH}/:id/entries/:code/remove`,
    { schema: { hide: true, params: EntryParams, body: FormBody } },
    async (req, reply) =>
      removeChange(req, reply, async (user) => {
        await removeEntry(deps, user, req.params.id, req.params.code);
        return `已删除事项 ${req.params.code}。`;
      }),
  );

  app.get(
    `${PATH}/:id/changes`,
    {
      schema: {
        hide: true,
        params: Params,
        querystring: Type.Object({
          from: Type.Optional(Type.String({ maxLength: 6 })),
          to: Type.Optional(Type.String({ maxLength: 6 })),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { list, tree } = await loadListForStaff(deps, user, req.params.id);
      const db = deps.db.kysely;
      const versions = await lrepo.listVersions(db, list.id);
      const top = versions[0]?.number ?? 0;
      const to = versionParam("to", req.query.to, top);
      // Compared with the version published before it (a draft: with the one in force).
      const previous = versions.find((v) => v.number < to && v.status === "published")?.number ?? 0;
      const from = versionParam("from", req.query.from, previous);
      const newer = versions.find((v) => v.number === to);
      const older = versions.find((v) => v.number === from);
      if (!newer || (from !== 0 && !older)) throw versionNotFound();
      const changes = await changesBetween(db, list, older, newer);
      const org = tree.get(list.org_id);
      return sendAdminPage(
        deps,
        reply,
        { user, title: `${org?.name ?? ""}${LIST_KIND_LABELS[list.kind]}：版本变化`, path: PATH },
        <>
          <p safe>
            {from === 0
              ? `第 ${to} 版（${LIST_VERSION_STATUS_LABELS[newer.status]}）的全部事项`
              : `第 ${from} 版至第 ${to} 版（${LIST_VERSION_STATUS_LABELS[newer.status]}）的变化`}
          </p>
          <ChangesView x={zh} kind={list.kind} changes={changes} />
          <form method="get" action={`${listUrl(list.id)}/changes`} class="filters">
            <label for="cmp-from">比较</label>
            <select id="cmp-from" name="from">
              <option value="0" selected={from === 0}>
                （空清单）
              </option>
              {versions.map((v) => (
                <option value={String(v.number)} selected={v.number === from} safe>
                  {`第 ${v.number} 版（${LIST_VERSION_STATUS_LABELS[v.status]}）`}
                </option>
              ))}
            </select>
            <label for="cmp-to">与</label>
            <select id="cmp-to" name="to">
              {versions.map((v) => (
                <option value={String(v.number)} selected={v.number === to} safe>
                  {`第 ${v.number} 版（${LIST_VERSION_STATUS_LABELS[v.status]}）`}
                </option>
              ))}
            </select>
            <button type="submit">比较</button>
          </form>
          <p>
            <a href={listUrl(list.id)}>返回清单</a>
          </p>
        </>,
      );
    },
  );
}
