// Routes of the open-data domain: the public API, exports, feeds, the sitemap, robots.txt and the open-data
// page. Feeds and the sitemap are kept in the page cache (cleared by every publishing change) per site and
// per origin, since they carry absolute URLs.
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { notFound } from "../../platform/errors";
import type { AppInstance } from "../../web/types";
import { getCatalogNode } from "../catalog";
import { resolvePublicSite, type Site } from "../orgs";
import { KIND_LABELS } from "../publishing/publishing.schemas";
import { registerExports } from "./exports";
import { FEED_SIZE, FEED_TYPES, type Feed, renderAtom, renderRss, summaryOf } from "./feeds";
import { registerOpenDataApi } from "./opendata.api";
import { cachedAnswer } from "./opendata.cache";
import { registerOpenDataPage } from "./opendata.pages";
import * as repo from "./opendata.repo";
import { allArchiveEntries, catalogRows, itemPath, siteOrgs, siteOrigin } from "./opendata.service";
import { SITEMAP_MAX_URLS, type SitemapUrl, sitemapDocument, sitemapPart } from "./sitemap";

const XML = "application/xml; charset=utf-8";
const FEED_FILE = /^(.{1,60})\.(atom|rss)$/;

/** Public pages listed in the sitemap, in Chinese and under /mn. */
const PORTAL_PAGES = [
  "/",
  "/gk",
  "/gk/list",
  "/gk/catalog",
  "/gk/opendata",
  "/fw",
  "/hd",
  "/hd/apply",
  "/hd/archive",
  "/hd/repeated",
  "/gb",
  "/calendar",
];
/** Pages whose content is the latest publications: their lastmod is the site's latest change. */
const FOLLOW_ITEMS = new Set(["/", "/gk/list"]);

async function siteContext(deps: Deps, req: FastifyRequest) {
  const site = await resolvePublicSite(deps, req);
  const origin = siteOrigin(deps, site, req);
  // Feeds and sitemaps read no query parameter: the path alone keys them, so `?x=1` is no new entry.
  return { site, origin, key: `${site.id}|${origin}|opendata|${req.url.split("?")[0]}` };
}

/** The feed of a site, an organisation or a catalogue node: the latest FEED_SIZE publications. */
async function buildFeed(
  deps: Deps,
  site: Site,
  origin: string,
  self: string,
  scope: { org?: string; node?: string },
): Promise<Feed | undefined> {
  const orgs = await siteOrgs(deps, site.id);
  let title = `${site.name} 最新公开信息`;
  let alternate = "/gk/list";
  const filter: repo.PublishedFilter = { siteId: site.id };
  if (scope.org) {
    const org = orgs.byCode.get(scope.org);
    if (!org) return undefined;
    filter.orgIds = [org.id];
    title = `${site.name} · ${org.name} 最新公开信息`;
    alternate = `/gk/list?org=${encodeURIComponent(org.code)}`;
  }
  if (scope.node) {
    const node = await getCatalogNode(deps, scope.node);
    const org = node && !node.inactive ? orgs.byId.get(node.org_id) : undefined;
    if (!node || !org) return undefined;
    filter.nodeId = node.id;
    title = `${site.name} · ${org.name} · ${node.name}`;
    alternate = `/gk/list?node=${encodeURIComponent(node.id)}`;
  }
  const db = deps.db.kysely;
  const [rows, last] = await Promise.all([
    repo.listPublishedWithText(db, filter, FEED_SIZE),
    repo.lastPublishedChange(db, filter),
  ]);
  return {
    title,
    description: `${title}（按发布时间倒序，最近 ${FEED_SIZE} 条）`,
    self,
    alternate: `${origin}${alternate}`,
    author: site.name,
    updated: last ?? site.updated_at,
    entries: rows.map((r) => ({
      id: r.id,
      title: r.title,
      url: `${origin}${itemPath(r.id)}`,
      published: r.published_at ?? r.updated_at,
      updated: r.updated_at > (r.published_at ?? "") ? r.updated_at : (r.published_at ?? r.updated_at),
      summary: summaryOf(r.summary, r.body_text),
      author: orgs.byId.get(r.org_id)?.name ?? site.name,
      category: r.kind,
      categoryLabel: KIND_LABELS[r.kind as keyof typeof KIND_LABELS] ?? r.kind,
    })),
  };
}

/** Every public page of the site, with its last change where it is known. */
async function sitemapUrls(deps: Deps, site: Site, origin: string): Promise<SitemapUrl[]> {
  const db = deps.db.kysely;
  const [last, items, catalog, archive] = await Promise.all([
    repo.lastPublishedChange(db, { siteId: site.id }),
    repo.sitemapItems(db, site.id, 10 * SITEMAP_MAX_URLS),
    catalogRows(deps, site.id),
    allArchiveEntries(deps, site.id),
  ]);
  const abs = (p: string) => `${origin}${p}`;
  const pages = PORTAL_PAGES.flatMap((p) => {
    const lastmod = FOLLOW_ITEMS.has(p) ? last : null;
    return [
      { loc: abs(p), lastmod },
      { loc: abs(p === "/" ? "/mn/" : `/mn${p}`), lastmod },
    ];
  });
  return [
    ...pages,
    ...catalog.orgs.map((o) => ({ loc: abs(`/gk/catalog/${encodeURIComponent(o.code)}`) })),
    ...items.map((i) => ({ loc: abs(itemPath(i.id)), lastmod: i.updated_at })),
    ...archive.map((e) => ({ loc: abs(`/hd/archive/${e.id}`), lastmod: e.published_at })),
  ];
}

function sendFeed(reply: FastifyReply, format: "atom" | "rss", feed: string) {
  return reply.type(FEED_TYPES[format]).send(feed);
}

export function registerOpenDataRoutes(app: AppInstance, deps: Deps): void {
  registerOpenDataApi(app, deps);
  registerExports(app, deps);
  registerOpenDataPage(app, deps);

  const feedRoute = (
    path: string,
    scopeOf: (file: string) => { scope: { org?: string; node?: string }; format: "atom" | "rss" } | undefined,
  ) =>
    app.get(
      path,
      { schema: { hide: true, params: Type.Object({ file: Type.String({ maxLength: 80 }) }) } },
      async (req, reply) => {
        const parsed = scopeOf(req.params.file);
        if (!parsed) throw notFound("订阅源", "feed_not_found");
        const { site, origin, key } = await siteContext(deps, req);
        const body = await cachedAnswer(deps, req, reply, key, async () => {
          const feed = await buildFeed(deps, site, origin, `${origin}${req.url.split("?")[0]}`, parsed.scope);
          if (!feed) return undefined;
          return parsed.format === "atom" ? renderAtom(feed) : renderRss(feed);
        });
        if (body === undefined) throw notFound("订阅源", "feed_not_found");
        return sendFeed(reply, parsed.format, body);
      },
    );

  const byFile = (kind: "org" | "node") => (file: string) => {
    const m = FEED_FILE.exec(file);
    return m ? { scope: { [kind]: m[1]! }, format: m[2] as "atom" | "rss" } : undefined;
  };
  feedRoute("/feeds/site.:file", (file) =>
    file === "atom" || file === "rss" ? { scope: {}, format: file } : undefined,
  );
  feedRoute("/feeds/org/:file", byFile("org"));
  feedRoute("/feeds/catalog/:file", byFile("node"));

  app.get("/sitemap.xml", { schema: { hide: true } }, async (req, reply) => {
    const { site, origin, key } = await siteContext(deps, req);
    const body = await cachedAnswer(deps, req, reply, key, async () =>
      sitemapDocument(await sitemapUrls(deps, site, origin), (n) => `${origin}/sitemaps/${n}.xml`),
    );
    return reply.type(XML).send(body);
  });

  app.get(
    "/sitemaps/:file",
    { schema: { hide: true, params: Type.Object({ file: Type.String({ maxLength: 20 }) }) } },
    async (req, reply) => {
      const m = /^([1-9]\d{0,4})\.xml$/.exec(req.params.file);
      const { site, origin, key } = await siteContext(deps, req);
      const body = m
        ? await cachedAnswer(deps, req, reply, key, async () =>
            sitemapPart(await sitemapUrls(deps, site, origin), Number(m[1])),
          )
        : undefined;
      if (body === undefined) throw notFound("站点地图", "sitemap_not_found");
      return reply.type(XML).send(body);
    },
  );

  app.get("/robots.txt", { schema: { hide: true } }, async (req, reply) => {
    const { origin } = await siteContext(deps, req);
    return reply
      .type("text/plain; charset=utf-8")
      .send(
        [
          "User-agent: *",
          "Disallow: /admin/",
          "Disallow: /hd/track",
          "Disallow: /mn/hd/track",
          "",
          `Sitemap: ${origin}/sitemap.xml`,
          "",
        ].join("\n"),
      );
  });
}
