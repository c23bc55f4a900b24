// The public read API (可利用): published items, interpretations and the catalogue of the site named by the
// Host header, for anyone and without a token. The archive is /api/v1/public/archive (applications domain).
import type { Deps } from "../../deps";
import type { AppInstance } from "../../web/types";
import { resolvePublicSite } from "../orgs";
import {
  CatalogJson,
  CatalogQuerystring,
  IdParams,
  InterpretationListJson,
  ItemListJson,
  ListQuerystring,
  PublicItemJson,
} from "./opendata.schemas";
import { catalogRows, listPublicItems, presentListItem, publicItem, withPolicies } from "./opendata.service";

// Error responses (400, 404, 429 in the one error shape) are added to every operation by src/web/openapi.ts.
const tags = ["open data"];

export function registerOpenDataApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/public/items",
    {
      schema: {
        tags,
        operationId: "listPublicItems",
        summary: "Published items, newest publication first, with filters and paging",
        description:
          "Only the current published version of each item: no drafts, no withdrawn or superseded versions. The order (published_at, then id, descending) is stable, so pages neither overlap nor skip. An unknown `org` or `catalog_node` is a 400 naming it.",
        security: [],
        querystring: ListQuerystring,
        response: { 200: ItemListJson },
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      const r = await listPublicItems(deps, site, req.query);
      return {
        total: r.total,
        page: r.page,
        per_page: r.per_page,
        items: r.rows.map((row) => presentListItem(row, r.orgs, r.nodes.get(row.id) ?? [])),
      };
    },
  );

  app.get(
    "/api/v1/public/items/:id",
    {
      schema: {
        tags,
        operationId: "getPublicItem",
        summary: "One item as its public page shows it, with attachments, hashes and related items",
        description:
          "Published and superseded versions in full; a withdrawn item with its withdrawal notice only (no body, no attachments), as on its page. Drafts and items of other sites: 404 item_not_found.",
        security: [],
        params: IdParams,
        response: { 200: PublicItemJson },
      },
    },
    async (req) => publicItem(deps, (await resolvePublicSite(deps, req)).id, req.params.id),
  );

  app.get(
    "/api/v1/public/interpretations",
    {
      schema: {
        tags,
        operationId: "listPublicInterpretations",
        summary: "Published policy interpretations (政策解读), each with the policy it explains",
        description:
          "The items of kind `interpretation` (the same as /api/v1/public/items?kind=interpretation) with their policy, interpreter and form.",
        security: [],
        querystring: ListQuerystring,
        response: { 200: InterpretationListJson },
      },
    },
    async (req) => {
      const site = await resolvePublicSite(deps, req);
      const r = await listPublicItems(deps, site, { ...req.query, kind: "interpretation" });
      const related = await withPolicies(deps, r.rows);
      return {
        total: r.total,
        page: r.page,
        per_page: r.per_page,
        items: r.rows.map((row) => ({
          ...presentListItem(row, r.orgs, r.nodes.get(row.id) ?? []),
          ...related(row),
        })),
      };
    },
  );

  app.get(
    "/api/v1/public/catalog",
    {
      schema: {
        tags,
        operationId: "getPublicCatalog",
        summary: "The disclosure catalogue (主动公开基本目录) of every organisation, with published counts",
        description:
          "Every active node in tree order with its parent, path and the number of published items filed under it. `org` narrows it to one organisation (404 catalog_not_found when it has none).",
        security: [],
        querystring: CatalogQuerystring,
        response: { 200: CatalogJson },
      },
    },
    async (req) => catalogRows(deps, (await resolvePublicSite(deps, req)).id, req.query.org),
  );
}
