import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { authorize, authorizeAny, requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { AdminLayout, addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { actorOf, can } from "../accounts";
import { OrgCreateForm, OrgTreeTable } from "./orgs.pages";
import { CreateOrgBody, type CreateOrgInput, OrgView } from "./orgs.schemas";
import { createOrg, loadOrgTree } from "./orgs.service";
import { registerSiteRoutes } from "./sites.routes";
import { resolveSite } from "./sites.service";

const html = "text/html; charset=utf-8";

const present = (o: {
  id: string;
  code: string;
  name: string;
  short_name: string;
  kind: string;
  parent_id: string | null;
  credit_code: string | null;
  division_code: string | null;
}) => ({
  id: o.id,
  code: o.code,
  name: o.name,
  short_name: o.short_name,
  kind: o.kind,
  parent_id: o.parent_id,
  credit_code: o.credit_code,
  division_code: o.division_code,
});

export function registerOrgRoutes(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/orgs", label: "机构管理", action: "org.view" });
  registerSiteRoutes(app, deps);

  app.get(
    "/api/v1/orgs",
    {
      schema: {
        tags: ["orgs"],
        summary: "The organisation tree of the site (public: it is disclosed under Art. 20(2))",
        response: { 200: Type.Object({ items: Type.Array(OrgView) }) },
      },
    },
    async (req) => {
      const site = await resolveSite(deps, req);
      const tree = await loadOrgTree(deps, site.id);
      return { items: tree.flatten(site.id).map(({ org }) => present(org)) };
    },
  );

  app.post(
    "/api/v1/orgs",
    {
      schema: {
        tags: ["orgs"],
        summary: "Add an organisation under a parent",
        security: [{ bearer: [] }],
        body: CreateOrgBody,
        response: { 201: OrgView },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authorizeAny(user, "org.manage");
      const tree = await loadOrgTree(deps, user.siteId);
      const parent = req.body.parent_code
        ? tree.flatten().find((x) => x.org.code === req.body.parent_code)?.org
        : undefined;
      // A new organisation goes beneath one the user manages; only a platform-level admin creates roots.
      if (parent) authorize(user, "org.manage", parent.id, tree);
      else if (req.body.parent_code === undefined)
        throw new AppError("parent_required", 400, "请指定上级机构（parent_code）。", [
          { field: "parent_code", code: "required", message: "请指定上级机构。" },
        ]);
      const org = await createOrg(deps, actorOf(user), req.body, user.siteId);
      return reply.status(201).send(present(org));
    },
  );

  app.get("/admin/orgs", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    authorizeAny(user, "org.view");
    const site = await resolveSite(deps, req);
    const tree = await loadOrgTree(deps, site.id);
    const csrf = reply.generateCsrf();
    const manageable = tree.flatten(site.id).filter(({ org }) => can(user, "org.manage", org.id, tree));
    return reply.type(html).send(
      <AdminLayout
        user={user}
        csrf={csrf}
        title="机构管理"
        path="/admin/orgs"
        siteName={site.name}
        flash={takeFlash(req)}
      >
        <OrgTreeTable rows={tree.flatten(site.id)} />
        {manageable.length ? (
          <OrgCreateForm csrf={csrf} parents={manageable} problems={[]} values={{}} />
        ) : (
          ""
        )}
      </AdminLayout>,
    );
  });

  app.post(
    "/admin/orgs",
    {
      schema: {
        hide: true,
        body: Type.Object({
          parent_code: Type.String({ maxLength: 50 }),
          code: Type.String({ maxLength: 50 }),
          name: Type.String({ maxLength: 100 }),
          short_name: Type.Optional(Type.String({ maxLength: 50 })),
          kind: Type.String({ maxLength: 20 }),
          credit_code: Type.Optional(Type.String({ maxLength: 30 })),
          division_code: Type.Optional(Type.String({ maxLength: 20 })),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authorizeAny(user, "org.manage");
      const site = await resolveSite(deps, req);
      const tree = await loadOrgTree(deps, site.id);
      const manageable = tree.flatten(site.id).filter(({ org }) => can(user, "org.manage", org.id, tree));
      const { _csrf, ...values } = req.body;
      try {
        const parent = manageable.find((x) => x.org.code === values.parent_code);
        if (!parent) {
          throw new AppError("validation_failed", 400, "请选择上级机构。", [
            { field: "parent_code", code: "parent_not_allowed", message: "请选择您有权管理的上级机构。" },
          ]);
        }
        const org = await createOrg(deps, actorOf(user), values as CreateOrgInput, site.id);
        req.session.set("flash", `已添加机构：${org.name}`);
        return reply.redirect("/admin/orgs", 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        const csrf = reply.generateCsrf();
        return reply
          .status(e.status)
          .type(html)
          .send(
            <AdminLayout
              user={user}
              csrf={csrf}
              title="机构管理"
              path="/admin/orgs"
              siteName={site.name}
              flash={takeFlash(req)}
            >
              <OrgCreateForm
                csrf={csrf}
                parents={manageable}
                problems={e.details.length ? e.details : [{ code: e.code, message: e.message }]}
                values={values}
              />
              <OrgTreeTable rows={tree.flatten(site.id)} />
            </AdminLayout>,
          );
      }
    },
  );
}
