// JSON API of the public archive: staff publish / withdraw / list; everyone reads the published entries.
import { type Static, Type } from "@sinclair/typebox";
import type { Deps } from "../../../deps";
import { requireUser } from "../../../web/auth";
import type { AppInstance } from "../../../web/types";
import { resolvePublicSite } from "../../orgs";
import {
  type ArchiveRow,
  listArchiveForStaff,
  listPublicArchive,
  MAX_REASON,
  MAX_SUMMARY,
  OUTCOME_GROUPS,
  presentPublic,
  publishArchive,
  withdrawArchive,
} from "./archive.service";

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });

export const PublicEntryJson = Type.Object({
  id: Type.String(),
  summary: Type.String({ description: "the request, de-identified and edited by the office" }),
  reply_summary: Type.Union([Type.String(), Type.Null()]),
  applicant_type: Type.String({ description: "natural | org; nothing else about the applicant is public" }),
  applicant_type_label: Type.String(),
  received_on: Type.Union([Type.String(), Type.Null()]),
  replied_on: Type.String(),
  outcome: Type.String(),
  outcome_label: Type.String({ description: "as table 三 of the annual report words it" }),
  org_name: Type.String({ description: "the replying organisation" }),
  published_at: Type.String(),
});

const StaffEntryJson = Type.Intersect([
  PublicEntryJson,
  Type.Object({
    application_id: Type.String(),
    status: Type.Union([Type.Literal("published"), Type.Literal("withdrawn")]),
    withdrawn_at: Type.Union([Type.String(), Type.Null()]),
    withdraw_reason: Type.Union([Type.String(), Type.Null()]),
  }),
]);

const presentStaff = (r: ArchiveRow): Static<typeof StaffEntryJson> => ({
  ...presentPublic(r),
  application_id: r.application_id,
  status: r.status as "published" | "withdrawn",
  withdrawn_at: r.withdrawn_at,
  withdraw_reason: r.withdraw_reason,
});

export function registerArchiveApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/applications/archive",
    {
      schema: {
        tags: ["applications"],
        summary: "Staff: every entry of the public archive of answered applications (申请公开答复选登)",
        security: [{ bearer: [] }],
        querystring: Type.Object({
          status: Type.Optional(Type.Union([Type.Literal("published"), Type.Literal("withdrawn")])),
        }),
        response: { 200: Type.Object({ items: Type.Array(StaffEntryJson) }) },
      },
    },
    async (req) => ({
      items: (await listArchiveForStaff(deps, requireUser(req), { status: req.query.status })).map(
        presentStaff,
      ),
    }),
  );

  app.post(
    "/api/v1/applications/:id/archive",
    {
      schema: {
        tags: ["applications"],
        summary: "Publish (or edit, or publish again) a replied application in the public archive",
        description:
          "Handlers only. 409 application_not_replied unless replied. The texts are rescanned by the review engine: 422 personal_information_found, with one detail per finding (kind and masked form), while any personal information (ID, phone, e-mail, bank card, passport or permit number, name, address, plate) remains. Only the applicant's type is published.",
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Object(
          {
            summary: Type.String({ minLength: 1, maxLength: MAX_SUMMARY }),
            reply_summary: Type.Optional(Type.Union([Type.String({ maxLength: MAX_SUMMARY }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 200: StaffEntryJson },
      },
    },
    async (req) => presentStaff(await publishArchive(deps, requireUser(req), req.params.id, req.body)),
  );

  app.delete(
    "/api/v1/applications/:id/archive",
    {
      schema: {
        tags: ["applications"],
        summary: "Withdraw an application's entry from the public archive, with a reason",
        description: "Handlers only. 409 archive_not_published when there is no published entry.",
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: MAX_REASON }) },
          { additionalProperties: false },
        ),
        response: { 200: StaffEntryJson },
      },
    },
    async (req) =>
      presentStaff(await withdrawArchive(deps, requireUser(req), req.params.id, req.body.reason)),
  );

  app.get(
    "/api/v1/public/archive",
    {
      schema: {
        tags: ["applications"],
        summary: "Public: the published entries of the archive of answered applications, newest reply first",
        querystring: Type.Object({
          year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
          outcome: Type.Optional(Type.Union(OUTCOME_GROUPS.map((g) => Type.Literal(g)))),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(PublicEntryJson),
            total: Type.Integer(),
            page: Type.Integer(),
            pages: Type.Integer(),
          }),
        },
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      return listPublicArchive(deps, site.id, req.query);
    },
  );
}
