import type { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../deps";
import { loadOrgTree, resolvePublicSite, type Site } from "../domains/orgs";
import { chargeRender } from "./client-limits";
import { elderMode, LANG_PREFIX, type Lang, markUntranslated, type Translate, translator } from "./i18n";
import { codeLabel } from "./i18n/code-labels";
import { canonicalRequest, pageCache, publicCacheSpec } from "./page-cache";
import type { AppInstance } from "./types";
import { PublicLayout } from "./views/layout";

export interface PortalContext {
  lang: Lang;
  t: Translate;
  site: Site;
  prefix: string;
  path: string;
}

/** A link a domain adds to a section's landing page (互动交流 → 依申请公开 …). */
export interface SectionLink {
  path: string;
  label(lang: Lang): string;
}

const sectionLinks: Record<string, SectionLink[]> = {};

/** The links domains added to a section (for a section whose landing page a domain renders itself). */
export const sectionLinksOf = (section: "services" | "interaction" | "gazette"): readonly SectionLink[] =>
  sectionLinks[section] ?? [];

export function addSectionLink(section: "services" | "interaction" | "gazette", link: SectionLink): void {
  const list = sectionLinks[section] ?? [];
  if (!list.some((l) => l.path === link.path)) list.push(link);
  sectionLinks[section] = list;
}

/** A block of the public home page; domains add theirs (latest information, gazette, interaction…). */
export interface HomeSection {
  id: string;
  order: number;
  /** With the rendering app's dependencies: a section never keeps another app's database. */
  render(ctx: PortalContext, deps: Deps): Promise<JSX.Element>;
}

const homeSections: HomeSection[] = [];

export function addHomeSection(section: HomeSection): void {
  if (!homeSections.some((s) => s.id === section.id)) {
    homeSections.push(section);
    homeSections.sort((a, b) => a.order - b.order);
  }
}

type PortalHandler = (
  ctx: PortalContext,
  req: FastifyRequest,
  reply: FastifyReply,
) => Promise<string | JSX.Element | FastifyReply>;

/**
 * Registers a public page in Chinese at `path` and in Mongolian at `/mn{path}`. With `cacheTtlMs`, the
 * rendered page is kept per URL (public pages are the same for everyone) until the TTL passes or a
 * publishing change clears the cache.
 */
export function publicPage(
  app: AppInstance,
  deps: Deps,
  path: string,
  handler: PortalHandler,
  opts: {
    querystring?: ReturnType<typeof Type.Object>;
    /** How long a rendered page is kept; a function for pages whose content changes at a known time. */
    cacheTtlMs?: number | (() => number);
    /** Part of the cache key besides site and URL, for pages that depend on something else (today's date). */
    cacheVary?: () => string;
  } = {},
): void {
  // A cached page declares the query parameters it depends on (those of its querystring schema): the cache
  // key is the resolved site and the canonical request (page-cache.ts), never the raw Host or other params.
  const spec = publicCacheSpec(opts.querystring);
  for (const lang of ["zh-CN", "mn-Mong"] as const) {
    const prefix = LANG_PREFIX[lang];
    const url = lang === "mn-Mong" ? (path === "/" ? "/mn/" : `/mn${path}`) : path;
    app.get(
      url,
      {
        schema: { hide: true, ...(opts.querystring ? { querystring: opts.querystring } : {}) },
        ...(opts.cacheTtlMs ? { config: { publicCache: spec } } : {}),
      },
      async (req, reply) => {
        // The site of the Host header: one portal per site, so cached pages are kept per site.
        const site = await resolvePublicSite(deps, req);
        const canonical = canonicalRequest(req, spec);
        // The 适老化 variant of a page is kept apart from the standard one (src/web/elder-mode.ts).
        const key = `${site.id}|${canonical}${opts.cacheVary ? `|${opts.cacheVary()}` : ""}${elderMode() ? "|elder" : ""}`;
        const cache = opts.cacheTtlMs ? pageCache(deps) : undefined;
        const hit = cache?.get(key);
        if (hit !== undefined) return reply.type("text/html; charset=utf-8").send(hit);
        // A render: counted against the client's budget (client-limits.ts), cached or not.
        chargeRender(req, reply);
        let out = await handler(
          { lang, t: translator(lang), site, prefix, path: canonical.split("?")[0]! },
          req,
          reply,
        );
        if (typeof out !== "string") return out;
        // Untranslated texts shown as such once, before the page is kept (src/web/i18n).
        out = markUntranslated(out);
        if (cache && reply.statusCode === 200) {
          const ttl = typeof opts.cacheTtlMs === "function" ? opts.cacheTtlMs() : opts.cacheTtlMs!;
          if (ttl > 0) cache.set(key, out, ttl);
        }
        return reply.type("text/html; charset=utf-8").send(out);
      },
    );
  }
  if (path === "/") app.get("/mn", { schema: { hide: true } }, (_req, reply) => reply.redirect("/mn/", 301));
}

export function registerPortal(app: AppInstance, deps: Deps): void {
  publicPage(
    app,
    deps,
    "/",
    async (c) => {
      // Rendered by components, so already escaped.
      const safeSections = await Promise.all(homeSections.map((s) => s.render(c, deps)));
      return (
        <PublicLayout
          lang={c.lang}
          t={c.t}
          site={c.site}
          title={c.t("home.title")}
          path={c.path}
          section="home"
        >
          <h1 safe>{c.t("home.welcome", { site: c.site.name })}</h1>
          {safeSections}
          <div class="cards">
            {(
              [
                ["/gk", "nav.disclosure", "home.disclosure_intro"],
                ["/fw", "nav.services", "home.services_intro"],
                ["/hd", "nav.interaction", "home.interaction_intro"],
                ["/gb", "nav.gazette", "home.gazette_intro"],
              ] as const
            ).map(([href, title, intro]) => (
              <section class="card">
                <h2>
                  <a href={`${c.prefix}${href}`} safe>
                    {c.t(title)}
                  </a>
                </h2>
                <p safe>{c.t(intro)}</p>
              </section>
            ))}
          </div>
        </PublicLayout>
      );
    },
    { cacheTtlMs: 60_000 },
  );

  publicPage(app, deps, "/gk", async (c) => {
    const tree = await loadOrgTree(deps, c.site.id);
    return (
      <PublicLayout
        lang={c.lang}
        t={c.t}
        site={c.site}
        title={c.t("nav.disclosure")}
        path={c.path}
        section="disclosure"
      >
        <h1 safe>{c.t("nav.disclosure")}</h1>
        <p safe>{c.t("home.disclosure_intro")}</p>
        <section aria-labelledby="orgs-title">
          <p>
            <a href={`${c.prefix}/gk/catalog`} safe>
              {c.t("opendata.catalog")}
            </a>
          </p>
          <h2 id="orgs-title" safe>
            {c.t("home.orgs")}
          </h2>
          <p safe>{c.t("home.orgs_intro")}</p>
          <ul class="org-tree">
            {tree.flatten(c.site.id).map(({ org, depth }) => (
              <li class={`depth-${Math.min(depth, 3)}`}>
                <span safe>{org.name}</span>{" "}
                <span class="meta" safe>{`（${codeLabel(c.lang, "org.kind", org.kind)}）`}</span>
              </li>
            ))}
          </ul>
        </section>
      </PublicLayout>
    );
  });

  const section = (
    path: string,
    key: "services" | "interaction" | "gazette",
    title: "nav.services" | "nav.interaction" | "nav.gazette",
    intro: "home.services_intro" | "home.interaction_intro" | "home.gazette_intro",
  ) =>
    publicPage(app, deps, path, async (c) => (
      <PublicLayout lang={c.lang} t={c.t} site={c.site} title={c.t(title)} path={c.path} section={key}>
        <h1 safe>{c.t(title)}</h1>
        <p safe>{c.t(intro)}</p>
        {(sectionLinks[key] ?? []).length ? (
          <ul class="section-links">
            {(sectionLinks[key] ?? []).map((l) => (
              <li>
                <a href={`${c.prefix}${l.path}`} safe>
                  {l.label(c.lang)}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          ""
        )}
        <ul>
          {c.site.contact_phone ? <li safe>{c.t("footer.contact", { phone: c.site.contact_phone })}</li> : ""}
          {c.site.contact_email ? <li safe>{c.t("footer.email", { email: c.site.contact_email })}</li> : ""}
          {c.site.contact_address ? (
            <li safe>{c.t("footer.address", { address: c.site.contact_address })}</li>
          ) : (
            ""
          )}
        </ul>
      </PublicLayout>
    ));
  // /fw is the services domain's page (src/domains/services/services.pages.tsx).
  section("/hd", "interaction", "nav.interaction", "home.interaction_intro");
  // /gb is the gazette database (src/domains/gazette/gazette.pages.tsx), which lists the section's links.

  // /search is the site search domain's page (src/domains/search/search.pages.tsx).
}
