// Public pages of the online-service statistics and the implementation reports, in Chinese and at /mn in
// Mongolian: /fw/stats (the shares fully online, zero-visit and one-visit, for the county, by department and
// by level, as tables and a chart), /fw/reports (the published 互联网+政务服务 implementation reports) and
// /fw/reports/{id} (one report with the figures frozen when it was published).
import type { Deps } from "../../deps";
import { type ChartSpec, renderChartSvg } from "../../platform/charts";
import { shanghaiDateOf } from "../../platform/time";
import type { Lang } from "../../web/i18n";
import { codeLabel } from "../../web/i18n/code-labels";
import { publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { PublicLayout } from "../../web/views/layout";
import { MnHeading, MnRowTitle, mnPageTitle, mnTitlesFor, publicMnOf } from "../mongolian";
import {
  findReadableReport,
  reportUrl,
  type ServiceStats,
  type StatCounts,
  serviceStats,
  share,
} from "./services.reports";
import * as rrepo from "./services.reports.repo";
import { periodText, type ReportTextKey, reportText } from "./services.reports.text";

type X = (key: ReportTextKey, params?: Record<string, string | number>) => string;
const day = (iso: string) => shanghaiDateOf(new Date(iso));

function CountCells(p: { x: X; c: StatCounts }) {
  const cell = (n: number) => p.x("cell", { n, pct: share(n, p.c.total) });
  return (
    <>
      <td class="num" safe>
        {String(p.c.total)}
      </td>
      <td class="num" safe>
        {cell(p.c.fully_online)}
      </td>
      <td class="num" safe>
        {cell(p.c.zero_visit)}
      </td>
      <td class="num" safe>
        {cell(p.c.one_visit)}
      </td>
    </>
  );
}

function StatsTable(p: {
  x: X;
  id: string;
  caption: string;
  first: string;
  rows: Array<{ label: string; c: StatCounts }>;
  total: StatCounts;
}) {
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby={`${p.id}-caption`}>
      <table class="table" id={p.id}>
        <caption id={`${p.id}-caption`} safe>
          {p.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {p.first}
            </th>
            <th scope="col" safe>
              {p.x("col_total")}
            </th>
            <th scope="col" safe>
              {p.x("col_online")}
            </th>
            <th scope="col" safe>
              {p.x("col_zero")}
            </th>
            <th scope="col" safe>
              {p.x("col_one")}
            </th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <th scope="row" safe>
                {r.label}
              </th>
              <CountCells x={p.x} c={r.c} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" safe>
              {p.x("whole")}
            </th>
            <CountCells x={p.x} c={p.total} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The statistics as two tables (by department, by level); the page's chart is drawn beside them. */
export function StatsTables(p: { lang: Lang; stats: ServiceStats; headingLevel: 2 | 3 }) {
  const x = reportText(p.lang);
  const heading = (text: string) => (p.headingLevel === 2 ? <h2 safe>{text}</h2> : <h3 safe>{text}</h3>);
  if (!p.stats.total) return <p safe>{x("none")}</p>;
  return (
    <>
      {heading(x("by_org"))}
      <StatsTable
        x={x}
        id={`stats-org-${p.headingLevel}`}
        caption={x("by_org")}
        first={x("col_org")}
        rows={p.stats.by_org.map((r) => ({ label: r.org, c: r }))}
        total={p.stats}
      />
      {heading(x("by_level"))}
      <StatsTable
        x={x}
        id={`stats-level-${p.headingLevel}`}
        caption={x("by_level")}
        first={x("col_level")}
        rows={p.stats.by_level.map((r) => ({ label: codeLabel(p.lang, "svc.level", r.level), c: r }))}
        total={p.stats}
      />
    </>
  );
}

/** The shares by level as a bar chart (SVG; the same numbers are in the table by level). */
export async function levelChart(lang: Lang, stats: ServiceStats): Promise<string> {
  const x = reportText(lang);
  const spec: ChartSpec = {
    id: "fw-levels",
    title: x("chart_title"),
    description: x("chart_desc"),
    kind: "bar",
    categoryLabel: x("col_level"),
    categories: stats.by_level.map((l) => codeLabel(lang, "svc.level", l.level)),
    series: [
      { name: x("col_online"), values: stats.by_level.map((l) => share(l.fully_online, l.total)) },
      { name: x("col_zero"), values: stats.by_level.map((l) => share(l.zero_visit, l.total)) },
      { name: x("col_one"), values: stats.by_level.map((l) => share(l.one_visit, l.total)) },
    ],
    unit: "%",
  };
  return renderChartSvg(spec);
}

export function registerServiceReportPages(app: AppInstance, deps: Deps): void {
  publicPage(
    app,
    deps,
    "/fw/stats",
    async (c) => {
      const x = reportText(c.lang);
      const stats = await serviceStats(deps, c.site.id);
      // Drawn by renderChartSvg, which escapes every text and checks the SVG (sanitiseSvg).
      const safeSvg = stats.total ? await levelChart(c.lang, stats) : "";
      return (
        <PublicLayout
          lang={c.lang}
          t={c.t}
          site={c.site}
          title={x("stats_title")}
          path={c.path}
          section="services"
        >
          <h1 safe>{x("stats_title")}</h1>
          <p safe>{x("stats_intro")}</p>
          <p class="meta" safe>
            {x("as_of", { date: shanghaiDateOf(deps.clock.now()) })}
          </p>
          <StatsTables lang={c.lang} stats={stats} headingLevel={2} />
          {safeSvg ? (
            <figure class="chart" aria-labelledby="fw-chart-caption">
              <div class="chart-svg">{safeSvg}</div>
              <figcaption id="fw-chart-caption" safe>
                {x("chart_title")}
              </figcaption>
            </figure>
          ) : (
            ""
          )}
          <p>
            <a href={`${c.prefix}/fw/reports`} safe>
              {x("reports_title")}
            </a>
          </p>
          <p>
            <a href={`${c.prefix}/fw`} safe>
              {x("back")}
            </a>
          </p>
        </PublicLayout>
      );
    },
    { cacheTtlMs: 60_000 },
  );

  publicPage(
    app,
    deps,
    "/fw/reports",
    async (c) => {
      const x = reportText(c.lang);
      const rows = await rrepo.listReports(deps.db.kysely, c.site.id, false);
      const mnTitles = await mnTitlesFor(
        deps.db.kysely,
        c.lang,
        "service_report",
        rows.map((r) => r.id),
      );
      return (
        <PublicLayout
          lang={c.lang}
          t={c.t}
          site={c.site}
          title={x("reports_title")}
          path={c.path}
          section="services"
        >
          <h1 safe>{x("reports_title")}</h1>
          <p safe>{x("reports_intro")}</p>
          {rows.length ? (
            <ul class="item-list">
              {rows.map((r) => (
                <li>
                  <a href={reportUrl(r.id, c.prefix)}>
                    <MnRowTitle lang={c.lang} titles={mnTitles} id={r.id} title={r.title} />
                  </a>
                  <span class="meta" safe>
                    {` ${periodText(c.lang, r.year, r.quarter)} · ${x("published_on", { date: day(r.published_at ?? r.updated_at) })}`}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p safe>{x("reports_none")}</p>
          )}
          <p>
            <a href={`${c.prefix}/fw/stats`} safe>
              {x("stats_title")}
            </a>
          </p>
          <p>
            <a href={`${c.prefix}/fw`} safe>
              {x("back")}
            </a>
          </p>
        </PublicLayout>
      );
    },
    { cacheTtlMs: 60_000 },
  );

  publicPage(app, deps, "/fw/reports/:id", async (c, req) => {
    const x = reportText(c.lang);
    const r = await findReadableReport(deps, c.site.id, (req.params as { id: string }).id, req.user ?? null);
    const figures = JSON.parse(r.figures_json) as ServiceStats;
    // A draft (shown to its staff) has no public Mongolian version yet.
    const mn =
      r.status === "published" ? await publicMnOf(deps.db.kysely, "service_report", r.id) : undefined;
    return (
      <PublicLayout
        lang={c.lang}
        t={c.t}
        site={c.site}
        title={mnPageTitle(c.lang, mn, r.title)}
        path={c.path}
        section="services"
      >
        <MnHeading lang={c.lang} t={c.t} mn={mn} title={r.title} path={reportUrl(r.id)} />
        <dl class="meta-table">
          <dt safe>{x("period")}</dt>
          <dd safe>{periodText(c.lang, r.year, r.quarter)}</dd>
        </dl>
        {r.published_at ? (
          <p class="meta" safe>
            {x("published_on", { date: day(r.published_at) })}
          </p>
        ) : (
          <p class="notice" safe>
            {x("draft_note", { date: day(r.figures_at) })}
          </p>
        )}
        <div class="article-body">
          {r.body
            .split(/\n\s*\n/)
            .map((para) => para.trim())
            .filter(Boolean)
            .map((para) => (
              <p class="pre-wrap" safe>
                {para}
              </p>
            ))}
        </div>
        <section aria-labelledby="report-figures">
          <h2 id="report-figures" safe>
            {x("figures_title")}
          </h2>
          <p class="meta" safe>
            {x("figures_note", { date: day(r.figures_at) })}
          </p>
          <StatsTables lang={c.lang} stats={figures} headingLevel={3} />
        </section>
        <p>
          <a href={`${c.prefix}/fw/reports`} safe>
            {x("back_reports")}
          </a>
        </p>
      </PublicLayout>
    );
  });
}
