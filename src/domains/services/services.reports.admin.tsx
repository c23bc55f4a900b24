// Back office of the 互联网+政务服务 implementation reports: /admin/services/reports (every report, drafts
// too, today's statistics, a new draft), /admin/services/reports/{id} (a draft: edit — its figures taken
// again — and publish; a published report: read only, its figures as frozen). Forms POST and redirect.
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import type { ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { recordFormChange, runFormChange } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { takeFlash } from "../../web/views/admin-layout";
import { ErrorList } from "../../web/views/error-list";
import { Field } from "../../web/views/fields";
import { CsrfField } from "../../web/views/layout";
import type { CurrentUser } from "../accounts";
import { loadOrgTree } from "../orgs";
import type { FormValues } from "./services.admin-views";
import { one } from "./services.halls-admin.views";
import { mayActOnService, maySiteWide } from "./services.policy";
import {
  createReport,
  findReadableReport,
  listReportsForStaff,
  periodLabel,
  publishReport,
  REPORT_STATUS_LABELS,
  type ReportInput,
  reportUrl,
  type ServiceStats,
  serviceStats,
  updateReport,
} from "./services.reports";
import { StatsTables } from "./services.reports.pages";

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FormBody = Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 60_000 }));
const adminReportUrl = (id: string) => `/admin/services/reports/${id}`;
const num = (s: string) => (/^\s*\d{1,4}\s*$/.test(s) ? Number(s) : Number.NaN);
const inputOf = (v: FormValues): ReportInput => ({
  year: num(one(v, "year")),
  quarter: num(one(v, "quarter")),
  title: one(v, "title"),
  body: one(v, "body"),
});
const QUARTERS = [
  { value: "0", label: "全年" },
  { value: "1", label: "第一季度" },
  { value: "2", label: "第二季度" },
  { value: "3", label: "第三季度" },
  { value: "4", label: "第四季度" },
];

function ReportForm(p: {
  action: string;
  submit: string;
  csrf: string;
  values: FormValues;
  problems: readonly ErrorDetail[];
}) {
  const v = (k: string) => one(p.values, k);
  const f = { problems: p.problems };
  return (
    <form method="post" action={p.action} class="stack" novalidate>
      <ErrorList problems={p.problems} />
      <CsrfField token={p.csrf} />
      <Field name="year" label="年度" inputmode="numeric" value={v("year")} required {...f} />
      <Field
        name="quarter"
        as="select"
        label="报告期"
        value={v("quarter")}
        choices={QUARTERS}
        required
        {...f}
      />
      <Field name="title" label="报告标题" value={v("title")} required maxlength={200} {...f} />
      <Field
        name="body"
        as="textarea"
        rows={14}
        label="报告正文"
        hint="段落之间空一行。网上办理情况的数据在保存时从统计中自动取得，附在正文之后；发布后不再变动。"
        value={v("body")}
        required
        {...f}
      />
      <button type="submit" safe>
        {p.submit}
      </button>
    </form>
  );
}

export function registerServiceReportAdmin(app: AppInstance, deps: Deps): void {
  const list = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    problems: ErrorDetail[],
    status = 200,
  ) => {
    const user = requireUser(req);
    const rows = await listReportsForStaff(deps, user);
    const tree = await loadOrgTree(deps, user.siteId);
    const stats = await serviceStats(deps, user.siteId, tree);
    const year = deps.clock.now().getUTCFullYear();
    return sendAdminPage(
      deps,
      reply,
      { user, title: "互联网+政务服务实施情况报告", path: "/admin/services", status, flash: takeFlash(req) },
      <>
        <section aria-labelledby="reports-title">
          <h2 id="reports-title">报告</h2>
          {rows.length ? (
            <ul>
              {rows.map((r) => (
                <li>
                  <a href={adminReportUrl(r.id)} safe>
                    {r.title}
                  </a>
                  <span
                    class="meta"
                    safe
                  >{` ${periodLabel(r.year, r.quarter)} · ${REPORT_STATUS_LABELS[r.status]}`}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>暂无报告。</p>
          )}
          <p>
            公开页面：<a href="/fw/reports">/fw/reports</a>；网上办理情况统计：
            <a href="/fw/stats">/fw/stats</a>
          </p>
        </section>
        <section aria-labelledby="stats-title">
          <h2 id="stats-title">当前网上办理情况</h2>
          <StatsTables lang="zh-CN" stats={stats} headingLevel={3} />
        </section>
        {maySiteWide(user, "service.manage", tree) ? (
          <section aria-labelledby="new-report-title">
            <h2 id="new-report-title">起草报告</h2>
            <ReportForm
              action="/admin/services/reports"
              submit="保存草稿"
              csrf={reply.generateCsrf()}
              values={{ year: String(year), quarter: "0", ...values }}
              problems={problems}
            />
          </section>
        ) : (
          ""
        )}
        <p>
          <a href="/admin/services">返回事项列表</a>
        </p>
      </>,
    );
  };
  app.get("/admin/services/reports", { schema: { hide: true } }, async (req, reply) =>
    list(req, reply, {}, []),
  );
  app.post("/admin/services/reports", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    const v = req.body as FormValues;
    return runFormChange(
      req,
      reply,
      async () => {
        const r = await createReport(deps, user, inputOf(v));
        return { flash: "已保存报告草稿，数据已按当前统计填入。", to: adminReportUrl(r.id) };
      },
      (r) => list(req, reply, v, r.problems, r.status),
    );
  });

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    id: string,
    form: { problems: ErrorDetail[]; status?: number; values?: FormValues; which?: string } = {
      problems: [],
    },
  ) => {
    await listReportsForStaff(deps, user);
    const r = await findReadableReport(deps, user.siteId, id, user);
    const tree = await loadOrgTree(deps, user.siteId);
    const mayManage = mayActOnService(user, "service.manage", r, tree);
    const csrf = reply.generateCsrf();
    const figures = JSON.parse(r.figures_json) as ServiceStats;
    return sendAdminPage(
      deps,
      reply,
      { user, title: r.title, path: "/admin/services", status: form.status, flash: takeFlash(req) },
      <>
        <dl class="meta-table">
          <dt>报告期</dt>
          <dd safe>{periodLabel(r.year, r.quarter)}</dd>
          <dt>状态</dt>
          <dd safe>{REPORT_STATUS_LABELS[r.status]}</dd>
          <dt>数据取自</dt>
          <dd safe>{formatShanghai(r.figures_at)}</dd>
          <dt>蒙古文版本</dt>
          <dd>
            <a href={`${adminReportUrl(r.id)}/mn`}>蒙古文报告（起草、审核）</a>
          </dd>
          {r.published_at ? (
            <>
              <dt>发布时间</dt>
              <dd safe>{formatShanghai(r.published_at)}</dd>
              <dt>公开页面</dt>
              <dd>
                <a href={reportUrl(r.id)} safe>
                  {reportUrl(r.id)}
                </a>
              </dd>
            </>
          ) : (
            ""
          )}
        </dl>
        {r.status === "draft" && mayManage ? (
          <>
            <section aria-labelledby="edit-title">
              <h2 id="edit-title">修改草稿</h2>
              <ReportForm
                action={adminReportUrl(r.id)}
                submit="保存草稿（数据按当前统计更新）"
                csrf={csrf}
                values={
                  form.which === "edit" && form.values
                    ? form.values
                    : { year: String(r.year), quarter: String(r.quarter), title: r.title, body: r.body }
                }
                problems={form.which === "edit" ? form.problems : []}
              />
            </section>
            <section aria-labelledby="publish-title">
              <h2 id="publish-title">发布</h2>
              {form.which === "publish" ? <ErrorList problems={form.problems} /> : ""}
              <p>发布后报告向社会公开，正文和下列数据不再变动。</p>
              <form method="post" action={`${adminReportUrl(r.id)}/publish`} class="stack">
                <CsrfField token={csrf} />
                <button type="submit">发布报告</button>
              </form>
            </section>
          </>
        ) : (
          <section aria-labelledby="body-title">
            <h2 id="body-title">正文</h2>
            <p class="pre-wrap" safe>
              {r.body}
            </p>
          </section>
        )}
        <section aria-labelledby="figures-title">
          <h2 id="figures-title">
            {r.status === "published" ? "报告数据（发布时冻结）" : "报告数据（保存时取自统计）"}
          </h2>
          <StatsTables lang="zh-CN" stats={figures} headingLevel={3} />
        </section>
        <p>
          <a href="/admin/services/reports">返回报告列表</a>
        </p>
      </>,
    );
  };
  app.get("/admin/services/reports/:id", { schema: { hide: true, params: Params } }, async (req, reply) =>
    page(req, reply, requireUser(req), req.params.id),
  );
  const change = (which: string) =>
    recordFormChange(adminReportUrl, (req, reply, user, id, form) =>
      page(req, reply, user, id, { ...form, values: form.values as FormValues, which }),
    );
  const edit = change("edit");
  const publish = change("publish");
  app.post(
    "/admin/services/reports/:id",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      edit(req, reply, async (user) => {
        await updateReport(deps, user, req.params.id, inputOf(req.body as FormValues));
        return "已保存草稿，数据已按当前统计更新。";
      }),
  );
  app.post(
    "/admin/services/reports/:id/publish",
    { schema: { hide: true, params: Params, body: FormBody } },
    async (req, reply) =>
      publish(req, reply, async (user) => {
        const r = await publishReport(deps, user, req.params.id);
        return `已发布“${r.title}”，数据已冻结。`;
      }),
  );
}
