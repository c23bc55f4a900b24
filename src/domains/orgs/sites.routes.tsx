// Sites in the back office and the API: a platform administrator lists sites and creates one with its root
// organisation. A site's own staff, its administrators included, get 403 here and never see another site.
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { requireUser, requireUserOrRedirect } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { AdminLayout, addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { actorOf, type CurrentUser, createUser } from "../accounts";
import type { Org, Site } from "./orgs.repo";
import { loadOrgTree } from "./orgs.service";
import { SiteAdminForm, SiteCreateForm, type SiteRow, SiteTable } from "./sites.pages";
import { authoriseSites, mayManageSites } from "./sites.policy";
import { createSiteWithRoot, hostsOf, listSites, resolveSite } from "./sites.service";

const html = "text/html; charset=utf-8";
const PATH = "/admin/sites";

const OrgRef = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });
const SiteView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  division_code: Type.String(),
  identifier_code: Type.String(),
  hosts: Type.Array(Type.String()),
  created_at: Type.String(),
  root_org: Type.Union([OrgRef, Type.Null()]),
});

const s = (maxLength: number) => Type.String({ maxLength });
const CreateSiteBody = Type.Object(
  {
    code: s(50),
    name: s(100),
    division_code: s(12),
    identifier_code: s(20),
    hosts: Type.Optional(Type.Union([Type.Array(s(253), { maxItems: 20 }), s(2000)])),
    root_org: s(50),
    root_name: s(100),
    root_short_name: Type.Optional(s(50)),
    root_credit_code: Type.Optional(s(30)),
  },
  { additionalProperties: false },
);

const FormBody = Type.Object({
  code: Type.Optional(s(50)),
  name: Type.Optional(s(100)),
  division_code: Type.Optional(s(12)),
  identifier_code: Type.Optional(s(20)),
  hosts: Type.Optional(s(2000)),
  root_org: Type.Optional(s(50)),
  root_name: Type.Optional(s(100)),
  root_credit_code: Type.Optional(s(30)),
  _csrf: Type.Optional(Type.String()),
});

const AdminBody = Type.Object(
  { username: s(100), name: s(100), password: s(200) },
  { additionalProperties: false },
);
const AdminFormBody = Type.Object({
  site: Type.Optional(s(50)),
  username: Type.Optional(s(100)),
  admin_name: Type.Optional(s(100)),
  password: Type.Optional(s(200)),
  _csrf: Type.Optional(Type.String()),
});
const AdminView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  name: Type.String(),
  site: Type.String(),
  org: OrgRef,
  roles: Type.Array(Type.String()),
});

type Fields = {
  code?: string;
  name?: string;
  division_code?: string;
  identifier_code?: string;
  hosts?: string | string[];
  root_org?: string;
  root_name?: string;
  root_short_name?: string;
  root_credit_code?: string;
};

const presentSite = (site: Site, root: Org | undefined) => ({
  id: site.id,
  code: site.code,
  name: site.name,
  division_code: site.division_code,
  identifier_code: site.identifier_code,
  hosts: hostsOf(site),
  created_at: site.created_at,
  root_org: root ? { id: root.id, code: root.code, name: root.name } : null,
});

async function siteRows(deps: Deps): Promise<SiteRow[]> {
  const [sites, tree] = await Promise.all([listSites(deps), loadOrgTree(deps)]);
  return sites.map((site) => ({ site, root: tree.roots(site.id)[0] }));
}

const create = (deps: Deps, user: CurrentUser, f: Fields) =>
  createSiteWithRoot(deps, actorOf(user), {
    code: f.code?.trim() ?? "",
    name: f.name ?? "",
    division_code: f.division_code?.trim() ?? "",
    identifier_code: f.identifier_code?.trim() ?? "",
    hosts: f.hosts,
    root: {
      code: f.root_org?.trim() ?? "",
      name: f.root_name ?? "",
      short_name: f.root_short_name,
      credit_code: f.root_credit_code,
    },
  });

/**
 * A site's administrator (role admin at its root organisation): the platform administrator creates the first,
 * who then manages the county's organisations and accounts. Written by this one route, never by a form of
 * the site itself, so a site's admin still cannot reach another site.
 */
async function createSiteAdmin(
  deps: Deps,
  user: CurrentUser,
  code: string | undefined,
  f: { username?: string; name?: string; password?: string },
) {
  const site = (await listSites(deps)).find((x) => x.code === code);
  const root = site && (await loadOrgTree(deps, site.id)).roots(site.id)[0];
  if (!site || !root) {
    throw new AppError("site_not_found", 404, `站点 ${code ?? ""} 不存在或尚无根机构。`, [
      { field: "site", code: "site_not_found", message: "请选择一个站点。" },
    ]);
  }
  const created = await createUser(deps, actorOf(user), {
    username: f.username ?? "",
    name: f.name ?? "",
    orgCode: root.code,
    roles: ["admin"],
    password: f.password ?? "",
    siteId: site.id,
  });
  return {
    id: created.id,
    username: created.username,
    name: created.name,
    site: site.code,
    org: { id: root.id, code: root.code, name: root.name },
    roles: created.roles,
  };
}

export function registerSiteRoutes(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: PATH, label: "站点管理", action: "org.manage", when: mayManageSites });

  app.get(
    "/api/v1/sites",
    {
      schema: {
        tags: ["sites"],
        summary: "Every site of the platform with its root organisation (platform administrators only)",
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ items: Type.Array(SiteView) }) },
      },
    },
    async (req) => {
      authoriseSites(requireUser(req), "site.list");
      return { items: (await siteRows(deps)).map(({ site, root }) => presentSite(site, root)) };
    },
  );

  app.post(
    "/api/v1/sites",
    {
      schema: {
        tags: ["sites"],
        summary:
          "Create a site and its root organisation, the people's government (platform administrators only)",
        security: [{ bearer: [] }],
        body: CreateSiteBody,
        response: { 201: SiteView },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authoriseSites(user, "site.create");
      const { site, root } = await create(deps, user, req.body);
      return reply.status(201).send(presentSite(site, root));
    },
  );

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: CurrentUser,
    extra: {
      status?: number;
      form?: "site" | "admin";
      problems?: ErrorDetail[];
      values?: Record<string, string | undefined>;
    } = {},
  ) => {
    const [own, rows] = await Promise.all([resolveSite(deps, req), siteRows(deps)]);
    const csrf = reply.generateCsrf();
    const failed = extra.problems?.length ? extra.form : undefined;
    const siteForm = (on: boolean) => (
      <SiteCreateForm
        csrf={csrf}
        problems={on ? extra.problems! : []}
        values={on ? (extra.values ?? {}) : {}}
      />
    );
    const adminForm = (on: boolean) => (
      <SiteAdminForm
        csrf={csrf}
        sites={rows.map((r) => r.site)}
        problems={on ? extra.problems! : []}
        values={on ? (extra.values ?? {}) : {}}
      />
    );
    return reply
      .status(extra.status ?? 200)
      .type(html)
      .send(
        <AdminLayout
          user={user}
          csrf={csrf}
          title="站点管理"
          path={PATH}
          siteName={own.name}
          flash={takeFlash(req)}
        >
          {failed === "site" ? siteForm(true) : failed === "admin" ? adminForm(true) : ""}
          <SiteTable rows={rows} />
          {failed === "site" ? "" : siteForm(false)}
          {failed === "admin" ? "" : adminForm(false)}
        </AdminLayout>,
      );
  };

  app.get(PATH, { schema: { hide: true } }, async (req, reply) => {
    const user = requireUserOrRedirect(req, reply);
    if (!user) return reply;
    authoriseSites(user, "site.list");
    return page(req, reply, user);
  });

  app.post(
    PATH,
    { preValidation: app.csrfProtection, schema: { hide: true, body: FormBody } },
    async (req, reply) => {
      const user = requireUserOrRedirect(req, reply);
      if (!user) return reply;
      authoriseSites(user, "site.create");
      const { _csrf, ...values } = req.body;
      try {
        const { site } = await create(deps, user, values);
        req.session.set("flash", `已创建站点：${site.name}（${site.code}）`);
        return reply.redirect(PATH, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        const problems = e.details.length ? e.details : [{ code: e.code, message: e.message }];
        return page(req, reply, user, { status: e.status, form: "site", problems, values });
      }
    },
  );

  app.post(
    "/api/v1/sites/:code/admins",
    {
      config: { policy: "site" },
      schema: {
        tags: ["sites"],
        summary: "Add an administrator at a site's root organisation (platform administrators only)",
        security: [{ bearer: [] }],
        params: Type.Object({ code: s(50) }),
        body: AdminBody,
        response: { 201: AdminView },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authoriseSites(user, "site.create");
      return reply.status(201).send(await createSiteAdmin(deps, user, req.params.code, req.body));
    },
  );

  app.post(
    `${PATH}/admins`,
    {
      config: { policy: "site" },
      preValidation: app.csrfProtection,
      schema: { hide: true, body: AdminFormBody },
    },
    async (req, reply) => {
      const user = requireUserOrRedirect(req, reply);
      if (!user) return reply;
      authoriseSites(user, "site.create");
      const { _csrf, password: _p, ...values } = req.body;
      try {
        const a = await createSiteAdmin(deps, user, values.site, { ...req.body, name: values.admin_name });
        req.session.set("flash", `已为站点 ${a.site} 添加管理员 ${a.username}（${a.name}）`);
        return reply.redirect(PATH, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        // The account's own name field is `admin_name` here (the site form above has a `name`).
        const problems = (e.details.length ? e.details : [{ code: e.code, message: e.message }]).map((d) =>
          "field" in d && d.field === "name" ? { ...d, field: "admin_name" } : d,
        );
        return page(req, reply, user, { status: e.status, form: "admin", problems, values });
      }
    },
  );
}
