// Back office: /admin/services (items, paged and searchable), /new (a new item proposed as version 1),
// /{id} (the item in force, the open version with its form and review steps, a change or cancellation to
// propose, and every version with what changed). Materials and halls: services.admin-catalogue.tsx.
// Forms POST and redirect (303); a refused form shows the page again with every problem.
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, badRequest, type ErrorDetail } from "../../platform/errors";
import { pageRequest } from "../../platform/paging";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { recordFormChange, runFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { ADMIN_PAGER_TEXT, CursorPager, pagerParams } from "../../web/views/cursor-pager";
import { ErrorList } from "../../web/views/error-list";
import type { Choice } from "../../web/views/fields";
import { Field } from "../../web/views/fields";
import { CsrfField } from "../../web/views/layout";
import { type CurrentUser, canAny } from "../accounts";
import { loadOrgTree, type OrgTree } from "../orgs";
import { registerServiceCatalogueAdmin } from "./services.admin-catalogue";
import { type FormValues, ItemForm, inputOfForm, valuesOfContent } from "./services.admin-views";
import { checkItemInput } from "./services.check";
import { type ItemContent, type MaterialLink, parseJson } from "./services.model";
import { mayActOnService, maySiteWide } from "./services.policy";
import { itemUrl, PER_PAGE, pageOf } from "./services.present";
import * as repo from "./services.repo";
import {
  createItem,
  editVersion,
  listForStaff,
  loadForStaff,
  offeredSteps,
  performStep,
  proposeVersion,
} from "./services.service";
import { CHANGE_LABELS, ITEM_STATUS_LABELS, STEPS, VERSION_STATUS_LABELS } from "./services.steps";
import { diffVersions } from "./services.versions";

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FormBody = Type.Record(
  Type.String({ maxLength: 80 }),
  Type.Union([
    Type.String({ maxLength: 50_000 }),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }),
  ]),
);
export const adminUrl = (id: string) => `/admin/services/${id}`;

const orgChoices = (user: CurrentUser, tree: OrgTree): Choice[] =>
  tree
    .flatten(user.siteId)
    .filter((e) => mayActOnService(user, "service.manage", { site_id: user.siteId, org_id: e.org.id }, tree))
    .map((e) => ({ value: e.org.code, label: e.org.name }));

/** The form's input; names not in the catalogue are named with the entry's other problems. */
async function formInput(deps: Deps, siteId: string, v: FormValues) {
  const catalogue = await repo.listMaterials(deps.db.kysely, siteId);
  const { unknownMaterials, ...input } = inputOfForm(v, catalogue);
  if (unknownMaterials.length) {
    const problems: ErrorDetail[] = unknownMaterials.map((n) => ({
      field: "materials",
      code: "material_not_found",
      message: `材料目录中没有“${n}”，请先在材料目录中添加，或核对名称。`,
    }));
    try {
      await checkItemInput(deps.db.kysely, siteId, input);
    } catch (e) {
      if (e instanceof AppError) problems.unshift(...e.details);
    }
    throw badRequest(problems, "服务事项未保存，请按提示修改。");
  }
  const one = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
  return { ...input, decision: one("decision"), reason: one("reason"), org: one("org") };
}

/** The back office's services pages this user may open: site-wide ones only for staff of the site root. */
export function sectionLinks(user: CurrentUser, tree: OrgTree): Array<[string, string]> {
  const links: Array<[string, string]> = [];
  if (canAny(user, "service.manage")) links.push(["/admin/services/new", "新增事项"]);
  const siteWide = maySiteWide(user, "service.view", tree);
  if (siteWide) links.push(["/admin/services/materials", "材料目录和减材料分析"]);
  links.push(["/admin/services/import", "Excel 导入导出"]);
  if (siteWide)
    links.push(
      ["/admin/services/halls", "服务大厅、窗口和便民服务模式"],
      ["/admin/services/bundles", "“一件事一次办”"],
      ["/admin/services/reports", "网上办理统计和实施情况报告"],
    );
  return links;
}

export function registerServiceAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/services", label: "政务服务事项", action: "service.view" });
  registerServiceCatalogueAdmin(app, deps);

  app.get(
    "/admin/services",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          page: Type.Optional(Type.String({ maxLength: 6 })),
          cursor: Type.Optional(Type.String({ maxLength: 300 })),
          q: Type.Optional(Type.String({ maxLength: 100 })),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const pageReq = pageRequest({ page: pageOf(req.query.page), cursor: req.query.cursor }, PER_PAGE);
      const { found, total } = await listForStaff(deps, user, pageReq, req.query.q?.trim() || undefined);
      const rows = found.rows;
      const tree = await loadOrgTree(deps, user.siteId);
      return sendAdminPage(
        deps,
        reply,
        { user, title: "政务服务事项", path: "/admin/services", flash: takeFlash(req) },
        <>
          <ul class="section-links">
            {sectionLinks(user, tree).map(([href, label]) => (
              <li>
                <a href={href} safe>
                  {label}
                </a>
              </li>
            ))}
          </ul>
          <form method="get" action="/admin/services" class="filters" role="search">
            <label for="q">事项名称或编码</label>
            <input id="q" name="q" type="search" value={req.query.q ?? ""} maxlength="100" />
            <button type="submit">查找</button>
          </form>
          {rows.length === 0 ? (
            <p>暂无事项。</p>
          ) : (
            <div class="table-scroll">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">事项名称</th>
                    <th scope="col">实施清单编码</th>
                    <th scope="col">类型</th>
                    <th scope="col">实施主体</th>
                    <th scope="col">状态</th>
                    <th scope="col">版本</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr>
                      <td>
                        <a href={adminUrl(r.id)} safe>
                          {r.name}
                        </a>
                      </td>
                      <td class="mono" safe>
                        {r.impl_code}
                      </td>
                      <td safe>{r.type}</td>
                      <td safe>{tree.get(r.org_id)?.name ?? ""}</td>
                      <td safe>{ITEM_STATUS_LABELS[r.status]}</td>
                      <td safe>{String(r.version)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p class="meta" safe>{`共 ${total.n} 项${total.capped ? "以上" : ""}`}</p>
          <CursorPager
            page={found.page}
            size={PER_PAGE}
            next={found.next}
            prev={found.prev}
            total={total}
            href={(to) => {
              const u = new URLSearchParams({
                ...(req.query.q ? { q: req.query.q } : {}),
                ...pagerParams(to),
              });
              return `/admin/services${u.size ? `?${u}` : ""}`;
            }}
            text={ADMIN_PAGER_TEXT}
          />
        </>,
      );
    },
  );

  const newForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    problems: ErrorDetail[],
    status = 200,
  ) => {
    const user = requireUser(req);
    const tree = await loadOrgTree(deps, user.siteId);
    return sendAdminPage(
      deps,
      reply,
      { user, title: "新增政务服务事项", path: "/admin/services", status },
      <ItemForm
        action="/admin/services/new"
        submit="保存（待提交审核）"
        csrf={reply.generateCsrf()}
        values={{ org: tree.get(user.orgId)?.code, ...values }}
        orgs={orgChoices(user, tree)}
        problems={problems}
        withDecision
      />,
    );
  };

  app.get("/admin/services/new", { schema: { hide: true } }, async (req, reply) =>
    newForm(req, reply, {}, []),
  );

  app.post("/admin/services/new", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = req.body as FormValues;
    return runFormChange(
      req,
      reply,
      async () => {
        const r = await createItem(deps, user, await formInput(deps, user.siteId, v));
        return { flash: "已保存新增事项（第 1 版），请核对后提交审核。", to: adminUrl(r.item.id) };
      },
      (r) => newForm(req, reply, v, r.problems, r.status),
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
    const { item, tree } = await loadForStaff(deps, user, id);
    const db = deps.db.kysely;
    const [versions, catalogue] = await Promise.all([
      repo.listVersions(db, item.id),
      repo.listMaterials(db, user.siteId),
    ]);
    const open = versions.find((v) => v.status === "editing" || v.status === "submitted");
    const steps = offeredSteps(user, item, open, tree);
    const mayManage = mayActOnService(user, "service.manage", item, tree);
    const csrf = reply.generateCsrf();
    const editing = open?.status === "editing" && mayManage;
    const which = form.which;
    const values =
      which === "edit" && form.values
        ? form.values
        : open
          ? {
              ...valuesOfContent(
                parseJson<Partial<ItemContent>>(open.content_json, {}),
                parseJson<MaterialLink[]>(open.materials_json, []),
                catalogue,
              ),
              decision: open.decision,
              reason: open.reason,
            }
          : {};
    const approved = versions.filter((v) => v.status === "approved");
    return sendAdminPage(
      deps,
      reply,
      { user, title: item.name, path: "/admin/services", status: form.status, flash: takeFlash(req) },
      <>
        <dl class="meta-table">
          <dt>状态</dt>
          <dd safe>{ITEM_STATUS_LABELS[item.status]}</dd>
          <dt>实施主体</dt>
          <dd safe>{tree.get(item.org_id)?.name ?? ""}</dd>
          <dt>实施清单编码</dt>
          <dd class="mono" safe>
            {item.impl_code}
          </dd>
          <dt>在用版本</dt>
          <dd>{item.version ? `第 ${item.version} 版` : "尚未批准"}</dd>
          <dt>蒙古文版本</dt>
          <dd>
            <a href={`/admin/services/${item.id}/mn`}>蒙古文办事指南（起草、审核）</a>
          </dd>
          {item.status !== "draft" ? (
            <>
              <dt>公开页面</dt>
              <dd>
                <a href={itemUrl(item.id)} safe>
                  {itemUrl(item.id)}
                </a>
              </dd>
            </>
          ) : (
            ""
          )}
        </dl>
        {open ? (
          <section aria-labelledby="open-title">
            <h2
              id="open-title"
              safe
            >{`第 ${open.number} 版（${CHANGE_LABELS[open.change_kind]}，${VERSION_STATUS_LABELS[open.status]}）`}</h2>
            {open.review_note ? <p class="notice" safe>{`审核意见：${open.review_note}`}</p> : ""}
            {editing && open.change_kind !== "cancel" ? (
              <ItemForm
                action={`/admin/services/${item.id}/edit`}
                submit="保存修改"
                csrf={csrf}
                values={values}
                problems={which === "edit" ? form.problems : []}
                withDecision
              />
            ) : (
              <dl class="meta-table">
                <dt>决定</dt>
                <dd safe>{open.decision || "（未填写）"}</dd>
                <dt>理由</dt>
                <dd safe>{open.reason || "—"}</dd>
              </dl>
            )}
            {editing && open.change_kind === "cancel" ? (
              <form method="post" action={`/admin/services/${item.id}/edit`} class="stack" novalidate>
                <CsrfField token={csrf} />
                <Field
                  name="decision"
                  label="决定文号和名称"
                  value={open.decision}
                  problems={which === "edit" ? form.problems : []}
                />
                <Field
                  name="reason"
                  as="textarea"
                  rows={2}
                  label="取消理由"
                  value={open.reason}
                  problems={which === "edit" ? form.problems : []}
                />
                <button type="submit">保存修改</button>
              </form>
            ) : (
              ""
            )}
            {steps.length ? (
              <section aria-labelledby="steps-title">
                <h3 id="steps-title">审核</h3>
                {which === "step" ? <ErrorList problems={form.problems} /> : ""}
                {steps.map((a) => (
                  <form method="post" action={`/admin/services/${item.id}/actions`} class="stack step-form">
                    <CsrfField token={csrf} />
                    <input type="hidden" name="action" value={a} />
                    {a === "reject" ? (
                      <Field
                        name="note"
                        id="note-reject"
                        as="textarea"
                        rows={2}
                        label="退回意见"
                        problems={which === "step" ? form.problems : []}
                      />
                    ) : (
                      ""
                    )}
                    <button type="submit" safe>
                      {STEPS[a].label}
                    </button>
                  </form>
                ))}
              </section>
            ) : (
              ""
            )}
          </section>
        ) : mayManage && item.status === "published" ? (
          <section aria-labelledby="propose-title">
            <h2 id="propose-title">变更或取消事项</h2>
            {which === "propose" ? <ErrorList problems={form.problems} /> : ""}
            <form method="post" action={`/admin/services/${item.id}/versions`} class="stack" novalidate>
              <CsrfField token={csrf} />
              <Field
                name="kind"
                as="radios"
                label="调整类型"
                value={(form.values?.kind as string) ?? "change"}
                choices={[
                  { value: "change", label: "变更（修改实施清单要素）" },
                  { value: "cancel", label: "取消（事项停止实施）" },
                ]}
                problems={which === "propose" ? form.problems : []}
              />
              <Field
                name="decision"
                id="propose-decision"
                label="决定文号和名称"
                value={(form.values?.decision as string) ?? ""}
                problems={which === "propose" ? form.problems : []}
              />
              <Field
                name="reason"
                id="propose-reason"
                as="textarea"
                rows={2}
                label="调整理由"
                value={(form.values?.reason as string) ?? ""}
                problems={which === "propose" ? form.problems : []}
              />
              <button type="submit">提出调整</button>
            </form>
          </section>
        ) : (
          ""
        )}
        <section aria-labelledby="history-title">
          <h2 id="history-title">版本记录</h2>
          <ol>
            {versions.map((v) => {
              const prev = approved.find((a) => a.number < v.number);
              const changes =
                prev && v.change_kind === "change"
                  ? diffVersions(prev, v).filter((d) => d.op !== "same")
                  : [];
              return (
                <li>
                  <strong
                    safe
                  >{`第 ${v.number} 版 · ${CHANGE_LABELS[v.change_kind]} · ${VERSION_STATUS_LABELS[v.status]}`}</strong>
                  <span class="meta" safe>
                    {` 决定：${v.decision || "—"}${v.decided_at ? ` · 批准于 ${v.decided_at.slice(0, 10)}` : ""}${v.reason ? ` · 理由：${v.reason}` : ""}`}
                  </span>
                  {changes.length ? (
                    <ul class="review-text">
                      {changes.map((d) => (
                        <li class={d.op === "add" ? "diff-add" : "diff-del"} safe>
                          {`${d.op === "add" ? "＋" : "－"} ${d.text}`}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    ""
                  )}
                </li>
              );
            })}
          </ol>
        </section>
        <p>
          <a href="/admin/services">返回事项列表</a>
        </p>
      </>,
    );
  };

  app.get("/admin/services/:id", { schema: { hide: true, params: Params } }, async (req, reply) =>
    detail(req, reply, requireUser(req), req.params.id),
  );

  const change = (which: string) =>
    recordFormChange(adminUrl, (req, reply, user, id, form) =>
      detail(req, reply, user, id, { ...form, values: form.values as FormValues, which }),
    );
  const editChange = change("edit");
  const stepChange = change("step");
  const proposeChange = change("propose");

  app.post(
    "/admin/services/:id/edit",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      editChange(req, reply, async (user) => {
        const v = req.body as FormValues;
        const onlyDecision = v.name === undefined;
        const input = onlyDecision
          ? { decision: v.decision as string | undefined, reason: v.reason as string | undefined }
          : await formInput(deps, user.siteId, v);
        const { org: _org, ...patch } = input as { org?: string };
        await editVersion(deps, user, req.params.id, patch);
        return "已保存修改。";
      }),
  );

  app.post(
    "/admin/services/:id/actions",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      stepChange(req, reply, async (user) => {
        const v = req.body as Record<string, string>;
        const r = await performStep(deps, user, req.params.id, { action: v.action, note: v.note });
        return r.version.status === "approved"
          ? `已批准第 ${r.version.number} 版，已向社会公开。`
          : `第 ${r.version.number} 版：${VERSION_STATUS_LABELS[r.version.status]}。`;
      }),
  );

  app.post(
    "/admin/services/:id/versions",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      proposeChange(req, reply, async (user) => {
        const v = req.body as Record<string, string>;
        const r = await proposeVersion(deps, user, req.params.id, {
          kind: v.kind,
          decision: v.decision,
          reason: v.reason,
        });
        return `已提出第 ${r.number} 版（${CHANGE_LABELS[r.change_kind]}）。`;
      }),
  );
}
