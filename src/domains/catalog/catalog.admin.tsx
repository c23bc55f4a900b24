import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail, forbidden, notFound } from "../../platform/errors";
import { authorize, authorizeAny, requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { AdminLayout, addAdminNav, Flash, takeFlash } from "../../web/views/admin-layout";
import { Field } from "../../web/views/fields";
import { ErrorSummary } from "../../web/views/layout";
import { actorOf, type CurrentUser, can } from "../accounts";
import { loadOrgTree, type Org, siteById } from "../orgs";
import { nodeHistory } from "./catalog.history";
import {
  archiveNode,
  catalogNodePath,
  createNode,
  getCatalogNode,
  listCatalogTree,
  moveNode,
  reorderNode,
  restoreNode,
  updateNode,
} from "./catalog.service";
import type { CatalogNode } from "./catalog.tree";
import {
  ActionButton,
  AddNodeForm,
  AdminCatalogTree,
  HistoryTable,
  MoveNodeForm,
  NodeFacts,
  UpdateNodeForm,
} from "./catalog.views";

const html = "text/html; charset=utf-8";
const Csrf = Type.Optional(Type.String());
const Id = Type.Object({ id: Type.String({ maxLength: 40 }) });
type Values = Record<string, string | undefined>;

/** Form text to a number of days: blank is "not given"; anything else the service validates. */
const daysFrom = (rule: string | undefined, raw: string | undefined) =>
  rule === "days" ? (raw?.trim() ? Number(raw.trim()) : undefined) : undefined;

/** 4xx errors a form shows to the user; everything else goes to the error handler. */
const problemsOf = (e: unknown): ErrorDetail[] => {
  if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 401) throw e;
  return e.details.length ? e.details : [{ code: e.code, message: e.message }];
};

/** Problems of a one-button action: no form field to link to, so the summary lists them as text. */
const withoutFields = (problems: ErrorDetail[]) => problems.map(({ field: _f, ...rest }) => rest);

export function registerCatalogAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/catalog", label: "公开目录", action: "org.view" });

  const treePage = async (
    user: CurrentUser,
    reply: FastifyReply,
    orgCode: string | undefined,
    extra: { flash?: string; problems?: ErrorDetail[]; addProblems?: ErrorDetail[]; values?: Values } = {},
  ) => {
    const site = await siteById(deps, user.siteId);
    const tree = await loadOrgTree(deps, site.id);
    const visible = tree
      .flatten(site.id)
      .filter(({ org }) => tree.isWithin(org.id, user.orgId) && can(user, "org.view", org.id, tree));
    const org = orgCode ? visible.find((x) => x.org.code === orgCode)?.org : tree.get(user.orgId);
    if (!org) {
      // An organisation outside the user's subtree is refused, not hidden: its catalogue is public anyway.
      if (orgCode && tree.flatten(site.id).some((x) => x.org.code === orgCode)) throw forbidden();
      throw notFound(`机构 ${orgCode ?? ""} `, "org_not_found");
    }
    authorize(user, "org.view", org.id, tree);
    const manage = can(user, "org.manage", org.id, tree);
    const nodes = await listCatalogTree(deps, org.id, { includeArchived: true });
    const csrf = reply.generateCsrf();
    return (
      <AdminLayout user={user} csrf={csrf} title="公开目录" path="/admin/catalog" siteName={site.name}>
        <Flash text={extra.flash} />
        <ErrorSummary title="操作未完成：" problems={extra.problems ?? []} />
        <form method="get" action="/admin/catalog" class="filters">
          <Field
            as="select"
            name="org"
            id="org-picker"
            label="机构"
            value={org.code}
            choices={visible.map((x) => ({
              value: x.org.code,
              label: `${"　".repeat(x.depth)}${x.org.name}`,
            }))}
          />
          <button type="submit">查看目录</button>
        </form>
        <h2 safe>{`${org.name} 主动公开基本目录`}</h2>
        <p>
          <a href={`/gk/catalog/${encodeURIComponent(org.code)}`}>在门户网站查看</a>
        </p>
        <AdminCatalogTree nodes={nodes} csrf={csrf} manage={manage} />
        {manage ? (
          <AddNodeForm
            csrf={csrf}
            orgCode={org.code}
            nodes={nodes}
            problems={extra.addProblems ?? []}
            values={extra.values ?? { update_rule: "days", update_days: "20", kind: "column" }}
          />
        ) : (
          ""
        )}
      </AdminLayout>
    );
  };

  const nodePage = async (
    user: CurrentUser,
    reply: FastifyReply,
    node: CatalogNode,
    org: Org,
    extra: {
      flash?: string;
      problems?: ErrorDetail[];
      updateProblems?: ErrorDetail[];
      moveProblems?: ErrorDetail[];
      values?: Values;
      parent?: string;
    } = {},
  ) => {
    const site = await siteById(deps, user.siteId);
    const tree = await loadOrgTree(deps, site.id);
    const manage = can(user, "org.manage", node.org_id, tree);
    const nodes = await listCatalogTree(deps, node.org_id, { includeArchived: true });
    const path = await catalogNodePath(deps, node);
    const history = await nodeHistory(deps, node.id);
    const csrf = reply.generateCsrf();
    const values: Values = extra.values ?? {
      name: node.name,
      description: node.description,
      update_rule: node.update_rule,
      update_days: node.update_days === null ? "" : String(node.update_days),
    };
    return (
      <AdminLayout
        user={user}
        csrf={csrf}
        title={`目录节点：${node.name}`}
        path="/admin/catalog"
        siteName={site.name}
      >
        <p>
          <a href={`/admin/catalog?org=${encodeURIComponent(org.code)}#node-${node.id}`} safe>
            {`返回${org.name}公开目录`}
          </a>
        </p>
        <Flash text={extra.flash} />
        <ErrorSummary title="操作未完成：" problems={extra.problems ?? []} />
        <NodeFacts node={node} path={path} />
        <p>
          <a href={`/admin/catalog/nodes/${node.id}/mn`}>蒙古文名称（起草、审核）</a>
        </p>
        {manage ? (
          <>
            <div>
              <ActionButton
                csrf={csrf}
                action={`/admin/catalog/nodes/${node.id}/${node.archived ? "restore" : "archive"}`}
                label={node.archived ? "恢复此节点" : "归档此节点"}
                target={node.name}
                fields={{ return_to: "node" }}
              />
            </div>
            <UpdateNodeForm csrf={csrf} node={node} problems={extra.updateProblems ?? []} values={values} />
            <MoveNodeForm
              csrf={csrf}
              node={node}
              nodes={nodes}
              problems={extra.moveProblems ?? []}
              selected={extra.parent ?? node.parent_id ?? ""}
            />
          </>
        ) : (
          ""
        )}
        <h2>变更记录</h2>
        <HistoryTable changes={history} />
      </AdminLayout>
    );
  };

  /** The node, its organisation, and whether the user may see it at all. */
  const loadNode = async (user: CurrentUser, id: string, action: "org.view" | "org.manage") => {
    const node = await getCatalogNode(deps, id);
    if (!node) throw notFound("目录节点", "catalog_node_not_found");
    const tree = await loadOrgTree(deps, user.siteId);
    authorize(user, action, node.org_id, tree);
    return { node, org: tree.get(node.org_id)! };
  };

  app.get(
    "/admin/catalog",
    {
      schema: {
        hide: true,
        querystring: Type.Object({ org: Type.Optional(Type.String({ maxLength: 50 })) }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authorizeAny(user, "org.view");
      return reply.type(html).send(await treePage(user, reply, req.query.org, { flash: takeFlash(req) }));
    },
  );

  app.get("/admin/catalog/nodes/:id", { schema: { hide: true, params: Id } }, async (req, reply) => {
    const user = requireUser(req);
    const { node, org } = await loadNode(user, req.params.id, "org.view");
    return reply.type(html).send(await nodePage(user, reply, node, org, { flash: takeFlash(req) }));
  });

  app.post(
    "/admin/catalog/nodes",
    {
      schema: {
        hide: true,
        body: Type.Object({
          org: Type.String({ maxLength: 50 }),
          parent_id: Type.Optional(Type.String({ maxLength: 40 })),
          code: Type.String({ maxLength: 100 }),
          name: Type.String({ maxLength: 200 }),
          kind: Type.String({ maxLength: 20 }),
          update_rule: Type.String({ maxLength: 20 }),
          update_days: Type.Optional(Type.String({ maxLength: 10 })),
          description: Type.Optional(Type.String({ maxLength: 4000 })),
          _csrf: Csrf,
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { _csrf, ...values } = req.body;
      const tree = await loadOrgTree(deps, user.siteId);
      const org = tree.flatten().find((x) => x.org.code === values.org)?.org;
      if (!org) throw notFound(`机构 ${values.org} `, "org_not_found");
      authorize(user, "org.manage", org.id, tree);
      try {
        const node = await createNode(deps, actorOf(user), {
          orgId: org.id,
          parentId: values.parent_id || null,
          code: values.code,
          name: values.name,
          kind: values.kind,
          updateRule: values.update_rule,
          updateDays: daysFrom(values.update_rule, values.update_days),
          description: values.description,
        });
        req.session.set("flash", `已添加目录节点：${node.name}`);
        return reply.redirect(`/admin/catalog?org=${encodeURIComponent(org.code)}#node-${node.id}`, 303);
      } catch (e) {
        const addProblems = problemsOf(e);
        return reply
          .status((e as AppError).status)
          .type(html)
          .send(await treePage(user, reply, org.code, { addProblems, values }));
      }
    },
  );

  app.post(
    "/admin/catalog/nodes/:id/update",
    {
      schema: {
        hide: true,
        params: Id,
        body: Type.Object({
          name: Type.String({ maxLength: 200 }),
          update_rule: Type.String({ maxLength: 20 }),
          update_days: Type.Optional(Type.String({ maxLength: 10 })),
          description: Type.Optional(Type.String({ maxLength: 4000 })),
          _csrf: Csrf,
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { node, org } = await loadNode(user, req.params.id, "org.manage");
      const { _csrf, ...values } = req.body;
      try {
        await updateNode(deps, actorOf(user), node.id, {
          name: values.name,
          description: values.description ?? "",
          updateRule: values.update_rule,
          updateDays: values.update_rule === "days" ? (daysFrom("days", values.update_days) ?? null) : null,
        });
        req.session.set("flash", "已保存修改。");
        return reply.redirect(`/admin/catalog/nodes/${node.id}`, 303);
      } catch (e) {
        const updateProblems = problemsOf(e);
        return reply
          .status((e as AppError).status)
          .type(html)
          .send(await nodePage(user, reply, node, org, { updateProblems, values }));
      }
    },
  );

  app.post(
    "/admin/catalog/nodes/:id/move",
    {
      schema: {
        hide: true,
        params: Id,
        body: Type.Object({ parent_id: Type.Optional(Type.String({ maxLength: 40 })), _csrf: Csrf }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { node, org } = await loadNode(user, req.params.id, "org.manage");
      try {
        const moved = await moveNode(deps, actorOf(user), node.id, req.body.parent_id || null);
        req.session.set("flash", `已移动：${moved.name}`);
        return reply.redirect(`/admin/catalog/nodes/${node.id}`, 303);
      } catch (e) {
        const moveProblems = problemsOf(e);
        return reply
          .status((e as AppError).status)
          .type(html)
          .send(await nodePage(user, reply, node, org, { moveProblems, parent: req.body.parent_id ?? "" }));
      }
    },
  );

  app.post(
    "/admin/catalog/nodes/:id/reorder",
    {
      schema: {
        hide: true,
        params: Id,
        body: Type.Object({
          direction: Type.Union([Type.Literal("up"), Type.Literal("down")]),
          _csrf: Csrf,
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { node, org } = await loadNode(user, req.params.id, "org.manage");
      try {
        await reorderNode(deps, actorOf(user), node.id, req.body.direction);
        return reply.redirect(`/admin/catalog?org=${encodeURIComponent(org.code)}#node-${node.id}`, 303);
      } catch (e) {
        const problems = withoutFields(problemsOf(e));
        return reply
          .status((e as AppError).status)
          .type(html)
          .send(await treePage(user, reply, org.code, { problems }));
      }
    },
  );

  for (const change of ["archive", "restore"] as const) {
    app.post(
      `/admin/catalog/nodes/:id/${change}`,
      {
        schema: {
          hide: true,
          params: Id,
          body: Type.Object({
            return_to: Type.Optional(Type.Union([Type.Literal("tree"), Type.Literal("node")])),
            _csrf: Csrf,
          }),
        },
      },
      async (req, reply) => {
        const user = requireUser(req);
        const { node, org } = await loadNode(user, req.params.id, "org.manage");
        const toNode = req.body.return_to === "node";
        try {
          const done = await (change === "archive" ? archiveNode : restoreNode)(deps, actorOf(user), node.id);
          req.session.set("flash", `${change === "archive" ? "已归档" : "已恢复"}：${done.name}`);
          return reply.redirect(
            toNode
              ? `/admin/catalog/nodes/${node.id}`
              : `/admin/catalog?org=${encodeURIComponent(org.code)}#node-${node.id}`,
            303,
          );
        } catch (e) {
          const problems = withoutFields(problemsOf(e));
          const page = toNode
            ? await nodePage(user, reply, node, org, { problems })
            : await treePage(user, reply, org.code, { problems });
          return reply
            .status((e as AppError).status)
            .type(html)
            .send(page);
        }
      },
    );
  }
}
