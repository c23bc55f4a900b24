// /api/v1/normative (issue 16 item 3): the public register; staff register documents with their legality
// review, filing and links, read alerts, run clean-ups and set the ledger's rules. /api/v1/documents/import
// (item 4): the document-management system's integration token pushes signed documents into drafts. Error
// responses in the one error shape are added to every operation by src/web/openapi.ts.
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { shanghaiDateOf } from "../../platform/time";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { loadOrgTree, resolvePublicSite } from "../orgs";
import { ledgerAlerts } from "./normative.alerts";
import { cleanupForStaff, createCleanup, releaseCleanup } from "./normative.cleanup";
import { IMPORT_BODY_LIMIT, importDocument } from "./normative.import";
import { authoriseLedger, mayViewLedger } from "./normative.policy";
import { entryJson, registerJson, registerRows } from "./normative.present";
import {
  AlertsJson,
  CleanupBody,
  CleanupJson,
  EntryJson,
  FilingBody,
  ImportBody,
  ImportJson,
  ItemParams,
  LinkBody,
  RegisterJson,
  RegisterQuery,
  ReviewBody,
} from "./normative.schemas";
import {
  entryForStaff,
  linkDocuments,
  recordFiling,
  recordReview,
  saveLedgerSettings,
  settingsOf,
} from "./normative.service";

const tags = ["normative"];
const TOKEN = [{ bearerAuth: [] }];

const SettingsJson = Type.Object({
  number_pattern: Type.String(),
  validity_years: Type.Integer(),
  provisional_years: Type.Integer(),
  filing_days: Type.Integer(),
  alert_months: Type.Integer(),
});

export function registerNormativeApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/normative",
    {
      schema: {
        tags,
        summary:
          "The public register of normative documents (规范性文件), newest first; filter by validity, issuing organisation code and year formed",
        security: [],
        querystring: RegisterQuery,
        response: { 200: RegisterJson },
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      return { items: (await registerRows(deps, site.id, req.query)).map(registerJson) };
    },
  );

  app.post(
    "/api/v1/documents/import",
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        operationId: "importDocument",
        summary:
          "The document-management system (公文管理系统, integration token) pushes a signed document: 201 a draft with its 文号, dates and files; 409 doc_number_exists when the 文号 is on the site already (any bracket style)",
        description:
          "The format is documented in docs/document-import.md. Files: at most 10, 10 MB each, 30 MB together, in base64.",
        security: TOKEN,
        body: ImportBody,
        response: { 201: ImportJson },
      },
    },
    async (req, reply) => reply.status(201).send(await importDocument(deps, requireUser(req), req.body)),
  );

  app.get(
    "/api/v1/normative/alerts",
    {
      schema: {
        tags,
        summary:
          "The ledger's alerts today: filing late (逾期未备案), expiring within the alert period, expired without a clean-up",
        security: TOKEN,
        response: { 200: AlertsJson },
      },
    },
    async (req) => {
      const user = requireUser(req);
      authoriseLedger(user);
      const tree = await loadOrgTree(deps, user.siteId);
      const orgIds = tree
        .flatten(user.siteId)
        .map((x) => x.org.id)
        .filter((id) => mayViewLedger(user, { site_id: user.siteId, org_id: id }, tree));
      return { items: await ledgerAlerts(deps, user.siteId, shanghaiDateOf(deps.clock.now()), orgIds) };
    },
  );

  app.get(
    "/api/v1/normative/settings",
    {
      schema: {
        tags,
        summary: "The ledger's rules of the site (number pattern, validity, filing, alerts)",
        security: TOKEN,
        response: { 200: SettingsJson },
      },
    },
    async (req) => {
      const user = requireUser(req);
      authoriseLedger(user);
      return settingsOf(deps, user.siteId);
    },
  );

  app.put(
    "/api/v1/normative/settings",
    {
      schema: {
        tags,
        operationId: "putNormativeSettings",
        summary:
          "Sets the ledger's rules (the office at the site root): {YYYY} and {NNNN} in the number pattern",
        security: TOKEN,
        body: Type.Partial(SettingsJson, { additionalProperties: false }),
        response: { 200: SettingsJson },
      },
    },
    async (req) => saveLedgerSettings(deps, requireUser(req), req.body),
  );

  app.get(
    "/api/v1/normative/:id",
    {
      schema: {
        tags,
        operationId: "getNormativeEntry",
        summary: "A normative document's ledger entry (null before registration) and its links",
        security: TOKEN,
        params: ItemParams,
        response: {
          200: Type.Object({
            entry: Type.Union([EntryJson, Type.Null()]),
            links: Type.Array(
              Type.Object({ relation: Type.String(), direction: Type.String(), item: Type.String() }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const r = await entryForStaff(deps, requireUser(req), req.params.id);
      return {
        entry: r.entry ? entryJson(r.entry) : null,
        links: [
          ...r.links.out.map((l) => ({ relation: l.relation, direction: "out", item: l.target_id })),
          ...r.links.in.map((l) => ({ relation: l.relation, direction: "in", item: l.item_id })),
        ],
      };
    },
  );

  app.put(
    "/api/v1/normative/:id/review",
    {
      schema: {
        tags,
        operationId: "recordNormativeReview",
        summary:
          "Registers the document (its uniform registration number allocated once) with its legality review (合法性审核) and collective decision, or corrects them",
        security: TOKEN,
        params: ItemParams,
        body: ReviewBody,
        response: { 200: EntryJson },
      },
    },
    async (req) => entryJson(await recordReview(deps, requireUser(req), req.params.id, req.body)),
  );

  app.put(
    "/api/v1/normative/:id/filing",
    {
      schema: {
        tags,
        operationId: "recordNormativeFiling",
        summary: "Records the filing with the higher authority (备案) of a published document",
        security: TOKEN,
        params: ItemParams,
        body: FilingBody,
        response: { 200: EntryJson },
      },
    },
    async (req) => entryJson(await recordFiling(deps, requireUser(req), req.params.id, req.body)),
  );

  app.post(
    "/api/v1/normative/:id/links",
    {
      schema: {
        tags,
        operationId: "linkNormativeDocument",
        summary:
          "Links the document to one it amends (amends) or repeals (repeals); both pages show the link",
        security: TOKEN,
        params: ItemParams,
        body: LinkBody,
        response: {
          201: Type.Object({ item: Type.String(), relation: Type.String(), target: Type.String() }),
        },
      },
    },
    async (req, reply) => {
      const l = await linkDocuments(deps, requireUser(req), req.params.id, req.body);
      return reply.status(201).send({ item: l.item_id, relation: l.relation, target: l.target_id });
    },
  );

  const cleanupJson = async (user: ReturnType<typeof requireUser>, id: string) => {
    const r = await cleanupForStaff(deps, user, id);
    return {
      id: r.cleanup.id,
      title: r.cleanup.title,
      status: r.cleanup.status,
      list_item_id: r.cleanup.list_item_id,
      entries: r.entries.map((e) => ({ item: e.item_id, outcome: e.outcome })),
    };
  };

  app.post(
    "/api/v1/normative/cleanups",
    {
      schema: {
        tags,
        operationId: "createNormativeCleanup",
        summary:
          "Records a clean-up (清理): published documents listed as continue (继续有效), repealed (废止) or expired (失效)",
        security: TOKEN,
        body: CleanupBody,
        response: { 201: CleanupJson },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const row = await createCleanup(deps, user, req.body);
      return reply.status(201).send(await cleanupJson(user, row.id));
    },
  );

  app.get(
    "/api/v1/normative/cleanups/:id",
    {
      schema: {
        tags,
        summary: "A clean-up and its lists",
        security: TOKEN,
        params: ItemParams,
        response: { 200: CleanupJson },
      },
    },
    async (req) => cleanupJson(requireUser(req), req.params.id),
  );

  app.post(
    "/api/v1/normative/cleanups/:id/release",
    {
      schema: {
        tags,
        summary:
          "Drafts the clean-up's three lists as an item for review, signing and publication; when it is published every listed document's validity changes at once",
        security: TOKEN,
        params: ItemParams,
        response: { 200: CleanupJson },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await releaseCleanup(deps, user, req.params.id);
      return cleanupJson(user, req.params.id);
    },
  );
}
