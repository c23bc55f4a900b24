import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { authorizeAny, requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { can } from "../accounts";
import { loadOrgTree } from "../orgs";
import { loadItemFor, mayViewItem } from "./publishing.policy";
import { isPublic, presentItem } from "./publishing.present";
import * as repo from "./publishing.repo";
import {
  ActionBody,
  CreateItemBody,
  ITEM_KINDS,
  STATUSES,
  UpdateItemBody,
  ValidityBody,
} from "./publishing.schemas";
import { createItem, performAction, setValidity, updateDraft } from "./publishing.service";

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const ItemJson = Type.Object({ id: Type.String(), status: Type.String() }, { additionalProperties: true });

export function registerPublishingApi(app: AppInstance, deps: Deps): void {
  app.post(
    "/api/v1/items",
    {
      schema: {
        tags: ["publishing"],
        summary: "Draft an information item (as a clerk of the issuing organisation)",
        security: [{ bearer: [] }],
        body: CreateItemBody,
        response: { 201: ItemJson },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const item = await createItem(deps, user, req.body);
      return reply.status(201).send(await presentItem(deps, item, { staff: true }));
    },
  );

  app.patch(
    "/api/v1/items/:id",
    {
      schema: {
        tags: ["publishing"],
        summary: "Change a draft",
        security: [{ bearer: [] }],
        params: IdParams,
        body: UpdateItemBody,
        response: { 200: ItemJson },
      },
    },
    async (req) =>
      presentItem(deps, await updateDraft(deps, requireUser(req), req.params.id, req.body), { staff: true }),
  );

  app.post(
    "/api/v1/items/:id/actions",
    {
      schema: {
        tags: ["publishing"],
        summary: "Move an item through the workflow: submit approve reject sign publish withdraw revise",
        security: [{ bearer: [] }],
        params: IdParams,
        body: ActionBody,
        response: { 200: ItemJson },
      },
    },
    async (req) =>
      presentItem(deps, await performAction(deps, requireUser(req), req.params.id, req.body), {
        staff: true,
      }),
  );

  app.put(
    "/api/v1/items/:id/validity",
    {
      schema: {
        tags: ["publishing"],
        summary: "Record that a published document expired, was repealed or revised (有效性)",
        security: [{ bearer: [] }],
        params: IdParams,
        body: ValidityBody,
        response: { 200: ItemJson },
      },
    },
    async (req) =>
      presentItem(deps, await setValidity(deps, requireUser(req), req.params.id, req.body), { staff: true }),
  );

  app.get(
    "/api/v1/items/:id",
    {
      schema: {
        tags: ["publishing"],
        summary: "An item: public once published; drafts for staff who may see them",
        params: IdParams,
        response: { 200: ItemJson },
      },
    },
    async (req) => {
      const item = await repo.findItem(deps.db.kysely, req.params.id);
      if (!item) throw new AppError("item_not_found", 404, "信息不存在。");
      const staff = req.user ? mayViewItem(req.user, item, await loadOrgTree(deps, req.user.siteId)) : false;
      if (!staff && !isPublic(item)) throw new AppError("item_not_found", 404, "信息不存在。");
      return presentItem(deps, item, { staff });
    },
  );

  app.get(
    "/api/v1/items/:id/history",
    {
      schema: {
        tags: ["publishing"],
        summary: "Workflow events and every version of the document",
        security: [{ bearer: [] }],
        params: IdParams,
      },
    },
    async (req) => {
      const { item } = await loadItemFor(deps, requireUser(req), "item.view", req.params.id);
      const versions = await repo.versionsOf(deps.db.kysely, item.lineage_id);
      return {
        events: await repo.eventsOf(deps.db.kysely, item.id),
        versions: versions.map((v) => ({
          id: v.id,
          version: v.version,
          status: v.status,
          title: v.title,
          published_at: v.published_at,
        })),
      };
    },
  );

  app.get(
    "/api/v1/items",
    {
      schema: {
        tags: ["publishing"],
        summary: "Items the user may see, newest first, filtered by status, kind and organisation",
        security: [{ bearer: [] }],
        querystring: Type.Object({
          status: Type.Optional(Type.Union(STATUSES.map((s) => Type.Literal(s)))),
          kind: Type.Optional(Type.Union(ITEM_KINDS.map((k) => Type.Literal(k)))),
          org: Type.Optional(Type.String({ maxLength: 50 })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
          per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
      },
    },
    async (req) => {
      const user = requireUser(req);
      authorizeAny(user, "item.view");
      const tree = await loadOrgTree(deps, user.siteId);
      const orgs = tree
        .flatten(user.siteId)
        .map(({ org }) => org)
        .filter((o) => can(user, "item.view", o.id, tree) && (!req.query.org || o.code === req.query.org));
      const filter = {
        orgIds: orgs.map((o) => o.id),
        statuses: req.query.status ? [req.query.status] : undefined,
        kinds: req.query.kind ? [req.query.kind] : undefined,
      };
      const perPage = req.query.per_page ?? 20;
      const page = req.query.page ?? 1;
      const [rows, total] = await Promise.all([
        repo.listItems(deps.db.kysely, filter, {
          limit: perPage,
          offset: (page - 1) * perPage,
          order: "updated",
        }),
        repo.countItems(deps.db.kysely, filter),
      ]);
      return {
        total,
        page,
        per_page: perPage,
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          status: r.status,
          title: r.title,
          org_id: r.org_id,
          index_number: r.index_number,
          updated_at: r.updated_at,
          published_at: r.published_at,
        })),
      };
    },
  );
}
