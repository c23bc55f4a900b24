// The annual report through the JSON API (staff tokens): tables 二, 三 and 四 with the check, and the table 二
// figures the office enters. The year and the organisation are checked by the service so that every problem
// is listed in one 400.
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { releaseAnnualReport } from "./reports.release";
import { annualReportFor, saveReportFigures } from "./reports.service";

const TAGS = ["reports"];
const count = (description: string) => Type.Integer({ minimum: 0, description });
const Cells = Type.Object({
  natural: Type.Integer(),
  commercial: Type.Integer(),
  research: Type.Integer(),
  public_interest: Type.Integer(),
  legal_service: Type.Integer(),
  other: Type.Integer(),
  total: Type.Integer(),
});
const Dispute = Type.Object({
  upheld: Type.Integer(),
  corrected: Type.Integer(),
  other: Type.Integer(),
  pending: Type.Integer(),
  total: Type.Integer(),
});
const Docs = Type.Object({ made: Type.Integer(), repealed: Type.Integer(), in_force: Type.Integer() });

const AnnualReportBody = Type.Object({
  year: Type.Integer(),
  org: Type.Union([Type.String(), Type.Null()], {
    description: "the organisation's code; null: the site summed",
  }),
  org_name: Type.String(),
  site: Type.Object({ name: Type.String() }),
  table2: Type.Object({
    regulations: Docs,
    normative: Docs,
    licensing: Type.Integer(),
    penalty: Type.Integer(),
    coercion: Type.Integer(),
    fees_wan_yuan: Type.Number(),
    figures: Type.Object({
      entered: Type.Boolean(),
      orgs: Type.Integer(),
      updated_at: Type.Union([Type.String(), Type.Null()]),
    }),
  }),
  table3: Type.Record(Type.String(), Cells, {
    description:
      "rows received, carried_in, one per reply outcome code (disclose, partial, withhold.*, unable.*, not_handled.*, other.*), total, carried_out",
  }),
  table4: Type.Object({ review: Dispute, litigation_direct: Dispute, litigation_after_review: Dispute }),
  checks: Type.Array(
    Type.Object({
      name: Type.String(),
      ok: Type.Boolean(),
      details: Type.Array(
        Type.Object({
          column: Type.String(),
          label: Type.String(),
          received: Type.Integer(),
          carried_in: Type.Integer(),
          handled: Type.Integer(),
          carried_out: Type.Integer(),
          applications: Type.Array(
            Type.Object({ id: Type.String(), tracking_code: Type.String(), problem: Type.String() }),
          ),
        }),
      ),
    }),
  ),
  sections: Type.Union(
    [
      Type.Object({
        overview: Type.String({ description: "一、总体情况" }),
        problems: Type.String({ description: "五、存在的主要问题及改进情况" }),
        other: Type.String({ description: "六、其他需要报告的事项" }),
        version: Type.Integer(),
        updated_at: Type.String(),
      }),
      Type.Null(),
    ],
    { description: "sections 一, 五 and 六 as the office wrote them; null while not written" },
  ),
});

const FiguresBody = Type.Object(
  {
    org: Type.Optional(
      Type.String({ maxLength: 60, description: "organisation code (default: the user's own)" }),
    ),
    licensing: Type.Optional(count("行政许可 本年处理决定数量")),
    penalty: Type.Optional(count("行政处罚 本年处理决定数量")),
    coercion: Type.Optional(count("行政强制 本年处理决定数量")),
    fees_wan_yuan: Type.Optional(
      Type.Number({ minimum: 0, description: "行政事业性收费 本年收费金额, 万元 (up to 6 decimals)" }),
    ),
    regulations_made: Type.Optional(count("规章 本年制发件数 (default 0)")),
    regulations_repealed: Type.Optional(count("规章 本年废止件数 (default 0)")),
    regulations_in_force: Type.Optional(count("规章 现行有效件数 (default 0)")),
  },
  { additionalProperties: false },
);

export const FiguresResult = Type.Object({
  year: Type.Integer(),
  org: Type.String(),
  org_name: Type.String(),
  licensing: Type.Integer(),
  penalty: Type.Integer(),
  coercion: Type.Integer(),
  fees_wan_yuan: Type.Number(),
  regulations_made: Type.Integer(),
  regulations_repealed: Type.Integer(),
  regulations_in_force: Type.Integer(),
  updated_at: Type.String(),
});

export function registerReportsApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/reports/annual",
    {
      schema: {
        tags: TAGS,
        operationId: "getAnnualReport",
        summary:
          "The annual report's tables 二, 三 and 四 (国办公开办函〔2021〕30号) of a year, for one organisation or the whole site, with the check 一 + 二 = （七）+ 四",
        security: [{ bearerAuth: [] }],
        querystring: Type.Object({
          year: Type.Optional(Type.String({ maxLength: 20, description: "YYYY, from 2021 to this year" })),
          org: Type.Optional(
            Type.String({
              maxLength: 60,
              description:
                "organisation code; without it the whole site (a department's staff: their own organisation)",
            }),
          ),
        }),
        response: { 200: AnnualReportBody },
      },
    },
    async (req) => annualReportFor(deps, requireUser(req), req.query),
  );

  app.post(
    "/api/v1/reports/annual/:year/release",
    {
      schema: {
        tags: TAGS,
        operationId: "releaseAnnualReport",
        summary:
          "发布年报: the report becomes a draft item (kind other) in the catalogue's 政府信息公开工作年度报告 column, for the normal review → sign → publish workflow; 409 report_not_releasable listing every failing check and empty section, 409 report_already_released while an earlier release is in the workflow or published",
        security: [{ bearerAuth: [] }],
        params: Type.Object({ year: Type.String({ maxLength: 20 }) }),
        body: Type.Object(
          {
            org: Type.Optional(
              Type.String({
                maxLength: 60,
                description: "organisation code; without it the site as a whole",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            year: Type.Integer(),
            org: Type.Union([Type.String(), Type.Null()]),
            item_id: Type.String(),
            status: Type.String(),
            title: Type.String(),
          }),
        },
      },
    },
    async (req, reply) => {
      const r = await releaseAnnualReport(deps, requireUser(req), {
        year: req.params.year,
        org: req.body.org,
      });
      return reply.code(201).send(r);
    },
  );

  app.put(
    "/api/v1/reports/annual/:year/figures",
    {
      schema: {
        tags: TAGS,
        operationId: "putAnnualReportFigures",
        summary:
          "Enter an organisation's table 二 figures of a year that gongkai does not hold (行政许可, 行政处罚, 行政强制, 行政事业性收费, 规章), replacing what was entered",
        security: [{ bearerAuth: [] }],
        params: Type.Object({ year: Type.String({ maxLength: 20 }) }),
        body: FiguresBody,
        response: { 200: FiguresResult },
      },
    },
    async (req) => saveReportFigures(deps, requireUser(req), req.params.year, req.body),
  );
}
