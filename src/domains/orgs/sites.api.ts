// The sites API: a platform administrator lists sites, creates one with its root organisation, and adds its
// first administrator. Everyone else gets 403 (sites.policy).
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { actorOf, type CurrentUser, createUser } from "../accounts";
import type { Org, Site } from "./orgs.repo";
import { loadOrgTree } from "./orgs.service";
import type { SiteRow } from "./sites.pages";
import { authoriseSites } from "./sites.policy";
import { createSiteWithRoot, hostsOf, listSites } from "./sites.service";

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

const AdminBody = Type.Object(
  { username: s(100), name: s(100), password: s(200) },
  { additionalProperties: false },
);
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

export async function siteRows(deps: Deps): Promise<SiteRow[]> {
  const [sites, tree] = await Promise.all([listSites(deps), loadOrgTree(deps)]);
  return sites.map((site) => ({ site, root: tree.roots(site.id)[0] }));
}

/** A site and its root organisation from form or JSON fields (`root_org`, `root_name`, as on the CLI). */
export const createSiteFromFields = (deps: Deps, user: CurrentUser, f: Fields) =>
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
export async function createSiteAdmin(
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

export function registerSitesApi(app: AppInstance, deps: Deps): void {
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
      const { site, root } = await createSiteFromFields(deps, user, req.body);
      return reply.status(201).send(presentSite(site, root));
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
}
