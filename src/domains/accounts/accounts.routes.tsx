import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { authorize, authorizeAny, requireUser, sessionClient } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { AdminLayout } from "../../web/views/admin-layout";
import { findOrgInSite, loadOrgTree, resolveSite } from "../orgs";
import { registerAccountAdmin } from "./accounts.admin";
import { authenticate } from "./accounts.login";
import { LoginPage, MySessions, PasswordForm } from "./accounts.pages";
import { registerAccountPanels } from "./accounts.panels";
import { ROLES, TOKEN_ONLY_ROLES } from "./accounts.policy";
import {
  actorOf,
  type CurrentUser,
  changePassword,
  createApiToken,
  createUser,
  endSession,
  listMySessions,
} from "./accounts.service";
import { afterPassword } from "./accounts.totp";
import { registerTotpRoutes, safeNext } from "./accounts.totp-routes";

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
  const loginLimits = {
    maxFailures: deps.config.loginMaxFailures,
    lockMinutes: deps.config.loginLockMinutes,
    idleMinutes: deps.config.sessionIdleMinutes,
  };
  registerAccountPanels();
  registerAccountAdmin(app, deps);
  registerTotpRoutes(app, deps);
  app.get(
    "/admin/login",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          next: Type.Optional(Type.String({ maxLength: 500 })),
          expired: Type.Optional(Type.String({ maxLength: 10 })),
        }),
      },
    },
    async (req, reply) => {
      if (req.user) return reply.redirect(safeNext(req.query.next), 303);
      // Back from a second-factor step that timed out or failed too often.
      const expired =
        req.query.expired === "2fa"
          ? [
              {
                code: "totp_challenge_expired",
                message: "验证已超时或失败次数过多，请重新输入用户名和密码。",
              },
            ]
          : [];
      const site = await resolveSite(deps, req);
      return reply
        .type(html)
        .send(
          <LoginPage
            siteName={site.name}
            csrf={reply.generateCsrf()}
            next={safeNext(req.query.next)}
            problems={expired}
            limits={loginLimits}
          />,
        );
    },
  );

  app.post(
    "/admin/login",
    {
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
        // With a second factor (or one the user's role requires), a challenge comes before the session.
        const next = await afterPassword(deps, user, sessionClient(req));
        if ("challenge" in next) {
          req.session.set("challenge", next.challenge);
          return reply.redirect(`/admin/login/2fa?next=${encodeURIComponent(safeNext(req.body.next))}`, 303);
        }
        // A new sign-in in the same browser ends the session it replaces.
        const previous = req.session.get("sid");
        if (typeof previous === "string") await endSession(deps, previous, req.user, "replaced");
        req.session.set("sid", next.session);
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
              limits={loginLimits}
            />,
          );
      }
    },
  );

  app.post("/admin/logout", { schema: { hide: true } }, async (req, reply) => {
    // The server-side session ends, so a copy of the cookie kept elsewhere is worthless from now on.
    const sid = req.session.get("sid");
    if (typeof sid === "string") await endSession(deps, sid, req.user, "logout");
    req.session.delete();
    return reply.redirect("/admin/login", 303);
  });

  app.get("/admin/password", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    const site = await resolveSite(deps, req);
    const csrf = reply.generateCsrf();
    const sessions = await listMySessions(deps, user);
    return reply.type(html).send(
      <AdminLayout user={user} csrf={csrf} title="修改密码" path="/admin/password" siteName={site.name}>
        <PasswordForm csrf={csrf} problems={[]} />
        <MySessions sessions={sessions} />
      </AdminLayout>,
    );
  });

  app.post(
    "/admin/password",
    {
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
      const user = requireUser(req);
      const site = await resolveSite(deps, req);
      let problems: Array<{ field?: string; code: string; message: string }> = [];
      let done = false;
      let current = user;
      try {
        const changed = await changePassword(
          deps,
          user,
          req.body.current,
          req.body.next,
          req.body.confirm,
          sessionClient(req),
        );
        req.session.set("sid", changed.sessionId);
        current = changed.user;
        done = true;
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        problems = e.details.length ? e.details : [{ code: e.code, message: e.message }];
      }
      const csrf = reply.generateCsrf();
      const sessions = await listMySessions(deps, current);
      return reply
        .status(done ? 200 : 400)
        .type(html)
        .send(
          <AdminLayout user={user} csrf={csrf} title="修改密码" path="/admin/password" siteName={site.name}>
            <PasswordForm csrf={csrf} problems={problems} done={done} />
            <MySessions sessions={sessions} />
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
      // An integration account's tokens are issued by the office (`gongkai token create`), never by the account itself.
      if (user.roles.some((r) => TOKEN_ONLY_ROLES.includes(r)))
        throw new AppError(
          "token_only_account",
          403,
          "此账户为系统对接账户，令牌由政务公开办签发，不能自行申请。",
        );
      const token = await createApiToken(deps, actorOf(user), user.username, req.body.label);
      return reply.status(201).send({ token });
    },
  );
}
