import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { diffLines } from "../../platform/text-diff";
import { formatShanghai } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { authorizeAny, requireUserOrRedirect } from "../../web/auth";
import { sendError } from "../../web/errors";
import type { AppInstance } from "../../web/types";
import { addAdminNav, Flash, takeFlash } from "../../web/views/admin-layout";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { type CurrentUser, can, canAny } from "../accounts";
import { listActiveColumns } from "../catalog";
import { loadOrgTree } from "../orgs";
import { findingsForItem } from "../review/review.service";
import { ReviewPanel } from "../review/review.views";
import { AttachmentTable, AttachmentUploadForm, listAttachments, mayEditAttachments } from "./attachments";
import {
  ActionForm,
  EventList,
  ItemForm,
  type ItemFormValues,
  ItemTable,
  kindLabel,
  statusLabel,
  validityLabel,
} from "./publishing.admin-views";
import { itemNotFound, loadItemFor, mayViewItem } from "./publishing.policy";
import { publicUrl } from "./publishing.present";
import * as repo from "./publishing.repo";
import { FORM_LABELS, NEEDS_INTERPRETATION, VALIDITIES } from "./publishing.schemas";
import { createItem, performAction, setValidity, updateDraft } from "./publishing.service";

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

export async function orgScope(deps: Deps, user: CurrentUser, action: (typeof QUEUES)[QueueName]["action"]) {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgs = tree.flatten(user.siteId).map(({ org }) => org);
  return {
    tree,
    orgIds: orgs.filter((o) => can(user, action, o.id, tree)).map((o) => o.id),
    names: new Map(orgs.map((o) => [o.id, o.short_name])),
  };
}

const formValues = (body: Record<string, unknown>): ItemFormValues => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
  return out;
};

/** Turns form fields into API input: empty optional fields are absent, as if not sent. */
function toInput(v: ItemFormValues) {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (val !== undefined && val !== "") out[k] = val;
  return out;
}

export function registerPublishingAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/items", label: "信息发布", action: "item.view" });
  addAdminNav({ href: "/admin/items/new", label: "起草信息", action: "item.draft" });

  const layout = (
    user: CurrentUser,
    reply: FastifyReply,
    title: string,
    path: string,
    body: JSX.Element,
    status = 200,
  ) => sendAdminPage(deps, reply, { user, title, path, status }, body);

  app.get(
    "/admin/items",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          queue: Type.Optional(Type.String({ maxLength: 20 })),
          page: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUserOrRedirect(req, reply);
      if (!user) return reply;
      const mine = (Object.keys(QUEUES) as QueueName[]).filter((q) => canAny(user, QUEUES[q].action));
      if (mine.length === 0)
        return sendError(req, reply, new AppError("role_not_allowed", 403, "您的角色不能查看信息发布。"));
      const queue = (mine.includes(req.query.queue as QueueName) ? req.query.queue : mine[0]) as QueueName;
      const { orgIds, names } = await orgScope(deps, user, QUEUES[queue].action);
      const filter = { orgIds, statuses: [...QUEUES[queue].statuses] };
      const page = req.query.page ?? 1;
      const [rows, total] = await Promise.all([
        repo.listItems(deps.db.kysely, filter, { limit: 50, offset: (page - 1) * 50, order: "updated" }),
        repo.countItems(deps.db.kysely, filter),
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
          <p class="meta" safe>{`${QUEUES[queue].label}：共 ${total} 条`}</p>
          <ItemTable rows={rows} orgNames={names} caption={QUEUES[queue].label} />
          {total > page * 50 ? (
            <p>
              <a href={`/admin/items?queue=${queue}&page=${page + 1}`}>下一页</a>
            </p>
          ) : (
            ""
          )}
        </>,
      );
    },
  );

  const editorContext = async (user: CurrentUser, orgId: string) => ({
    columns: (await listActiveColumns(deps, orgId)).filter((c) => c.kind === "column"),
    policies: (
      await repo.listItems(
        deps.db.kysely,
        { orgIds: [orgId], kinds: ["policy", "normative"], statuses: ["draft", "published"] },
        { limit: 200, offset: 0, order: "updated" },
      )
    ).filter((p) => p.org_id === user.orgId || can(user, "item.draft", p.org_id, { isWithin: () => true })),
  });

  app.get(
    "/admin/items/new",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          kind: Type.Optional(Type.String({ maxLength: 20 })),
          interprets: Type.Optional(Type.String({ maxLength: 40 })),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUserOrRedirect(req, reply);
      if (!user) return reply;
      authorizeAny(user, "item.draft");
      const ctx = await editorContext(user, user.orgId);
      const values: ItemFormValues = { kind: req.query.kind ?? "policy", interprets: req.query.interprets };
      return layout(
        user,
        reply,
        values.kind === "interpretation" ? "起草政策解读" : "起草信息",
        "/admin/items/new",
        <ItemForm
          csrf={reply.generateCsrf()}
          action="/admin/items/new"
          values={values}
          problems={[]}
          {...ctx}
          editing={false}
          submitLabel="保存草稿"
        />,
      );
    },
  );

  const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 2_000_000 }));

  app.post(
    "/admin/items/new",
    { preValidation: app.csrfProtection, schema: { hide: true, body: FormBody } },
    async (req, reply) => {
      const user = requireUserOrRedirect(req, reply);
      if (!user) return reply;
      authorizeAny(user, "item.draft");
      const values = formValues(req.body);
      try {
        const input = toInput(values);
        if (input.kind !== "interpretation")
          for (const f of ["interprets", "interpreter", "form"]) delete input[f];
        const item = await createItem(deps, user, input as never);
        req.session.set("flash", `已保存草稿：${item.title}`);
        return reply.redirect(`/admin/items/${item.id}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
        const ctx = await editorContext(user, user.orgId);
        const problems = e.details.length ? e.details : [{ code: e.code, message: e.message }];
        return layout(
          user,
          reply,
          "起草信息",
          "/admin/items/new",
          <ItemForm
            csrf={reply.generateCsrf()}
            action="/admin/items/new"
            values={values}
            problems={problems}
            {...ctx}
            editing={false}
            submitLabel="保存草稿"
          />,
          e.status,
        );
      }
    },
  );

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    problems: ErrorDetail[] = [],
    status = 200,
  ) => {
    const { item, tree } = await loadItemFor(deps, user, "item.view", id);
    const db = deps.db.kysely;
    const [events, versions, interpretations, policy, findings, attachments] = await Promise.all([
      repo.eventsOf(db, id),
      repo.versionsOf(db, item.lineage_id),
      NEEDS_INTERPRETATION.has(item.kind) ? repo.interpretationsOf(db, id) : Promise.resolve([]),
      item.interprets_id ? repo.findItem(db, item.interprets_id) : Promise.resolve(undefined),
      findingsForItem(deps, id),
      listAttachments(deps, id),
    ]);
    const csrf = reply.generateCsrf();
    const may = (a: Parameters<typeof can>[1]) => can(user, a, item.org_id, tree);
    const org = tree.get(item.org_id);
    const moves = item.kind === "interpretation" && policy && policy.status !== "published";
    const actions: JSX.Element[] = [];
    if (!moves) {
      if (item.status === "draft" && may("item.draft"))
        actions.push(
          <ActionForm
            id={id}
            csrf={csrf}
            action="submit"
            label={
              interpretations.length || !NEEDS_INTERPRETATION.has(item.kind)
                ? "提交审查"
                : "提交审查（需先起草解读）"
            }
          />,
        );
      if (item.status === "submitted" && may("item.review")) {
        actions.push(<ActionForm id={id} csrf={csrf} action="approve" label="审查通过" note="optional" />);
        actions.push(<ActionForm id={id} csrf={csrf} action="reject" label="退回" note="required" danger />);
      }
      if (item.status === "reviewed" && may("item.sign")) {
        actions.push(<ActionForm id={id} csrf={csrf} action="sign" label="审签同意" note="optional" />);
        actions.push(<ActionForm id={id} csrf={csrf} action="reject" label="退回" note="required" danger />);
      }
      if (item.status === "signed" && may("item.sign"))
        actions.push(<ActionForm id={id} csrf={csrf} action="publish" label="发布" schedule />);
      if ((item.status === "signed" || item.status === "scheduled") && may("item.sign"))
        actions.push(<ActionForm id={id} csrf={csrf} action="reject" label="退回" note="required" danger />);
    }
    if (item.status === "published" && may("item.draft"))
      actions.push(<ActionForm id={id} csrf={csrf} action="revise" label="修订（生成新版本草稿）" />);
    if (item.status === "published" && may("item.sign"))
      actions.push(<ActionForm id={id} csrf={csrf} action="withdraw" label="撤回" note="required" danger />);
    const url = publicUrl(item);
    // Sanitised when saved (rich-text.ts).
    const safeBodyHtml = item.body_html;
    const previous = versions.find((v) => v.id === item.supersedes_id);
    return layout(
      user,
      reply,
      item.title,
      "/admin/items",
      <>
        <Flash text={takeFlash(req)} />
        <ErrorSummary title="操作未完成：" problems={problems} />
        <dl class="facts">
          <dt>状态</dt>
          <dd
            safe
          >{`${statusLabel(item.status)}${item.scheduled_at ? `（定于 ${formatShanghai(item.scheduled_at)} 发布）` : ""}`}</dd>
          <dt>类别</dt>
          <dd safe>{kindLabel(item.kind)}</dd>
          <dt>单位</dt>
          <dd safe>{org?.name ?? ""}</dd>
          <dt>索引号</dt>
          <dd safe>{item.index_number ?? "发布时生成"}</dd>
          <dt>文号</dt>
          <dd safe>{item.doc_number ?? "无"}</dd>
          <dt>成文日期</dt>
          <dd safe>{item.formed_on}</dd>
          <dt>发布时间</dt>
          <dd>{item.published_at ? formatShanghai(item.published_at) : "未发布"}</dd>
          <dt>时效</dt>
          <dd>
            {item.published_on
              ? item.late === null
                ? "待定（尚未录入该年度节假日安排）"
                : item.late
                  ? `超期：形成后第 ${item.late_working_days} 个工作日才公开（《条例》第二十六条要求20个工作日内）`
                  : `按时：形成后 ${item.late_working_days} 个工作日内公开`
              : "发布时计算"}
          </dd>
          <dt>有效性</dt>
          <dd
            safe
          >{`${validityLabel(item.validity)}${item.validity_on ? `（${item.validity_on}）` : ""}`}</dd>
          <dt>版本</dt>
          <dd safe>{`第 ${item.version} 版`}</dd>
          {item.last_note ? (
            <>
              <dt>最近意见</dt>
              <dd safe>{item.last_note}</dd>
            </>
          ) : (
            ""
          )}
        </dl>
        {url ? (
          <p>
            <a href={url}>查看公开页面</a>
          </p>
        ) : (
          ""
        )}
        {item.status === "draft" && may("item.draft") ? (
          <p>
            <a href={`/admin/items/${id}/edit`}>修改草稿</a>
          </p>
        ) : (
          ""
        )}
        {moves ? <p class="notice">此解读随所解读的政策文件一并提交、审查、审签和发布。</p> : ""}
        {actions.length ? (
          <section aria-labelledby="actions-title">
            <h2 id="actions-title">办理</h2>
            <div class="actions">{actions}</div>
          </section>
        ) : (
          ""
        )}
        {NEEDS_INTERPRETATION.has(item.kind) ? (
          <section aria-labelledby="interp-title">
            <h2 id="interp-title">政策解读（同步组织、同步审签、同步发布）</h2>
            {interpretations.length ? (
              <ul>
                {interpretations.map((i) => (
                  <li>
                    <a href={`/admin/items/${i.id}`} safe>
                      {i.title}
                    </a>
                    <span
                      class="meta"
                      safe
                    >{`（${FORM_LABELS[i.interpretation_form ?? "text"] ?? ""}，解读人：${i.interpreter ?? ""}，${statusLabel(i.status)}）`}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="notice warn">尚无解读。政策文件须与解读一并提交审查。</p>
            )}
            {may("item.draft") && !["withdrawn", "superseded"].includes(item.status) ? (
              <p>
                <a class="button" href={`/admin/items/new?kind=interpretation&interprets=${id}`}>
                  起草解读
                </a>
              </p>
            ) : (
              ""
            )}
          </section>
        ) : (
          ""
        )}
        {policy ? (
          <p>
            解读的政策文件：
            <a href={`/admin/items/${policy.id}`} safe>
              {policy.title}
            </a>
          </p>
        ) : (
          ""
        )}
        {["submitted", "reviewed", "signed"].includes(item.status) || findings.length ? (
          <ReviewPanel
            itemId={id}
            bodyText={item.body_text}
            findings={findings}
            attachments={new Map(attachments.map((a) => [a.id, a.filename]))}
            csrf={csrf}
            canReview={["submitted", "reviewed"].includes(item.status) && may("item.review")}
          />
        ) : (
          ""
        )}
        <section aria-labelledby="attachments-admin-title">
          <h2 id="attachments-admin-title">附件</h2>
          <AttachmentTable
            itemId={id}
            attachments={attachments}
            csrf={csrf}
            canEdit={mayEditAttachments(user, item, tree)}
          />
          {mayEditAttachments(user, item, tree) ? (
            <AttachmentUploadForm itemId={id} csrf={csrf} problems={[]} />
          ) : (
            ""
          )}
        </section>
        <section aria-labelledby="body-title">
          <h2 id="body-title">正文</h2>
          <div class="item-body preview">{safeBodyHtml}</div>
        </section>
        {item.status === "published" && may("item.sign") ? (
          <section aria-labelledby="validity-title">
            <h2 id="validity-title">有效性</h2>
            <form method="post" action={`/admin/items/${id}/validity`} class="stack">
              <CsrfField token={csrf} />
              <label for="validity">有效性</label>
              <select id="validity" name="validity">
                {VALIDITIES.map((v) => (
                  <option value={v} selected={item.validity === v} safe>
                    {validityLabel(v)}
                  </option>
                ))}
              </select>
              <label for="validity-on">日期</label>
              <input id="validity-on" name="on" type="date" value={item.validity_on ?? ""} />
              <label for="replaced-by">修订后的文件编号（已修订时必填）</label>
              <input id="replaced-by" name="replaced_by" type="text" value={item.replaced_by_id ?? ""} />
              <button type="submit">保存有效性</button>
            </form>
          </section>
        ) : (
          ""
        )}
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">版本</h2>
          <ul>
            {versions.map((v) => (
              <li>
                <a
                  href={`/admin/items/${v.id}`}
                  aria-current={v.id === id ? "page" : undefined}
                  safe
                >{`第 ${v.version} 版（${statusLabel(v.status)}）`}</a>
              </li>
            ))}
          </ul>
          {previous ? (
            <p>
              <a
                href={`/admin/items/${id}/diff?against=${previous.id}`}
                safe
              >{`与第 ${previous.version} 版比较`}</a>
            </p>
          ) : (
            ""
          )}
        </section>
        <section aria-labelledby="events-title">
          <h2 id="events-title">办理记录</h2>
          <EventList events={events} />
        </section>
      </>,
      status,
    );
  };

  const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });

  app.get("/admin/items/:id", { schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const user = requireUserOrRedirect(req, reply);
    if (!user) return reply;
    return detail(req, reply, user, req.params.id);
  });

  app.post(
    "/admin/items/:id/actions",
    {
      preValidation: app.csrfProtection,
      schema: {
        hide: true,
        params: IdParams,
        body: Type.Object({
          action: Type.String({ maxLength: 20 }),
          note: Type.Optional(Type.String({ maxLength: 1000 })),
          at: Type.Optional(Type.String({ maxLength: 40 })),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUserOrRedirect(req, reply);
      if (!user) return reply;
      const labels: Record<string, string> = {
        submit: "已提交审查",
        approve: "审查通过",
        reject: "已退回",
        sign: "已审签",
        publish: "已发布",
        withdraw: "已撤回",
        revise: "已生成修订草稿",
      };
      try {
        if (!(req.body.action in labels))
          throw new AppError("validation_failed", 400, "未知操作。", [
            { field: "action", code: "not_allowed", message: "未知操作。" },
          ]);
        // datetime-local has no zone: it is Beijing time.
        const at = req.body.at
          ? new Date(`${req.body.at}${req.body.at.length === 16 ? ":00" : ""}+08:00`).toISOString()
          : undefined;
        const result = await performAction(deps, user, req.params.id, {
          action: req.body.action as never,
          note: req.body.note,
          at,
        });
        req.session.set(
          "flash",
          result.status === "scheduled"
            ? `已定时：${formatShanghai(result.scheduled_at!)} 发布`
            : (labels[req.body.action] ?? "已办理"),
        );
        return reply.redirect(`/admin/items/${result.id}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        if (e.status === 403 || e.status === 404) throw e;
        return detail(
          req,
          reply,
          user,
          req.params.id,
          e.details.length
            ? e.details.map((d) => ({
                ...d,
                message: `${e.message}${d.message === e.message ? "" : `（${d.message}）`}`,
              }))
            : [{ code: e.code, message: e.message }],
          e.status,
        );
      }
    },
  );

  app.post(
    "/admin/items/:id/validity",
    {
      preValidation: app.csrfProtection,
      schema: {
        hide: true,
        params: IdParams,
        body: Type.Object({
          validity: Type.String({ maxLength: 20 }),
          on: Type.String({ maxLength: 20 }),
          replaced_by: Type.Optional(Type.String({ maxLength: 40 })),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUserOrRedirect(req, reply);
      if (!user) return reply;
      try {
        if (
          !(VALIDITIES as readonly string[]).includes(req.body.validity) ||
          !/^\d{4}-\d{2}-\d{2}$/.test(req.body.on)
        ) {
          throw new AppError("validation_failed", 400, "请选择有效性并填写日期（年-月-日）。", [
            { field: "on", code: "invalid_date", message: "请选择有效性并填写日期（年-月-日）。" },
          ]);
        }
        await setValidity(deps, user, req.params.id, {
          validity: req.body.validity,
          on: req.body.on,
          replaced_by: req.body.replaced_by || undefined,
        });
        req.session.set("flash", "有效性已更新。");
        return reply.redirect(`/admin/items/${req.params.id}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
        return detail(
          req,
          reply,
          user,
          req.params.id,
          e.details.length ? e.details : [{ code: e.code, message: e.message }],
          e.status,
        );
      }
    },
  );

  app.get("/admin/items/:id/edit", { schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const user = requireUserOrRedirect(req, reply);
    if (!user) return reply;
    const { item } = await loadItemFor(deps, user, "item.draft", req.params.id);
    const ctx = await editorContext(user, item.org_id);
    const nodes = (await repo.nodesOf(deps.db.kysely, [item.id])).get(item.id) ?? [];
    const values: ItemFormValues = {
      kind: item.kind,
      title: item.title,
      body: item.body_html,
      doc_number: item.doc_number ?? "",
      formed_on: item.formed_on,
      catalog_node: nodes[0],
      topic: item.topic ?? "",
      keywords: item.keywords ?? "",
      interprets: item.interprets_id ?? undefined,
      interpreter: item.interpreter ?? "",
      form: item.interpretation_form ?? undefined,
      title_mn: item.title_mn ?? "",
      body_mn: item.body_mn_html ?? "",
    };
    return layout(
      user,
      reply,
      `修改：${item.title}`,
      "/admin/items",
      <ItemForm
        csrf={reply.generateCsrf()}
        action={`/admin/items/${item.id}/edit`}
        values={values}
        problems={[]}
        {...ctx}
        editing
        submitLabel="保存修改"
      />,
    );
  });

  app.post(
    "/admin/items/:id/edit",
    { preValidation: app.csrfProtection, schema: { hide: true, params: IdParams, body: FormBody } },
    async (req, reply) => {
      const user = requireUserOrRedirect(req, reply);
      if (!user) return reply;
      const values = formValues(req.body);
      try {
        const input: Record<string, string> = { ...values };
        for (const f of ["kind", "interprets"]) delete input[f];
        if (values.kind !== "interpretation") for (const f of ["interpreter", "form"]) delete input[f];
        if (!input.catalog_node) delete input.catalog_node;
        const item = await updateDraft(deps, user, req.params.id, input as never);
        req.session.set("flash", "草稿已保存。");
        return reply.redirect(`/admin/items/${item.id}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
        const item = await repo.findItem(deps.db.kysely, req.params.id);
        const ctx = await editorContext(user, item!.org_id);
        return layout(
          user,
          reply,
          "修改草稿",
          "/admin/items",
          <ItemForm
            csrf={reply.generateCsrf()}
            action={`/admin/items/${req.params.id}/edit`}
            values={values}
            problems={e.details.length ? e.details : [{ code: e.code, message: e.message }]}
            {...ctx}
            editing
            submitLabel="保存修改"
          />,
          e.status,
        );
      }
    },
  );

  app.get(
    "/admin/items/:id/diff",
    {
      schema: {
        hide: true,
        params: IdParams,
        querystring: Type.Object({ against: Type.String({ maxLength: 40 }) }),
      },
    },
    async (req, reply) => {
      const user = requireUserOrRedirect(req, reply);
      if (!user) return reply;
      const [a, b] = await Promise.all([
        repo.findItem(deps.db.kysely, req.query.against),
        repo.findItem(deps.db.kysely, req.params.id),
      ]);
      if (!a || !b || a.lineage_id !== b.lineage_id)
        throw new AppError("item_not_found", 404, "要比较的版本不存在。");
      if (!mayViewItem(user, b, await loadOrgTree(deps, user.siteId))) throw itemNotFound();
      const lines = diffLines(`${a.title}\n\n${a.body_text}`, `${b.title}\n\n${b.body_text}`);
      return layout(
        user,
        reply,
        `版本比较：第 ${a.version} 版 → 第 ${b.version} 版`,
        "/admin/items",
        <>
          <p>
            <a href={`/admin/items/${b.id}`}>返回</a>
          </p>
          <p class="meta">删除的内容以“−”标出，新增的内容以“+”标出。</p>
          <ol class="diff">
            {lines.map((l) =>
              l.op === "same" ? (
                <li safe>{`　${l.text}`}</li>
              ) : l.op === "add" ? (
                <li>
                  <ins safe>{`+ ${l.text}`}</ins>
                </li>
              ) : (
                <li>
                  <del safe>{`− ${l.text}`}</del>
                </li>
              ),
            )}
          </ol>
        </>,
      );
    },
  );
}
