import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { authorize, requireUser, sessionClient } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { AdminBareLayout, AdminLayout, takeFlash } from "../../web/views/admin-layout";
import { loadOrgTree, resolveSite } from "../orgs";
import * as repo from "./accounts.repo";
import { actorOf, endSession } from "./accounts.service";
import { revokeCurrentToken } from "./accounts.tokens";
import {
  challengeUser,
  confirmEnrolmentChallenge,
  disableOwnTotp,
  enableOwnTotp,
  enrolmentSecret,
  regenerateRecoveryCodes,
  resetTotp,
  totpStatus,
  verifyChallenge,
} from "./accounts.totp";
import { RecoveryCodes, TotpChallengeForm, TotpEnrolForm, TotpSecurity } from "./accounts.totp-pages";

const html = "text/html; charset=utf-8";

export const safeNext = (next: unknown): string =>
  typeof next === "string" && /^\/admin(\/[\w\-/?=&%.]*)?$/.test(next) ? next : "/admin";

const problemsOf = (e: AppError): ErrorDetail[] =>
  e.details.length ? e.details : [{ field: "code", code: e.code, message: e.message }];

const CodeBody = Type.Object({
  code: Type.String({ maxLength: 40 }),
  /** The current password: asked again on the security page before the factor changes. */
  password: Type.Optional(Type.String({ maxLength: 200 })),
  next: Type.Optional(Type.String({ maxLength: 500 })),
  _csrf: Type.Optional(Type.String()),
});

/** The second factor's routes: the step after the password, the user's security page, an admin's reset. */
export function registerTotpRoutes(app: AppInstance, deps: Deps): void {
  const challengeOf = (req: FastifyRequest) => {
    const id = req.session.get("challenge");
    return typeof id === "string" ? id : undefined;
  };
  const backToLogin = (reply: FastifyReply, next: string, expired: boolean) =>
    reply.redirect(`/admin/login?next=${encodeURIComponent(next)}${expired ? "&expired=2fa" : ""}`, 303);

  // After the password: the code (verify) or enrolment (enrol), then the session.
  app.get(
    "/admin/login/2fa",
    {
      schema: {
        hide: true,
        querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 500 })) }),
      },
    },
    async (req, reply) => {
      const next = safeNext(req.query.next);
      const id = challengeOf(req);
      const pending = id ? await challengeUser(deps, id) : undefined;
      if (!pending) return backToLogin(reply, next, !!id);
      const site = await resolveSite(deps, req);
      const csrf = reply.generateCsrf();
      if (pending.purpose === "verify")
        return reply.type(html).send(
          <AdminBareLayout title="双因素认证" siteName={site.name}>
            <TotpChallengeForm csrf={csrf} next={next} problems={[]} />
          </AdminBareLayout>,
        );
      const enrol = await enrolmentSecret(deps, pending.user, `${site.name}政务公开`);
      return reply.type(html).send(
        <AdminBareLayout title="启用双因素认证" siteName={site.name}>
          <TotpEnrolForm
            csrf={csrf}
            action="/admin/login/2fa"
            next={next}
            secret={enrol.secret}
            uri={enrol.uri}
            problems={[]}
            required
          />
        </AdminBareLayout>,
      );
    },
  );

  app.post(
    "/admin/login/2fa",
    { config: { clientLimit: "login" }, schema: { hide: true, body: CodeBody } },
    async (req, reply) => {
      const next = safeNext(req.body.next);
      const id = challengeOf(req);
      const pending = id ? await challengeUser(deps, id) : undefined;
      if (!id || !pending) {
        req.session.set("challenge", undefined);
        return backToLogin(reply, next, !!id);
      }
      const site = await resolveSite(deps, req);
      const previous = req.session.get("sid");
      try {
        if (pending.purpose === "verify") {
          const done = await verifyChallenge(deps, id, req.body.code, sessionClient(req));
          if (typeof previous === "string") await endSession(deps, previous, req.user, "replaced");
          req.session.set("challenge", undefined);
          req.session.set("sid", done.session);
          if (done.recoveryUsed)
            req.session.set("flash", "您使用了一个恢复码登录。请尽快在“账户安全”中重新生成恢复码。");
          return reply.redirect(next, 303);
        }
        const done = await confirmEnrolmentChallenge(deps, id, req.body.code, sessionClient(req));
        if (typeof previous === "string") await endSession(deps, previous, req.user, "replaced");
        req.session.set("challenge", undefined);
        req.session.set("sid", done.session);
        return reply.type(html).send(
          <AdminBareLayout title="双因素认证已启用" siteName={site.name}>
            <RecoveryCodes codes={done.codes} next={next} />
          </AdminBareLayout>,
        );
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        if (e.code === "totp_challenge_expired") {
          req.session.set("challenge", undefined);
          return backToLogin(reply, next, true);
        }
        const csrf = reply.generateCsrf();
        if (pending.purpose === "verify")
          return reply
            .status(e.status)
            .type(html)
            .send(
              <AdminBareLayout title="双因素认证" siteName={site.name}>
                <TotpChallengeForm csrf={csrf} next={next} problems={problemsOf(e)} />
              </AdminBareLayout>,
            );
        const enrol = await enrolmentSecret(deps, pending.user, `${site.name}政务公开`);
        return reply
          .status(e.status)
          .type(html)
          .send(
            <AdminBareLayout title="启用双因素认证" siteName={site.name}>
              <TotpEnrolForm
                csrf={csrf}
                action="/admin/login/2fa"
                next={next}
                secret={enrol.secret}
                uri={enrol.uri}
                problems={problemsOf(e)}
                required
              />
            </AdminBareLayout>,
          );
      }
    },
  );

  // The user's own security page.
  const securityPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { problems?: ErrorDetail[]; codes?: string[]; flash?: string; status?: number } = {},
  ) => {
    const user = requireUser(req);
    const site = await resolveSite(deps, req);
    const status = await totpStatus(deps, user);
    const enrol = status.enabled ? undefined : await enrolmentSecret(deps, user, `${site.name}政务公开`);
    const csrf = reply.generateCsrf();
    return reply
      .status(extra.status ?? 200)
      .type(html)
      .send(
        <AdminLayout user={user} csrf={csrf} title="账户安全" path="/admin/account/2fa" siteName={site.name}>
          <TotpSecurity
            csrf={csrf}
            status={status}
            problems={extra.problems ?? []}
            enrol={enrol}
            codes={extra.codes}
            flash={extra.flash ?? takeFlash(req)}
          />
        </AdminLayout>,
      );
  };

  app.get("/admin/account/2fa", { schema: { hide: true } }, (req, reply) => securityPage(req, reply));

  app.post(
    "/admin/account/2fa/:action",
    {
      config: { clientLimit: "login" },
      schema: {
        hide: true,
        params: Type.Object({
          action: Type.Union([Type.Literal("enable"), Type.Literal("recovery"), Type.Literal("disable")]),
        }),
        body: CodeBody,
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      try {
        if (req.params.action === "enable") {
          const codes = await enableOwnTotp(deps, user, req.body.code, req.body.password, req.ip);
          return securityPage(req, reply, { codes, flash: "双因素认证已启用。" });
        }
        if (req.params.action === "recovery") {
          const codes = await regenerateRecoveryCodes(deps, user, req.body.code, req.body.password, req.ip);
          return securityPage(req, reply, { codes, flash: "已生成新的恢复码，旧的恢复码已作废。" });
        }
        await disableOwnTotp(deps, user, req.body.code, req.body.password, req.ip);
        req.session.set("flash", "双因素认证已停用。");
        return reply.redirect("/admin/account/2fa", 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        return securityPage(req, reply, { problems: problemsOf(e), status: e.status });
      }
    },
  );

  // The holder of an API token revokes it (a leaked token, a system retired).
  app.delete(
    "/api/v1/tokens/current",
    {
      schema: {
        tags: ["accounts"],
        summary: "Revoke the API token this request is made with; it answers 401 from then on",
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ revoked: Type.Boolean() }) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
      if (!m) throw new AppError("token_required", 400, "只能撤销本次请求所用的 API 令牌：请用该令牌调用。");
      return { revoked: await revokeCurrentToken(deps, actorOf(user), m[1]!) };
    },
  );

  // An administrator of the user's organisation resets a lost second factor.
  app.delete(
    "/api/v1/users/:username/totp",
    {
      schema: {
        tags: ["accounts"],
        summary: "Reset a staff member's second factor (admin of the user's organisation); they enrol again",
        security: [{ bearer: [] }],
        params: Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 200: Type.Object({ username: Type.String(), had_factor: Type.Boolean() }) },
      },
    },
    async (req) => {
      const actor = requireUser(req);
      const target = await repo.findUserByUsername(deps.db.kysely, req.params.username.trim().toLowerCase());
      const tree = await loadOrgTree(deps, actor.siteId);
      // Another site's account is as unknown as a missing one.
      if (!target || !tree.get(target.org_id)) throw new AppError("user_not_found", 404, "用户不存在。");
      authorize(actor, "user.manage", target.org_id, tree);
      const had = await resetTotp(deps, actorOf(actor), target.id);
      return { username: target.username, had_factor: had };
    },
  );
}
