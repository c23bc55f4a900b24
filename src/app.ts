import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import secureSession from "@fastify/secure-session";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import type { RateLimits } from "./config";
import type { Deps } from "./deps";
import { registerAccountRoutes } from "./domains/accounts/accounts.routes";
import { registerApplicationRoutes } from "./domains/applications";
import { registerAssessmentRoutes } from "./domains/assessment";
import { registerAuditRoutes } from "./domains/audit/audit.routes";
import { registerCalendarRoutes } from "./domains/calendar/calendar.routes";
import { registerCatalogRoutes } from "./domains/catalog/catalog.routes";
import { registerConsultationRoutes } from "./domains/consultation";
import { registerDashboardsRoutes } from "./domains/dashboards";
import { registerGazetteRoutes } from "./domains/gazette";
import { registerHealthRoutes } from "./domains/health";
import { registerIntegrityRoutes } from "./domains/integrity";
import { registerInteractionRoutes } from "./domains/interaction";
import { registerMessagePages } from "./domains/interaction/messages.pages";
import { registerMailRoutes } from "./domains/mail";
import { registerMeetingRoutes } from "./domains/meetings";
import { registerMongolianRoutes } from "./domains/mongolian";
import { registerNewmediaRoutes } from "./domains/newmedia";
import { registerNormativeRoutes } from "./domains/normative";
import { registerOpenDataRoutes } from "./domains/opendata";
import { registerOpinionRoutes } from "./domains/opinion";
import { registerOrgRoutes } from "./domains/orgs/orgs.routes";
import { registerPublishingRoutes } from "./domains/publishing";
import { registerAttachmentRoutes, registerMultipart } from "./domains/publishing/attachments";
import { registerReportRoutes } from "./domains/reports";
import { registerReviewRoutes } from "./domains/review/review.routes";
import { registerSearchRoutes } from "./domains/search";
import { registerServiceRoutes } from "./domains/services";
import { registerRenderContext, registerTranslationRoutes } from "./domains/translations";
import { deriveKey } from "./platform/crypto";
import { backOffice, identify } from "./web/auth";
import { trustProxyOption } from "./web/client-address";
import {
  DEFAULT_RENDER_BUDGET,
  type RenderBudgetOptions,
  registerClientLimits,
  registerRenderBudget,
} from "./web/client-limits";
import { registerDashboard } from "./web/dashboard";
import { registerElderMode } from "./web/elder-mode";
import { clientErrorHandler, frameworkError, installErrorHandlers } from "./web/errors";
import { registerFastPath } from "./web/fast-path";
import { registerHttpCaching } from "./web/http-caching";
import { registerInputGuard, registerStrictBodyParsers } from "./web/input-guard";
import { registerJsonOnlySubmissions } from "./web/json-only";
import { type LazySchemas, lazySerializers, lazyValidatorCompiler } from "./web/lazy-schemas";
import { swaggerOptions } from "./web/openapi";
import { followOtherInstances } from "./web/page-cache";
import { registerPortal } from "./web/portal";
import { registerRequestLog } from "./web/request-log";
import { installRoutePolicies } from "./web/route-policy";
import { securityHeaders } from "./web/security-headers";
import { registerSystemRoutes } from "./web/system";
import type { AppInstance } from "./web/types";
import { validatorCompiler } from "./web/validation";

export interface AppOptions {
  /** Sets every per-minute class of client limit at once (config.rateLimits); tests raise it. */
  rateLimitPerMinute?: number;
  /** Public applications (依申请公开) per client address per hour; tests raise it. */
  applicationsPerHour?: number;
  /** Messages, error reports, comments and other public submissions per client address per hour. */
  submissionsPerHour?: number;
  /** Any class of client limit, over the two above and the configuration. */
  rateLimits?: Partial<RateLimits>;
  /** Uncached public renders per client address (src/web/client-limits.ts); default DEFAULT_RENDER_BUDGET. */
  renderBudget?: RenderBudgetOptions;
  /** Route schemas compiled on first use or by warmSchemas after listening (`gongkai serve`; src/web/lazy-schemas.ts). */
  lazySchemas?: LazySchemas;
}

/** The render budget: as configured, else the default raised to `rateLimitPerMinute` (tests raise that). */
function effectiveRenderBudget(opts: AppOptions): RenderBudgetOptions {
  if (opts.renderBudget) return opts.renderBudget;
  const m = Math.max(DEFAULT_RENDER_BUDGET.perMinute, opts.rateLimitPerMinute ?? 0);
  return { burst: Math.max(DEFAULT_RENDER_BUDGET.burst, m), perMinute: m };
}

function effectiveLimits(configured: RateLimits, opts: AppOptions): RateLimits {
  const m = opts.rateLimitPerMinute;
  return {
    ...configured,
    ...(m === undefined
      ? {}
      : { apiPerMinute: m, formsPerMinute: m, staffPerMinute: m, loginPerMinute: m, trackPerMinute: m }),
    ...(opts.applicationsPerHour === undefined ? {} : { applicationsPerHour: opts.applicationsPerHour }),
    ...(opts.submissionsPerHour === undefined ? {} : { submissionsPerHour: opts.submissionsPerHour }),
    ...opts.rateLimits,
  };
}

/** Builds the whole web application on the given dependencies. Never listens: the caller decides. */
export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<AppInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // One line per request on completion instead (src/web/request-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustProxyOption(deps.config.trustProxy),
    // Long parameters reach the input guard, which refuses them by name (over MAX_PARAM_CHARS) with a 400.
    routerOptions: { maxParamLength: 2000 },
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkError,
    clientErrorHandler,
    ...(opts.lazySchemas ? { schemaController: lazySerializers(opts.lazySchemas) } : {}),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(
    opts.lazySchemas ? lazyValidatorCompiler(opts.lazySchemas, validatorCompiler) : validatorCompiler,
  );
  installErrorHandlers(app as unknown as FastifyInstance);
  // Before any route: every route gets its policy from src/web/route-policy.ts (tests read the list).
  const routeTable = installRoutePolicies(app as unknown as FastifyInstance);
  app.decorate("routeTable", routeTable);
  // First of all hooks: anonymous GETs of cached public pages answered from memory (src/web/fast-path.ts).
  registerFastPath(app as unknown as FastifyInstance, deps);
  // Several instances on one PostgreSQL database: another instance's change clears this one's page cache.
  const unfollow = followOtherInstances(deps);
  app.addHook("onClose", async () => unfollow());
  registerRequestLog(app as unknown as FastifyInstance);
  // ETag, If-None-Match → 304 and Cache-Control on every GET (src/web/http-caching.ts).
  registerHttpCaching(app as unknown as FastifyInstance, deps);
  // Each request renders with its site's UI strings and the visitor's 适老化 choice (issue 18).
  registerRenderContext(app as unknown as FastifyInstance, deps);

  const headers = securityHeaders(deps.config.nodeEnv === "production");
  app.addHook("onRequest", (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  // The public API's submission endpoints take JSON only: no cross-site form posts (src/web/json-only.ts).
  registerJsonOnlySubmissions(app);
  await registerClientLimits(app, effectiveLimits(deps.config.rateLimits, opts), deps);
  registerRenderBudget(app, effectiveRenderBudget(opts));
  registerStrictBodyParsers(app, { formBodyLimit: 256 * 1024 });
  await registerMultipart(app);
  await app.register(cookie);
  await app.register(secureSession, {
    key: deriveKey(deps.config.secretKey, "session"),
    cookieName: "gongkai_session",
    expiry: deps.config.sessionMaxHours * 60 * 60,
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
  // operationIds, security, error responses, tags and servers for every /api/v1 route (src/web/openapi.ts).
  await app.register(swagger, swaggerOptions({ publicUrl: deps.config.publicUrl }));

  app.decorateRequest("user", null);
  app.addHook("onRequest", async (req) => {
    if (req.url.startsWith("/assets/") || req.url === "/healthz") return;
    req.user = await identify(deps, req);
  });
  registerInputGuard(app);
  // Every /admin route: one sign-in and one CSRF hook (src/web/auth.ts), before any route is added.
  await app.register(backOffice);

  registerSystemRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerDashboard(app, deps);
  registerCalendarRoutes(app, deps);
  registerCatalogRoutes(app, deps);
  registerPublishingRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerApplicationRoutes(app, deps);
  registerAttachmentRoutes(app, deps);
  registerMailRoutes(app, deps);
  registerIntegrityRoutes(app, deps);
  registerOpenDataRoutes(app, deps);
  registerSearchRoutes(app, deps);
  registerConsultationRoutes(app, deps);
  registerMeetingRoutes(app, deps);
  registerServiceRoutes(app, deps);
  registerGazetteRoutes(app, deps);
  registerNormativeRoutes(app, deps);
  registerInteractionRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerHealthRoutes(app, deps);
  registerAssessmentRoutes(app, deps);
  registerDashboardsRoutes(app, deps);
  registerOpinionRoutes(app, deps);
  registerMongolianRoutes(app, deps);
  registerNewmediaRoutes(app, deps);
  registerMessagePages(app, deps);
  registerTranslationRoutes(app, deps);
  registerElderMode(app);
  registerPortal(app, deps);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
