// /api/v1/services/stats (the online-service statistics now: fully online, zero-visit, one-visit, by
// department and by level) and /api/v1/services/reports (the 互联网+政务服务 implementation reports: the
// published ones for anyone; the office at the site root drafts, edits and publishes them with a token).
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { resolvePublicSite } from "../orgs";
import {
  createReport,
  findReadableReport,
  publishReport,
  reportJson,
  serviceStats,
  statsJson,
  updateReport,
} from "./services.reports";
import * as rrepo from "./services.reports.repo";
import { IdParams } from "./services.schemas";

const tags = ["services"];

export const ReportBody = Type.Object(
  {
    year: Type.Optional(Type.Integer({ description: "The report's year." })),
    quarter: Type.Optional(Type.Integer({ description: "1-4 for a quarter, 0 for the whole year." })),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    body: Type.Optional(
      Type.String({ maxLength: 60_000, description: "Plain text; paragraphs separated by a blank line." }),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        year: 2026,
        quarter: 3,
        title: "固阳县2026年第三季度“互联网+政务服务”实施情况报告",
        body: "一、总体情况\n\n本季度新增全程网办事项 6 项……",
      },
    ],
  },
);

export function registerServiceReportApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/services/stats",
    {
      schema: {
        tags,
        operationId: "getServiceStats",
        summary:
          "Online-service statistics now: items in force fully online (全程网办), zero-visit and one-visit, by department and by level",
        description:
          "Shares are percentages with one decimal; `one_visit` counts items with at most one visit.",
        security: [],
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      return statsJson(await serviceStats(deps, site.id));
    },
  );

  app.get(
    "/api/v1/services/reports",
    {
      schema: {
        tags,
        operationId: "listServiceReports",
        summary: "The published 互联网+政务服务 implementation reports, newest period first",
        security: [],
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      const rows = await rrepo.listReports(deps.db.kysely, site.id, false);
      return {
        items: rows.map((r) => {
          const { body: _b, figures: _f, ...rest } = reportJson(r);
          return rest;
        }),
      };
    },
  );

  app.get(
    "/api/v1/services/reports/:id",
    {
      schema: {
        tags,
        operationId: "getServiceReport",
        summary: "One implementation report with its figures (frozen when it was published)",
        description: "A draft answers 404 unless asked by staff who view services at the site root.",
        security: [],
        params: IdParams,
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      return reportJson(await findReadableReport(deps, site.id, req.params.id, req.user ?? null));
    },
  );

  app.post(
    "/api/v1/services/reports",
    {
      schema: {
        tags,
        operationId: "postServiceReport",
        summary: "Draft an implementation report (the office at the site root); its figures are taken now",
        description: "One report per year or quarter (report_period_taken).",
        body: ReportBody,
      },
    },
    async (req, reply) =>
      reply.status(201).send(reportJson(await createReport(deps, requireUser(req), req.body))),
  );

  app.patch(
    "/api/v1/services/reports/:id",
    {
      schema: {
        tags,
        operationId: "patchServiceReport",
        summary: "Edit a draft report; its figures are taken again from the statistics now",
        description: "409 report_published once published: its text and figures no longer change.",
        params: IdParams,
        body: ReportBody,
      },
    },
    async (req) => reportJson(await updateReport(deps, requireUser(req), req.params.id, req.body)),
  );

  app.post(
    "/api/v1/services/reports/:id/publish",
    {
      schema: {
        tags,
        operationId: "postServiceReportPublish",
        summary: "Publish a draft report as it stands (its figures frozen from now on)",
        params: IdParams,
      },
    },
    async (req) => reportJson(await publishReport(deps, requireUser(req), req.params.id)),
  );
}
