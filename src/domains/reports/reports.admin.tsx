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
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { type CurrentUser, can } from "../accounts";
import { loadOrgTree, type OrgTree } from "../orgs";
import { formatWan, renderAnnualReportDocx } from "./reports.docx";
import {
  COLUMN_LABELS,
  COLUMNS,
  type Column,
  DISPUTE_LABELS,
  OUTCOME_LINES,
  RESULT_LABELS,
  ROW_LABELS,
  TABLE3_ROWS,
  type Table3Row,
} from "./reports.labels";
import { renderAnnualReportPdf, reportTitle } from "./reports.pdf";
import { authoriseReport, mayEnterFigures } from "./reports.policy";
import {
  authoriseSections,
  parseSections,
  quotableFigures,
  SECTION_FIELDS,
  type SectionsInput,
  saveSections,
  sectionsKey,
  sectionsOf,
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

function Table2View(p: { t: AnnualReport["table2"] }) {
  const t = p.t;
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="table2-caption">
      <table id="table2" class="inspector-table report-table">
        <caption id="table2-caption">二、主动公开政府信息情况</caption>
        <tbody>
          <tr>
            <th scope="colgroup" colspan="4">
              第二十条第（一）项
            </th>
          </tr>
          <tr>
            <th scope="col">信息内容</th>
            <th scope="col">本年制发件数</th>
            <th scope="col">本年废止件数</th>
            <th scope="col">现行有效件数</th>
          </tr>
          {(
            [
              ["规章", t.regulations],
              ["行政规范性文件", t.normative],
            ] as const
          ).map(([label, d]) => (
            <tr>
              <th scope="row">{label}</th>
              <td class="num" safe>
                {String(d.made)}
              </td>
              <td class="num" safe>
                {String(d.repealed)}
              </td>
              <td class="num" safe>
                {String(d.in_force)}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="colgroup" colspan="4">
              第二十条第（五）项
            </th>
          </tr>
          <tr>
            <th scope="col">信息内容</th>
            <th scope="col" colspan="3">
              本年处理决定数量
            </th>
          </tr>
          <tr>
            <th scope="row">行政许可</th>
            <td class="num" colspan="3" safe>
              {String(t.licensing)}
            </td>
          </tr>
          <tr>
            <th scope="colgroup" colspan="4">
              第二十条第（六）项
            </th>
          </tr>
          <tr>
            <th scope="col">信息内容</th>
            <th scope="col" colspan="3">
              本年处理决定数量
            </th>
          </tr>
          <tr>
            <th scope="row">行政处罚</th>
            <td class="num" colspan="3" safe>
              {String(t.penalty)}
            </td>
          </tr>
          <tr>
            <th scope="row">行政强制</th>
            <td class="num" colspan="3" safe>
              {String(t.coercion)}
            </td>
          </tr>
          <tr>
            <th scope="colgroup" colspan="4">
              第二十条第（八）项
            </th>
          </tr>
          <tr>
            <th scope="col">信息内容</th>
            <th scope="col" colspan="3">
              本年收费金额（单位：万元）
            </th>
          </tr>
          <tr>
            <th scope="row">行政事业性收费</th>
            <td class="num" colspan="3" safe>
              {formatWan(t.fees_wan_yuan)}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function Table3View(p: { report: AnnualReport }) {
  const t = p.report.table3;
  const failing = new Set(p.report.checks.flatMap((c) => c.details.map((d) => d.column)));
  const checked: readonly Table3Row[] = ["received", "carried_in", "total", "carried_out"];
  const cells = (row: Table3Row) =>
    [...COLUMNS, "total" as const].map((c) => {
      const bad = failing.has(c) && checked.includes(row);
      return (
        <td class={bad ? "num warn-cell" : "num"}>
          <span safe>{String(t[row][c])}</span>
          {bad ? <span class="visually-hidden">（勾稽关系不平衡）</span> : ""}
        </td>
      );
    });
  let group = "";
  const outcomes = TABLE3_ROWS.filter((r) => OUTCOME_LINES[r]);
  const groupSize = (g: string) => outcomes.filter((r) => OUTCOME_LINES[r]!.group === g).length;
  // As the format prints it: 三、本年度办理结果 spans every outcome row and （七）总计; each group（三）to（六）
  // spans its lines.
  const outcomeRows = outcomes.map((r, i) => {
    const line = OUTCOME_LINES[r]!;
    const first = !!line.group && line.group !== group;
    if (line.group) group = line.group;
    return (
      <tr>
        {i === 0 ? (
          <th scope="rowgroup" rowspan={String(outcomes.length + 1)}>
            三、本年度办理结果
          </th>
        ) : (
          ""
        )}
        {first ? (
          <th scope="rowgroup" rowspan={String(groupSize(line.group!))} safe>
            {line.group}
          </th>
        ) : (
          ""
        )}
        <th scope="row" colspan={line.group ? "1" : "2"} safe>
          {line.label}
        </th>
        {cells(r)}
      </tr>
    );
  });
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="table3-caption">
      <table id="table3" class="inspector-table report-table">
        <caption id="table3-caption">三、收到和处理政府信息公开申请情况</caption>
        <thead>
          <tr>
            <th scope="col" colspan="3" rowspan="3">
              （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
            </th>
            <th scope="colgroup" colspan="7">
              申请人情况
            </th>
          </tr>
          <tr>
            <th scope="col" rowspan="2">
              自然人
            </th>
            <th scope="colgroup" colspan="5">
              法人或其他组织
            </th>
            <th scope="col" rowspan="2">
              总计
            </th>
          </tr>
          <tr>
            {(["commercial", "research", "public_interest", "legal_service", "other"] as Column[]).map(
              (c) => (
                <th scope="col" safe>
                  {COLUMN_LABELS[c]}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row" colspan="3" safe>
              {ROW_LABELS.received}
            </th>
            {cells("received")}
          </tr>
          <tr>
            <th scope="row" colspan="3" safe>
              {ROW_LABELS.carried_in}
            </th>
            {cells("carried_in")}
          </tr>
          {outcomeRows}
          <tr>
            <th scope="row" colspan="2" safe>
              {ROW_LABELS.total}
            </th>
            {cells("total")}
          </tr>
          <tr>
            <th scope="row" colspan="3" safe>
              {ROW_LABELS.carried_out}
            </th>
            {cells("carried_out")}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function Table4View(p: { t: AnnualReport["table4"] }) {
  const keys = ["upheld", "corrected", "other", "pending", "total"] as const;
  const kinds = ["review", "litigation_direct", "litigation_after_review"] as const;
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="table4-caption">
      <table id="table4" class="inspector-table report-table">
        <caption id="table4-caption">四、政府信息公开行政复议、行政诉讼情况</caption>
        <thead>
          <tr>
            <th scope="colgroup" colspan="5" rowspan="2">
              行政复议
            </th>
            <th scope="colgroup" colspan="10">
              行政诉讼
            </th>
          </tr>
          <tr>
            <th scope="colgroup" colspan="5">
              未经复议直接起诉
            </th>
            <th scope="colgroup" colspan="5">
              复议后起诉
            </th>
          </tr>
          <tr>
            {kinds.flatMap((k) =>
              keys.map((r) => (
                <th scope="col">
                  <span safe>{RESULT_LABELS[r]}</span>
                  <span class="visually-hidden" safe>{`（${DISPUTE_LABELS[k]}）`}</span>
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          <tr>
            {kinds.flatMap((k) =>
              keys.map((r) => (
                <td class="num" safe>
                  {String(p.t[k][r])}
                </td>
              )),
            )}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

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

const paragraphsOf = (text: string) =>
  text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);

/** One of the sections the office writes, shown in its place in the report (nothing until written). */
function SectionText(p: { report: AnnualReport; k: "overview" | "problems" | "other" }) {
  const s = p.report.sections;
  if (!s) return "";
  const title = SECTION_FIELDS.find(([k]) => k === p.k)![1];
  return (
    <section aria-labelledby={`section-${p.k}`}>
      <h2 id={`section-${p.k}`}>{title}</h2>
      {paragraphsOf(s[p.k]).map((t) => (
        <p safe>{t}</p>
      ))}
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
      status: problems.length || form?.problems.length ? 400 : 200,
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
  const key = sectionsKey(target.org);
  const lastYear = await sectionsOf(deps.db.kysely, user.siteId, key, year - 1);
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
              {lastYear && paragraphsOf(lastYear[k]).length ? (
                paragraphsOf(lastYear[k]).map((t) => <p safe>{t}</p>)
              ) : (
                <p class="meta">上一年度没有在本系统撰写这一部分。</p>
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
