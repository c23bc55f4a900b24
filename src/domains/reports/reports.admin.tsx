// The annual report in the back office (/admin/reports/annual?year=&org=): tables 二, 三 and 四 in the layout
// of the 2021 format, the check 一 + 二 = （七）+ 四 with the failing cells highlighted and the applications to
// look at, and the form for the table 二 figures gongkai does not hold. Works without JavaScript; a
// department's staff see their own organisation only (reports.policy.ts).
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { formatShanghai, shanghaiDateOf } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { addDashboardPanel } from "../../web/dashboard";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { type CurrentUser, can, canAny } from "../accounts";
import { loadOrgTree, type OrgTree } from "../orgs";
import { deadlinePanel } from "./reports.deadlines";
import { renderAnnualReportDocx } from "./reports.docx";
import { renderAnnualReportPdf, reportTitle } from "./reports.pdf";
import { authoriseReport, mayEnterFigures } from "./reports.policy";
import { RELEASE_STATUS, releaseAnnualReport, releaseOf } from "./reports.release";
import {
  authoriseSections,
  parseSections,
  previousYearText,
  quotableFigures,
  SECTION_FIELDS,
  type SectionsInput,
  saveSections,
  sectionsKey,
} from "./reports.sections";
import {
  type AnnualReport,
  annualReportFor,
  type FiguresInput,
  figuresOfOrg,
  parseFigures,
  parseYear,
  saveReportFigures,
  yearProblems,
} from "./reports.service";
import { paragraphsOf, SectionText, Table2View, Table3View, Table4View } from "./reports.views";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const PageQuery = Type.Object({
  year: Type.Optional(Type.String({ maxLength: 20 })),
  org: Type.Optional(Type.String({ maxLength: 60 })),
});

const FIGURE_FIELDS: Array<[keyof FiguresInput, string, string?]> = [
  ["licensing", "行政许可：本年处理决定数量"],
  ["penalty", "行政处罚：本年处理决定数量"],
  ["coercion", "行政强制：本年处理决定数量"],
  ["fees_wan_yuan", "行政事业性收费：本年收费金额（万元）", "最多 6 位小数；没有的填 0。"],
  ["regulations_made", "规章：本年制发件数", "本级政府没有规章制定权的填 0 或留空。"],
  ["regulations_repealed", "规章：本年废止件数"],
  ["regulations_in_force", "规章：现行有效件数"],
];

function ChecksView(p: { report: AnnualReport }) {
  return (
    <section aria-labelledby="checks-heading">
      <h2 id="checks-heading">数据校验</h2>
      <ul>
        {p.report.checks.map((c) => (
          <li>
            <strong safe>{c.name}</strong>
            {c.ok ? (
              "：各列均平衡。"
            ) : (
              <>
                <span class="error-text">：以下各列不平衡，未修正前不能发布年度报告。</span>
                <ul>
                  {c.details.map((d) => (
                    <li>
                      <span safe>
                        {`${d.label}：本年新收 ${d.received} + 上年结转 ${d.carried_in} ≠ 办理结果总计 ${d.handled} + 结转下年度 ${d.carried_out}。请核查：`}
                      </span>
                      <ul>
                        {d.applications.map((a) => (
                          <li>
                            <a href={`/admin/applications/${encodeURIComponent(a.id)}`} safe>
                              {a.tracking_code}
                            </a>
                            <span safe>{`（${a.problem}）`}</span>
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const mayWriteSections = (user: CurrentUser, tree: OrgTree, orgCode?: string) => {
  try {
    authoriseSections(user, tree, orgCode);
    return true;
  } catch {
    return false;
  }
};

function orgChoices(user: CurrentUser, tree: OrgTree) {
  return tree
    .flatten(user.siteId)
    .filter(({ org }) => can(user, "report.view", org.id, tree))
    .map(({ org, depth }) => ({ value: org.code, label: `${"　".repeat(depth)}${org.name}` }));
}

async function renderPage(
  deps: Deps,
  req: FastifyRequest,
  query: { year?: string; org?: string },
  reply: FastifyReply,
  form?: { values: Record<string, string>; problems: ErrorDetail[] },
  releaseRefused?: ErrorDetail[],
) {
  const user = requireUser(req);
  const tree = await loadOrgTree(deps, user.siteId);
  const today = shanghaiDateOf(deps.clock.now());
  // Before 1 April the report being written is last year's.
  const defaultYear = String(Number(today.slice(0, 4)) - (today.slice(5) < "04-01" ? 1 : 0));
  const year = query.year?.trim() || defaultYear;
  const orgParam = query.org?.trim() || undefined;
  const problems = yearProblems(year, today);
  const target = authoriseReport(user, tree, orgParam);
  const report = problems.length
    ? undefined
    : await annualReportFor(deps, user, { year, org: target.org?.code });
  const org = target.org;
  const figures = org && report ? await figuresOfOrg(deps, user.siteId, report.year, org) : undefined;
  const mayEnter = !!org && mayEnterFigures(user, tree, org);
  const mayWrite = !!report && mayWriteSections(user, tree, org?.code);
  const mayImport = canAny(user, "report.figures");
  const release = report
    ? await releaseOf(deps.db.kysely, user.siteId, sectionsKey(org), report.year)
    : undefined;
  const choices = orgChoices(user, tree);
  const root = tree.roots(user.siteId)[0];
  const fv = (k: string) =>
    form?.values[k] ?? (figures ? String(figures[k as keyof typeof figures] ?? "") : undefined);
  return sendAdminPage(
    deps,
    reply,
    {
      user,
      title: "政府信息公开工作年度报告",
      path: "/admin/reports/annual",
      status: releaseRefused ? 409 : problems.length || form?.problems.length ? 400 : 200,
      flash: takeFlash(req),
    },
    <>
      <ErrorSummary title="报告条件有误，请修改：" problems={problems} />
      <form method="get" action="/admin/reports/annual" class="filters" aria-label="报告条件">
        <div>
          <Field
            name="year"
            type="number"
            label="报告年度"
            value={year}
            min="2021"
            max={today.slice(0, 4)}
            problems={problems}
          />
        </div>
        {choices.length > 1 ? (
          <div>
            <Field
              name="org"
              as="select"
              label="机构"
              blank={root && can(user, "report.view", root.id, tree) ? "全县汇总" : undefined}
              value={org?.code}
              choices={choices}
              problems={problems}
            />
          </div>
        ) : (
          ""
        )}
        <div>
          <button type="submit">生成</button>
        </div>
      </form>
      {report ? (
        <>
          <p class="meta" safe>
            {`${report.org ? report.org_name : `${report.site.name}（全县各机构汇总）`} ${report.year} 年度。申请按收到日期计入本年新收，按答复日期计入办理结果；12 月 31 日仍未答复的结转下年度；复议、诉讼按提起日期计入，12 月 31 日尚未审结的计入“尚未审结”。`}
          </p>
          <p class="actions">
            <a
              href={`/admin/reports/annual.docx?${new URLSearchParams({ year: String(report.year), ...(report.org ? { org: report.org } : {}) })}`}
            >
              下载 Word
            </a>{" "}
            <a
              href={`/admin/reports/annual.pdf?${new URLSearchParams({ year: String(report.year), ...(report.org ? { org: report.org } : {}) })}`}
            >
              下载 PDF
            </a>
          </p>
          <SectionText report={report} k="overview" />
          <Table2View t={report.table2} />
          <p class="meta">
            {report.table2.figures.entered
              ? `行政许可、处罚、强制、收费和规章数据由政务公开办录入（${report.table2.figures.orgs} 个机构，最后更新于 ${formatShanghai(report.table2.figures.updated_at!)}）；行政规范性文件按已发布信息的成文日期和有效性统计。`
              : "本年度尚未录入行政许可、处罚、强制、收费和规章数据（表中暂为 0）；行政规范性文件按已发布信息的成文日期和有效性统计。"}
          </p>
          <Table3View report={report} />
          <Table4View t={report.table4} />
          <SectionText report={report} k="problems" />
          <SectionText report={report} k="other" />
          <ChecksView report={report} />
          <section aria-labelledby="release-heading">
            <h2 id="release-heading">发布</h2>
            <ErrorSummary title="年度报告不能发布：" problems={releaseRefused ?? []} />
            {release ? (
              <p>
                <span>已生成信息</span>
                <a href={`/admin/items/${encodeURIComponent(release.item_id)}`} safe>
                  {release.title}
                </a>
                <span safe>{`（${RELEASE_STATUS[release.status] ?? release.status}）`}</span>
              </p>
            ) : (
              <p class="meta">
                本年度报告尚未发布。发布后生成一条信息，归入“政府信息公开工作年度报告”栏目，经审核、签发后公开。
              </p>
            )}
            {mayWrite && (!release || release.status === "withdrawn") ? (
              <form
                method="post"
                action={`/admin/reports/annual/release?${new URLSearchParams({ year: String(report.year), ...(report.org ? { org: report.org } : {}) })}`}
              >
                <CsrfField token={reply.generateCsrf()} />
                <button type="submit">发布年报</button>
              </form>
            ) : (
              ""
            )}
          </section>
          {mayWrite ? (
            <p class="actions">
              <a
                href={`/admin/reports/annual/edit?${new URLSearchParams({ year: String(report.year), ...(report.org ? { org: report.org } : {}) })}`}
              >
                {report.sections ? "修改" : "撰写"}总体情况、存在的主要问题及改进情况、其他需要报告的事项
              </a>
            </p>
          ) : (
            ""
          )}
          {org && mayEnter ? (
            <form
              method="post"
              action={`/admin/reports/annual/figures?year=${encodeURIComponent(String(report.year))}&org=${encodeURIComponent(org.code)}`}
              aria-labelledby="figures-heading"
              class="stack"
              novalidate
            >
              <h2 id="figures-heading" safe>{`录入表二数据（${org.name}，${report.year} 年度）`}</h2>
              <CsrfField token={reply.generateCsrf()} />
              <ErrorSummary title="表二数据有误，请修改：" problems={form?.problems ?? []} />
              {FIGURE_FIELDS.map(([name, label, hint]) => (
                <Field
                  name={name}
                  label={label}
                  hint={hint}
                  inputmode={name === "fees_wan_yuan" ? "text" : "numeric"}
                  value={fv(name)}
                  problems={form?.problems ?? []}
                />
              ))}
              <button type="submit">保存表二数据</button>
            </form>
          ) : (
            ""
          )}
          {mayImport ? (
            <p class="actions">
              <a
                href={`/admin/reports/annual/figures/import?year=${encodeURIComponent(String(report.year))}`}
              >
                从 Excel 导入多个机构的表二数据
              </a>
            </p>
          ) : (
            ""
          )}
        </>
      ) : (
        ""
      )}
    </>,
  );
}

/** The editor of sections 一, 五 and 六: last year's text beside each, the figures it may quote listed. */
async function renderEditPage(
  deps: Deps,
  req: FastifyRequest,
  query: { year?: string; org?: string },
  reply: FastifyReply,
  form?: { values: Record<string, string>; problems: ErrorDetail[]; conflict?: boolean },
) {
  const user = requireUser(req);
  const tree = await loadOrgTree(deps, user.siteId);
  const orgCode = query.org?.trim() || undefined;
  const year = parseYear(deps, query.year);
  const target = authoriseSections(user, tree, orgCode);
  const report = await annualReportFor(deps, user, { year: String(year), org: target.org?.code });
  const lastYear = await previousYearText(
    deps.db.kysely,
    user.siteId,
    {
      org: target.org,
      rootId: tree.roots(user.siteId)[0]?.id,
    },
    year,
  );
  const figures = await quotableFigures(deps, user.siteId, year, target.org, report.table3);
  const who = report.org ? report.org_name : `${report.site.name}（全县）`;
  const q = new URLSearchParams({ year: String(year), ...(report.org ? { org: report.org } : {}) });
  const problems = form?.problems ?? [];
  const value = (k: string) => form?.values[k] ?? (report.sections?.[k as "overview"] || "");
  return sendAdminPage(
    deps,
    reply,
    {
      user,
      title: "撰写年度报告",
      path: "/admin/reports/annual",
      status: form?.conflict ? 409 : problems.length ? 400 : 200,
      flash: takeFlash(req),
    },
    <>
      <p class="meta" safe>
        {`${who} ${year} 年度政府信息公开工作年度报告：一、总体情况，五、存在的主要问题及改进情况，六、其他需要报告的事项。表二、表三、表四由系统统计。`}
      </p>
      {form?.conflict ? (
        <p class="error-text" role="alert">
          这几部分刚刚被他人修改过。下面保留了您填写的内容，并已载入最新版本号；请对照最新内容（报告页面）核对后再保存。
        </p>
      ) : (
        ""
      )}
      <ErrorSummary title="内容有误，请修改：" problems={problems} />
      <section aria-labelledby="quotable-heading">
        <h2 id="quotable-heading" safe>{`可引用的 ${year} 年度数据`}</h2>
        <dl class="facts">
          {figures.map((f) => (
            <>
              <dt safe>{f.label}</dt>
              <dd safe>{f.value}</dd>
            </>
          ))}
        </dl>
      </section>
      <form method="post" action={`/admin/reports/annual/edit?${q}`} class="stack" novalidate>
        <CsrfField token={reply.generateCsrf()} />
        <input
          type="hidden"
          name="version"
          value={form?.values.version ?? String(report.sections?.version ?? 0)}
        />
        {SECTION_FIELDS.map(([k, label]) => (
          <div class="cards">
            <div>
              <Field
                name={k}
                as="textarea"
                label={label}
                rows={12}
                maxlength={20000}
                value={value(k)}
                problems={problems}
              />
            </div>
            <aside aria-label={`${year - 1} 年度报告的${label}`}>
              <h3 safe>{`${year - 1} 年度的内容`}</h3>
              {lastYear?.item ? (
                <p class="meta">
                  {"摘自已发布的"}
                  <a href={`/gk/items/${lastYear.item.id}`} safe>
                    {lastYear.item.title}
                  </a>
                </p>
              ) : (
                ""
              )}
              {lastYear && paragraphsOf(lastYear.text[k]).length ? (
                paragraphsOf(lastYear.text[k]).map((t) => <p safe>{t}</p>)
              ) : (
                <p class="meta">上一年度没有这一部分的内容（本系统未撰写，也未找到已发布的上年度报告）。</p>
              )}
            </aside>
          </div>
        ))}
        <button type="submit">保存</button>
      </form>
      <p>
        <a href={`/admin/reports/annual?${q}`}>返回年度报告</a>
      </p>
    </>,
  );
}

export function registerReportsAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/reports/annual", label: "年度报告", action: "report.view" });
  addDashboardPanel({
    id: "annual-report-deadlines",
    title: "年度报告发布期限",
    action: "report.view",
    load: deadlinePanel,
  });

  app.get("/admin/reports/annual", { schema: { hide: true, querystring: PageQuery } }, async (req, reply) =>
    renderPage(deps, req, req.query, reply),
  );

  for (const [ext, type, render] of [
    ["docx", DOCX, renderAnnualReportDocx],
    ["pdf", "application/pdf", renderAnnualReportPdf],
  ] as const)
    app.get(
      `/admin/reports/annual.${ext}`,
      { schema: { hide: true, querystring: PageQuery } },
      async (req, reply) => {
        const report = await annualReportFor(deps, requireUser(req), req.query);
        const name = `${reportTitle(report)}.${ext}`;
        return reply
          .header("content-type", type)
          .header(
            "content-disposition",
            `attachment; filename="annual-report-${report.year}.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          )
          .header("cache-control", "no-store")
          .send(await render(report));
      },
    );

  app.get(
    "/admin/reports/annual/edit",
    { schema: { hide: true, querystring: PageQuery } },
    async (req, reply) => renderEditPage(deps, req, req.query, reply),
  );

  app.post(
    "/admin/reports/annual/edit",
    {
      schema: {
        hide: true,
        querystring: PageQuery,
        body: Type.Record(Type.String(), Type.String({ maxLength: 60_000 })),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const values = req.body as Record<string, string>;
      const input: SectionsInput = {
        overview: values.overview ?? "",
        problems: values.problems ?? "",
        other: values.other ?? "",
        version: values.version,
      };
      const year = parseYear(deps, req.query.year);
      const tree = await loadOrgTree(deps, user.siteId);
      const target = authoriseSections(user, tree, req.query.org?.trim() || undefined);
      const parsed = parseSections(input);
      if (parsed.problems.length)
        return renderEditPage(deps, req, req.query, reply, { values, problems: parsed.problems });
      try {
        await saveSections(deps, user, target, year, parsed.text, parsed.version);
      } catch (e) {
        if (e instanceof AppError && e.code === "report_sections_changed") {
          const { version: _v, ...kept } = values;
          return renderEditPage(deps, req, req.query, reply, { values: kept, problems: [], conflict: true });
        }
        throw e;
      }
      req.session.set(
        "flash",
        `已保存 ${year} 年度报告的总体情况、存在的主要问题及改进情况、其他需要报告的事项。`,
      );
      const q = new URLSearchParams({ year: String(year), ...(target.org ? { org: target.org.code } : {}) });
      return reply.redirect(`/admin/reports/annual?${q}`, 303);
    },
  );

  app.post(
    "/admin/reports/annual/release",
    { schema: { hide: true, querystring: PageQuery } },
    async (req, reply) => {
      try {
        const r = await releaseAnnualReport(deps, requireUser(req), req.query);
        req.session.set("flash", `已生成信息“${r.title}”，请提交审核。`);
        return reply.redirect(`/admin/items/${encodeURIComponent(r.item_id)}`, 303);
      } catch (e) {
        if (e instanceof AppError && e.status === 409)
          return renderPage(
            deps,
            req,
            req.query,
            reply,
            undefined,
            e.details.length ? e.details : [{ field: "release", code: e.code, message: e.message }],
          );
        throw e;
      }
    },
  );

  app.post(
    "/admin/reports/annual/figures",
    {
      schema: {
        hide: true,
        querystring: PageQuery,
        body: Type.Record(Type.String(), Type.String({ maxLength: 200 })),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const values = req.body as Record<string, string>;
      const input: FiguresInput = { org: req.query.org };
      for (const [k] of FIGURE_FIELDS) (input as Record<string, unknown>)[k] = values[k];
      const { problems } = parseFigures(input);
      if (problems.length) return renderPage(deps, req, req.query, reply, { values, problems });
      try {
        const saved = await saveReportFigures(deps, user, req.query.year, input);
        req.session.set("flash", `已保存${saved.org_name} ${saved.year} 年度表二数据。`);
      } catch (e) {
        if (e instanceof AppError && e.status === 400)
          return renderPage(deps, req, req.query, reply, { values, problems: e.details });
        throw e;
      }
      const q = new URLSearchParams({ year: String(req.query.year ?? ""), org: String(req.query.org ?? "") });
      return reply.redirect(`/admin/reports/annual?${q}`, 303);
    },
  );
}
