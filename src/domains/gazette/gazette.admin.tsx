// Back office: /admin/gazette (the issues), /new (compile a draft: pick documents, order, categories),
// /{id} (the issue: its documents, the compile form while a draft, the steps of the workflow table, the PDF
// and its hash once released, corrections), /{id}/preview (the issue as it will print: HTML) and
// /{id}/preview.pdf (a sample PDF with provisional numbers). Forms POST and redirect (303); a refused form
// shows the page again with every problem. Sign-in and CSRF: the back-office hook (web/auth.ts).
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import type { ErrorDetail } from "../../platform/errors";
import { pageRequest } from "../../platform/paging";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { recordFormChange, runFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { ADMIN_PAGER_TEXT, CursorPager, pagerParams } from "../../web/views/cursor-pager";
import { ErrorList } from "../../web/views/error-list";
import type { CurrentUser } from "../accounts";
import { registerGazettePreview } from "./gazette.admin-preview";
import {
  CompileForm,
  CorrectionForm,
  entriesOfForm,
  type Pickable,
  StepForms,
  type Values,
} from "./gazette.admin-views";
import { correctIssue } from "./gazette.corrections";
import { byCategory, gazetteName, issueLabel } from "./gazette.pdf";
import { mayActOnIssue } from "./gazette.policy";
import { fileUrl } from "./gazette.present";
import * as repo from "./gazette.repo";
import { issueUrl } from "./gazette.search";
import {
  createIssue,
  listCandidates,
  loadForStaff,
  offeredSteps,
  pageForStaff,
  performStep,
  todayOf,
  updateIssue,
} from "./gazette.service";
import { STATUS_LABELS, type StepAction } from "./gazette.steps";

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FormBody = Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 50_000 }));
const adminUrl = (id: string) => `/admin/gazette/${id}`;
const titleOf = (r: repo.IssueRow) =>
  r.status === "released"
    ? `政府公报 ${issueLabel(r)}`
    : `政府公报 ${r.year}年（${STATUS_LABELS[r.status]}）`;

/** The compile form's rows: the issue's documents first (in order), then the other candidates. */
async function pickables(deps: Deps, user: CurrentUser, current: repo.EntryRow[]) {
  const candidates = await listCandidates(deps, user);
  const inIssue = new Set(current.map((e) => e.item_id));
  const rows: Pickable[] = current.map((e) => ({
    id: e.item_id ?? "",
    title: e.title,
    doc_number: e.doc_number,
    org: e.org_name,
    published_on: null,
    category: e.category,
    position: e.position,
  }));
  for (const c of candidates)
    if (!inIssue.has(c.id))
      rows.push({
        id: c.id,
        title: c.title,
        doc_number: c.doc_number,
        org: c.org,
        published_on: c.published_on,
        category: c.default_category,
      });
  return rows.filter((r) => r.id);
}

/** A refused compile form shows what was ticked and typed again. */
function withForm(rows: Pickable[], v: Values): Pickable[] {
  return rows.map((r) => {
    const n = Number(v[`order_${r.id}`]);
    return {
      ...r,
      category: v[`category_${r.id}`] ?? r.category,
      position: v[`pick_${r.id}`] === "yes" ? (Number.isFinite(n) && n > 0 ? n : 0) : undefined,
    };
  });
}

export function registerGazetteAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/gazette", label: "政府公报", action: "gazette.view" });
  registerGazettePreview(app, deps);

  app.get(
    "/admin/gazette",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          page: Type.Optional(Type.String({ maxLength: 6 })),
          cursor: Type.Optional(Type.String({ maxLength: 300 })),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const page = Math.max(1, Number.parseInt(req.query.page ?? "1", 10) || 1);
      const { found, total } = await pageForStaff(
        deps,
        user,
        pageRequest({ page, cursor: req.query.cursor }, 20),
      );
      const rows = found.rows;
      return sendAdminPage(
        deps,
        reply,
        { user, title: "政府公报", path: "/admin/gazette", flash: takeFlash(req) },
        <>
          <p>
            <a href="/admin/gazette/new">编辑新一期公报</a>
          </p>
          {rows.length === 0 ? (
            <p>暂无公报。</p>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">期次</th>
                  <th scope="col">状态</th>
                  <th scope="col">来源</th>
                  <th scope="col">出版日期</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>
                      <a href={adminUrl(r.id)} safe>
                        {titleOf(r)}
                      </a>
                    </td>
                    <td safe>{STATUS_LABELS[r.status]}</td>
                    <td>{r.source === "imported" ? "往期导入" : "编辑发布"}</td>
                    <td safe>{r.published_on ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p class="meta" safe>{`共 ${total.n} 期${total.capped ? "以上" : ""}`}</p>
          <CursorPager
            page={found.page}
            size={20}
            next={found.next}
            prev={found.prev}
            total={total}
            href={(to) =>
              `/admin/gazette${to.page || to.cursor ? `?${new URLSearchParams(pagerParams(to))}` : ""}`
            }
            text={ADMIN_PAGER_TEXT}
          />
        </>,
      );
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
    const rows = await pickables(deps, user, []);
    return sendAdminPage(
      deps,
      reply,
      { user, title: "编辑新一期公报", path: "/admin/gazette", status },
      <CompileForm
        action="/admin/gazette/new"
        submit="保存草稿"
        csrf={reply.generateCsrf()}
        year={v.year ?? todayOf(deps).slice(0, 4)}
        note={v.note ?? ""}
        documents={problems.length ? withForm(rows, v) : rows}
        problems={problems}
      />,
    );
  };

  app.get("/admin/gazette/new", { schema: { hide: true } }, async (req, reply) =>
    newForm(req, reply, {}, []),
  );

  app.post("/admin/gazette/new", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = req.body as Values;
    return runFormChange(
      req,
      reply,
      async () => {
        const listed = (await pickables(deps, user, [])).map((r) => r.id);
        const row = await createIssue(deps, user, {
          year: Number((v.year ?? "").trim()) || (Number.NaN as number),
          note: v.note ?? null,
          entries: entriesOfForm(v, listed),
        });
        return { flash: "已保存公报草稿。", to: adminUrl(row.id) };
      },
      (r) => newForm(req, reply, v, r.problems, r.status),
    );
  });

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    form: { problems: ErrorDetail[]; status?: number; values?: Values } = { problems: [] },
  ) => {
    const { row, entries, tree } = await loadForStaff(deps, user, id);
    const actions: StepAction[] = offeredSteps(user, row, tree, entries.length);
    const mayCompile = mayActOnIssue(user, "gazette.compile", row, tree);
    const csrf = reply.generateCsrf();
    const corrections = await repo.listCorrections(deps.db.kysely, { siteId: row.site_id, issueId: row.id });
    const v = form.values ?? {};
    const compileRefused = v.year !== undefined;
    const correctRefused = v.text !== undefined;
    const rows = row.status === "draft" && mayCompile ? await pickables(deps, user, entries) : [];
    return sendAdminPage(
      deps,
      reply,
      { user, title: titleOf(row), path: "/admin/gazette", status: form.status, flash: takeFlash(req) },
      <>
        {!compileRefused && !correctRefused ? <ErrorList problems={form.problems} /> : ""}
        <dl class="meta-table">
          <dt>状态</dt>
          <dd safe>{STATUS_LABELS[row.status]}</dd>
          <dt>年份</dt>
          <dd safe>{String(row.year)}</dd>
          <dt>期号</dt>
          <dd>{row.number ? issueLabel(row) : "发布时编排"}</dd>
          {row.published_on ? (
            <>
              <dt>出版日期</dt>
              <dd safe>{row.published_on}</dd>
              <dt>公开页面</dt>
              <dd>
                <a href={issueUrl(row.id)} safe>
                  {issueUrl(row.id)}
                </a>
              </dd>
            </>
          ) : (
            ""
          )}
          {row.file_sha256 ? (
            <>
              <dt>公报文件</dt>
              <dd>
                <a href={fileUrl(row.id)} safe>
                  {row.file_name ?? ""}
                </a>
              </dd>
              <dt>SHA-256</dt>
              <dd>
                <code safe>{row.file_sha256}</code>
              </dd>
            </>
          ) : (
            ""
          )}
          {row.note ? (
            <>
              <dt>编辑说明</dt>
              <dd safe>{row.note}</dd>
            </>
          ) : (
            ""
          )}
          <dt>蒙古文版本</dt>
          <dd>
            <a href={`/admin/gazette/${row.id}/mn`}>蒙古文公报（起草、审核）</a>
          </dd>
        </dl>
        <section aria-labelledby="toc-title">
          <h2 id="toc-title">目录</h2>
          {entries.length === 0 ? (
            <p>尚未选择文件。</p>
          ) : (
            byCategory(entries).map((g) => (
              <>
                <h3 safe>{g.label}</h3>
                <ul>
                  {g.entries.map((e) => (
                    <li
                      safe
                    >{`${e.position}. ${e.title}${e.doc_number ? `（${e.doc_number}）` : ""} — ${e.org_name}`}</li>
                  ))}
                </ul>
              </>
            ))
          )}
          {row.status !== "released" && entries.length ? (
            <p>
              <a href={`${adminUrl(row.id)}/preview`}>预览（网页版）</a>
              {"　"}
              <a href={`${adminUrl(row.id)}/preview.pdf`}>预览 PDF 样稿</a>
            </p>
          ) : (
            ""
          )}
        </section>
        <StepForms id={row.id} csrf={csrf} actions={actions} />
        {row.status === "draft" && mayCompile ? (
          <section aria-labelledby="compile-title">
            <h2 id="compile-title">编辑本期</h2>
            <CompileForm
              action={`${adminUrl(row.id)}/edit`}
              submit="保存修改"
              csrf={csrf}
              year={v.year ?? String(row.year)}
              note={v.note ?? row.note ?? ""}
              documents={compileRefused ? withForm(rows, v) : rows}
              problems={compileRefused ? form.problems : []}
            />
          </section>
        ) : (
          ""
        )}
        {corrections.length ? (
          <section aria-labelledby="corrections-title">
            <h2 id="corrections-title">更正</h2>
            <ul>
              {corrections.map((c) => (
                <li
                  safe
                >{`${c.published_on}：${entries.find((e) => e.id === c.entry_id)?.title ?? "本期公报"} — ${c.text}`}</li>
              ))}
            </ul>
          </section>
        ) : (
          ""
        )}
        {row.status === "released" && mayCompile ? (
          <CorrectionForm
            id={row.id}
            csrf={csrf}
            documents={entries}
            values={correctRefused ? v : {}}
            problems={correctRefused ? form.problems : []}
          />
        ) : (
          ""
        )}
      </>,
    );
  };

  app.get("/admin/gazette/:id", { schema: { hide: true, params: Params } }, async (req, reply) =>
    detail(req, reply, requireUser(req), req.params.id),
  );

  const change = recordFormChange(adminUrl, detail);

  app.post(
    "/admin/gazette/:id/edit",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change(req, reply, async (user) => {
        const v = req.body as Values;
        const { entries } = await loadForStaff(deps, user, req.params.id);
        const listed = (await pickables(deps, user, entries)).map((r) => r.id);
        await updateIssue(deps, user, req.params.id, {
          year: Number((v.year ?? "").trim()) || (Number.NaN as number),
          note: v.note ?? null,
          entries: entriesOfForm(v, listed),
        });
        return "已保存本期公报。";
      }),
  );

  app.post(
    "/admin/gazette/:id/actions",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change(req, reply, async (user) => {
        const v = req.body as Values;
        const row = await performStep(deps, user, req.params.id, { action: v.action ?? "" });
        return row.status === "released"
          ? `已发布：${gazetteName(await repo.siteNameOf(deps.db.kysely, row.site_id))} ${issueLabel(row)}。`
          : `已办理，当前状态：${STATUS_LABELS[row.status]}。`;
      }),
  );

  app.post(
    "/admin/gazette/:id/corrections",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      change(req, reply, async (user) => {
        const v = req.body as Values;
        await correctIssue(deps, user, req.params.id, { entry_id: v.entry_id ?? null, text: v.text ?? "" });
        return "已发布更正。";
      }),
  );
}
