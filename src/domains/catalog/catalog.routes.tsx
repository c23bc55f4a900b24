import type { FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { badRequest, notFound } from "../../platform/errors";
import { authorize, requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { actorOf, can } from "../accounts";
import { loadOrgTree, type Org, resolveSite, type SiteRequest } from "../orgs";
import { registerCatalogAdmin } from "./catalog.admin";
import { nodeHistory } from "./catalog.history";
import { registerCatalogPages } from "./catalog.pages";
import {
  CatalogNodeDetailView,
  CatalogNodeView,
  CatalogOrgsView,
  CatalogQuery,
  CatalogTreeView,
  CreateNodeBody,
  MoveNodeBody,
  NodeParams,
  UpdateNodeBody,
} from "./catalog.schemas";
import {
  archiveNode,
  catalogNodePath,
  createNode,
  getCatalogNode,
  listCatalogOrgs,
  listCatalogTree,
  moveNode,
  reorderNode,
  restoreNode,
  updateNode,
} from "./catalog.service";
import { type CatalogNode, updateRuleLabel } from "./catalog.tree";

const tags = ["catalog"];

export const presentNode = (n: CatalogNode) => ({
  id: n.id,
  org_id: n.org_id,
  parent_id: n.parent_id,
  depth: n.depth,
  code: n.code,
  name: n.name,
  kind: n.kind,
  source: n.source,
  update_rule: n.update_rule,
  update_days: n.update_days,
  update_label: updateRuleLabel(n.update_rule, n.update_days),
  description: n.description,
  standard: n.standard,
  sort_order: n.sort_order,
  archived: n.archived,
  updated_at: n.updated_at,
});

const orgRef = (o: Org) => ({ id: o.id, code: o.code, name: o.name });

/** An organisation of the request's site (the user's, or the portal's host) by its code. */
export async function resolveOrg(deps: Deps, code: string, req: SiteRequest) {
  const site = await resolveSite(deps, req);
  const tree = await loadOrgTree(deps, site.id);
  const org = tree.flatten(site.id).find((x) => x.org.code === code)?.org;
  return { site, tree, org };
}

/** The catalogue's JSON API, back-office pages and public pages. */
export function registerCatalogRoutes(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/catalog",
    {
      schema: {
        tags,
        summary:
          "An organisation's disclosure catalogue (public: the catalogue is itself public information)",
        description: "include_archived (staff with org.view on the organisation) adds archived nodes.",
        querystring: CatalogQuery,
        response: { 200: CatalogTreeView },
      },
    },
    async (req) => {
      const { tree, org } = await resolveOrg(deps, req.query.org, req);
      if (!org) throw notFound(`机构 ${req.query.org} `, "org_not_found");
      if (req.query.include_archived) authorize(requireUser(req), "org.view", org.id, tree);
      const nodes = await listCatalogTree(deps, org.id, { includeArchived: req.query.include_archived });
      return { org: orgRef(org), items: nodes.map(presentNode) };
    },
  );

  app.get(
    "/api/v1/catalog/orgs",
    {
      schema: {
        tags,
        summary: "Organisations that have a catalogue, with their number of active nodes",
        response: { 200: CatalogOrgsView },
      },
    },
    async (req) => {
      const site = await resolveSite(deps, req);
      const rows = await listCatalogOrgs(deps, site.id);
      return { items: rows.map(({ org, nodes }) => ({ ...orgRef(org), nodes })) };
    },
  );

  app.get(
    "/api/v1/catalog/nodes/:id",
    {
      schema: {
        tags,
        summary: "One catalogue node with its path; staff who may view the organisation also get its history",
        params: NodeParams,
        response: { 200: CatalogNodeDetailView },
      },
    },
    async (req) => {
      const node = await getCatalogNode(deps, req.params.id);
      const tree = await loadOrgTree(deps);
      const staff = req.user && node ? can(req.user, "org.view", node.org_id, tree) : false;
      if (!node || (node.inactive && !staff)) throw notFound("目录节点", "catalog_node_not_found");
      const org = tree.get(node.org_id)!;
      const path = (await catalogNodePath(deps, node)).map((n) => ({ id: n.id, code: n.code, name: n.name }));
      return {
        node: presentNode(node),
        org: orgRef(org),
        path,
        ...(staff ? { history: await nodeHistory(deps, node.id) } : {}),
      };
    },
  );

  app.post(
    "/api/v1/catalog/nodes",
    {
      schema: {
        tags,
        summary: "Add a group or column to an organisation's catalogue (org.manage on that organisation)",
        security: [{ bearer: [] }],
        body: CreateNodeBody,
        response: { 201: CatalogNodeView },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { tree, org } = await resolveOrg(deps, req.body.org, req);
      if (!org)
        throw badRequest([{ field: "org", code: "org_not_found", message: `机构 ${req.body.org} 不存在。` }]);
      authorize(user, "org.manage", org.id, tree);
      const node = await createNode(deps, actorOf(user), {
        orgId: org.id,
        parentId: req.body.parent_id,
        code: req.body.code,
        name: req.body.name,
        kind: req.body.kind,
        updateRule: req.body.update_rule,
        updateDays: req.body.update_days,
        description: req.body.description,
      });
      return reply.status(201).send(presentNode(node));
    },
  );

  /** Loads a node for a change and checks the user may manage its organisation. */
  const nodeToManage = async (req: FastifyRequest, id: string) => {
    const user = requireUser(req);
    const node = await getCatalogNode(deps, id);
    if (!node) throw notFound("目录节点", "catalog_node_not_found");
    authorize(user, "org.manage", node.org_id, await loadOrgTree(deps, user.siteId));
    return { user, node };
  };

  app.patch(
    "/api/v1/catalog/nodes/:id",
    {
      schema: {
        tags,
        summary: "Rename a node, or change its description or update rule",
        security: [{ bearer: [] }],
        params: NodeParams,
        body: UpdateNodeBody,
        response: { 200: CatalogNodeView },
      },
    },
    async (req) => {
      const { user, node } = await nodeToManage(req, req.params.id);
      const updated = await updateNode(deps, actorOf(user), node.id, {
        name: req.body.name,
        description: req.body.description,
        updateRule: req.body.update_rule,
        updateDays: req.body.update_days,
      });
      return presentNode(updated);
    },
  );

  app.post(
    "/api/v1/catalog/nodes/:id/move",
    {
      schema: {
        tags,
        summary:
          "Move a node under another group (parent_id, null for the top level) or one place up or down",
        security: [{ bearer: [] }],
        params: NodeParams,
        body: MoveNodeBody,
        response: { 200: CatalogNodeView },
      },
    },
    async (req) => {
      const hasParent = req.body.parent_id !== undefined;
      const hasDirection = req.body.direction !== undefined;
      if (hasParent === hasDirection)
        throw badRequest([
          { field: "parent_id", code: "move_target", message: "请指定 parent_id 或 direction 之一。" },
        ]);
      const { user, node } = await nodeToManage(req, req.params.id);
      const moved = hasDirection
        ? await reorderNode(deps, actorOf(user), node.id, req.body.direction!)
        : await moveNode(deps, actorOf(user), node.id, req.body.parent_id ?? null);
      return presentNode(moved);
    },
  );

  for (const change of ["archive", "restore"] as const) {
    app.post(
      `/api/v1/catalog/nodes/:id/${change}`,
      {
        schema: {
          tags,
          summary:
            change === "archive"
              ? "Archive a node: it and everything beneath it leave the portal"
              : "Restore an archived node",
          security: [{ bearer: [] }],
          params: NodeParams,
          response: { 200: CatalogNodeView },
        },
      },
      async (req) => {
        const { user, node } = await nodeToManage(req, req.params.id);
        const fn = change === "archive" ? archiveNode : restoreNode;
        return presentNode(await fn(deps, actorOf(user), node.id));
      },
    );
  }

  registerCatalogAdmin(app, deps);
  registerCatalogPages(app, deps);
}
