// GET /api/v1/search (CONTRACT.md "Search, verification and feeds"): public search over everything public;
// with a staff token and scope=staff, also the drafts the user may view. Every parameter is read as text and
// checked by the service, so any input answers 200 or a 400 naming each problem, never a 5xx.
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { resolvePublicSite } from "../orgs";
import { MAX_PER_PAGE, MAX_QUERY_CHARS, runSearch, searchJson } from "./search.service";

const Text = (description: string, maxLength = 1000) =>
  Type.Optional(Type.String({ description, maxLength }));

export const SearchQuerystring = Type.Object({
  q: Text(
    `The words to find (1-${MAX_QUERY_CHARS} characters). "Quoted" words are an exact phrase; a 文号 matches in any bracket style.`,
  ),
  org: Text("Organisation code (the `org.code` of a hit)."),
  kind: Text("Information kind: policy normative interpretation notice news plan statistics budget other."),
  type: Text("Record type: item interpretation catalog archive art44."),
  catalog_node: Text("Catalogue node id."),
  year: Text("Year of publication, 1990-2100."),
  validity: Text("Validity of a normative document: valid expired repealed revised."),
  sort: Text("relevance (default) or date (newest first)."),
  page: Text("Page number from 1."),
  per_page: Text(`Results per page, 1-${MAX_PER_PAGE} (default 10).`),
  scope: Text("public (default) or staff: with a bearer token, also the drafts the user may view."),
});

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const SearchHitJson = Type.Object({
  type: Type.String({ description: "item interpretation catalog archive art44 (later domains add theirs)" }),
  id: Type.String(),
  title: Type.String(),
  url: Type.String({
    description: "The record's public page (a draft's back-office page under scope=staff).",
  }),
  snippet: Type.String({ description: "Plain text around the first match." }),
  doc_number: Nullable(Type.String()),
  org: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()], {
    description: "The organisation of the record: its code (the `org` filter) and its name.",
  }),
  published_at: Nullable(Type.String()),
  status: Type.Optional(Type.String({ description: "scope=staff: the workflow status of a draft." })),
});

export const SearchResultJson = Type.Object(
  {
    total: Type.Integer({
      description:
        "Matches, counted up to 1,000 (or a page past the page asked for when deeper); a lower bound when total_exact is false.",
    }),
    total_exact: Type.Boolean({
      description: "False when there are more matches than `total`: page on with `page` to list them.",
    }),
    page: Type.Integer(),
    per_page: Type.Integer(),
    items: Type.Array(SearchHitJson),
    suggestion: Nullable(
      Type.String({ description: "When nothing is found: a nearby query that finds something." }),
    ),
  },
  {
    examples: [
      {
        total: 1,
        total_exact: true,
        page: 1,
        per_page: 10,
        items: [
          {
            type: "item",
            id: "0190a000-0000-7000-8000-000000000001",
            title: "关于印发乡村振兴实施方案的通知",
            url: "/gk/items/0190a000-0000-7000-8000-000000000001",
            snippet: "…全面推进乡村振兴，加快农业农村现代化…",
            doc_number: "固政发〔2026〕1号",
            org: { code: "gyx-zfb", name: "固阳县人民政府办公室" },
            published_at: "2026-03-02T02:00:00.000Z",
          },
        ],
        suggestion: null,
      },
    ],
  },
);

const ErrorJson = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(
        Type.Array(
          Type.Object({ field: Type.Optional(Type.String()), code: Type.String(), message: Type.String() }),
        ),
      ),
    }),
  },
  {
    examples: [
      {
        error: {
          code: "search_query_empty",
          message: "请输入要搜索的关键词。",
          details: [{ field: "q", code: "search_query_empty", message: "请输入要搜索的关键词。" }],
        },
      },
    ],
  },
);

export function registerSearchApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/search",
    {
      schema: {
        tags: ["search"],
        operationId: "searchPublic",
        summary: "Search everything public (items, interpretations, catalogue, archive); staff: also drafts",
        description:
          "Public. With `scope=staff` a bearer token is required and the drafts the user may view (the item policy: their site and organisations) come first.",
        security: [{}, { bearer: [] }],
        querystring: SearchQuerystring,
        response: { 200: SearchResultJson, 400: ErrorJson, 401: ErrorJson, 429: ErrorJson },
      },
    },
    async (req) => {
      const query = req.query as Record<string, unknown>;
      const staff = query.scope === "staff";
      const user = staff ? requireUser(req) : null;
      const siteId = user ? user.siteId : (await resolvePublicSite(deps, req)).id;
      return searchJson(await runSearch(deps, siteId, query, user));
    },
  );
}
