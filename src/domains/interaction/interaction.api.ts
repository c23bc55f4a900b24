import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { unauthorized } from "../../platform/errors";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { resolvePublicSite } from "../orgs";
import {
  DeadlinesBody,
  ErrorReportBody,
  ListQuery,
  MessageActionBody,
  MessageBody,
  RatingBody,
  TrackingResult,
  TrackQuery,
} from "./interaction.schemas";
import { getMessageDeadlines, setMessageDeadlines } from "./messages.deadlines";
import { createErrorReport, createMessage, trackMessage } from "./messages.service";
import { errorReportStats, getMessageForStaff, listMessages } from "./messages.staff";
import { actOnMessage, rateMessage } from "./messages.workflow";

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const TAGS = ["interaction"];
const date = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });

export function registerInteractionApi(app: AppInstance, deps: Deps): void {
  app.post(
    "/api/v1/messages",
    {
      // Abuse control for the public form's API, as for new applications; staff registering calls and
      // letters with their token count against the API's class, not the public hourly budget.
      config: { clientLimit: "submissions", staffLimit: "api" },
      schema: {
        tags: TAGS,
        summary:
          "Leave a message (public, no token; 咨询/建议/投诉/求助), or with a staff token register a call, letter or visit (channel, on)",
        security: [{}, { bearerAuth: [] }],
        body: MessageBody,
        response: {
          201: Type.Object({ id: Type.String(), tracking_code: Type.String(), secret: Type.String() }),
        },
      },
    },
    async (req, reply) => {
      if (req.body.channel && !req.user)
        throw unauthorized("登记来电、来信和来访留言须使用工作人员的 API 令牌。");
      const site = req.user ? undefined : await resolvePublicSite(deps, req);
      const created = await createMessage(deps, req.body, { siteId: site?.id, user: req.user ?? undefined });
      return reply.status(201).send(created);
    },
  );

  app.get(
    "/api/v1/messages/track",
    {
      config: { clientLimit: "track" },
      schema: {
        tags: TAGS,
        summary: "The asker's status page data: status, due date, every public step and the answer",
        security: [],
        querystring: TrackQuery,
      },
    },
    async (req) => trackMessage(deps, req.query.code, req.query.secret),
  );

  app.post(
    "/api/v1/messages/:id/rating",
    {
      config: { clientLimit: "track" },
      schema: {
        tags: TAGS,
        summary:
          "The asker rates the answer (id or tracking code, with code and secret); a follow-up (once) reopens it",
        security: [],
        params: IdParams,
        body: RatingBody,
      },
    },
    async (req) => rateMessage(deps, req.params.id, req.body),
  );

  app.post(
    "/api/v1/error-reports",
    {
      config: { clientLimit: "submissions" },
      schema: {
        tags: TAGS,
        summary: "我为政府网站找错: report an error on a page of the site (public, no token)",
        security: [],
        body: ErrorReportBody,
        response: { 201: TrackingResult },
      },
    },
    async (req, reply) => {
      const site = await resolvePublicSite(deps, req);
      const { tracking_code, secret } = await createErrorReport(deps, req.body, site.id);
      return reply.status(201).send({ tracking_code, secret });
    },
  );

  app.get(
    "/api/v1/messages",
    {
      schema: {
        tags: TAGS,
        summary:
          "Messages the user may see, newest first (20 a page); by tracking code, status, type, organisation, overdue",
        security: [{ bearerAuth: [] }],
        querystring: ListQuery,
      },
    },
    async (req) =>
      listMessages(deps, requireUser(req), {
        trackingCode: req.query.tracking_code,
        status: req.query.status,
        type: req.query.type,
        org: req.query.org,
        overdue: req.query.overdue,
        channel: req.query.channel,
        page: req.query.page,
      }),
  );

  app.get(
    "/api/v1/messages/:id",
    {
      schema: {
        tags: TAGS,
        summary: "One message with its clock, steps and the actions the user may take",
        security: [{ bearerAuth: [] }],
        params: IdParams,
      },
    },
    async (req) => getMessageForStaff(deps, requireUser(req), req.params.id),
  );

  app.post(
    "/api/v1/messages/:id/actions",
    {
      schema: {
        tags: TAGS,
        summary:
          "A handling step: accept, reject, transfer, return, draft_reply, approve_reply, publish, make_private",
        security: [{ bearerAuth: [] }],
        params: IdParams,
        body: MessageActionBody,
      },
    },
    async (req) => {
      const user = requireUser(req);
      await actOnMessage(deps, user, req.params.id, req.body);
      return getMessageForStaff(deps, user, req.params.id);
    },
  );

  app.get(
    "/api/v1/messages/error-report-stats",
    {
      schema: {
        tags: TAGS,
        summary: "Error reports by kind: received, open, answered, overdue (received in the range)",
        security: [{ bearerAuth: [] }],
        querystring: Type.Object({ from: Type.Optional(date), to: Type.Optional(date) }),
      },
    },
    async (req) => errorReportStats(deps, requireUser(req), req.query),
  );

  app.get(
    "/api/v1/sites/current/message-deadlines",
    {
      schema: {
        tags: TAGS,
        summary: "The site's answer limits per message type, in working days",
        security: [{ bearerAuth: [] }],
        response: { 200: DeadlinesBody },
      },
    },
    async (req) => getMessageDeadlines(deps, requireUser(req)),
  );

  app.put(
    "/api/v1/sites/current/message-deadlines",
    {
      schema: {
        tags: TAGS,
        summary:
          "Set the site's answer limits per message type (the office); messages received later use them",
        security: [{ bearerAuth: [] }],
        body: DeadlinesBody,
        response: { 200: DeadlinesBody },
      },
    },
    async (req) => setMessageDeadlines(deps, requireUser(req), req.body),
  );
}
