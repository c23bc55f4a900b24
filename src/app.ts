import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import rateLimit from "@fastify/rate-limit";
import secureSession from "@fastify/secure-session";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Deps } from "./deps";
import { registerAccountRoutes } from "./domains/accounts/accounts.routes";
import { registerApplicationRoutes } from "./domains/applications";
import { registerAuditRoutes } from "./domains/audit/audit.routes";
import { registerCalendarRoutes } from "./domains/calendar/calendar.routes";
import { registerCatalogRoutes } from "./domains/catalog/catalog.routes";
import { registerMailRoutes } from "./domains/mail";
import { registerOrgRoutes } from "./domains/orgs/orgs.routes";
import { registerPublishingRoutes } from "./domains/publishing";
import { registerAttachmentRoutes, registerMultipart } from "./domains/publishing/attachments";
import { registerReviewRoutes } from "./domains/review/review.routes";
import { deriveKey } from "./platform/crypto";
import { identify } from "./web/auth";
import { registerDashboard } from "./web/dashboard";
import { clientErrorHandler, frameworkError, installErrorHandlers } from "./web/errors";
import { registerPortal } from "./web/portal";
import { securityHeaders } from "./web/security-headers";
import { registerSystemRoutes } from "./web/system";
import type { AppInstance } from "./web/types";
import { validatorCompiler } from "./web/validation";

export interface AppOptions {
  /** Requests per minute per client address; tests raise it. */
  rateLimitPerMinute?: number;
  /** Public applications (依申请公开) per client address per hour; tests raise it. */
  applicationsPerHour?: number;
}

/** Builds the whole web application on the given dependencies. Never listens: the caller decides. */
export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<AppInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkError,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  installErrorHandlers(app as unknown as FastifyInstance);

  const headers = securityHeaders(deps.config.nodeEnv === "production");
  app.addHook("onRequest", (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(rateLimit, {
    max: opts.rateLimitPerMinute ?? 600,
    timeWindow: "1 minute",
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: "rate_limited",
      message: `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试。`,
    }),
  });
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await registerMultipart(app);
  await app.register(cookie);
  await app.register(secureSession, {
    key: deriveKey(deps.config.secretKey, "session"),
    cookieName: "gongkai_session",
    expiry: 8 * 60 * 60,
    cookie: {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: deps.config.nodeEnv === "production",
    },
  });
  await app.register(csrf, { sessionPlugin: "@fastify/secure-session" });
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL("./web/assets/", import.meta.url)),
    prefix: "/assets/",
    maxAge: deps.config.nodeEnv === "production" ? "1d" : 0,
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: { title: "gongkai 政务公开平台 API", version: "1" },
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      },
    },
    hideUntagged: false,
  });

  app.decorateRequest("user", null);
  app.addHook("onRequest", async (req) => {
    if (req.url.startsWith("/assets/") || req.url === "/healthz") return;
    req.user = await identify(deps, req);
  });

  registerSystemRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerDashboard(app, deps);
  registerCalendarRoutes(app, deps);
  registerCatalogRoutes(app, deps);
  registerPublishingRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerApplicationRoutes(app, deps, { perHour: opts.applicationsPerHour ?? 20 });
  registerAttachmentRoutes(app, deps);
  registerMailRoutes(app, deps);
  registerPortal(app, deps);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
