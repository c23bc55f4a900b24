// /api/v1/gazette (issue 16): the public list of released issues (CONTRACT.md) and an issue in full; staff
// compile issues (documents, order, categories), take the workflow steps and publish corrections with a bearer
// token. Error responses (400, 401, 403, 404, 409, 429 in the one error shape) are added to every operation by
// src/web/openapi.ts.
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import type { CurrentUser } from "../accounts";
import { loadOrgTree, resolvePublicSite } from "../orgs";
import { correctIssue } from "./gazette.corrections";
import { issueNotFound, mayActOnIssue, mayViewIssue } from "./gazette.policy";
import { issueJson, issueListJson, loadIssueView } from "./gazette.present";
import * as repo from "./gazette.repo";
import {
  ActionBody,
  CandidatesJson,
  CorrectionBody,
  CorrectionCreatedJson,
  CreateIssueBody,
  IdParams,
  IssueJson,
  IssueListJson,
  StaffIssueListJson,
  UpdateIssueBody,
  YearQuery,
} from "./gazette.schemas";
import { correctionAnchor, issueUrl } from "./gazette.search";
import {
  createIssue,
  findPublicIssue,
  listCandidates,
  listForStaff,
  offeredSteps,
  performStep,
  updateIssue,
} from "./gazette.service";

const tags = ["gazette"];

async function staffJson(deps: Deps, user: CurrentUser, row: repo.IssueRow) {
  const tree = await loadOrgTree(deps, user.siteId);
  const view = await loadIssueView(deps.db.kysely, row);
  return {
    ...issueJson(view),
    staff: {
      actions: offeredSteps(user, row, tree, view.entries.length),
      editable: row.status === "draft" && mayActOnIssue(user, "gazette.compile", row, tree),
      admin_url: `/admin/gazette/${row.id}`,
    },
  };
}

export function registerGazetteApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/gazette/issues",
    {
      schema: {
        tags,
        operationId: "listGazetteIssues",
        summary: "Released issues of the gazette (政府公报), latest first; every issue since the first",
        description:
          "Each with its numbers (年第N期, 总第M期), the date of publication, its page, and the authoritative PDF with its SHA-256 (also found by GET /api/v1/verify).",
        security: [],
        querystring: YearQuery,
        response: { 200: IssueListJson },
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      const { rows } = await repo.listIssues(deps.db.kysely, {
        siteId: site.id,
        statuses: ["released"],
        ...(req.query.year ? { year: req.query.year } : {}),
      });
      return { items: rows.map(issueListJson) };
    },
  );

  app.get(
    "/api/v1/gazette/issues/:id",
    {
      schema: {
        tags,
        operationId: "getGazetteIssue",
        summary: "An issue in full: table of contents by category, documents, corrections",
        description:
          "A draft answers 404 to the public. With a token (or session) of staff who may see the gazette, drafts are answered too, with a `staff` part: the steps they may take and whether they may edit it.",
        security: [],
        params: IdParams,
        response: { 200: IssueJson },
      },
    },
    async (req) => {
      if (req.user) {
        const row = await repo.findIssue(deps.db.kysely, req.params.id);
        const tree = await loadOrgTree(deps, req.user.siteId);
        if (row && mayViewIssue(req.user, row, tree)) return staffJson(deps, req.user, row);
      }
      const site = await resolvePublicSite(deps, req);
      const row = await findPublicIssue(deps.db.kysely, site.id, req.params.id);
      if (!row) throw issueNotFound();
      return issueJson(await loadIssueView(deps.db.kysely, row));
    },
  );

  app.get(
    "/api/v1/gazette/staff/issues",
    {
      schema: {
        tags,
        operationId: "listGazetteIssuesForStaff",
        summary: "Every issue of the site, drafts too, latest first (the office, reviewers, inspectors)",
        response: { 200: StaffIssueListJson },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { rows, total } = await listForStaff(deps, user, 1, 200);
      return { total, items: await Promise.all(rows.map((r) => staffJson(deps, user, r))) };
    },
  );

  app.get(
    "/api/v1/gazette/candidates",
    {
      schema: {
        tags,
        operationId: "listGazetteCandidates",
        summary:
          "Published 规章 and 规范性文件 of the county government and its departments not yet in a released issue",
        response: { 200: CandidatesJson },
      },
    },
    async (req) => ({ items: await listCandidates(deps, requireUser(req)) }),
  );

  app.post(
    "/api/v1/gazette/issues",
    {
      schema: {
        tags,
        operationId: "postGazetteIssue",
        summary: "Start an issue as a draft with its documents in order (the office at the site root)",
        description:
          "Every problem is named at once (400): a document not published, not a 规章/规范性文件, not of the county government or its departments (never a higher level's), listed twice, or already in another issue.",
        body: CreateIssueBody,
        response: { 201: IssueJson },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const row = await createIssue(deps, user, req.body);
      return reply.status(201).send(await staffJson(deps, user, row));
    },
  );

  app.patch(
    "/api/v1/gazette/issues/:id",
    {
      schema: {
        tags,
        operationId: "patchGazetteIssue",
        summary: "Change a draft: its documents (replaced as a whole, in order), year or note",
        description: "409 issue_locked once submitted.",
        params: IdParams,
        body: UpdateIssueBody,
        response: { 200: IssueJson },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return staffJson(deps, user, await updateIssue(deps, user, req.params.id, req.body));
    },
  );

  app.post(
    "/api/v1/gazette/issues/:id/actions",
    {
      schema: {
        tags,
        operationId: "postGazetteIssueAction",
        summary: "Take a workflow step: submit return review release",
        description:
          "review needs someone other than the submitter (409 step_refused, four_eyes). release numbers the issue (年第N期, 总第M期) under the site's lock, generates and stores the PDF and publishes its SHA-256; a document withdrawn since it was compiled refuses the release (409).",
        params: IdParams,
        body: ActionBody,
        response: { 200: IssueJson },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return staffJson(deps, user, await performStep(deps, user, req.params.id, req.body));
    },
  );

  app.post(
    "/api/v1/gazette/issues/:id/corrections",
    {
      schema: {
        tags,
        operationId: "postGazetteCorrection",
        summary: "Publish a correction notice (更正) of a released issue or one of its documents",
        description:
          "The notice and the corrected document link to each other on the issue's page; the PDF is never changed.",
        params: IdParams,
        body: CorrectionBody,
        response: { 201: CorrectionCreatedJson },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const c = await correctIssue(deps, user, req.params.id, req.body);
      const view = await loadIssueView(deps.db.kysely, (await repo.findIssue(deps.db.kysely, c.issue_id))!);
      const pos = view.entries.find((e) => e.id === c.entry_id)?.position;
      return reply.status(201).send({
        id: c.id,
        published_on: c.published_on,
        text: c.text,
        document_id: c.entry_id,
        url: `${issueUrl(c.issue_id)}#${correctionAnchor(c.id)}`,
        corrects_url: pos ? `${issueUrl(c.issue_id)}#doc-${pos}` : issueUrl(c.issue_id),
      });
    },
  );
}
