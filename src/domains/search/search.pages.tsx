// The portal's /search (and /mn/search): one form that works without JavaScript, filters and sort in the same
// GET, highlighted snippets, pagination, a suggestion when nothing is found. Whatever is typed, the page
// answers 200 or, for a bad filter, 400 with the form and each problem: never a 5xx.
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { type MessageKey, translator } from "../../web/i18n";
import { type PortalContext, publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { Field } from "../../web/views/fields";
import { FilterSelect } from "../../web/views/filters";
import { PublicLayout } from "../../web/views/layout";
import { getCatalogNode } from "../catalog";
import { loadOrgTree } from "../orgs";
import { ITEM_KINDS, VALIDITIES } from "../publishing";
import { DOC_TYPES, readSearchParams, runSearch, type SearchView } from "./search.service";

const TYPE_KEYS: Record<string, MessageKey> = {
  item: "search.type.item",
  interpretation: "search.type.interpretation",
  catalog: "search.type.catalog",
  archive: "search.type.archive",
  art44: "search.type.art44",
  qa: "search.type.qa",
  mn_item: "search.type.mn",
  mn_catalog: "search.type.mn",
};

const str = (v: unknown) =>
  typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "";

function SearchResults(p: { c: PortalContext; view: SearchView; href: (page: number) => string; q: string }) {
  const { c, view } = p;
  // A count stopped at its cap: the pages known so far, and one more (the pager offers the next page).
  const pages = view.total_exact
    ? Math.max(1, Math.ceil(view.total / view.per_page))
    : Math.floor(view.total / view.per_page) + 1;
  return (
    <section aria-labelledby="search-results" class="search-results">
      <h2 id="search-results" safe>
        {c.t("search.results")}
      </h2>
      <p class="meta" role="status" safe>
        {c.t(view.total_exact ? "search.total" : "search.total_more", { n: view.total })}
      </p>
      {view.total === 0 ? (
        <div>
          <p safe>{c.t("search.empty", { q: p.q })}</p>
          {view.suggestion ? (
            <p>
              <span safe>{c.t("search.suggest")}</span>
              <a href={`${c.prefix}/search?q=${encodeURIComponent(view.suggestion)}`} safe>
                {view.suggestion}
              </a>
            </p>
          ) : (
            ""
          )}
          <p class="meta" safe>
            {c.t("search.tips")}
          </p>
        </div>
      ) : (
        <ol class="search-hits" start={String((view.page - 1) * view.per_page + 1)}>
          {view.hits.map(({ safeTitleHtml, safeSnippetHtml, ...h }) => (
            <li>
              <h3>
                {/* A Mongolian version's own page is under /mn already (src/domains/mongolian). */}
                <a
                  href={h.url.startsWith("/mn/") ? h.url : `${c.prefix}${h.url}`}
                  lang={h.url.startsWith("/mn/") ? "mn-Mong" : undefined}
                >
                  {safeTitleHtml}
                </a>
              </h3>
              <p class="meta">
                <span safe>{c.t(TYPE_KEYS[h.type] ?? "search.type.item")}</span>
                {h.org ? <span safe>{` · ${h.org.name}`}</span> : ""}
                {h.doc_number ? (
                  <span safe>{` · ${c.t("search.doc_number", { n: h.doc_number })}`}</span>
                ) : (
                  ""
                )}
                {h.published_at ? <span safe>{` · ${h.published_at.slice(0, 10)}`}</span> : ""}
              </p>
              {safeSnippetHtml ? <p class="snippet">{safeSnippetHtml}</p> : ""}
              {h.type === "catalog" ? (
                <p>
                  <a href={`${c.prefix}/search?q=${encodeURIComponent(p.q)}&catalog_node=${h.id}`} safe>
                    {c.t("search.in_node")}
                  </a>
                </p>
              ) : (
                ""
              )}
            </li>
          ))}
        </ol>
      )}
      {pages > 1 ? (
        <nav class="pager" aria-label={c.t("pager.label")}>
          {view.page > 1 ? (
            <a href={p.href(view.page - 1)} rel="prev" safe>
              {c.t("pager.prev")}
            </a>
          ) : (
            ""
          )}
          <span safe>
            {view.total_exact
              ? c.t("pager.page", { page: view.page, pages })
              : c.t("search.page_open", { page: view.page })}
          </span>
          {view.page < pages ? (
            <a href={p.href(view.page + 1)} rel="next" safe>
              {c.t("pager.next")}
            </a>
          ) : (
            ""
          )}
        </nav>
      ) : (
        ""
      )}
    </section>
  );
}

export function registerSearchPages(app: AppInstance, deps: Deps): void {
  publicPage(app, deps, "/search", async (c, req, reply) => {
    const raw = (req.query ?? {}) as Record<string, unknown>;
    // The portal is public: scope=staff means nothing here (the back office has its own search).
    const { params } = readSearchParams({ ...raw, scope: "" });
    const q = params.q;
    const tree = await loadOrgTree(deps, c.site.id);
    const orgs = tree.flatten(c.site.id);
    const thisYear = Number(deps.clock.now().toISOString().slice(0, 4));
    const node =
      params.catalogNode && params.catalogNode.length <= 40
        ? await getCatalogNode(deps, params.catalogNode)
        : undefined;
    let view: SearchView | undefined;
    let problems: Array<{ message: string }> = [];
    if (q) {
      try {
        view = await runSearch(deps, c.site.id, { ...raw, scope: "" }, null);
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 400) throw e;
        problems = e.details.length ? e.details : [{ message: e.message }];
        reply.status(400);
      }
    }
    const keep = (page: number) => {
      const u = new URLSearchParams();
      u.set("q", q);
      for (const k of ["org", "kind", "type", "catalog_node", "year", "validity", "sort"]) {
        const v = str(raw[k]);
        if (v) u.set(k, v);
      }
      if (page > 1) u.set("page", String(page));
      return `${c.prefix}/search?${u}`;
    };
    const t = translator(c.lang);
    return (
      <PublicLayout
        lang={c.lang}
        t={t}
        site={c.site}
        title={q ? `${q} - ${t("search.label")}` : t("search.label")}
        path={c.path}
      >
        <h1 safe>{t("search.label")}</h1>
        <form
          method="get"
          action={`${c.prefix}/search`}
          role="search"
          class="stack search-form"
          aria-label={t("search.label")}
        >
          <div class="search-row">
            <Field
              id="search-q"
              name="q"
              type="search"
              label={t("search.placeholder")}
              value={q}
              maxlength={100}
              autocomplete="off"
            />
            <button type="submit" class="button" safe>
              {t("search.submit")}
            </button>
          </div>
          {node && node.site_id === c.site.id ? (
            <p>
              <input type="hidden" name="catalog_node" value={node.id} />
              <span safe>{t("search.node", { name: node.name })}</span>{" "}
              <a href={`${c.prefix}/search?q=${encodeURIComponent(q)}`} safe>
                {t("search.any_node")}
              </a>
            </p>
          ) : (
            ""
          )}
          <details
            open={Boolean(
              params.org ||
                params.kind ||
                params.type ||
                params.year ||
                params.validity ||
                params.sort === "date",
            )}
          >
            <summary safe>{t("search.filters")}</summary>
            <div class="filters">
              <FilterSelect
                name="org"
                label={t("list.org")}
                all={t("list.all")}
                selected={params.org ?? undefined}
                options={orgs.map(({ org, depth }) => [org.code, `${"　".repeat(depth)}${org.name}`])}
              />
              <FilterSelect
                name="type"
                label={t("search.type")}
                all={t("list.all")}
                selected={params.type ?? undefined}
                options={DOC_TYPES.map((k) => [k, t(TYPE_KEYS[k]!)])}
              />
              <FilterSelect
                name="kind"
                label={t("list.kind")}
                all={t("list.all")}
                selected={params.kind ?? undefined}
                options={ITEM_KINDS.map((k) => [k, t(`kind.${k}` as MessageKey)])}
              />
              <FilterSelect
                name="year"
                label={t("list.year")}
                all={t("list.all")}
                selected={params.year ? String(params.year) : undefined}
                options={Array.from({ length: 10 }, (_, i) => String(thisYear - i)).map((y) => [y, y])}
              />
              <FilterSelect
                name="validity"
                label={t("list.validity")}
                all={t("list.all")}
                selected={params.validity ?? undefined}
                options={VALIDITIES.map((v) => [v, t(`validity.${v}` as MessageKey)])}
              />
              <div>
                <Field
                  as="select"
                  id="f-sort"
                  name="sort"
                  label={t("search.sort")}
                  value={params.sort}
                  choices={[
                    { value: "relevance", label: t("search.sort_relevance") },
                    { value: "date", label: t("search.sort_date") },
                  ]}
                />
              </div>
              <div>
                <button type="submit" class="button" safe>
                  {t("list.apply")}
                </button>
              </div>
            </div>
          </details>
        </form>
        {problems.length ? (
          <div class="error-summary" role="alert">
            <h2 safe>{t("search.problems")}</h2>
            <ul>
              {problems.map((p) => (
                <li safe>{p.message}</li>
              ))}
            </ul>
          </div>
        ) : (
          ""
        )}
        {view ? <SearchResults c={{ ...c, t }} view={view} href={keep} q={q} /> : ""}
        {!q ? (
          <div>
            <p safe>{t("search.prompt")}</p>
            <p class="meta" safe>
              {t("search.tips")}
            </p>
          </div>
        ) : (
          ""
        )}
      </PublicLayout>
    );
  });
}
