import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { resolvePublicSite } from "../orgs";
import { ApplicationActionBody, ApplyBody, IntakeBody, STATUSES } from "./applications.schemas";
import {
  DISPUTE_KINDS,
  DISPUTE_RESULTS,
  getApplicationForStaff,
  intakeApplication,
  listApplicationsForStaff,
  recordDispute,
  submitOnline,
  trackApplication,
} from "./applications.service";
import { performApplicationAction } from "./applications.workflow";

/** Room for three 5 MB attachments in base64 (see AttachmentSchema) and the rest of the application. */
const API_BODY_LIMIT = 22 * 1024 * 1024;

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });

export function registerApplicationsApi(app: AppInstance, deps: Deps): void {
  app.post(
    "/api/v1/applications",
    {
      // Abuse control for the public endpoint: a handful per address per hour is plenty for a person.
      config: { clientLimit: "applications" },
      bodyLimit: API_BODY_LIMIT,
      schema: {
        tags: ["applications"],
        summary: "Apply for government information (public, no token); returns the tracking code and secret",
        body: ApplyBody,
        response: { 201: Type.Object({ tracking_code: Type.String(), secret: Type.String() }) },
      },
    },
    async (req, reply) => {
      const site = await resolvePublicSite(deps, req);
      const { row, secret } = await submitOnline(deps, req.body, undefined, site.id);
      return reply.status(201).send({ tracking_code: row.tracking_code, secret });
    },
  );

  app.get(
    "/api/v1/applications/track",
    {
      config: { clientLimit: "track" },
      schema: {
        tags: ["applications"],
        summary: "The applicant's status page data: status, dates and every public step",
        querystring: Type.Object({
          code: Type.String({ minLength: 1, maxLength: 40 }),
          secret: Type.String({ minLength: 1, maxLength: 40 }),
        }),
      },
    },
    async (req) => trackApplication(deps, req.query.code, req.query.secret),
  );

  app.post(
    "/api/v1/applications/intake",
    {
      bodyLimit: API_BODY_LIMIT,
      schema: {
        tags: ["applications"],
        summary:
          "Register a letter, registered post, fax, e-mail or in-person application with its Art. 31 receipt date",
        security: [{ bearer: [] }],
        body: IntakeBody,
        response: {
          201: Type.Object({ id: Type.String(), tracking_code: Type.String(), secret: Type.String() }),
        },
      },
    },
    async (req, reply) => {
      const { row, secret } = await intakeApplication(deps, requireUser(req), req.body);
      return reply.status(201).send({ id: row.id, tracking_code: row.tracking_code, secret });
    },
  );

  app.get(
    "/api/v1/applications",
    {
      schema: {
        tags: ["applications"],
        summary:
          "Applications, newest first, 200 a call (`next_cursor` when more follow: pass it as `cursor`); search by tracking code, status, applicant name or identity number",
        security: [{ bearer: [] }],
        querystring: Type.Object({
          tracking_code: Type.Optional(Type.String({ maxLength: 40 })),
          status: Type.Optional(Type.Union(STATUSES.map((s) => Type.Literal(s)))),
          applicant: Type.Optional(Type.String({ maxLength: 100 })),
          id_number: Type.Optional(Type.String({ maxLength: 40 })),
          cursor: Type.Optional(Type.String({ maxLength: 300 })),
        }),
      },
    },
    async (req) =>
      listApplicationsForStaff(deps, requireUser(req), {
        trackingCode: req.query.tracking_code,
        status: req.query.status,
        applicant: req.query.applicant,
        idNumber: req.query.id_number,
        cursor: req.query.cursor,
      }),
  );

  app.get(
    "/api/v1/applications/:id",
    {
      schema: {
        tags: ["applications"],
        summary: "One application with its clock and explanation",
        security: [{ bearer: [] }],
        params: IdParams,
      },
    },
    async (req) => getApplicationForStaff(deps, requireUser(req), req.params.id),
  );

  app.post(
    "/api/v1/applications/:id/actions",
    {
      schema: {
        tags: ["applications"],
        summary: "A handling step on the statutory clock (register, request_correction, …, reply)",
        security: [{ bearer: [] }],
        params: IdParams,
        body: ApplicationActionBody,
      },
    },
    async (req) => {
      const user = requireUser(req);
      await performApplicationAction(deps, user, req.params.id, req.body);
      return getApplicationForStaff(deps, user, req.params.id);
    },
  );

  app.post(
    "/api/v1/applications/:id/disputes",
    {
      schema: {
        tags: ["applications"],
        summary: "Record an administrative review or lawsuit against the reply, and its result (table 四)",
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Object(
          {
            kind: Type.Union(DISPUTE_KINDS.map((k) => Type.Literal(k))),
            filed_on: Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" }),
            result: Type.Union(DISPUTE_RESULTS.map((k) => Type.Literal(k))),
            decided_on: Type.Optional(Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" })),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordDispute(deps, requireUser(req), req.params.id, req.body)),
  );
}
