// Back office: /admin/newmedia (the registry with its alarms, the activity import), /admin/newmedia/new (开设),
// /admin/newmedia/{id} (registry fields, alarms, filings, activity, feed, decision, posts and their review),
// /admin/newmedia/posts/{id}/actions. Forms POST and redirect (303); a refused form shows the page again with
// every problem. Sign-in and CSRF: the back-office hook (web/auth.ts).
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { shanghaiDateOf } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { problemsOf, recordFormChange, runFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { ErrorList } from "../../web/views/error-list";
import { Field } from "../../web/views/fields";
import { CsrfField } from "../../web/views/layout";
import { type CurrentUser, can } from "../accounts";
import { loadOrgTree, type OrgTree } from "../orgs";
import {
  drainUpload,
  openUpload,
  readMultipartFields,
} from "../publishing/attachments/attachments.multipart";
import { IMPORT_MAX_BYTES, importActivity, readAccountFeed } from "./newmedia.import";
import { mayActOnAccount, postNotFound } from "./newmedia.policy";
import { actOnPost, draftPost, offeredPostSteps, POST_STATUS_LABELS, POST_STEPS } from "./newmedia.posts";
import * as repo from "./newmedia.repo";
import {
  decideOnAccount,
  FILING_LABELS,
  fileChange,
  listAccountsFor,
  loadAccountFor,
  PLATFORM_LABELS,
  PLATFORMS,
  presentAccount,
  recordActivity,
  registerAccount,
  STATUS_LABELS,
} from "./newmedia.service";
import type { FilingKind, PostStatus } from "./newmedia.tables";

const FormBody = Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 50_000 }));
const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
type Values = Record<string, string | undefined>;
const url = (id: string) => `/admin/newmedia/${id}`;
const platformChoices = PLATFORMS.map((p) => ({ value: p, label: PLATFORM_LABELS[p]! }));

const mayFile = (user: CurrentUser, tree: OrgTree) => {
  const root = tree.roots(user.siteId)[0];
  return !!root && can(user, "newmedia.review", root.id, tree);
};

/** Reads the one file of a multipart form (CSRF checked by the back-office hook on its fields). */
async function oneFile(req: FastifyRequest, maxBytes: number) {
  const { files } = await (await openUpload(req)).bufferFiles({ maxBytes, maxFiles: 1 });
  const file = files[0];
  if (!file?.filename)
    throw new AppError("validation_failed", 400, "请选择文件。", [
      { field: "file", code: "file_missing", message: "请选择要上传的文件。" },
    ]);
  if (file.truncated)
    throw new AppError("validation_failed", 400, "文件过大。", [
      { field: "file", code: "file_too_large", message: "文件过大。" },
    ]);
  return file;
}

export function registerNewmediaAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/newmedia", label: "政务新媒体", action: "newmedia.view" });

  const list = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: { problems?: ErrorDetail[]; status?: number } = {},
  ) => {
    const user = requireUser(req);
    const { rows, tree, today } = await listAccountsFor(deps, user);
    const csrf = reply.generateCsrf();
    const accounts = rows.map((r) => presentAccount(r, tree, today));
    return sendAdminPage(
      deps,
      reply,
      { user, title: "政务新媒体", path: "/admin/newmedia", status: form.status, flash: takeFlash(req) },
      <>
        {mayFile(user, tree) ? (
          <p>
            <a href="/admin/newmedia/new">登记开设账号</a>
          </p>
        ) : (
          ""
        )}
        <p class="hint">
          账号两周未更新、互动功能不可用或有未回复留言的，标记为预警；关注人数少且长期未更新的，应作出关停或整合决定。
        </p>
        {accounts.length ? (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">账号</th>
                <th scope="col">平台</th>
                <th scope="col">主办单位</th>
                <th scope="col">状态</th>
                <th scope="col">最后更新</th>
                <th scope="col">关注人数</th>
                <th scope="col">预警</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr class={a.alarms.length ? "overdue" : undefined}>
                  <td>
                    <a href={url(a.id)} safe>
                      {a.name}
                    </a>
                  </td>
                  <td safe>{a.platform_label}</td>
                  <td safe>{a.org.name}</td>
                  <td safe>{STATUS_LABELS[a.status as keyof typeof STATUS_LABELS]}</td>
                  <td safe>{a.last_update_on ?? "—"}</td>
                  <td safe>{a.followers === null ? "—" : String(a.followers)}</td>
                  <td safe>{[...a.alarms, ...(a.weak ? ["建议关停或整合"] : [])].join("；") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>尚未登记政务新媒体账号。</p>
        )}
        <section aria-labelledby="import-title">
          <h2 id="import-title">导入运营情况</h2>
          <p class="hint">
            Excel 或 CSV，列名：平台、账号ID、最后更新日期、关注人数、未回复留言数、互动是否正常。
          </p>
          <ErrorList problems={form.problems ?? []} />
          <form method="post" action="/admin/newmedia/import" enctype="multipart/form-data" class="stack">
            <CsrfField token={csrf} />
            <Field name="file" type="file" accept=".xlsx,.csv" label="文件" problems={form.problems ?? []} />
            <button type="submit">导入</button>
          </form>
        </section>
      </>,
    );
  };

  app.get("/admin/newmedia", { schema: { hide: true } }, async (req, reply) => list(req, reply));
  app.post(
    "/admin/newmedia/import",
    {
      preValidation: readMultipartFields,
      onResponse: async (req) => drainUpload(req),
      schema: { hide: true },
    },
    async (req, reply) => {
      const user = requireUser(req);
      try {
        const file = await oneFile(req, IMPORT_MAX_BYTES);
        const r = await importActivity(deps, user, file);
        req.session.set("flash", `已导入 ${r.updated} 个账号的运营情况。`);
        return reply.redirect("/admin/newmedia", 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
        return list(req, reply, {
          problems: problemsOf(e).map((d) => ({ ...d, field: "file" })),
          status: e.status,
        });
      } finally {
        await drainUpload(req);
      }
    },
  );

  const newForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    v: Values,
    problems: ErrorDetail[],
    status = 200,
  ) => {
    const user = requireUser(req);
    const tree = await loadOrgTree(deps, user.siteId);
    const orgs = tree.flatten(user.siteId).map((e) => ({ value: e.org.code, label: e.org.name }));
    return sendAdminPage(
      deps,
      reply,
      { user, title: "登记开设政务新媒体账号", path: "/admin/newmedia", status },
      <form method="post" action="/admin/newmedia/new" class="stack">
        <ErrorList problems={problems} />
        <CsrfField token={reply.generateCsrf()} />
        <Field name="name" label="账号名称" value={v.name} problems={problems} />
        <Field
          name="platform"
          as="select"
          label="平台"
          choices={platformChoices}
          value={v.platform}
          problems={problems}
        />
        <Field name="account_no" label="账号 ID" value={v.account_no} problems={problems} />
        <Field
          name="org"
          as="select"
          label="主办单位"
          hint="谁开设、谁主办。"
          choices={orgs}
          value={v.org}
          problems={problems}
        />
        <Field name="supervisor" label="主管单位" value={v.supervisor} problems={problems} />
        <Field name="operator" label="运维单位或人员" value={v.operator} problems={problems} />
        <Field name="contact" label="联系人和电话" value={v.contact} problems={problems} />
        <Field
          name="reviewers"
          label="审核人员"
          hint="先审后发：发布前审核稿件的人员。"
          value={v.reviewers}
          problems={problems}
        />
        <Field name="filing_no" label="备案编号（选填）" value={v.filing_no} problems={problems} />
        <Field
          name="filed_on"
          type="date"
          label="备案日期"
          value={v.filed_on ?? shanghaiDateOf(deps.clock.now())}
          problems={problems}
        />
        <Field name="notice" as="textarea" rows={3} label="开设公告" value={v.notice} problems={problems} />
        <button type="submit">登记</button>
      </form>,
    );
  };
  app.get("/admin/newmedia/new", { schema: { hide: true } }, async (req, reply) =>
    newForm(req, reply, {}, []),
  );
  app.post("/admin/newmedia/new", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const v = req.body as Values;
    return runFormChange(
      req,
      reply,
      async () => {
        const row = await registerAccount(deps, requireUser(req), v);
        return { flash: "已登记开设账号。", to: url(row.id) };
      },
      (r) => newForm(req, reply, v, r.problems, r.status),
    );
  });

  type FormName = "filing" | "activity" | "decision" | "post" | "feed" | `post:${string}`;
  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    form: { problems: ErrorDetail[]; status?: number; values?: Values; name?: FormName } = { problems: [] },
  ) => {
    const { row, tree } = await loadAccountFor(deps, user, id);
    const today = shanghaiDateOf(deps.clock.now());
    const a = presentAccount(row, tree, today);
    const [filings, posts, others] = await Promise.all([
      repo.filingsOf(deps.db.kysely, id),
      repo.postsOf(deps.db.kysely, id),
      repo.listAccounts(deps.db.kysely, user.siteId),
    ]);
    const csrf = reply.generateCsrf();
    const pr = (n: FormName) => (form.name === n ? form.problems : []);
    const vals = (n: FormName): Values => (form.name === n ? (form.values ?? {}) : {});
    const manage = mayActOnAccount(user, "newmedia.manage", row, tree);
    const files = mayFile(user, tree) && manage && row.status === "open";
    return sendAdminPage(
      deps,
      reply,
      { user, title: row.name, path: "/admin/newmedia", status: form.status, flash: takeFlash(req) },
      <>
        <ErrorList problems={form.problems} />
        {a.alarms.length ? (
          <div class="notice warn" role="status">
            <strong>预警：</strong>
            <span safe>{a.alarms.join("；")}</span>
          </div>
        ) : (
          ""
        )}
        <dl class="meta-table">
          <dt>状态</dt>
          <dd safe>{STATUS_LABELS[row.status]}</dd>
          <dt>平台</dt>
          <dd safe>{a.platform_label}</dd>
          <dt>账号 ID</dt>
          <dd safe>{row.account_no}</dd>
          <dt>主办单位</dt>
          <dd safe>{a.org.name}</dd>
          <dt>主管单位</dt>
          <dd safe>{row.supervisor}</dd>
          <dt>运维单位或人员</dt>
          <dd safe>{row.operator}</dd>
          <dt>联系人</dt>
          <dd safe>{row.contact}</dd>
          <dt>审核人员</dt>
          <dd safe>{row.reviewers}</dd>
          <dt>备案</dt>
          <dd safe>{`${row.filing_no ?? "（无编号）"}，${row.filed_on ?? "—"}`}</dd>
          <dt>最后更新</dt>
          <dd>{row.last_update_on ? `${row.last_update_on}（${a.days_since_update} 天前）` : "从未更新"}</dd>
          <dt>关注人数</dt>
          <dd safe>{row.followers === null ? "—" : String(row.followers)}</dd>
          <dt>互动功能</dt>
          <dd safe>{`${row.interaction_ok ? "正常" : "不可用"}；未回复留言 ${row.unanswered} 条`}</dd>
          {row.decision ? (
            <>
              <dt>关停或整合意见</dt>
              <dd safe>{row.decision}</dd>
            </>
          ) : (
            ""
          )}
        </dl>
        <section aria-labelledby="filings-title">
          <h2 id="filings-title">备案记录</h2>
          <ol>
            {filings.map((f) => (
              <li safe>{`${f.filed_on} ${FILING_LABELS[f.kind as FilingKind]}：${f.notice}`}</li>
            ))}
          </ol>
        </section>
        {manage && row.status === "open" ? (
          <form method="post" action={`${url(id)}/activity`} class="stack">
            <h2>登记运营情况</h2>
            <CsrfField token={csrf} />
            <Field
              name="last_update_on"
              id="act-last"
              type="date"
              label="最后更新日期"
              value={vals("activity").last_update_on}
              problems={pr("activity")}
            />
            <Field
              name="followers"
              id="act-followers"
              type="number"
              inputmode="numeric"
              label="关注人数"
              value={vals("activity").followers}
              problems={pr("activity")}
            />
            <Field
              name="unanswered"
              id="act-unanswered"
              type="number"
              inputmode="numeric"
              label="未回复互动留言数"
              value={vals("activity").unanswered}
              problems={pr("activity")}
            />
            <Field
              name="interaction_ok"
              id="act-interaction"
              as="select"
              label="互动功能是否正常"
              blank="（不变）"
              choices={[
                { value: "1", label: "是" },
                { value: "0", label: "否" },
              ]}
              value={vals("activity").interaction_ok}
              problems={pr("activity")}
            />
            <button type="submit">保存运营情况</button>
          </form>
        ) : (
          ""
        )}
        {manage && row.status === "open" ? (
          <form method="post" action={`${url(id)}/feed`} enctype="multipart/form-data" class="stack">
            <h2>从订阅源读取最后更新</h2>
            <CsrfField token={csrf} />
            <Field
              name="file"
              id="feed-file"
              type="file"
              accept=".xml,.rss,.atom"
              label="账号的 RSS 或 Atom 订阅源文件"
              problems={pr("feed")}
            />
            <button type="submit">读取</button>
          </form>
        ) : (
          ""
        )}
        {files ? (
          <>
            <form method="post" action={`${url(id)}/filings`} class="stack">
              <h2>备案变更、关停或整合</h2>
              <CsrfField token={csrf} />
              <Field
                name="kind"
                id="filing-kind"
                as="radios"
                label="备案类型"
                choices={(["change", "close", "merge"] as const).map((k) => ({
                  value: k,
                  label: FILING_LABELS[k],
                }))}
                value={vals("filing").kind}
                problems={pr("filing")}
              />
              <Field
                name="name"
                id="filing-name"
                label="变更后的账号名称（变更时填写）"
                value={vals("filing").name}
                problems={pr("filing")}
              />
              <Field
                name="operator"
                id="filing-operator"
                label="变更后的运维单位或人员（变更时填写）"
                value={vals("filing").operator}
                problems={pr("filing")}
              />
              <Field
                name="contact"
                id="filing-contact"
                label="变更后的联系人（变更时填写）"
                value={vals("filing").contact}
                problems={pr("filing")}
              />
              <Field
                name="merged_into"
                id="filing-merge"
                as="select"
                label="整合到（整合时选择）"
                blank="—"
                choices={others
                  .filter((o) => o.id !== row.id && o.status === "open")
                  .map((o) => ({
                    value: o.id,
                    label: `${o.name}（${PLATFORM_LABELS[o.platform] ?? o.platform}）`,
                  }))}
                value={vals("filing").merged_into}
                problems={pr("filing")}
              />
              <Field
                name="notice"
                id="filing-notice"
                as="textarea"
                rows={3}
                label="公告内容"
                value={vals("filing").notice}
                problems={pr("filing")}
              />
              <button type="submit">提交备案</button>
            </form>
            <form method="post" action={`${url(id)}/decision`} class="stack">
              <h2>关停或整合意见</h2>
              <CsrfField token={csrf} />
              <Field
                name="decision"
                id="decision-text"
                as="textarea"
                rows={2}
                label="意见"
                hint={a.weak ? "该账号关注人数少且长期未更新。" : undefined}
                value={vals("decision").decision}
                problems={pr("decision")}
              />
              <button type="submit">保存意见</button>
            </form>
          </>
        ) : (
          ""
        )}
        <section aria-labelledby="posts-title">
          <h2 id="posts-title">稿件（先审后发）</h2>
          {posts.length ? (
            <ul>
              {posts.map((p) => {
                const findings = JSON.parse(p.findings_json) as Array<{ label: string; text: string }>;
                return (
                  <li>
                    <p>
                      <strong safe>{p.title}</strong>
                      <span safe>{`（${POST_STATUS_LABELS[p.status as PostStatus]}）`}</span>
                    </p>
                    {findings.length ? (
                      <p
                        class="field-error"
                        safe
                      >{`审核发现：${findings.map((f) => `${f.label}“${f.text}”`).join("；")}`}</p>
                    ) : (
                      ""
                    )}
                    {p.review_note ? <p safe>{`审核意见：${p.review_note}`}</p> : ""}
                    {offeredPostSteps(user, p, row, tree).map((s) => (
                      <form
                        method="post"
                        action={`/admin/newmedia/posts/${p.id}/actions`}
                        class="inline step-form"
                      >
                        <CsrfField token={csrf} />
                        <input type="hidden" name="action" value={s} />
                        {s === "reject" ? (
                          <Field
                            name="note"
                            id={`note-${p.id}`}
                            label="退回理由"
                            problems={pr(`post:${p.id}`)}
                          />
                        ) : (
                          ""
                        )}
                        <button type="submit" safe>
                          {POST_STEPS[s].label}
                        </button>
                      </form>
                    ))}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p>暂无稿件。</p>
          )}
          {manage && row.status === "open" ? (
            <form method="post" action={`${url(id)}/posts`} class="stack">
              <h3>起草稿件</h3>
              <CsrfField token={csrf} />
              <Field
                name="post_title"
                id="post_title"
                label="标题"
                value={vals("post").post_title}
                problems={pr("post")}
              />
              <Field
                name="post_body"
                id="post_body"
                as="textarea"
                rows={5}
                label="正文"
                value={vals("post").post_body}
                problems={pr("post")}
              />
              <button type="submit">保存草稿</button>
            </form>
          ) : (
            ""
          )}
        </section>
        <p>
          <a href="/admin/newmedia">返回政务新媒体</a>
        </p>
      </>,
    );
  };

  app.get("/admin/newmedia/:id", { schema: { hide: true, params: Params } }, async (req, reply) =>
    detail(req, reply, requireUser(req), req.params.id),
  );
  const change = (name: FormName) =>
    recordFormChange(url, (req, reply, user, id, f) => detail(req, reply, user, id, { ...f, name }));
  app.post(
    "/admin/newmedia/:id/filings",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change("filing")(req, reply, async (user) => {
        const v = req.body as Values;
        await fileChange(
          deps,
          user,
          req.params.id,
          Object.fromEntries(Object.entries(v).filter(([, x]) => x !== "")),
        );
        return "已提交备案。";
      }),
  );
  app.post(
    "/admin/newmedia/:id/activity",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change("activity")(req, reply, async (user) => {
        await recordActivity(deps, user, req.params.id, req.body as Values);
        return "已保存运营情况。";
      }),
  );
  app.post(
    "/admin/newmedia/:id/decision",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change("decision")(req, reply, async (user) => {
        await decideOnAccount(deps, user, req.params.id, (req.body as Values).decision);
        return "已保存关停或整合意见。";
      }),
  );
  app.post(
    "/admin/newmedia/:id/posts",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change("post")(req, reply, async (user) => {
        const v = req.body as Values;
        await draftPost(deps, user, req.params.id, { title: v.post_title, body: v.post_body });
        return "已保存稿件草稿。";
      }),
  );
  app.post(
    "/admin/newmedia/:id/feed",
    {
      preValidation: readMultipartFields,
      onResponse: async (req) => drainUpload(req),
      schema: { hide: true, params: Params },
    },
    async (req, reply) => {
      const user = requireUser(req);
      try {
        const file = await oneFile(req, IMPORT_MAX_BYTES);
        const r = await readAccountFeed(deps, user, req.params.id, file);
        req.session.set("flash", `已读取订阅源：最后更新 ${r.last_update_on}。`);
        return reply.redirect(url(req.params.id), 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
        return detail(req, reply, user, req.params.id, {
          problems: problemsOf(e).map((d) => ({ ...d, field: "file" })),
          status: e.status,
          name: "feed",
        });
      } finally {
        await drainUpload(req);
      }
    },
  );
  app.post(
    "/admin/newmedia/posts/:id/actions",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) => {
      const user = requireUser(req);
      const post = await repo.findPost(deps.db.kysely, req.params.id);
      if (!post) throw postNotFound();
      // The account is loaded (and the user's right to see it checked) before anything else is read.
      await loadAccountFor(deps, user, post.account_id);
      return runFormChange(
        req,
        reply,
        async () => {
          const r = await actOnPost(deps, user, post.id, req.body as Values);
          return { flash: `稿件${POST_STATUS_LABELS[r.status as PostStatus]}。`, to: url(post.account_id) };
        },
        (r) =>
          detail(req, reply, user, post.account_id, {
            ...r,
            values: req.body as Values,
            name: `post:${post.id}`,
          }),
      );
    },
  );
}
