// /api/v1/consultations (issue 13 item 5): the public list, page data and comments without a token; staff open
// consultations and take workflow steps with a bearer token. Error responses (400, 401, 403, 404, 409, 429 in
// the one error shape) are added to every operation by src/web/openapi.ts.

import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import type { CurrentUser } from "../accounts";
import { loadOrgTree, resolvePublicSite } from "../orgs";
import { submitComment } from "./consultation.comments";
import { consultationNotFound, mayActOn, mayViewConsultation } from "./consultation.policy";
import { loadPublicView, pageOf, publicJson, publicList } from "./consultation.present";
import * as repo from "./consultation.repo";
import {
  CommentBody,
  CommentCreatedJson,
  ConsultationActionBody,
  ConsultationJson,
  ConsultationListJson,
  CreateConsultationBody,
  IdParams,
  ListQuerystring,
  UpdateConsultationBody,
} from "./consultation.schemas";
import {
  createConsultation,
  findPublic,
  offeredSteps,
  performStep,
  todayOf,
  updateDraft,
} from "./consultation.service";

const tags = ["consultation"];

/** What staff get back from a create or a step: the row as it now stands (drafts are not public). */
const StaffJson = Type.Object({
  id: Type.String(),
  status: Type.String(),
  title: Type.String(),
  major: Type.Boolean(),
  start_on: Type.String(),
  end_on: Type.String(),
  short_reason: Type.Union([Type.String(), Type.Null()]),
  final_item_id: Type.Union([Type.String(), Type.Null()]),
  url: Type.String({ description: "The back-office page." }),
});

const staffJson = (r: repo.ConsultationRow) => ({
  id: r.id,
  status: r.status,
  title: r.title,
  major: r.major === 1,
  start_on: r.start_on,
  end_on: r.end_on,
  short_reason: r.short_reason,
  final_item_id: r.final_item_id,
  url: `/admin/consultations/${r.id}`,
});

/** The consultation as staff who may see it get it (drafts too), or undefined: then as the public does. */
async function staffView(deps: Deps, user: CurrentUser, id: string) {
  const row = await repo.findConsultation(deps.db.kysely, id);
  if (!row) return undefined;
  const tree = await loadOrgTree(deps, user.siteId);
  if (!mayViewConsultation(user, row, tree)) return undefined;
  const comments = await repo.listComments(deps.db.kysely, row.id);
  return {
    row,
    json: {
      admin_url: `/admin/consultations/${row.id}`,
      actions: offeredSteps(user, { row, today: todayOf(deps), comments }, tree),
      editable: row.status === "draft" && mayActOn(user, "consultation.draft", row, tree),
      pending_comments: comments.filter((c) => c.status === "pending").length,
      report_summary: row.report_summary,
    },
  };
}

export function registerConsultationApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/consultations",
    {
      schema: {
        tags,
        operationId: "listConsultations",
        summary: "Published consultations (open and closed), newest period first, 20 a page",
        security: [],
        querystring: ListQuerystring,
        response: { 200: ConsultationListJson },
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      const r = await publicList(deps, site.id, pageOf(req.query.page));
      return { total: r.total, page: r.page, items: r.items };
    },
  );

  app.get(
    "/api/v1/consultations/:id",
    {
      schema: {
        tags,
        operationId: "getConsultation",
        summary: "A published consultation: draft, documents, period, approved comments, feedback report",
        description:
          "Comments are shown de-identified; a draft not yet approved by the office answers 404 to the public. With a token (or session) of staff who may see it, drafts are answered too, with a `staff` part: the steps they may take, whether they may edit it, comments awaiting moderation and the saved feedback report.",
        security: [],
        params: IdParams,
        response: { 200: ConsultationJson },
      },
    },
    async (req) => {
      const staff = req.user ? await staffView(deps, req.user, req.params.id) : undefined;
      if (staff) return { ...publicJson(await loadPublicView(deps, staff.row)), staff: staff.json };
      const site = await resolvePublicSite(deps, req);
      const row = await findPublic(deps.db.kysely, site.id, req.params.id);
      if (!row) throw consultationNotFound();
      return publicJson(await loadPublicView(deps, row));
    },
  );

  app.post(
    "/api/v1/consultations/:id/comments",
    {
      schema: {
        tags,
        operationId: "postConsultationComment",
        summary: "Send a comment while the consultation is open (no login)",
        description:
          "Name, phone and e-mail are optional; phone and e-mail are stored encrypted and never shown. The comment is shown de-identified once the drafting department approves it. After the last day: 409 consultation_closed.",
        security: [],
        params: IdParams,
        body: CommentBody,
        response: { 201: CommentCreatedJson },
      },
      config: { clientLimit: "submissions" },
    },
    async (req, reply) => {
      const site = await resolvePublicSite(deps, req);
      const r = await submitComment(deps, site.id, req.params.id, req.body);
      return reply.status(201).send({ number: r.number, status: "pending" });
    },
  );

  app.post(
    "/api/v1/consultations",
    {
      schema: {
        tags,
        operationId: "postConsultation",
        summary: "Open a consultation as a draft of the drafting department (clerk)",
        description:
          "A major decision's period must be at least 30 days (the first day not counted) unless `short_reason` says why (RULES.md §13, art. 15). The office approves it with the `approve` action.",
        body: CreateConsultationBody,
        response: { 201: StaffJson },
      },
    },
    async (req, reply) => {
      const row = await createConsultation(deps, requireUser(req), req.body);
      return reply.status(201).send(staffJson(row));
    },
  );

  app.patch(
    "/api/v1/consultations/:id",
    {
      schema: {
        tags,
        operationId: "patchConsultation",
        summary: "Edit a draft (drafting department): title, text, decision type, period",
        description:
          "Only while a draft: once submitted for approval or opened, 409 consultation_not_editable. The period is checked as when created (a start date kept as it was may lie in the past).",
        params: IdParams,
        body: UpdateConsultationBody,
        response: { 200: StaffJson },
      },
    },
    async (req) => staffJson(await updateDraft(deps, requireUser(req), req.params.id, req.body)),
  );

  app.post(
    "/api/v1/consultations/:id/actions",
    {
      schema: {
        tags,
        operationId: "postConsultationAction",
        summary:
          "Take a workflow step: submit approve reject close submit_report approve_report reject_report link_policy",
        params: IdParams,
        body: ConsultationActionBody,
        response: { 200: StaffJson },
      },
    },
    async (req) => staffJson(await performStep(deps, requireUser(req), req.params.id, req.body)),
  );
}
