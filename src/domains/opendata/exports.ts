// CSV and JSON of every public list, beside the list page itself: /gk/list.csv (with the list's filters),
// /gk/catalog.csv, /hd/archive.csv and /hd/repeated.csv, and the same with .json. Whole lists, not pages.
import { type Static, Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { shanghaiDateOf } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { OUTCOME_GROUPS } from "../applications/archive/archive.service";
import { resolvePublicSite } from "../orgs";
import { ITEM_KINDS, VALIDITIES } from "../publishing/publishing.schemas";
import { CSV_TYPE, type CsvColumn, toCsv } from "./csv";
import { cachedAnswer } from "./opendata.cache";
import {
  allArchiveEntries,
  allPublishedItems,
  art44Rows,
  type CatalogRow,
  catalogRows,
  type PublicListItem,
  siteOrigin,
} from "./opendata.service";

const Format = Type.Object({ format: Type.Union([Type.Literal("csv"), Type.Literal("json")]) });
const blank = Type.Literal("");
const ListFilters = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 50 })),
  node: Type.Optional(Type.String({ maxLength: 40 })),
  kind: Type.Optional(Type.Union([blank, ...ITEM_KINDS.map((k) => Type.Literal(k))])),
  year: Type.Optional(Type.Union([blank, Type.Integer({ minimum: 1990, maximum: 2100 })])),
  validity: Type.Optional(Type.Union([blank, ...VALIDITIES.map((v) => Type.Literal(v))])),
});
const ArchiveFilters = Type.Object({
  year: Type.Optional(Type.Union([blank, Type.Integer({ minimum: 1990, maximum: 2100 })])),
  outcome: Type.Optional(Type.Union([blank, ...OUTCOME_GROUPS.map((g) => Type.Literal(g))])),
});
const CatalogFilters = Type.Object({ org: Type.Optional(Type.String({ maxLength: 50 })) });

type Abs = (path: string) => string;

const ITEM_COLUMNS = (abs: Abs): CsvColumn<PublicListItem>[] => [
  { header: "标题", value: (r) => r.title },
  { header: "发文字号", value: (r) => r.doc_number },
  { header: "索引号", value: (r) => r.index_number },
  { header: "发布机构", value: (r) => r.org?.name },
  { header: "机构代码", value: (r) => r.org?.code },
  { header: "类别", value: (r) => r.kind_label },
  { header: "成文日期", value: (r) => r.formed_on },
  { header: "发布日期", value: (r) => (r.published_at ? shanghaiDateOf(new Date(r.published_at)) : "") },
  { header: "有效性", value: (r) => r.validity_label },
  { header: "链接", value: (r) => abs(r.url) },
  { header: "编号", value: (r) => r.id },
];

const CATALOG_COLUMNS = (abs: Abs): CsvColumn<CatalogRow>[] => [
  { header: "机构", value: (r) => r.org.name },
  { header: "机构代码", value: (r) => r.org.code },
  { header: "目录路径", value: (r) => r.path },
  { header: "节点名称", value: (r) => r.name },
  { header: "节点类型", value: (r) => (r.kind === "column" ? "栏目" : "分组") },
  { header: "层级", value: (r) => r.depth + 1 },
  { header: "更新要求", value: (r) => r.update_label },
  { header: "已公开信息数", value: (r) => r.items },
  { header: "链接", value: (r) => (r.url ? abs(r.url) : "") },
  { header: "节点代码", value: (r) => r.code },
  { header: "节点编号", value: (r) => r.id },
  { header: "上级节点编号", value: (r) => r.parent_id },
];

type ArchiveEntry = Awaited<ReturnType<typeof allArchiveEntries>>[number];
const ARCHIVE_COLUMNS = (abs: Abs): CsvColumn<ArchiveEntry>[] => [
  { header: "申请内容", value: (r) => r.summary },
  { header: "答复摘要", value: (r) => r.reply_summary },
  { header: "申请人类型", value: (r) => r.applicant_type_label },
  { header: "收到申请日期", value: (r) => r.received_on },
  { header: "答复日期", value: (r) => r.replied_on },
  { header: "处理结果", value: (r) => r.outcome_label },
  { header: "答复机关", value: (r) => r.org_name },
  { header: "链接", value: (r) => abs(`/hd/archive/${r.id}`) },
  { header: "编号", value: (r) => r.id },
];

type Art44Row = Awaited<ReturnType<typeof art44Rows>>[number];
const ART44_COLUMNS = (abs: Abs): CsvColumn<Art44Row>[] => [
  { header: "信息名称", value: (r) => r.title },
  { header: "申请件数", value: (r) => r.applications },
  { header: "决定纳入日期", value: (r) => r.decided_on },
  { header: "链接", value: (r) => abs(r.url) },
  { header: "信息编号", value: (r) => r.item_id },
];

async function send(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  key: string,
  format: "csv" | "json",
  name: string,
  build: () => Promise<string>,
) {
  // Exports change only with what they list: kept like public pages, cleared by the same changes.
  const body = (await cachedAnswer(deps, req, reply, key, build))!;
  const day = shanghaiDateOf(deps.clock.now());
  return reply
    .type(format === "csv" ? CSV_TYPE : "application/json; charset=utf-8")
    .header("content-disposition", `attachment; filename="${name}-${day}.${format}"`)
    .send(body);
}

/** The JSON of an export: the rows under `items`, with how many and when (ISO instant). */
const asJson = (deps: Deps, items: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ generated_at: deps.clock.now().toISOString(), total: items.length, ...extra, items });

export function registerExports(app: AppInstance, deps: Deps): void {
  const context = async (req: FastifyRequest, declared: { properties: object } | undefined) => {
    const site = await resolvePublicSite(deps, req);
    const origin = siteOrigin(deps, site, req);
    // Keyed by the route, its parameters and the declared filters only (as validated): made-up query
    // parameters neither add entries nor force a rebuild.
    const query = (req.query ?? {}) as Record<string, unknown>;
    const filters = JSON.stringify(Object.keys(declared?.properties ?? {}).map((k) => query[k] ?? ""));
    const route = `${req.routeOptions.url}|${JSON.stringify(req.params)}`;
    return {
      site,
      abs: (path: string) => `${origin}${path}`,
      key: `${site.id}|${origin}|export|${route}|${filters}`,
    };
  };

  app.get(
    "/gk/list.:format",
    { schema: { hide: true, params: Format, querystring: ListFilters } },
    async (req, reply) => {
      const { site, abs, key } = await context(req, ListFilters);
      const q: Static<typeof ListFilters> = req.query;
      const { format } = req.params;
      return send(deps, req, reply, key, format, "items", async () => {
        const rows = await allPublishedItems(deps, site.id, {
          org: q.org || undefined,
          catalog_node: q.node || undefined,
          kind: q.kind || undefined,
          year: q.year || undefined,
          validity: q.validity || undefined,
        });
        const withUrls = rows.map((r) => ({ ...r, url: abs(r.url) }));
        return format === "csv"
          ? toCsv(
              ITEM_COLUMNS((p) => p),
              withUrls,
            )
          : asJson(deps, withUrls);
      });
    },
  );

  app.get(
    "/gk/catalog.:format",
    { schema: { hide: true, params: Format, querystring: CatalogFilters } },
    async (req, reply) => {
      const { site, abs, key } = await context(req, CatalogFilters);
      const { format } = req.params;
      return send(deps, req, reply, key, format, "catalog", async () => {
        const { orgs, nodes } = await catalogRows(deps, site.id, req.query.org || undefined);
        const withUrls = nodes.map((n) => ({ ...n, url: n.url ? abs(n.url) : null }));
        return format === "csv"
          ? toCsv(
              CATALOG_COLUMNS((p) => p),
              withUrls,
            )
          : asJson(deps, withUrls, { orgs });
      });
    },
  );

  app.get(
    "/hd/archive.:format",
    { schema: { hide: true, params: Format, querystring: ArchiveFilters } },
    async (req, reply) => {
      const { site, abs, key } = await context(req, ArchiveFilters);
      const { format } = req.params;
      return send(deps, req, reply, key, format, "archive", async () => {
        const rows = await allArchiveEntries(deps, site.id, {
          year: req.query.year || undefined,
          outcome: req.query.outcome || undefined,
        });
        return format === "csv"
          ? toCsv(ARCHIVE_COLUMNS(abs), rows)
          : asJson(
              deps,
              rows.map((r) => ({ ...r, url: abs(`/hd/archive/${r.id}`) })),
            );
      });
    },
  );

  app.get("/hd/repeated.:format", { schema: { hide: true, params: Format } }, async (req, reply) => {
    const { site, abs, key } = await context(req, undefined);
    const { format } = req.params;
    return send(deps, req, reply, key, format, "art44", async () => {
      const rows = (await art44Rows(deps, site.id)).map((r) => ({ ...r, url: abs(r.url) }));
      return format === "csv"
        ? toCsv(
            ART44_COLUMNS((p) => p),
            rows,
          )
        : asJson(deps, rows);
    });
  });
}
