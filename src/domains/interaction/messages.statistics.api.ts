// The statistics of messages through the JSON API (staff tokens): the table by organisation, type or channel,
// its Excel workbook, the overdue list, and storing a year's snapshot. Static paths under /api/v1/messages/
// win over /api/v1/messages/{id} in the router, so they never collide with a message's id.
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import type { CurrentUser } from "../accounts";
import {
  overdueFor,
  type StatisticsQuery as Query,
  refreshStatisticsFor,
  statisticsBookFor,
  statisticsFor,
} from "./messages.statistics";
import { buildStatisticsWorkbook } from "./messages.statistics.xlsx";

const TAGS = ["interaction"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// Dates and the group are checked by the service so that every problem is listed in one 400.
const StatisticsQuery = Type.Object({
  from: Type.Optional(
    Type.String({ maxLength: 20, description: "YYYY-MM-DD, receipt date from (default 1 January)" }),
  ),
  to: Type.Optional(
    Type.String({ maxLength: 20, description: "YYYY-MM-DD, receipt date to (default 31 December)" }),
  ),
  group: Type.Optional(Type.String({ maxLength: 20, description: "org (default) | type | channel" })),
  org: Type.Optional(Type.String({ maxLength: 60, description: "Only this organisation (code or id)" })),
  format: Type.Optional(Type.Union([Type.Literal("json"), Type.Literal("xlsx")])),
});

/** Sends the workbook of the statistics a user may see. */
export async function sendStatisticsWorkbook(deps: Deps, user: CurrentUser, q: Query, reply: FastifyReply) {
  const book = await statisticsBookFor(deps, user, q);
  const body = await buildStatisticsWorkbook({
    county: book.site.name,
    period: book.period,
    groups: book.groups,
    overdue: book.overdue,
    today: book.today,
    created: deps.clock.now(),
  });
  const name = `互动交流统计-${book.period.from}-${book.period.to}.xlsx`;
  return reply
    .header("content-type", XLSX)
    .header(
      "content-disposition",
      `attachment; filename="message-statistics.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .header("cache-control", "no-store")
    .send(body);
}

export function registerMessageStatisticsApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/messages/statistics",
    {
      schema: {
        tags: TAGS,
        operationId: "getMessageStatistics",
        summary:
          "Messages received in a period by handling organisation, type or channel: answered, on time, overdue, answer working days, returns, published, ratings and satisfaction (format=xlsx: the workbook)",
        security: [{ bearerAuth: [] }],
        querystring: StatisticsQuery,
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      if (req.query.format === "xlsx") return sendStatisticsWorkbook(deps, user, req.query, reply);
      return statisticsFor(deps, user, req.query);
    },
  );

  app.get(
    "/api/v1/messages/statistics.xlsx",
    {
      schema: {
        tags: TAGS,
        operationId: "getMessageStatisticsWorkbook",
        summary: "The statistics as an Excel workbook: sheets 按部门, 按类型, 按渠道 and 超期清单",
        security: [{ bearerAuth: [] }],
        querystring: Type.Omit(StatisticsQuery, ["format", "group"]),
        produces: [XLSX],
      },
    },
    async (req, reply) => sendStatisticsWorkbook(deps, requireUser(req), req.query, reply),
  );

  app.post(
    "/api/v1/messages/statistics/refresh",
    {
      schema: {
        tags: TAGS,
        operationId: "refreshMessageStatistics",
        summary:
          "Store the site's statistics of a year now (the office, inspectors, administrators); the daily job does it every morning",
        security: [{ bearerAuth: [] }],
        body: Type.Object(
          { year: Type.Integer({ minimum: 2000, maximum: 2200 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => refreshStatisticsFor(deps, requireUser(req), req.body.year),
  );

  app.get(
    "/api/v1/messages/overdue",
    {
      schema: {
        tags: TAGS,
        operationId: "getOverdueMessages",
        summary:
          "Open messages past their due date, the most overdue first, with working days overdue and the 2-month alarm",
        security: [{ bearerAuth: [] }],
        querystring: Type.Object({ org: Type.Optional(Type.String({ maxLength: 60 })) }),
      },
    },
    async (req) => overdueFor(deps, requireUser(req), req.query),
  );
}
