// The dashboards' series through the JSON API (staff tokens): the same charts as the pages, as data.
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { CHART_KINDS } from "../../platform/charts";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { DASHBOARD_NAMES } from "./dashboards.policy";
import { loadDashboard } from "./dashboards.service";

const nullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Series = Type.Object({
  name: Type.String(),
  values: Type.Array(nullableNumber, {
    description: "one per category; null: no figure (e.g. a rate of nothing)",
  }),
});

const DashboardBody = Type.Object({
  name: Type.Union(DASHBOARD_NAMES.map((n) => Type.Literal(n))),
  title: Type.String(),
  year: Type.Integer(),
  today: Type.String({ description: "the date (Asia/Shanghai) the open items were judged on" }),
  org: Type.Union(
    [Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }), Type.Null()],
    {
      description:
        "the organisation filter (its subtree is counted); null: every organisation the token may see",
    },
  ),
  scope: Type.Union([Type.Literal("site"), Type.Literal("orgs")], {
    description:
      "site: the whole site (site root); orgs: only the token's organisations (a department's clerk)",
  }),
  sections: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      charts: Type.Array(
        Type.Object({
          id: Type.String(),
          title: Type.String(),
          kind: Type.Union(CHART_KINDS.map((k) => Type.Literal(k))),
          unit: Type.Union([Type.String(), Type.Null()]),
          category_label: Type.String(),
          categories: Type.Array(Type.String()),
          series: Type.Array(Series, { description: "the series drawn" }),
          table_only: Type.Array(Series, {
            description: "further figures shown in the table and the Excel sheet",
          }),
          note: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
    }),
  ),
});

export function registerDashboardsApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/dashboards/:name",
    {
      schema: {
        tags: ["dashboards"],
        operationId: "getDashboard",
        summary:
          "A dashboard's chart series for a year: office (政务公开办: items published per month and their Art. 26 timeliness by organisation, applications by month and outcome, messages by month, site health) or inspection (督查室: timeliness ranking, overdue work by department, monthly trend)",
        security: [{ bearerAuth: [] }],
        params: Type.Object({ name: Type.Union(DASHBOARD_NAMES.map((n) => Type.Literal(n))) }),
        querystring: Type.Object({
          year: Type.Optional(
            Type.String({ maxLength: 10, description: "four digits, 2021 to this year; default this year" }),
          ),
          org: Type.Optional(
            Type.String({
              maxLength: 80,
              description: "an organisation's code: its subtree only (404 outside the token's scope or site)",
            }),
          ),
        }),
        response: { 200: DashboardBody },
      },
    },
    async (req) => {
      const l = await loadDashboard(deps, requireUser(req), req.params.name, req.query);
      const d = l.dashboard;
      return {
        name: d.name,
        title: d.title,
        year: d.year,
        today: d.today,
        org: d.org ?? null,
        scope: l.scope.whole ? ("site" as const) : ("orgs" as const),
        sections: d.sections.map((s) => ({
          id: s.id,
          title: s.title,
          charts: s.charts.map((c) => ({
            id: c.id,
            title: c.title,
            kind: c.kind,
            unit: c.unit ?? null,
            category_label: c.categoryLabel,
            categories: c.categories,
            series: c.series,
            table_only: c.tableOnly ?? [],
            note: c.note ?? null,
          })),
        })),
      };
    },
  );
}
