import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { pageRequest } from "../../platform/paging";
import { chargeRender } from "../../web/client-limits";
import { LANG_PREFIX, type MessageKey, translator } from "../../web/i18n";
import { safeItemPageExtras } from "../../web/item-page-extras";
import { pageCache } from "../../web/page-cache";
import { addHomeSection, publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { CursorPager, type PagerTarget } from "../../web/views/cursor-pager";
import { FilterSelect } from "../../web/views/filters";
import { PublicLayout } from "../../web/views/layout";
import { getCatalogNode } from "../catalog";
import { ExportLinks, FeedLinks, feedLinks } from "../opendata/opendata.links";
import { loadOrgTree, resolvePublicSite } from "../orgs";
import { ListTitle } from "./mn-article";
import { itemMongolian } from "./mn-port";
import { loadItemPage } from "./publishing.item-data";
import { ItemArticle, ItemBanners } from "./publishing.item-view";
import * as repo from "./publishing.repo";
import { ITEM_KINDS, VALIDITIES } from "./publishing.schemas";

const html = "text/html; charset=utf-8";
const PER_PAGE = 20;
/** Publishing changes clear the cache at once; the TTL bounds staleness from organisation or site edits. */
const ITEM_TTL_MS = 5 * 60_000;

const ListQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 50 })),
  node: Type.Optional(Type.String({ maxLength: 40 })),
  kind: Type.Optional(Type.Union([Type.Literal(""), ...ITEM_KINDS.map((k) => Type.Literal(k))])),
  year: Type.Optional(Type.Union([Type.Literal(""), Type.Integer({ minimum: 1990, maximum: 2100 })])),
  validity: Type.Optional(Type.Union([Type.Literal(""), ...VALIDITIES.map((k) => Type.Literal(k))])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
});

export function registerPublishingPages(app: AppInstance, deps: Deps): void {
  addHomeSection({
    id: "latest",
    order: 10,
    async render(c, deps) {
      const rows = await repo.listItems(
        deps.db.kysely,
        { siteId: c.site.id, statuses: ["published"] },
        { limit: 10, offset: 0, order: "published" },
      );
      const mn = c.lang === "mn-Mong" ? await itemMongolian(deps.db.kysely, rows) : new Map();
      return (
        <section class="home-latest" aria-labelledby="latest-title">
          <h2 id="latest-title" safe>
            {c.t("home.latest")}
          </h2>
          <ul class="item-list">
            {rows.map((r) => (
              <li>
                <ListTitle row={r} mn={mn.get(r.id)} lang={c.lang} prefix={c.prefix} t={c.t} />
                <span class="meta" safe>
                  {r.published_on ?? ""}
                </span>
              </li>
            ))}
          </ul>
          <p>
            <a href={`${c.prefix}/gk/list`} safe>
              {c.t("home.more")}
            </a>
          </p>
        </section>
      );
    },
  });

  // Item pages are served from a render cache emptied on every publishing change (page-cache.ts).
  for (const lang of ["zh-CN", "mn-Mong"] as const) {
    const prefix = LANG_PREFIX[lang];
    for (const variant of ["page", "print"] as const) {
      const path = `${prefix}/gk/items/:id${variant === "print" ? "/print" : ""}`;
      app.get(
        path,
        {
          schema: { hide: true, params: Type.Object({ id: Type.String({ maxLength: 40 }) }) },
          // A cached public page that reads no query parameter (page-cache.ts, fast-path.ts).
          config: { publicCache: { params: [] } },
        },
        async (req, reply) => {
          // The portal of the Host header shows its own site's items only.
          const site = await resolvePublicSite(deps, req);
          const key = `${site.id}|${lang}|${req.params.id}|${variant}`;
          const cache = pageCache(deps);
          const hit = cache.get(key);
          if (hit !== undefined) return reply.type(html).send(hit);
          chargeRender(req, reply);
          const data = await loadItemPage(deps, req.params.id);
          if (!data || data.item.site_id !== site.id) return reply.callNotFound();
          const t = translator(lang);
          const page =
            variant === "print" ? (
              <ItemArticle data={data} lang={lang} t={t} site={site} print />
            ) : (
              <PublicLayout
                lang={lang}
                t={t}
                site={site}
                title={lang === "mn-Mong" && data.mn ? data.mn.title : data.item.title}
                path={`${prefix}/gk/items/${encodeURIComponent(req.params.id)}`}
                section="disclosure"
              >
                <ItemBanners data={data} lang={lang} t={t} />
                <ItemArticle data={data} lang={lang} t={t} site={site} />
                {safeItemPageExtras({ itemId: data.item.id, lang, prefix, deps })}
              </PublicLayout>
            );
          const body = await page;
          cache.set(key, body, ITEM_TTL_MS);
          return reply.type(html).send(body);
        },
      );
    }
  }

  publicPage(
    app,
    deps,
    "/gk/list",
    async (c, req) => {
      const q = req.query as {
        org?: string;
        node?: string;
        kind?: string;
        year?: number | "";
        validity?: string;
        page?: number;
        cursor?: string;
      };
      const req0 = pageRequest(q, PER_PAGE);
      const tree = await loadOrgTree(deps, c.site.id);
      const orgs = tree.flatten(c.site.id);
      const org = q.org ? orgs.find((o) => o.org.code === q.org)?.org : undefined;
      const node = q.node ? await getCatalogNode(deps, q.node) : undefined;
      const filter = {
        siteId: c.site.id,
        statuses: ["published"],
        orgIds: org ? [org.id] : undefined,
        nodeId: node?.id ?? (q.node ? "-" : undefined),
        kinds: q.kind ? [q.kind] : undefined,
        year: q.year || undefined,
        validity: q.validity || undefined,
      };
      const [found, total] = await Promise.all([
        repo.pageItems(deps.db.kysely, filter, req0, "published"),
        repo.countItemsCapped(deps.db.kysely, filter),
      ]);
      const rows = found.rows;
      const mn = c.lang === "mn-Mong" ? await itemMongolian(deps.db.kysely, rows) : new Map();
      const orgNames = new Map(orgs.map(({ org }) => [org.id, org.short_name]));
      const params = (over: PagerTarget) => {
        const merged = {
          org: q.org,
          node: q.node,
          kind: q.kind,
          year: q.year,
          validity: q.validity,
          page: undefined,
          cursor: undefined,
          ...over,
        };
        const u = new URLSearchParams(
          Object.entries(merged).flatMap(
            ([k, v]): Array<[string, string]> => (v === undefined || v === "" ? [] : [[k, String(v)]]),
          ),
        );
        return `${c.prefix}/gk/list${u.size ? `?${u}` : ""}`;
      };
      const thisYear = Number(new Date().getUTCFullYear());
      const heading = node ? node.name : org ? org.name : c.t("list.title");
      return (
        <PublicLayout
          lang={c.lang}
          t={c.t}
          site={c.site}
          title={heading}
          path={c.path}
          section="disclosure"
          alternates={
            node || org ? feedLinks({ org: org?.code, node: node?.id }, `${c.site.name} · ${heading}`) : []
          }
        >
          <h1 safe>{heading}</h1>
          <form method="get" action={`${c.prefix}/gk/list`} class="filters" aria-label={c.t("list.filters")}>
            {q.node ? <input type="hidden" name="node" value={q.node} /> : ""}
            <FilterSelect
              name="org"
              label={c.t("list.org")}
              all={c.t("list.all")}
              selected={q.org}
              options={orgs.map(({ org: o, depth }) => [o.code, `${"　".repeat(depth)}${o.name}`])}
            />
            <FilterSelect
              name="kind"
              label={c.t("list.kind")}
              all={c.t("list.all")}
              selected={q.kind}
              options={ITEM_KINDS.map((k) => [k, c.t(`kind.${k}` as MessageKey)])}
            />
            <FilterSelect
              name="year"
              label={c.t("list.year")}
              all={c.t("list.all")}
              selected={q.year ? String(q.year) : undefined}
              options={Array.from({ length: 8 }, (_, i) => String(thisYear - i)).map((y) => [y, y])}
            />
            <FilterSelect
              name="validity"
              label={c.t("list.validity")}
              all={c.t("list.all")}
              selected={q.validity}
              options={VALIDITIES.map((v) => [v, c.t(`validity.${v}` as MessageKey)])}
            />
            <div>
              <button type="submit" class="button" safe>
                {c.t("list.apply")}
              </button>
            </div>
          </form>
          <p class="meta" safe>
            {c.t(total.capped ? "list.total_capped" : "list.total", { n: total.n })}
          </p>
          <ExportLinks
            t={c.t}
            path="/gk/list"
            query={{ org: q.org, node: q.node, kind: q.kind, year: q.year, validity: q.validity }}
          />
          <FeedLinks
            t={c.t}
            feeds={feedLinks({ org: org?.code, node: node?.id }, `${c.site.name} · ${heading}`)}
          />
          {rows.length === 0 ? (
            <p safe>{c.t("list.empty")}</p>
          ) : (
            <ul class="item-list">
              {rows.map((r) => (
                <li>
                  <ListTitle row={r} mn={mn.get(r.id)} lang={c.lang} prefix={c.prefix} t={c.t} />
                  <span class="meta" safe>{`${orgNames.get(r.org_id) ?? ""}　${r.published_on ?? ""}`}</span>
                </li>
              ))}
            </ul>
          )}
          <CursorPager
            page={found.page}
            size={PER_PAGE}
            next={found.next}
            prev={found.prev}
            total={total}
            href={params}
            text={{
              label: c.t("pager.label"),
              prev: c.t("pager.prev"),
              next: c.t("pager.next"),
              page: (page, pages) =>
                pages ? c.t("pager.page", { page, pages }) : c.t("pager.page_open", { page }),
            }}
          />
        </PublicLayout>
      );
    },
    { querystring: ListQuery, cacheTtlMs: 60_000 },
  );
}
