// The assessment (考核) and accountability (问责) JSON API for staff tokens.
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import type { CurrentUser } from "../accounts";
import { listSites } from "../orgs";
import {
  type AccountabilityView as AccountabilityViewData,
  createAccountability,
  getAccountability,
  listAccountabilityForUser,
  recordRectification,
} from "./accountability.service";
import {
  addDefaultIndicators,
  createIndicator,
  enterManualValue,
  listIndicatorsForUser,
  saveDeductions,
  updateIndicatorForUser,
} from "./assessment.config";
import { getOrgRunView, getRunView, listRunsForUser, summaryOf } from "./assessment.present";
import { finaliseRun, runAssessment } from "./assessment.runs";
import * as s from "./assessment.schemas";
import { buildEvidenceWorkbook, buildRankingWorkbook } from "./assessment.xlsx";

const TAGS = ["assessment"];
const ACC_TAGS = ["accountability"];
const BEARER = [{ bearerAuth: [] }];
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const siteName = async (deps: Deps, user: CurrentUser) =>
  (await listSites(deps)).find((x) => x.id === user.siteId)?.name ?? "";

export async function sendRankingWorkbook(deps: Deps, user: CurrentUser, id: string, reply: FastifyReply) {
  const run = await getRunView(deps, user, id);
  const body = await buildRankingWorkbook(await siteName(deps, user), run, deps.clock.now());
  return sendXlsx(reply, body, "assessment-ranking.xlsx", `考核排名-${run.period}.xlsx`);
}

export async function sendEvidenceWorkbook(
  deps: Deps,
  user: CurrentUser,
  id: string,
  org: string,
  origin: string,
  reply: FastifyReply,
) {
  const view = await getOrgRunView(deps, user, id, org);
  const body = await buildEvidenceWorkbook(await siteName(deps, user), view, origin, deps.clock.now());
  return sendXlsx(
    reply,
    body,
    "assessment-evidence.xlsx",
    `考核依据-${view.run.period}-${view.org.name}.xlsx`,
  );
}

function sendXlsx(reply: FastifyReply, body: Buffer, ascii: string, name: string) {
  return reply
    .header("content-type", XLSX)
    .header(
      "content-disposition",
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .header("cache-control", "no-store")
    .send(body);
}

const toJson = (v: AccountabilityViewData) => ({
  id: v.id,
  site_id: v.site_id,
  org_id: v.org_id,
  org_name: v.org_name,
  kind: v.kind,
  kind_label: v.kind_label,
  reason: v.reason,
  decided_on: v.decided_on,
  rectify_by: v.rectify_by,
  status: v.status,
  status_label: v.status_label,
  rectification: v.rectification,
  rectified_on: v.rectified_on,
  overdue: v.overdue,
  created_by_label: v.created_by_label,
  created_at: v.created_at,
  updated_at: v.updated_at,
  subjects: v.subjects,
});

export function registerAssessmentApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/assessment/indicators",
    {
      schema: {
        tags: TAGS,
        operationId: "listAssessmentIndicators",
        summary:
          "The site's assessment indicators (考核指标), the computed indicators available to add, and the deductions per accountability record",
        security: BEARER,
        response: { 200: s.IndicatorList },
      },
    },
    async (req) => listIndicatorsForUser(deps, requireUser(req)),
  );

  app.post(
    "/api/v1/assessment/indicators",
    {
      schema: {
        tags: TAGS,
        operationId: "createAssessmentIndicator",
        summary:
          "Add an indicator (the office at the site root): computed from a registered key, or entered by hand",
        security: BEARER,
        body: s.IndicatorBody,
        response: { 201: s.IndicatorView },
      },
    },
    async (req, reply) => reply.status(201).send(await createIndicator(deps, requireUser(req), req.body)),
  );

  app.post(
    "/api/v1/assessment/indicators/defaults",
    {
      schema: {
        tags: TAGS,
        operationId: "addDefaultAssessmentIndicators",
        summary:
          "Add every registered computed indicator the site does not have yet (yearly, departments and towns)",
        security: BEARER,
        response: { 200: Type.Object({ items: Type.Array(s.IndicatorView) }) },
      },
    },
    async (req) => ({ items: await addDefaultIndicators(deps, requireUser(req)) }),
  );

  app.patch(
    "/api/v1/assessment/indicators/:id",
    {
      schema: {
        tags: TAGS,
        operationId: "updateAssessmentIndicator",
        summary: "Change an indicator's name, points, period, organisations, order, or switch it off",
        security: BEARER,
        params: s.IdParams,
        body: s.IndicatorPatch,
        response: { 200: s.IndicatorView },
      },
    },
    async (req) => updateIndicatorForUser(deps, requireUser(req), req.params.id, req.body),
  );

  app.put(
    "/api/v1/assessment/indicators/:id/values",
    {
      schema: {
        tags: TAGS,
        operationId: "putAssessmentManualValue",
        summary:
          "Enter an organisation's points on a hand-entered indicator for a period, with the grounds (409 once the period is finalised)",
        security: BEARER,
        params: s.IdParams,
        body: s.ManualBody,
        response: {
          200: Type.Object({
            indicator: Type.String(),
            period: Type.String(),
            org: Type.String(),
            points: Type.Number(),
            note: Type.String(),
          }),
        },
      },
    },
    async (req) => enterManualValue(deps, requireUser(req), req.params.id, req.body),
  );

  app.put(
    "/api/v1/assessment/deductions",
    {
      schema: {
        tags: TAGS,
        operationId: "putAssessmentDeductions",
        summary: "Set the points deducted per 通报批评 and per 约谈整改 decided within the assessed period",
        security: BEARER,
        body: s.Deductions,
        response: { 200: s.Deductions },
      },
    },
    async (req) => saveDeductions(deps, requireUser(req), req.body),
  );

  app.get(
    "/api/v1/assessment/runs",
    {
      schema: {
        tags: TAGS,
        operationId: "listAssessmentRuns",
        summary: "Every assessment run of the site, newest first (the history)",
        security: BEARER,
        response: { 200: s.RunList },
      },
    },
    async (req) => ({ items: await listRunsForUser(deps, requireUser(req)) }),
  );

  app.post(
    "/api/v1/assessment/runs",
    {
      schema: {
        tags: TAGS,
        operationId: "createAssessmentRun",
        summary:
          "Run the assessment of a period (a new version of it; 409 once the period is finalised): scores with evidence, deductions, ranking",
        security: BEARER,
        body: s.RunBody,
        response: { 201: s.RunView },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const id = await runAssessment(deps, user, req.body.period);
      return reply.status(201).send(await getRunView(deps, user, id));
    },
  );

  app.get(
    "/api/v1/assessment/runs/:id",
    {
      schema: {
        tags: TAGS,
        operationId: "getAssessmentRun",
        summary: "A run's ranking: each organisation's points per indicator, deductions, total and rank",
        security: BEARER,
        params: s.IdParams,
        response: { 200: s.RunView },
      },
    },
    async (req) => getRunView(deps, requireUser(req), req.params.id),
  );

  app.get(
    "/api/v1/assessment/runs/:id/orgs/:org",
    {
      schema: {
        tags: TAGS,
        operationId: "getAssessmentRunOrg",
        summary:
          "One organisation's scores in a run (by id or code), each with the records it counted (evidence)",
        security: BEARER,
        params: s.RunOrgParams,
        response: { 200: s.OrgRunView },
      },
    },
    async (req) => getOrgRunView(deps, requireUser(req), req.params.id, req.params.org),
  );

  app.post(
    "/api/v1/assessment/runs/:id/finalise",
    {
      schema: {
        tags: TAGS,
        operationId: "finaliseAssessmentRun",
        summary:
          "Finalise a run (确定考核结果): only the period's latest draft; afterwards the period is neither re-run nor its hand-entered values changed",
        security: BEARER,
        params: s.IdParams,
        response: { 200: s.RunSummary },
      },
    },
    async (req) => summaryOf(await finaliseRun(deps, requireUser(req), req.params.id)),
  );

  app.get(
    "/api/v1/assessment/runs/:id/ranking.xlsx",
    {
      schema: {
        tags: TAGS,
        operationId: "getAssessmentRankingWorkbook",
        summary: "A run's ranking as an Excel workbook",
        security: BEARER,
        params: s.IdParams,
        produces: [XLSX],
      },
    },
    async (req, reply) => sendRankingWorkbook(deps, requireUser(req), req.params.id, reply),
  );

  app.get(
    "/api/v1/assessment/runs/:id/orgs/:org/evidence.xlsx",
    {
      schema: {
        tags: TAGS,
        operationId: "getAssessmentEvidenceWorkbook",
        summary: "One organisation's scores and every record counted, as an Excel workbook",
        security: BEARER,
        params: s.RunOrgParams,
        produces: [XLSX],
      },
    },
    async (req, reply) =>
      sendEvidenceWorkbook(deps, requireUser(req), req.params.id, req.params.org, "", reply),
  );

  // ---------- accountability ----------

  app.get(
    "/api/v1/accountability",
    {
      schema: {
        tags: ACC_TAGS,
        operationId: "listAccountabilityRecords",
        summary:
          "Accountability records (通报批评, 约谈整改) of the organisations the token's user may see, newest first; filter by organisation, kind, status or a linked case",
        security: BEARER,
        querystring: s.AccountabilityQuery,
        response: { 200: Type.Object({ items: Type.Array(s.AccountabilityView) }) },
      },
    },
    async (req) => ({
      items: (await listAccountabilityForUser(deps, requireUser(req), req.query)).map(toJson),
    }),
  );

  app.post(
    "/api/v1/accountability",
    {
      schema: {
        tags: ACC_TAGS,
        operationId: "createAccountabilityRecord",
        summary:
          "Record a 通报批评 or 约谈整改 against an organisation (the inspection office), with the cases behind it and the rectification deadline",
        security: BEARER,
        body: s.AccountabilityBody,
        response: { 201: s.AccountabilityView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toJson(await createAccountability(deps, requireUser(req), req.body))),
  );

  app.get(
    "/api/v1/accountability/:id",
    {
      schema: {
        tags: ACC_TAGS,
        operationId: "getAccountabilityRecord",
        summary: "One accountability record with its cases (links) and rectification",
        security: BEARER,
        params: s.IdParams,
        response: { 200: s.AccountabilityView },
      },
    },
    async (req) => toJson(await getAccountability(deps, requireUser(req), req.params.id)),
  );

  app.post(
    "/api/v1/accountability/:id/rectification",
    {
      schema: {
        tags: ACC_TAGS,
        operationId: "recordAccountabilityRectification",
        summary: "Record the rectification's outcome (整改情况), once (409 when already recorded)",
        security: BEARER,
        params: s.IdParams,
        body: s.RectifyBody,
        response: { 200: s.AccountabilityView },
      },
    },
    async (req) => toJson(await recordRectification(deps, requireUser(req), req.params.id, req.body)),
  );
}
