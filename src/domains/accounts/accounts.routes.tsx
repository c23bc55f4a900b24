import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { authorize, authorizeAny, requireUser, requireUserOrRedirect } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { AdminLayout } from "../../web/views/admin-layout";
import { findOrgInSite, loadOrgTree, resolveSite } from "../orgs";
import { registerAccountAdmin } from "./accounts.admin";
import { LoginPage, PasswordForm } from "./accounts.pages";
import { registerAccountPanels } from "./accounts.panels";
import { ROLES } from "./accounts.policy";
import {
  actorOf,
  authenticate,
  type CurrentUser,
  changePassword,
  createApiToken,
  createUser,
  recordLogout,
} from "./accounts.service";

const safeNext = (next: unknown): string =>
  typeof next === "string" && /^\/admin(\/[\w\-/?=&%.]*)?$/.test(next) ? next : "/admin";

const MeView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  name: Type.String(),
  org: Type.Object({ id: Type.String(), name: Type.String() }),
  roles: Type.Array(Type.String()),
});

const presentMe = (u: CurrentUser) => ({
  id: u.id,
  username: u.username,
  name: u.name,
  org: { id: u.orgId, name: u.orgName },
  roles: u.roles,
});

const html = "text/html; charset=utf-8";

export function registerAccountRoutes(app: AppInstance, deps: Deps): void {
  registerAccountPanels();
  registerAccountAdmin(app, deps);
  app.get(
    "/admin/login",
    {
      schema: {
        hide: true,
        querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 500 })) }),
      },
    },
    async (req, reply) => {
      if (req.user) return reply.redirect(safeNext(req.query.next), 303);
      const site = await resolveSite(deps, req);
      return reply
        .type(html)
        .send(
          <LoginPage
            siteName={site.name}
            csrf={reply.generateCsrf()}
            next={safeNext(req.query.next)}
            problems={[]}
          />,
        );
    },
  );

  app.post(
    "/admin/login",
    {
      preValidation: app.csrfProtection,
      config: { clientLimit: "login" },
      schema: {
        hide: true,
        body: Type.Object({
          username: Type.String({ maxLength: 100 }),
          password: Type.String({ maxLength: 200 }),
          next: Type.Optional(Type.String({ maxLength: 500 })),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const site = await resolveSite(deps, req);
      const { username, password } = req.body;
      const problems = [];
      if (!username.trim()) problems.push({ field: "username", code: "required", message: "请输入用户名。" });
      if (!password) problems.push({ field: "password", code: "required", message: "请输入密码。" });
      try {
        if (problems.length) throw new AppError("validation_failed", 400, "请填写用户名和密码。", problems);
        const user = await authenticate(deps, username, password, req.ip);
        req.session.set("uid", user.id);
        req.session.set("epoch", user.sessionEpoch);
        return reply.redirect(safeNext(req.body.next), 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        const shown = e.details.length
          ? e.details
          : [{ field: "password", code: e.code, message: e.message }];
        return reply
          .status(e.status)
          .type(html)
          .send(
            <LoginPage
              siteName={site.name}
              csrf={reply.generateCsrf()}
              next={safeNext(req.body.next)}
              username={username}
              problems={shown}
            />,
          );
      }
    },
  );

  app.post(
    "/admin/logout",
    { preValidation: app.csrfProtection, schema: { hide: true } },
    async (req, reply) => {
      if (req.user) await recordLogout(deps, req.user);
      req.session.delete();
      return reply.redirect("/admin/login", 303);
    },
  );

  app.get("/admin/password", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUserOrRedirect(req, reply);
    if (!user) return reply;
    const site = await resolveSite(deps, req);
    const csrf = reply.generateCsrf();
    return reply.type(html).send(
      <AdminLayout user={user} csrf={csrf} title="修改密码" path="/admin/password" siteName={site.name}>
        <PasswordForm csrf={csrf} problems={[]} />
      </AdminLayout>,
    );
  });

  app.post(
    "/admin/password",
    {
      preValidation: app.csrfProtection,
      schema: {
        hide: true,
        body: Type.Object({
          current: Type.String({ maxLength: 200 }),
          next: Type.String({ maxLength: 300 }),
          confirm: Type.String({ maxLength: 300 }),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUserOrRedirect(req, reply);
      if (!user) return reply;
      const site = await resolveSite(deps, req);
      let problems: Array<{ field?: string; code: string; message: string }> = [];
      let done = false;
      try {
        const updated = await changePassword(deps, user, req.body.current, req.body.next, req.body.confirm);
        req.session.set("epoch", updated.sessionEpoch);
        done = true;
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        problems = e.details.length ? e.details : [{ code: e.code, message: e.message }];
      }
      const csrf = reply.generateCsrf();
      return reply
        .status(done ? 200 : 400)
        .type(html)
        .send(
          <AdminLayout user={user} csrf={csrf} title="修改密码" path="/admin/password" siteName={site.name}>
            <PasswordForm csrf={csrf} problems={problems} done={done} />
          </AdminLayout>,
        );
    },
  );

  // JSON API
  app.get(
    "/api/v1/me",
    {
      schema: {
        tags: ["accounts"],
        summary: "The authenticated user, organisation and roles",
        security: [{ bearer: [] }],
        response: { 200: MeView },
      },
    },
    async (req) => presentMe(requireUser(req)),
  );

  app.post(
    "/api/v1/users",
    {
      schema: {
        tags: ["accounts"],
        summary: "Create a staff account (admin of the organisation's subtree)",
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 40 }),
            name: Type.String({ minLength: 1, maxLength: 50 }),
            org: Type.String({ minLength: 1, maxLength: 50, description: "organisation code" }),
            roles: Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), { minItems: 1, maxItems: 6 }),
            password: Type.String({ minLength: 1, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: MeView },
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      authorizeAny(actor, "user.manage");
      const org = await findOrgInSite(deps, actor.siteId, req.body.org).catch(() => undefined);
      if (org) authorize(actor, "user.manage", org.id, await loadOrgTree(deps, actor.siteId));
      const created = await createUser(deps, actorOf(actor), {
        username: req.body.username,
        name: req.body.name,
        orgCode: req.body.org,
        roles: req.body.roles,
        password: req.body.password,
        siteId: actor.siteId,
      });
      return reply.status(201).send(presentMe(created));
    },
  );

  app.post(
    "/api/v1/tokens",
    {
      schema: {
        tags: ["accounts"],
        summary: "Create another API token for the authenticated user",
        security: [{ bearer: [] }],
        body: Type.Object(
          { label: Type.String({ minLength: 1, maxLength: 50 }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: Type.String() }) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const token = await createApiToken(deps, actorOf(user), user.username, req.body.label);
      return reply.status(201).send({ token });
    },
  );
}
