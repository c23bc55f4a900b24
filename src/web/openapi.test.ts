import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import swagger from "@fastify/swagger";
import Fastify from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument, type OpenApiDocument } from "../../scripts/openapi-document";
import {
  ANONYMOUS_READS,
  assignOperationIds,
  BEARER,
  deriveOperationId,
  ERROR_RESPONSES,
  operationsOf,
  singular,
  swaggerOptions,
  TAG_DESCRIPTIONS,
} from "./openapi";
import { REQUEST_EXAMPLES, RESPONSE_EXAMPLES } from "./openapi-examples";
import { policyOf, ROUTE_POLICIES } from "./route-policy";

/**
 * Operation ids that generated clients already use: a change here breaks them. A route added later only
 * adds to the document; renaming a route or changing the derivation rule fails this table.
 */
const STABLE_IDS: Record<string, string> = {
  "GET /api/v1/me": "getMe",
  "POST /api/v1/tokens": "postToken",
  "POST /api/v1/users": "postUser",
  "GET /api/v1/orgs": "getOrgs",
  "POST /api/v1/orgs": "postOrg",
  "GET /api/v1/sites": "getSites",
  "POST /api/v1/sites": "postSite",
  "GET /api/v1/audit": "getAudit",
  "GET /api/v1/calendar/working-days/add": "getCalendarWorkingDaysAdd",
  "GET /api/v1/calendar/is-working-day": "getCalendarIsWorkingDay",
  "GET /api/v1/calendar/years/{year}": "getCalendarYear",
  "POST /api/v1/calendar/notices": "postCalendarNotice",
  "DELETE /api/v1/calendar/closures/{id}": "deleteCalendarClosure",
  "GET /api/v1/catalog": "getCatalog",
  "GET /api/v1/catalog/nodes/{id}": "getCatalogNode",
  "PATCH /api/v1/catalog/nodes/{id}": "patchCatalogNode",
  "POST /api/v1/catalog/nodes/{id}/move": "postCatalogNodeMove",
  "GET /api/v1/items": "getItems",
  "POST /api/v1/items": "postItem",
  "GET /api/v1/items/{id}": "getItem",
  "PATCH /api/v1/items/{id}": "patchItem",
  "POST /api/v1/items/{id}/actions": "postItemAction",
  "PUT /api/v1/items/{id}/validity": "putItemValidity",
  "GET /api/v1/items/{id}/history": "getItemHistory",
  "POST /api/v1/items/{id}/attachments": "postItemAttachment",
  "GET /api/v1/items/{id}/attachments": "getItemAttachments",
  "DELETE /api/v1/items/{id}/attachments/{attId}": "deleteItemAttachment",
  "GET /api/v1/items/{id}/findings": "getItemFindings",
  "POST /api/v1/items/{id}/findings/{fid}/exempt": "postItemFindingExempt",
  "POST /api/v1/review/scan": "postReviewScan",
  "POST /api/v1/applications": "postApplication",
  "GET /api/v1/applications": "getApplications",
  "GET /api/v1/applications/track": "getApplicationsTrack",
  "GET /api/v1/applications/{id}": "getApplication",
  "POST /api/v1/applications/{id}/actions": "postApplicationAction",
  "GET /api/v1/applications/{id}/files/{fileId}": "getApplicationFile",
  "GET /api/v1/public/archive": "getPublicArchive",
  "GET /api/v1/mail/outbox": "getMailOutbox",
  "POST /api/v1/mail/outbox/{id}/retry": "postMailOutboxRetry",
};

// biome-ignore lint/suspicious/noExplicitAny: walking a parsed JSON document
type Loose = any;

describe("operationId derivation", () => {
  it("names operations by method and path, singular before a parameter and after POST", () => {
    expect(deriveOperationId("GET", "/api/v1/items/{id}")).toBe("getItem");
    expect(deriveOperationId("GET", "/api/v1/items/:id")).toBe("getItem");
    expect(deriveOperationId("GET", "/api/v1/items")).toBe("getItems");
    expect(deriveOperationId("POST", "/api/v1/items/{id}/actions")).toBe("postItemAction");
    expect(deriveOperationId("GET", "/api/v1/calendar/working-days/add")).toBe("getCalendarWorkingDaysAdd");
    expect(deriveOperationId("DELETE", "/api/v1/items/{id}/attachments/{attId}")).toBe(
      "deleteItemAttachment",
    );
    expect(deriveOperationId("GET", "/api/v1/categories/{id}/statuses")).toBe("getCategoryStatuses");
    expect(deriveOperationId("GET", "/api/v1")).toBe("getRoot");
  });

  it("singularises English plurals and leaves other words alone", () => {
    expect(
      ["items", "categories", "statuses", "addresses", "outbox", "news", "archive"].map(singular),
    ).toEqual(["item", "category", "status", "address", "outbox", "news", "archive"]);
  });

  it("reports a clash and still keeps every id unique, the same way whatever the route order", () => {
    const ops = [
      { method: "get", path: "/api/v1/catalogs/{id}" },
      { method: "get", path: "/api/v1/catalog" },
      { method: "post", path: "/api/v1/x", declared: "getCatalog" },
    ];
    const a = assignOperationIds(ops);
    const b = assignOperationIds([...ops].reverse());
    expect(new Set(a.ids).size).toBe(3);
    expect(a.clashes).toHaveLength(2);
    expect([...b.ids].reverse()).toEqual(a.ids);
  });
});

describe("the mechanism on a route of its own", () => {
  it("completes a bare route and keeps what the route declares", async () => {
    const app = Fastify();
    await app.register(swagger, swaggerOptions({ publicUrl: "https://gk.example.gov.cn" }));
    const ok = { type: "object", properties: { id: { type: "string" } } };
    const mine = { type: "object", properties: { gone: { type: "boolean" } } };
    app.get(
      "/api/v1/widgets/:id",
      { config: { policy: "public" }, schema: { response: { 200: ok, 404: mine } } },
      async () => ({}),
    );
    app.post(
      "/api/v1/widgets/:id/uploads",
      {
        config: { policy: "item" },
        schema: { tags: ["publishing"], consumes: ["multipart/form-data"], operationId: "uploadWidgetFiles" },
      },
      async () => ({}),
    );
    await app.ready();
    const doc = app.swagger() as unknown as OpenApiDocument;
    const get = doc.paths["/api/v1/widgets/{id}"]!.get as Loose;
    expect(get.operationId).toBe("getWidget");
    expect(get.security).toEqual([]);
    expect(get.tags).toEqual(["widgets"]);
    expect(get.summary).toBe("查询 /api/v1/widgets/{id}");
    // Its own 404 stays; the standard ones are added; no 401/403 on a public route.
    expect(get.responses["404"].content["application/json"].schema.properties.gone).toBeDefined();
    expect(Object.keys(get.responses).sort()).toEqual(["200", "400", "404", "429", "500"]);
    const post = doc.paths["/api/v1/widgets/{id}/uploads"]!.post as Loose;
    expect(post.operationId).toBe("uploadWidgetFiles");
    expect(post.security).toEqual([{ [BEARER]: [] }]);
    expect(post.requestBody.content["multipart/form-data"].schema.properties.file.items.format).toBe(
      "binary",
    );
    expect(Object.keys(post.responses).sort()).toEqual(
      ["200", "400", "401", "403", "404", "409", "413", "415", "429", "500"].sort(),
    );
    expect(post.responses["413"]).toEqual({ $ref: "#/components/responses/PayloadTooLarge" });
    expect((doc.servers as { url: string }[])[0]!.url).toBe("https://gk.example.gov.cn");
    await app.close();
  });
});

describe("GET /api/v1/openapi.json", () => {
  let doc: OpenApiDocument;
  let ops: ReturnType<typeof operationsOf>;
  beforeAll(async () => {
    doc = await buildOpenApiDocument();
    ops = operationsOf(doc).filter((o) => o.path.startsWith("/api/v1/"));
  }, 60_000);

  const routeKey = (method: string, path: string) =>
    `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`;

  it("describes the platform: info from package.json, a server, tags with descriptions", () => {
    const info = doc.info as Loose;
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.description).toMatch(/政务公开/);
    expect(info.description).toMatch(/JSON API/);
    expect(info.license.name).toBe("MIT");
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/" })]);
    const used = new Set(ops.flatMap((o) => o.op.tags ?? []));
    expect(used.size).toBeGreaterThan(5);
    const declared = doc.tags as { name: string; description: string }[];
    for (const t of used) {
      expect(TAG_DESCRIPTIONS[t], `tag "${t}" needs a description in src/web/openapi.ts`).toBeDefined();
      expect(declared.find((d) => d.name === t)?.description).toBe(TAG_DESCRIPTIONS[t]);
    }
  });

  it("gives every operation a unique, stable operationId and a summary", () => {
    expect(ops.length).toBeGreaterThan(60);
    const ids = ops.map((o) => o.op.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    // No id is a clash resolved by a suffix: two routes deriving the same id must name one themselves.
    const set = new Set(ids);
    const clashes = ids.filter((id) => /\d$/.test(id!) && set.has(id!.replace(/\d+$/, "")));
    expect(clashes, "add schema.operationId to one of the clashing routes").toEqual([]);
    const byRoute = Object.fromEntries(
      ops.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o.op.operationId]),
    );
    for (const [route, id] of Object.entries(STABLE_IDS)) expect(byRoute[route], route).toBe(id);
    for (const o of ops) expect(o.op.summary, `${o.method} ${o.path}`).toEqual(expect.any(String));
  });

  it("declares security from the route's policy: none on public routes, the bearer token otherwise", () => {
    const schemes = Object.keys((doc.components as Loose).securitySchemes);
    expect(schemes).toEqual([BEARER]);
    for (const { method, path, op } of ops) {
      const where = `${method} ${path}`;
      const security = op.security as Record<string, string[]>[] | undefined;
      expect(security, where).toBeDefined();
      for (const req of security!)
        for (const name of Object.keys(req)) expect(schemes, where).toContain(name);
      const policy = policyOf(method.toUpperCase(), routeKey(method, path).split(" ")[1]!);
      if (policy === "public" || policy === "public.applicant") {
        // Public routes need no token (a few accept one for more: [{}, bearer]).
        expect(security!.length === 0 || security!.some((r) => Object.keys(r).length === 0), where).toBe(
          true,
        );
      } else if (policy) {
        expect(
          security!.some((r) => BEARER in r),
          where,
        ).toBe(true);
      }
    }
    // The optional-token list names real routes of a staff policy (it must not rot or cover public ones).
    for (const key of ANONYMOUS_READS) {
      const [method, url] = key.split(" ") as [string, string];
      expect(ROUTE_POLICIES[key], key).toBeDefined();
      expect(["public", "public.applicant", "login"], key).not.toContain(ROUTE_POLICIES[key]);
      const op = ops.find((o) => routeKey(o.method, o.path) === `${method} ${url}`);
      expect(op?.op.security, key).toEqual([{}, { [BEARER]: [] }]);
    }
    expect(ops.find((o) => o.path === "/api/v1/orgs" && o.method === "get")!.op.security).toEqual([]);
    expect(ops.find((o) => o.path === "/api/v1/items" && o.method === "post")!.op.security).toEqual([
      { [BEARER]: [] },
    ]);
    expect(ROUTE_POLICIES["POST /api/v1/items"]).toBe("item");
  });

  it("answers every error in the one error shape, without overwriting a route's own responses", () => {
    const named = new Map(Object.values(ERROR_RESPONSES).map((s) => [`#/components/responses/${s.name}`, s]));
    const components = doc.components as Loose;
    for (const spec of Object.values(ERROR_RESPONSES)) {
      const r = components.responses[spec.name];
      expect(r.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ErrorResponse" });
      expect(r.content["application/json"].example.error.code).toMatch(/^[a-z_]+$/);
    }
    expect(components.schemas.ErrorResponse.required).toEqual(["error"]);
    expect(components.schemas.ErrorResponse.properties.error.required).toEqual([
      "code",
      "message",
      "details",
    ]);
    for (const { method, path, op } of ops) {
      const where = `${method} ${path}`;
      const responses = op.responses as Record<string, { $ref?: string }>;
      const errors = Object.entries(responses).filter(([s]) => /^4\d\d$/.test(s));
      expect(errors.length, `${where} has no 4xx`).toBeGreaterThan(0);
      // Every error response is in the one shape: a standard response, or the route's own pointing at it.
      for (const [status, r] of errors) {
        const own = (r as Loose).content?.["application/json"]?.schema?.$ref;
        expect(
          (r.$ref && named.has(r.$ref)) || own === "#/components/schemas/ErrorResponse",
          `${where} ${status}`,
        ).toBe(true);
      }
      expect(responses["500"], where).toEqual({ $ref: "#/components/responses/InternalError" });
      expect(responses["429"], where).toBeDefined();
      if (path.includes("{")) expect(responses["404"], where).toBeDefined();
      if ((op.security as object[]).some((r) => BEARER in r)) expect(responses["401"], where).toBeDefined();
      expect(
        Object.keys(responses).some((s) => /^2\d\d$/.test(s)),
        `${where} has a success response`,
      ).toBe(true);
    }
  });

  it("keeps a route's own error responses (description, example) while pointing them at the one shape", () => {
    const own = ops
      .flatMap(({ method, path, op }) =>
        Object.entries(op.responses as Record<string, Loose>).map(([status, r]) => ({
          where: `${method} ${path} ${status}`,
          r,
        })),
      )
      .filter(
        ({ r }) =>
          !r.$ref && r.content?.["application/json"]?.schema?.$ref === "#/components/schemas/ErrorResponse",
      );
    // The public read API and search declare theirs with examples of their own codes.
    for (const { where, r } of own) {
      const media = r.content["application/json"];
      expect(media.example ?? media.examples, where).toBeDefined();
    }
  });

  it("shows an example of every JSON request body and of the main answers, each for an operation that exists", () => {
    const byId = new Map(ops.map((o) => [o.op.operationId!, o.op as Loose]));
    for (const id of [...Object.keys(REQUEST_EXAMPLES), ...Object.keys(RESPONSE_EXAMPLES)])
      expect(byId.has(id), `example for unknown operation ${id}`).toBe(true);
    for (const { method, path, op } of ops) {
      const body = (op as Loose).requestBody?.content?.["application/json"];
      if (body) expect(body.example ?? body.examples, `${method} ${path}: request example`).toBeDefined();
    }
    for (const id of [
      "getItem",
      "getItems",
      "postItem",
      "postApplication",
      "getApplication",
      "getCatalog",
      "getOrgs",
    ]) {
      const op = byId.get(id);
      const success = Object.keys(op.responses).find((s) => s.startsWith("2"))!;
      expect(op.responses[success].content["application/json"].example, id).toBeDefined();
    }
  });

  it("lints clean with Redocly's recommended rules (redocly.yaml)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gongkai-openapi-test-"));
    try {
      const file = join(dir, "openapi.json");
      writeFileSync(file, JSON.stringify(doc));
      const root = resolve(import.meta.dirname, "../..");
      const run = promisify(execFile);
      const result = await run(
        join(root, "node_modules/.bin/redocly"),
        ["lint", "--config", join(root, "redocly.yaml"), "--format", "json", file],
        { env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
      ).catch((e: { stdout: string; stderr: string }) => e);
      const report = JSON.parse(result.stdout) as { totals: { errors: number }; problems: unknown[] };
      expect(report.totals.errors, JSON.stringify(report.problems).slice(0, 2000)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
