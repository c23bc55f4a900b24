// The open-data page (/gk/opendata, /mn/gk/opendata): each dataset with what it holds, its licence, formats
// and addresses, how many records and when it last changed. Plain links only: it works without JavaScript.
import type { Deps } from "../../deps";
import { formatShanghai, shanghaiDateOf } from "../../platform/time";
import type { MessageKey } from "../../web/i18n";
import { type PortalContext, publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { PublicLayout } from "../../web/views/layout";
import { countArchive } from "../applications/archive/archive.repo";
import * as repo from "./opendata.repo";
import { art44Rows, catalogRows } from "./opendata.service";

interface Dataset {
  key:
    | "items"
    | "interpretations"
    | "catalog"
    | "archive"
    | "art44"
    | "feeds"
    | "calendar"
    | "search"
    | (string & {});
  /** Datasets added by other domains name themselves (in the page's language); the built-in ones use the catalog. */
  title?: string;
  description?: string;
  count?: number;
  updated?: string | null;
  links: Array<{ label: string; href: string; type?: string }>;
}

export type OpenDataset = Dataset;
const addedDatasets = new Map<string, (deps: Deps, c: PortalContext) => Promise<Dataset>>();
/** A dataset another domain publishes (the gazette database), listed after the built-in ones. */
export function addOpenDataset(key: string, build: (deps: Deps, c: PortalContext) => Promise<Dataset>): void {
  addedDatasets.set(key, build);
}

async function datasets(deps: Deps, c: PortalContext): Promise<Dataset[]> {
  return [
    ...(await builtInDatasets(deps, c)),
    ...(await Promise.all([...addedDatasets.values()].map((b) => b(deps, c)))),
  ];
}

async function builtInDatasets(deps: Deps, c: PortalContext): Promise<Dataset[]> {
  const db = deps.db.kysely;
  const siteId = c.site.id;
  const [items, interpretations, lastItem, lastInterp, catalog, lastCatalog, archive, lastArchive, art44] =
    await Promise.all([
      repo.countPublished(db, { siteId }),
      repo.countPublished(db, { siteId, kinds: ["interpretation"] }),
      repo.lastPublishedChange(db, { siteId }),
      repo.lastPublishedChange(db, { siteId, kinds: ["interpretation"] }),
      catalogRows(deps, siteId),
      repo.lastCatalogChange(db, siteId),
      countArchive(db, { siteId, status: "published" }),
      repo.lastArchiveChange(db, siteId),
      art44Rows(deps, siteId),
    ]);
  const page = (href: string) => ({ label: c.t("opendata.page"), href: `${c.prefix}${href}` });
  const csv = (href: string) => ({ label: "CSV", href, type: "text/csv" });
  const json = (href: string) => ({ label: "JSON", href, type: "application/json" });
  const api = (href: string) => ({ label: c.t("opendata.api"), href, type: "application/json" });
  const year = shanghaiDateOf(deps.clock.now()).slice(0, 4);
  return [
    {
      key: "items",
      count: items,
      updated: lastItem,
      links: [page("/gk/list"), csv("/gk/list.csv"), json("/gk/list.json"), api("/api/v1/public/items")],
    },
    {
      key: "interpretations",
      count: interpretations,
      updated: lastInterp,
      links: [
        page("/gk/list?kind=interpretation"),
        csv("/gk/list.csv?kind=interpretation"),
        json("/gk/list.json?kind=interpretation"),
        api("/api/v1/public/interpretations"),
      ],
    },
    {
      key: "catalog",
      count: catalog.nodes.length,
      updated: lastCatalog,
      links: [
        page("/gk/catalog"),
        csv("/gk/catalog.csv"),
        json("/gk/catalog.json"),
        api("/api/v1/public/catalog"),
      ],
    },
    {
      key: "archive",
      count: archive,
      updated: lastArchive,
      links: [
        page("/hd/archive"),
        csv("/hd/archive.csv"),
        json("/hd/archive.json"),
        api("/api/v1/public/archive"),
      ],
    },
    {
      key: "art44",
      count: art44.length,
      updated: art44.reduce<string | null>((m, r) => (!m || r.decided_on > m ? r.decided_on : m), null),
      links: [page("/hd/repeated"), csv("/hd/repeated.csv"), json("/hd/repeated.json")],
    },
    {
      key: "feeds",
      updated: lastItem,
      links: [
        { label: "RSS 2.0", href: "/feeds/site.rss", type: "application/rss+xml" },
        { label: "Atom", href: "/feeds/site.atom", type: "application/atom+xml" },
        { label: "sitemap.xml", href: "/sitemap.xml", type: "application/xml" },
      ],
    },
    {
      key: "calendar",
      updated: undefined,
      links: [page("/calendar"), api(`/api/v1/calendar/years/${year}`)],
    },
    {
      key: "search",
      links: [page("/search"), api("/api/v1/search?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80")],
    },
  ];
}

export function registerOpenDataPage(app: AppInstance, deps: Deps): void {
  publicPage(
    app,
    deps,
    "/gk/opendata",
    async (c) => {
      const list = await datasets(deps, c);
      const title = c.t("opendata.title");
      return (
        <PublicLayout lang={c.lang} t={c.t} site={c.site} title={title} path={c.path} section="disclosure">
          <h1 safe>{title}</h1>
          <p safe>{c.t("opendata.intro")}</p>
          <section aria-labelledby="licence-title" class="notice">
            <h2 id="licence-title" safe>
              {c.t("opendata.licence_title")}
            </h2>
            <p safe>{c.t("opendata.licence", { site: c.site.name })}</p>
            <p safe>{c.t("opendata.licence_scope")}</p>
            <p safe>{c.t("opendata.docs_note")}</p>
            <p>
              <a href="/api/v1/openapi.json" type="application/json" safe>
                {c.t("opendata.openapi")}
              </a>
            </p>
          </section>
          {list.map((d) => (
            <section class="dataset" aria-labelledby={`dataset-${d.key}`}>
              <h2 id={`dataset-${d.key}`} safe>
                {d.title ?? c.t(`opendata.${d.key}` as MessageKey)}
              </h2>
              <p safe>{d.description ?? c.t(`opendata.${d.key}_desc` as MessageKey)}</p>
              {d.count === undefined && d.updated === undefined ? (
                ""
              ) : (
                <p class="meta">
                  {d.count === undefined ? (
                    ""
                  ) : (
                    <span safe>{`${c.t("opendata.count", { n: d.count })}　`}</span>
                  )}
                  {d.updated === undefined ? (
                    ""
                  ) : (
                    <span safe>
                      {d.updated
                        ? c.t("opendata.updated", { date: formatShanghai(d.updated) })
                        : c.t("opendata.updated_never")}
                    </span>
                  )}
                </p>
              )}
              <p>
                <span safe>{c.t("opendata.formats")}</span>
                {"："}
                {d.links.map((l, i) => (
                  <>
                    {i ? "　" : ""}
                    <a href={l.href} type={l.type} safe>
                      {l.label}
                    </a>
                  </>
                ))}
              </p>
            </section>
          ))}
        </PublicLayout>
      );
    },
    { cacheTtlMs: 60_000 },
  );
}
