// The back-office dashboards: /admin/dashboards (政务公开办) and /admin/dashboards/inspection (督查室), each a
// GET filter form (year, organisation), then sections of charts drawn on the server with their data tables
// and Excel links; the whole dashboard as one workbook. Readable and usable without JavaScript.
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import type { Deps } from "../../deps";
import { ChartFigure } from "../../platform/charts";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { addDashboardPanel } from "../../web/dashboard";
import type { AppInstance } from "../../web/types";
import { addAdminNav } from "../../web/views/admin-layout";
import { Field } from "../../web/views/fields";
import type { CurrentUser } from "../accounts";
import { type DashboardName, maySeeDashboard } from "./dashboards.policy";
import {
  type DashboardQuery,
  dashboardHeading,
  dashboardWorkbook,
  FIRST_YEAR,
  type LoadedDashboard,
  loadDashboard,
  renderDashboardSvgs,
} from "./dashboards.service";

export const DASHBOARD_PATHS: Record<DashboardName, string> = {
  office: "/admin/dashboards",
  inspection: "/admin/dashboards/inspection",
};
const TAB_LABELS: Record<DashboardName, string> = { office: "政务公开", inspection: "督查" };
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const Query = Type.Object({
  year: Type.Optional(Type.String({ maxLength: 10 })),
  org: Type.Optional(Type.String({ maxLength: 80 })),
  chart: Type.Optional(Type.String({ maxLength: 60 })),
});

/** The query string of the filters (year, org), for links that keep them. */
function filterQuery(l: LoadedDashboard, extra: Record<string, string> = {}) {
  const q = new URLSearchParams({ year: String(l.dashboard.year) });
  if (l.scope.org) q.set("org", l.scope.org.code);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

function Tabs(p: { user: CurrentUser; current: DashboardName; query: string }) {
  const names = (Object.keys(DASHBOARD_PATHS) as DashboardName[]).filter((n) => maySeeDashboard(p.user, n));
  if (names.length < 2) return "";
  return (
    <nav class="tabs" aria-label="统计图表">
      <ul>
        {names.map((n) => (
          <li>
            <a
              href={`${DASHBOARD_PATHS[n]}?${p.query}`}
              aria-current={n === p.current ? "page" : undefined}
              safe
            >
              {TAB_LABELS[n]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Filters(p: { l: LoadedDashboard; action: string }) {
  const { scope, dashboard, thisYear } = p.l;
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
  const showOrgs = scope.choices.length > 1;
  return (
    <form method="get" action={p.action} class="filters">
      <Field
        as="select"
        name="year"
        id="dash-year"
        label="年度"
        value={String(dashboard.year)}
        choices={years.map((y) => ({ value: String(y), label: `${y}年` }))}
      />
      {showOrgs ? (
        <Field
          as="select"
          name="org"
          id="dash-org"
          label="单位"
          value={scope.org?.code ?? ""}
          choices={[
            { value: "", label: "全部单位" },
            ...scope.choices.map((c) => ({ value: c.code, label: `${"　".repeat(c.depth)}${c.name}` })),
          ]}
        />
      ) : (
        ""
      )}
      <button type="submit">查看</button>
    </form>
  );
}

async function sendDashboardPage(
  deps: Deps,
  req: { query: DashboardQuery },
  reply: FastifyReply,
  user: CurrentUser,
  name: DashboardName,
) {
  const l = await loadDashboard(deps, user, name, req.query);
  const svgs = await renderDashboardSvgs(l.dashboard);
  const path = DASHBOARD_PATHS[name];
  const xlsx = `${path === "/admin/dashboards" ? "/admin/dashboards/office" : path}.xlsx`;
  const query = filterQuery(l);
  return sendAdminPage(
    deps,
    reply,
    { user, title: l.dashboard.title, path },
    <>
      <Tabs user={user} current={name} query={query} />
      <p class="meta" safe>
        {dashboardHeading(l)}
      </p>
      {l.scope.whole ? "" : <p class="notice">只显示您有权查看的单位的数据。</p>}
      <Filters l={l} action={path} />
      <p>
        <a href={`${xlsx}?${query}`}>下载全部图表数据（Excel，每个图表一张工作表）</a>
      </p>
      {name === "inspection" ? (
        <p>
          <a href="/admin">返回工作台的督查表</a>
        </p>
      ) : (
        ""
      )}
      {l.dashboard.sections.map((s) => (
        <section aria-labelledby={`section-${s.id}`} class="dashboard-section">
          <h2 id={`section-${s.id}`} safe>
            {s.title}
          </h2>
          {s.charts.map((c) => (
            <ChartFigure
              spec={c}
              svg={svgs.get(c.id) ?? ""}
              xlsxHref={`${xlsx}?${filterQuery(l, { chart: c.id })}`}
            />
          ))}
        </section>
      ))}
    </>,
  );
}

async function sendWorkbook(
  deps: Deps,
  user: CurrentUser,
  name: DashboardName,
  q: DashboardQuery,
  reply: FastifyReply,
) {
  const l = await loadDashboard(deps, user, name, q);
  const { buffer, filename } = await dashboardWorkbook(deps, l, q.chart?.trim() || undefined);
  return reply
    .header("content-type", XLSX)
    .header("content-disposition", `attachment; filename="${filename}"`)
    .header("cache-control", "no-store")
    .send(buffer);
}

export function registerDashboardsAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/dashboards", label: "统计图表", action: "dashboards.view" });
  app.get("/admin/dashboards", { schema: { hide: true, querystring: Query } }, async (req, reply) =>
    sendDashboardPage(deps, req, reply, requireUser(req), "office"),
  );
  app.get(
    "/admin/dashboards/inspection",
    { schema: { hide: true, querystring: Query } },
    async (req, reply) => sendDashboardPage(deps, req, reply, requireUser(req), "inspection"),
  );
  app.get(
    "/admin/dashboards/office.xlsx",
    { schema: { hide: true, querystring: Query } },
    async (req, reply) => sendWorkbook(deps, requireUser(req), "office", req.query, reply),
  );
  app.get(
    "/admin/dashboards/inspection.xlsx",
    { schema: { hide: true, querystring: Query } },
    async (req, reply) => sendWorkbook(deps, requireUser(req), "inspection", req.query, reply),
  );

  addDashboardPanel({
    id: "dashboards",
    title: "统计图表",
    action: "dashboards.view",
    async load(_d, user) {
      const lines = [
        { text: "政务公开统计图表（发布、申请、留言、网站健康）", href: DASHBOARD_PATHS.office },
      ];
      if (maySeeDashboard(user, "inspection"))
        lines.push({ text: "督查统计图表（及时率排名、逾期情况）", href: DASHBOARD_PATHS.inspection });
      return { href: DASHBOARD_PATHS.office, lines };
    },
  });
}
