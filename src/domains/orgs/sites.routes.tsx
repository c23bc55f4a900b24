// Sites in the back office: a platform administrator lists sites, creates one with its root organisation and
// adds its first administrator. A site's own staff, its administrators included, get 403 here and never see
// another site.
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { AdminLayout, addAdminNav, takeFlash } from "../../web/views/admin-layout";
import type { CurrentUser } from "../accounts";
import { createSiteAdmin, createSiteFromFields, registerSitesApi, siteRows } from "./sites.api";
import { SiteAdminForm, SiteCreateForm, SiteTable } from "./sites.pages";
import { authoriseSites, mayManageSites } from "./sites.policy";
import { resolveSite } from "./sites.service";

const html = "text/html; charset=utf-8";
const PATH = "/admin/sites";
const s = (maxLength: number) => Type.String({ maxLength });

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

const AdminFormBody = Type.Object({
  site: Type.Optional(s(50)),
  username: Type.Optional(s(100)),
  admin_name: Type.Optional(s(100)),
  password: Type.Optional(s(200)),
  _csrf: Type.Optional(Type.String()),
});
export function registerSiteRoutes(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: PATH, label: "站点管理", action: "org.manage", when: mayManageSites });
  registerSitesApi(app, deps);

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
    const user = requireUser(req);
    authoriseSites(user, "site.list");
    return page(req, reply, user);
  });

  app.post(PATH, { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    authoriseSites(user, "site.create");
    const { _csrf, ...values } = req.body;
    try {
      const { site } = await createSiteFromFields(deps, user, values);
      req.session.set("flash", `已创建站点：${site.name}（${site.code}）`);
      return reply.redirect(PATH, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      const problems = e.details.length ? e.details : [{ code: e.code, message: e.message }];
      return page(req, reply, user, { status: e.status, form: "site", problems, values });
    }
  });

  app.post(
    `${PATH}/admins`,
    {
      config: { policy: "site" },
      schema: { hide: true, body: AdminFormBody },
    },
    async (req, reply) => {
      const user = requireUser(req);
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
