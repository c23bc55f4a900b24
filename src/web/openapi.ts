// The OpenAPI document at /api/v1/openapi.json, completed by one mechanism rather than by each route, so
// routes added later are covered too: every /api/v1 operation gets an operationId (derived from method and
// path unless the route names one), its security (from the route's policy, src/web/route-policy.ts), the
// standard error responses in the one error shape, a tag with a description, and a summary. The document
// itself gets servers, info, tags and components. `npm run lint:openapi` lints it with Redocly and compiles
// a client generated from it (scripts/openapi-check.ts); src/web/openapi.test.ts checks the rules below.
import { readFileSync } from "node:fs";
import type { FastifyDynamicSwaggerOptions } from "@fastify/swagger";
import type { FastifySchema, RouteOptions } from "fastify";
import { ERROR_RESPONSES, errorComponents, normaliseDeclaredErrors } from "./openapi-errors";
import { REQUEST_EXAMPLES, RESPONSE_EXAMPLES } from "./openapi-examples";
import { API_PREFIX, assignOperationIds, isParam } from "./openapi-ids";
import type { PolicyName } from "./route-policy";

export { ERROR_RESPONSES } from "./openapi-errors";
export { API_PREFIX, assignOperationIds, deriveOperationId, singular } from "./openapi-ids";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
  license: string;
};

export const BEARER = "bearerAuth";
/** Policies that let anyone in: their operations declare `security: []`. */
export const PUBLIC_POLICIES: ReadonlySet<PolicyName> = new Set(["public", "public.applicant", "login"]);

/**
 * Routes of a staff policy that also answer anyone for published content (a token adds drafts): their
 * token is optional. Keyed like ROUTE_POLICIES; a route can say the same with `schema.security`.
 */
export const ANONYMOUS_READS: ReadonlySet<string> = new Set([
  "GET /api/v1/items/:id",
  "GET /api/v1/items/:id/attachments",
  "GET /api/v1/catalog",
]);

/** Writes that change nothing stored (pure computations): no 409. */
const STATELESS_WRITES: ReadonlySet<string> = new Set([
  "POST /api/v1/review/scan",
  "POST /api/v1/review/mask",
]);

/** Domains whose writes move statutory clocks and may refuse an impossible history with 422 (ClockError). */
const CLOCK_TAGS: ReadonlySet<string> = new Set(["applications", "calendar", "interaction", "hotline"]);

/** One line of Chinese and one of English per domain; a tag used without an entry here fails the tests. */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  accounts: "账号与 API 令牌 — staff accounts, the signed-in user and API tokens",
  sites: "站点（集约化平台的各县站点）— sites of a consolidated platform (platform administrators)",
  orgs: "机构树 — the organisation tree of a site (disclosed under Art. 20(2))",
  audit: "审计日志 — the tamper-evident audit log",
  consultation:
    "征求意见 — drafts of decisions opened for public comment, comments, feedback reports (重大行政决策程序暂行条例)",
  services:
    "政务服务 — service items and their implementation lists (versions, review), the materials catalogue, 一件事, halls and windows",
  meetings:
    "政府会议 — meeting notices and agendas, applications to attend (列席), live streams, minutes and decisions (开门决策)",
  gazette:
    "政府公报 — the gazette: issues numbered per year and in total, their documents, the authoritative PDF and its SHA-256, corrections",
  calendar: "工作日历 — working days, State Council holiday notices and local closures; statutory clocks",
  catalog: "政府信息公开目录 — each organisation's disclosure catalogue",
  publishing: "主动公开 — information items, their workflow, attachments and validity",
  mongolian:
    "蒙古文版本 — Mongolian versions of items, interpretations, catalogue names, service guides, gazette issues, consultations and meetings, with their own review; outdated when the Chinese changes",
  review: "发布前审查 — pre-publication checks: personal information, sensitive words, dead links",
  applications: "依申请公开 — applications for government information, replies, archive and repeats",
  mail: "邮件 — outgoing mail and its delivery",
  interaction:
    "互动交流 — messages from the public (咨询/建议/投诉/求助), error reports (网站纠错), their handling and Q&A",
  hotline:
    "12345热线 — tickets pushed by the 12345 hotline's integration account, handled as messages; the county's hotline numbers",
  search: "站内检索 — one search over everything public (and drafts staff may see)",
  translations:
    "网站界面文字 — the site's own wording of the portal's UI strings in Chinese and Mongolian, and the untranslated ones",
  integrity:
    "可核查（防篡改）— SHA-256 of published content and files, verification, the daily publication chain",
  reports:
    "年度报告 — the annual report on government information disclosure: tables 二, 三, 四 and their check; entered figures",
  health:
    "网站健康检查 — the site against the national inspection indicators (国办秘函〔2019〕19号): predicted verdict, veto items, deductions, evidence, history",
  assessment:
    "考核 — the assessment of departments and towns: indicators (computed or entered), runs per period with each score's evidence, ranking, finalising, Excel",
  accountability:
    "问责 — the inspection office's accountability records (通报批评, 约谈整改) with the cases behind them and their rectification",
  dashboards:
    "统计图表 — the office's and the inspection office's dashboards as chart series: volumes, timeliness and trends by organisation and month",
  normative:
    "规范性文件台账 — the public register of normative documents; registration, legality review, filing, links, clean-ups and alerts; the document-management system's import",
  opinion:
    "舆情回应 — early warnings from the county's own streams, opinion cases with their response clocks, response, evaluation and accountability",
  newmedia:
    "政务新媒体 — the registry of government new-media accounts, filings (开设/变更/关停/整合), activity and alarms, posts reviewed before release",
  "open data": "开放数据 — the public read API over published items, interpretations and the catalogue",
};

/** Internal marker carried from `transform` (which sees the route) to `transformObject` (which sees the document). */
const ERRORS_KEY = "x-gongkai-errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// --- per route (transform) -------------------------------------------------------------------------------

type SecurityRequirement = Record<string, string[]>;

/** The route's declared requirement with the older scheme name `bearer` read as `bearerAuth`. */
function normaliseSecurity(security: unknown): SecurityRequirement[] | undefined {
  if (!Array.isArray(security)) return undefined;
  return security.map((req: SecurityRequirement) =>
    Object.fromEntries(Object.entries(req).map(([k, v]) => [k === "bearer" ? BEARER : k, v])),
  );
}

/** What a route says about itself that decides its security and its error responses. */
export interface RouteFacts {
  method: string;
  url: string;
  policy?: PolicyName;
  declaredSecurity?: SecurityRequirement[];
  hasBody: boolean;
  hasQuery: boolean;
  hasParams: boolean;
  multipart: boolean;
  rateLimited: boolean;
  tags: string[];
}

/** `security` of an operation: the route's own, else public → none, anonymous reads → optional, else bearer. */
export function securityFor(f: RouteFacts): SecurityRequirement[] {
  if (f.declaredSecurity) return f.declaredSecurity;
  if (f.policy && PUBLIC_POLICIES.has(f.policy)) return [];
  if (ANONYMOUS_READS.has(`${f.method} ${f.url}`)) return [{}, { [BEARER]: [] }];
  return [{ [BEARER]: [] }];
}

/** The standard error statuses an operation can answer, ascending. */
export function errorStatusesFor(f: RouteFacts, security: SecurityRequirement[]): string[] {
  const out = new Set<string>();
  const usesToken = security.some((s) => BEARER in s);
  const staffOnly = !f.policy || !PUBLIC_POLICIES.has(f.policy);
  const write = !SAFE_METHODS.has(f.method);
  if (f.hasBody || f.hasQuery || f.hasParams || f.multipart) out.add("400");
  if (usesToken) out.add("401");
  if (staffOnly) out.add("403");
  if (f.hasParams) out.add("404");
  if (write && !STATELESS_WRITES.has(`${f.method} ${f.url}`)) out.add("409");
  if (f.multipart) {
    out.add("413");
    out.add("415");
  }
  if (write && f.tags.some((t) => CLOCK_TAGS.has(t))) out.add("422");
  if (f.rateLimited) out.add("429");
  out.add("500");
  return [...out].sort();
}

/** A domain tag for a route that names none: the first fixed segment after /api/v1. */
export function defaultTag(url: string): string {
  const first = url
    .slice(API_PREFIX.length)
    .split("/")
    .find((s) => s && !isParam(s));
  return first ?? "system";
}

const METHOD_WORDS: Record<string, string> = {
  GET: "查询",
  POST: "提交",
  PUT: "设置",
  PATCH: "修改",
  DELETE: "删除",
};

/** A Chinese summary for a route that has none: the verb and the path (`查询 /api/v1/verify`). */
export function defaultSummary(method: string, url: string): string {
  return `${METHOD_WORDS[method] ?? method} ${url.replace(/:(\w+)/g, "{$1}")}`;
}

/** The body of a multipart upload, for the document only (the route reads its parts as a stream). */
const MULTIPART_BODY = {
  type: "object",
  required: ["file"],
  properties: {
    file: {
      type: "array",
      description: "One or more files (repeat the `file` field).",
      items: { type: "string", format: "binary" },
    },
  },
};

type Schema = Record<string, unknown> & {
  hide?: boolean;
  body?: unknown;
  querystring?: unknown;
  params?: unknown;
  consumes?: string[];
  tags?: string[];
  summary?: string;
  security?: unknown;
};

const transform: NonNullable<FastifyDynamicSwaggerOptions["transform"]> = ({ schema, url, route }) => {
  const own = (schema ?? {}) as Schema;
  if (!url.startsWith(`${API_PREFIX}/`) || own.hide) {
    const security = normaliseSecurity(own.security);
    return { schema: (security ? { ...own, security } : own) as FastifySchema, url };
  }
  const method = ([] as string[]).concat((route as RouteOptions).method)[0]!.toUpperCase();
  const config = ((route as RouteOptions).config ?? {}) as { policy?: PolicyName; clientLimit?: string };
  const multipart = (own.consumes ?? []).includes("multipart/form-data");
  const tags = own.tags?.length ? own.tags : [defaultTag(url)];
  const facts: RouteFacts = {
    method,
    url,
    policy: config.policy,
    declaredSecurity: normaliseSecurity(own.security),
    hasBody: own.body !== undefined,
    hasQuery: own.querystring !== undefined,
    hasParams: own.params !== undefined || /:\w/.test(url),
    multipart,
    rateLimited: config.clientLimit !== "none",
    tags,
  };
  const security = securityFor(facts);
  return {
    url,
    schema: {
      ...own,
      tags,
      summary: own.summary ?? defaultSummary(method, url),
      security,
      ...(multipart && own.body === undefined ? { body: MULTIPART_BODY } : {}),
      [ERRORS_KEY]: errorStatusesFor(facts, security),
    } as FastifySchema,
  };
};

// --- the whole document (transformObject) ----------------------------------------------------------------

type Json = Record<string, unknown>;
interface Operation extends Json {
  operationId?: string;
  requestBody?: Json;
  tags?: string[];
  responses?: Record<string, unknown>;
  [ERRORS_KEY]?: string[];
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operation of the document with its method and path, in document order. */
export function operationsOf(doc: { paths?: Record<string, Json | undefined> }) {
  const out: { method: string; path: string; op: Operation }[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item?.[method] as Operation | undefined;
      if (op) out.push({ method, path, op });
    }
  }
  return out;
}

const INFO_DESCRIPTION = [
  "政务公开平台的 JSON 接口：主动公开信息、公开目录、依申请公开、工作日历、站内检索与核验。",
  "公开接口无需令牌；工作人员接口使用 `Authorization: Bearer <令牌>`。",
  '出错时统一返回 `{"error":{"code","message","details"}}`，`code` 稳定不变，`message` 为中文。',
  "",
  "The JSON API of the government information disclosure platform: proactive disclosure, the",
  "disclosure catalogue, applications, the working-day calendar, search and verification.",
  "Public operations need no token; staff operations take `Authorization: Bearer <token>`",
  "(POST /api/v1/tokens). Every error has the same shape, with a stable snake_case `code`",
  "(docs/errors.md). Lists page with `page` and `per_page` and answer `total`.",
].join("\n");

type Media = Json & { example?: unknown; examples?: unknown };
const jsonMedia = (holder: unknown): Media | undefined =>
  ((holder as Json | undefined)?.content as Json | undefined)?.["application/json"] as Media | undefined;
const hasExample = (m: Media): boolean => m.example !== undefined || m.examples !== undefined;

/** The examples of src/web/openapi-examples.ts, where the route's schema brings none. */
function addExamples(op: Operation): void {
  const id = op.operationId ?? "";
  const body = jsonMedia(op.requestBody);
  if (body && !hasExample(body) && REQUEST_EXAMPLES[id] !== undefined) body.example = REQUEST_EXAMPLES[id];
  const success = Object.keys(op.responses ?? {}).find((s) => /^2\d\d$/.test(s));
  const example = RESPONSE_EXAMPLES[id];
  if (!success || example === undefined) return;
  const response = op.responses![success] as Json;
  // An answer without a declared schema still gets its example (the media type then has no schema).
  if (!response.content) response.content = { "application/json": {} };
  const answer = jsonMedia(response);
  if (answer && !hasExample(answer)) answer.example = example;
}

export interface OpenApiSettings {
  /** The platform's public address (GONGKAI_PUBLIC_URL); the document then names it as its server. */
  publicUrl: string | null;
}

function completeDocument(doc: Json, settings: OpenApiSettings): Json {
  const ops = operationsOf(doc as { paths?: Record<string, Json> });
  const { ids } = assignOperationIds(
    ops.map(({ method, path, op }) => ({ method, path, declared: op.operationId })),
  );
  const used = new Set<string>();
  ops.forEach(({ op }, i) => {
    op.operationId = ids[i];
    for (const t of op.tags ?? []) used.add(t);
    const statuses = op[ERRORS_KEY] ?? [];
    delete op[ERRORS_KEY];
    op.responses = op.responses ?? {};
    const responses = op.responses;
    normaliseDeclaredErrors(responses);
    addExamples(op);
    for (const status of statuses) {
      const spec = ERROR_RESPONSES[status];
      if (spec && responses[status] === undefined)
        responses[status] = { $ref: `#/components/responses/${spec.name}` };
    }
  });

  const components = (doc.components ?? {}) as Json & {
    securitySchemes?: Json;
    schemas?: Json;
    responses?: Json;
  };
  components.securitySchemes = {
    [BEARER]: {
      type: "http",
      scheme: "bearer",
      description:
        "工作人员的 API 令牌（POST /api/v1/tokens 或 `gongkai token create`）— a staff member's API token: `Authorization: Bearer <token>`.",
    },
  };
  const errors = errorComponents();
  components.schemas = { ...components.schemas, ...errors.schemas };
  components.responses = { ...components.responses, ...errors.responses };

  return {
    openapi: doc.openapi,
    info: {
      title: "gongkai 政务公开平台 API",
      version: pkg.version,
      description: INFO_DESCRIPTION,
      contact: {
        name: "政务公开平台 / gongkai platform",
        ...(settings.publicUrl ? { url: `${settings.publicUrl}/` } : {}),
      },
      license: { name: pkg.license, url: `https://spdx.org/licenses/${pkg.license}.html` },
    },
    servers: [
      settings.publicUrl
        ? { url: settings.publicUrl, description: "本平台 — this platform" }
        : { url: "/", description: "本平台（与本文档同一地址）— the server that serves this document" },
    ],
    tags: [...used].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name })),
    ...Object.fromEntries(
      Object.entries(doc).filter(([k]) => !["openapi", "info", "servers", "tags"].includes(k)),
    ),
    components,
  };
}

/** The options of @fastify/swagger: the document's base and the two hooks above. */
export function swaggerOptions(settings: OpenApiSettings): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: "3.0.3",
      info: { title: "gongkai 政务公开平台 API", version: pkg.version },
      // Known to @fastify/swagger while it reads each route's security (the legacy name too).
      components: {
        securitySchemes: {
          [BEARER]: { type: "http", scheme: "bearer" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
    },
    hideUntagged: false,
    transform,
    transformObject: (document) =>
      completeDocument(("openapiObject" in document ? document.openapiObject : {}) as Json, settings),
  };
}
