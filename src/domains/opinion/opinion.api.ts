// /api/v1/opinion (issue 17): warnings, the scan, cases with their steps, events, response and accountability,
// settings, keywords and feed imports; /api/v1/hotline/supervision: the 12345 figures and supervision notices.
// Staff only (bearer token). Error responses are added to every operation by src/web/openapi.ts.
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { actorOf } from "../accounts";
import { loadOrgTree } from "../orgs";
import {
  closeSupervision,
  hotlineFigures,
  issueSupervision,
  OUTCOME_LABELS,
  type Outcome,
} from "./hotline-supervision.service";
import { importFeed } from "./opinion.feeds";
import { authoriseSiteWide } from "./opinion.policy";
import { presentCase } from "./opinion.present";
import { draftResponse, holdToAccount } from "./opinion.response";
import { listWarningsFor, scanNow } from "./opinion.scan";
import {
  AccountabilityBody,
  CaseActionBody,
  CaseBody,
  CaseJson,
  EventBody,
  ResponseBody,
  SettingsBody,
  WarningJson,
} from "./opinion.schemas";
import {
  addCaseEvent,
  createCase,
  listCasesForStaff,
  loadCaseForStaff,
  performCaseStep,
} from "./opinion.service";
import { addKeyword, listKeywordsFor, removeKeyword, saveSettings, settingsOf } from "./opinion.settings";

const tags = ["opinion"];
const security = [{ bearerAuth: [] }];
const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) =>
  Type.Union([t, Type.Null()]);

const CaseListJson = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      status: Type.String(),
      level: Type.String(),
      category: Type.String(),
      org_id: Type.String(),
      discovered_at: Type.String(),
      warning_id: Nullable(Type.String()),
    }),
  ),
});

const SettingsJson = Type.Object({
  info_hours: Type.Integer(),
  press_hours: Type.Integer(),
  response_hours: Type.Integer(),
  window_hours: Type.Integer(),
  baseline_days: Type.Integer(),
  burst_ratio: Type.Integer(),
  burst_min: Type.Integer(),
});

const FeedBody = Type.Object(
  {
    filename: Type.String({
      maxLength: 200,
      description: "The file's name: .xml/.rss/.atom (RSS or Atom) or .csv",
    }),
    content: Type.String({ maxLength: 5_000_000, description: "The file's text (UTF-8)" }),
    source: Type.Optional(
      Type.String({ maxLength: 100, description: "Where the entries come from (default: the file name)" }),
    ),
  },
  { additionalProperties: false },
);

const FigureJson = Type.Object({
  org_id: Type.String(),
  org_name: Type.String(),
  dispatched: Type.Integer({ description: "tickets dispatched to the department (派单)" }),
  answered: Type.Integer(),
  answered_on_time: Type.Integer(),
  on_time_rate: Nullable(Type.Number()),
  overdue_open: Type.Integer(),
  callback: Type.Integer({ description: "tickets called back with a satisfaction (回访)" }),
  satisfied: Type.Integer(),
  basic: Type.Integer(),
  unsatisfied: Type.Integer(),
  satisfaction_rate: Nullable(Type.Number()),
  supervisions_open: Type.Integer(),
  supervisions_total: Type.Integer(),
});

const SupervisionJson = Type.Object({
  id: Type.String(),
  org_id: Type.String(),
  ticket_no: Nullable(Type.String()),
  subject: Type.String(),
  requirement: Type.String(),
  due_on: Type.String(),
  status: Type.String({ description: "open | closed" }),
  outcome: Nullable(Type.String()),
  closed_on: Nullable(Type.String()),
  created_at: Type.String(),
});

const SupervisionBody = Type.Object(
  {
    org: Type.String({ maxLength: 50, description: "the department's code" }),
    ticket_no: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
    subject: Type.String({ maxLength: 200 }),
    requirement: Type.String({ maxLength: 5000 }),
    due_on: Type.String({ maxLength: 10, description: "YYYY-MM-DD, not before today" }),
  },
  { additionalProperties: false },
);

const CloseBody = Type.Object(
  {
    outcome: Type.String({
      maxLength: 20,
      description: Object.entries(OUTCOME_LABELS)
        .map(([k, v]) => `${k} (${v})`)
        .join(" | "),
    }),
    text: Type.String({ maxLength: 5000 }),
  },
  { additionalProperties: false },
);

export function registerOpinionApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/opinion/warnings",
    {
      schema: {
        tags,
        operationId: "listOpinionWarnings",
        summary:
          "Early warnings raised from the county's own streams (keyword hits and bursts), newest first, each with its evidence and the draft case it opened",
        security,
        response: { 200: Type.Object({ items: Type.Array(WarningJson) }) },
      },
    },
    async (req) => ({ items: await listWarningsFor(deps, requireUser(req)) }),
  );

  app.post(
    "/api/v1/opinion/scan",
    {
      schema: {
        tags,
        operationId: "scanOpinion",
        summary:
          "Runs the early-warning pass now (as `gongkai opinion scan` and the daily job do); returns the warnings it raised",
        security,
        response: { 200: Type.Object({ items: Type.Array(WarningJson) }) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return { items: await scanNow(deps, user, actorOf(user)) };
    },
  );

  app.get(
    "/api/v1/opinion/cases",
    {
      schema: {
        tags,
        operationId: "listOpinionCases",
        summary: "Opinion cases the user may see (their organisations'), newest first",
        security,
        response: { 200: CaseListJson },
      },
    },
    async (req) => {
      const { rows } = await listCasesForStaff(deps, requireUser(req));
      return { items: rows };
    },
  );

  app.post(
    "/api/v1/opinion/cases",
    {
      schema: {
        tags,
        operationId: "createOpinionCase",
        summary:
          "Opens a case by hand (judged at once: level, category, first responsible unit); its clocks run from discovered_at",
        security,
        body: CaseBody,
        response: { 201: CaseJson },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const row = await createCase(deps, user, req.body);
      return reply.status(201).send(await presentCase(deps, row, await loadOrgTree(deps, user.siteId)));
    },
  );

  app.get(
    "/api/v1/opinion/cases/:id",
    {
      schema: {
        tags,
        operationId: "getOpinionCase",
        summary:
          "A case with its clocks (due, overdue, done), response, follow-ups, evaluation and accountability records",
        security,
        params: IdParams,
        response: { 200: CaseJson },
      },
    },
    async (req) => {
      const { row, tree } = await loadCaseForStaff(deps, requireUser(req), req.params.id);
      return presentCase(deps, row, tree);
    },
  );

  app.post(
    "/api/v1/opinion/cases/:id/actions",
    {
      schema: {
        tags,
        operationId: "actOnOpinionCase",
        summary:
          "A workflow step: confirm (研判立案), dismiss, record_response (the response item is published), evaluate, close",
        security,
        params: IdParams,
        body: CaseActionBody,
        response: { 200: CaseJson },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const row = await performCaseStep(deps, user, req.params.id, req.body);
      return presentCase(deps, row, await loadOrgTree(deps, user.siteId));
    },
  );

  app.post(
    "/api/v1/opinion/cases/:id/events",
    {
      schema: {
        tags,
        operationId: "addOpinionCaseEvent",
        summary:
          "Records coordination with 宣传/网信/公安, a follow-up, or that authoritative information was released or a press conference held",
        security,
        params: IdParams,
        body: EventBody,
        response: { 200: CaseJson },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await addCaseEvent(deps, user, req.params.id, req.body);
      const { row, tree } = await loadCaseForStaff(deps, user, req.params.id);
      return presentCase(deps, row, tree);
    },
  );

  app.post(
    "/api/v1/opinion/cases/:id/response",
    {
      schema: {
        tags,
        operationId: "draftOpinionResponse",
        summary:
          "Drafts the official response as an item in the first responsible unit's 回应关切 column and links it; it is then reviewed, signed and published as any item",
        security,
        params: IdParams,
        body: ResponseBody,
        response: { 201: CaseJson },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      await draftResponse(deps, user, req.params.id, req.body);
      const { row, tree } = await loadCaseForStaff(deps, user, req.params.id);
      return reply.status(201).send(await presentCase(deps, row, tree));
    },
  );

  app.post(
    "/api/v1/opinion/cases/:id/accountability",
    {
      schema: {
        tags,
        operationId: "holdOpinionCaseToAccount",
        summary:
          "The inspection office records 通报批评 or 约谈整改 against the first responsible unit, with the case as its subject (counted in the assessment)",
        security,
        params: IdParams,
        body: AccountabilityBody,
        response: { 201: CaseJson },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      await holdToAccount(deps, user, req.params.id, req.body);
      const { row, tree } = await loadCaseForStaff(deps, user, req.params.id);
      return reply.status(201).send(await presentCase(deps, row, tree));
    },
  );

  app.get(
    "/api/v1/opinion/settings",
    {
      schema: {
        tags,
        operationId: "getOpinionSettings",
        summary: "The site's response clocks (hours) and early-warning thresholds",
        security,
        response: { 200: SettingsJson },
      },
    },
    async (req) => {
      const user = requireUser(req);
      authoriseSiteWide(user, "opinion.view", await loadOrgTree(deps, user.siteId));
      return settingsOf(deps.db.kysely, user.siteId);
    },
  );

  app.put(
    "/api/v1/opinion/settings",
    {
      schema: {
        tags,
        operationId: "saveOpinionSettings",
        summary: "Sets the site's response clocks and early-warning thresholds",
        security,
        body: SettingsBody,
        response: { 200: SettingsJson },
      },
    },
    async (req) => saveSettings(deps, requireUser(req), req.body),
  );

  app.get(
    "/api/v1/opinion/keywords",
    {
      schema: {
        tags,
        operationId: "listOpinionKeywords",
        summary: "The keywords the office watches for",
        security,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({ id: Type.String(), word: Type.String(), created_at: Type.String() }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await listKeywordsFor(deps, requireUser(req)) }),
  );

  app.post(
    "/api/v1/opinion/keywords",
    {
      schema: {
        tags,
        operationId: "addOpinionKeyword",
        summary: "Adds a keyword to watch for",
        security,
        body: Type.Object({ word: Type.String({ maxLength: 30 }) }, { additionalProperties: false }),
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await addKeyword(deps, requireUser(req), req.body.word);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/api/v1/opinion/keywords/:id",
    {
      schema: {
        tags,
        operationId: "removeOpinionKeyword",
        summary: "Stops watching for a keyword",
        security,
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await removeKeyword(deps, requireUser(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/v1/opinion/feeds",
    {
      schema: {
        tags,
        operationId: "importOpinionFeed",
        summary:
          "Imports a news or social feed (RSS/Atom or CSV with 标题, 内容, 链接, 发布时间) as one more stream of the early warning; every problem listed, nothing saved unless all are fine",
        security,
        body: FeedBody,
        response: {
          200: Type.Object({ source: Type.String(), imported: Type.Integer(), known: Type.Integer() }),
        },
      },
    },
    async (req) =>
      importFeed(deps, requireUser(req), {
        filename: req.body.filename,
        data: new TextEncoder().encode(req.body.content),
        source: req.body.source,
      }),
  );

  app.get(
    "/api/v1/hotline/supervision",
    {
      schema: {
        tags: ["hotline"],
        operationId: "getHotlineSupervision",
        summary:
          "12345 figures by department (dispatched, answered on time, called back, satisfaction) and the supervision notices (督办)",
        security,
        querystring: Type.Object({
          from: Type.Optional(Type.String({ maxLength: 10, description: "YYYY-MM-DD (default: 1 January)" })),
          to: Type.Optional(Type.String({ maxLength: 10, description: "YYYY-MM-DD (default: today)" })),
        }),
        response: {
          200: Type.Object({
            period: Type.Object({ from: Type.String(), to: Type.String() }),
            items: Type.Array(FigureJson),
            notices: Type.Array(SupervisionJson),
          }),
        },
      },
    },
    async (req) => hotlineFigures(deps, requireUser(req), req.query),
  );

  app.post(
    "/api/v1/hotline/supervisions",
    {
      schema: {
        tags: ["hotline"],
        operationId: "issueHotlineSupervision",
        summary: "Issues a supervision notice (督办) to a department on its 12345 work",
        security,
        body: SupervisionBody,
        response: { 201: SupervisionJson },
      },
    },
    async (req, reply) => reply.status(201).send(await issueSupervision(deps, requireUser(req), req.body)),
  );

  app.post(
    "/api/v1/hotline/supervisions/:id/close",
    {
      schema: {
        tags: ["hotline"],
        operationId: "closeHotlineSupervision",
        summary: "Records a supervision notice's outcome and closes it (409 supervision_closed once closed)",
        security,
        params: IdParams,
        body: CloseBody,
        response: { 200: SupervisionJson },
      },
    },
    async (req) =>
      closeSupervision(deps, requireUser(req), req.params.id, req.body as { outcome: Outcome; text: string }),
  );
}
