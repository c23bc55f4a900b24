// Public pages: /gb, the gazette database (every released issue since the first, by year; its documents found
// by year, issue, issuing body, 文号 and full text through the site search), /gb/issues/{id} (the electronic
// edition, phone first: masthead, numbers, the PDF with its SHA-256, table of contents by category, each
// document, corrections linked both ways) and /gb/issues/{id}/file (the authoritative file), in Chinese and
// at /mn in Mongolian. A gazette column on the home page lists the latest issues.
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import type { ErrorDetail } from "../../platform/errors";
import { type Page, pageRequest, type Total } from "../../platform/paging";
import { getSearchIndex } from "../../platform/search";
import { storageOf } from "../../platform/storage";
import { addHomeSection, type PortalContext, publicPage, sectionLinksOf } from "../../web/portal";
import { localiseProblems } from "../../web/public-form-text";
import type { AppInstance } from "../../web/types";
import { CursorPager, pagerParams } from "../../web/views/cursor-pager";
import { Field } from "../../web/views/fields";
import { FilterSelect } from "../../web/views/filters";
import { ErrorSummary, PublicLayout } from "../../web/views/layout";
import { Pager } from "../../web/views/pager";
import { MnRowTitle, mnTitlesFor, publicMnOf } from "../mongolian";
import { loadOrgTree, resolvePublicSite } from "../orgs";
import { IssuePage } from "./gazette.issue-view";
import { issueNotFound } from "./gazette.policy";
import { loadIssueView } from "./gazette.present";
import * as repo from "./gazette.repo";
import { ENTRY_DOC_TYPE, entryAnchor, issueUrl } from "./gazette.search";
import { findPublicIssue, gazetteOrgIds } from "./gazette.service";
import { gazetteText, labelOf } from "./gazette.text";

const PER_PAGE = 20;
const MAX_Q = 100;
const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const DbQuery = Type.Object({
  year: Type.Optional(Type.String({ maxLength: 8 })),
  issue: Type.Optional(Type.String({ maxLength: 40 })),
  org: Type.Optional(Type.String({ maxLength: 50 })),
  doc_number: Type.Optional(Type.String({ maxLength: 200 })),
  q: Type.Optional(Type.String({ maxLength: 400 })),
  page: Type.Optional(Type.String({ maxLength: 6 })),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
});

/** The database's filters as typed; every problem named (400) rather than a guess. */
function readFilters(raw: Record<string, string | undefined>) {
  const problems: ErrorDetail[] = [];
  const year = (raw.year ?? "").trim();
  if (year && !(/^\d{4}$/.test(year) && Number(year) >= 1990 && Number(year) <= 2100))
    problems.push({ field: "year", code: "invalid_year", message: "年份应为 1990 至 2100 之间的四位数字。" });
  const q = (raw.q ?? "").trim();
  const docNumber = (raw.doc_number ?? "").trim();
  if ([...`${q} ${docNumber}`.trim()].length > MAX_Q)
    problems.push({
      field: "q",
      code: "search_query_too_long",
      message: `检索词和发文字号合计不能超过 ${MAX_Q} 个字。`,
    });
  const page = (raw.page ?? "").trim();
  const pageNo = /^\d{1,4}$/.test(page) && Number(page) >= 1 ? Number(page) : 1;
  if (page && pageNo !== Number(page))
    problems.push({ field: "page", code: "out_of_range", message: "页码须为正整数。" });
  return {
    problems,
    year: year && problems.every((p) => p.field !== "year") ? Number(year) : null,
    issue: (raw.issue ?? "").trim() || null,
    org: (raw.org ?? "").trim() || null,
    q,
    docNumber,
    page: pageNo,
    cursor: raw.cursor || undefined,
  };
}

interface Hit {
  url: string;
  title: string;
  safeTitleHtml: string;
  safeSnippetHtml: string;
  docNumber: string | null;
  org: string;
  issue: string;
}

export function registerGazettePages(app: AppInstance, deps: Deps): void {
  addHomeSection({
    id: "gazette",
    order: 40,
    render: async (c: PortalContext, deps: Deps) => {
      const x = gazetteText(c.lang);
      const { rows } = await repo.listIssues(
        deps.db.kysely,
        { siteId: c.site.id, statuses: ["released"] },
        { limit: 3, offset: 0 },
      );
      return (
        <section class="card" aria-labelledby="home-gazette">
          <h2 id="home-gazette" safe>
            {x("title")}
          </h2>
          {rows.length === 0 ? (
            <p safe>{x("none")}</p>
          ) : (
            <ul class="list">
              {rows.map((r) => (
                <li>
                  <a href={issueUrl(r.id, c.prefix)} safe>
                    {labelOf(x, r)}
                  </a>{" "}
                  <span class="meta" safe>
                    {r.published_on ?? ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={`${c.prefix}/gb`} safe>
              {x("home_more")}
            </a>
          </p>
        </section>
      );
    },
  });

  publicPage(
    app,
    deps,
    "/gb",
    async (c, req, reply) => {
      const x = gazetteText(c.lang);
      const f = readFilters(req.query as Record<string, string | undefined>);
      const db = deps.db.kysely;
      const tree = await loadOrgTree(deps, c.site.id);
      const orgs = (await gazetteOrgIds(db, tree, c.site.id)).map((id) => tree.get(id)!);
      const org = f.org ? orgs.find((o) => o.code === f.org) : undefined;
      if (f.org && !org)
        f.problems.push({ field: "org", code: "org_not_found", message: "发布机关不存在。" });
      const years = await repo.releasedYears(db, c.site.id);
      const all = (await repo.listIssues(db, { siteId: c.site.id, statuses: ["released"] })).rows;
      const issue = f.issue ? all.find((r) => r.id === f.issue) : undefined;
      if (f.issue && !issue)
        f.problems.push({ field: "issue", code: "gazette_issue_not_found", message: "公报期次不存在。" });
      const filtering = Boolean(f.q || f.docNumber || org || issue);
      let hits: Hit[] = [];
      let total: Total = { n: 0, capped: false };
      // The documents without a full-text query are paged by cursor (src/platform/paging.ts).
      let found: Page<unknown> | undefined;
      if (!f.problems.length && filtering) {
        const names = new Map(all.map((r) => [r.id, labelOf(x, r)]));
        const q = `${f.q} ${f.docNumber}`.trim();
        if (q) {
          const r = await getSearchIndex(deps.db, deps.clock).query(db, {
            siteId: c.site.id,
            q,
            org: org?.id ?? null,
            kind: issue?.id ?? null,
            type: ENTRY_DOC_TYPE,
            catalogNode: null,
            year: f.year,
            validity: null,
            sort: "date",
            page: f.page,
            perPage: PER_PAGE,
          });
          total = { n: r.total, capped: false };
          hits = r.hits.map((h) => ({
            url: h.url,
            title: h.title,
            safeTitleHtml: h.titleHtml,
            safeSnippetHtml: h.snippetHtml,
            docNumber: h.docNumber,
            org: (h.orgId && tree.get(h.orgId)?.name) || "",
            issue: (h.kind && names.get(h.kind)) || "",
          }));
        } else {
          const filter = {
            siteId: c.site.id,
            ...(f.year ? { year: f.year } : {}),
            ...(issue ? { issueId: issue.id } : {}),
            ...(org ? { orgId: org.id } : {}),
          };
          const pageReq = pageRequest({ page: f.page, cursor: f.cursor }, PER_PAGE);
          const [r, n] = await Promise.all([
            repo.pageReleasedEntries(db, filter, pageReq),
            repo.countReleasedEntriesCapped(db, filter),
          ]);
          total = n;
          found = r;
          const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
          hits = r.rows.map((e) => ({
            url: `${issueUrl(e.issue_id)}#${entryAnchor(e.position)}`,
            title: e.title,
            safeTitleHtml: esc(e.title),
            safeSnippetHtml: esc(e.body_text.slice(0, 120)),
            docNumber: e.doc_number,
            org: e.org_name,
            issue: labelOf(x, e),
          }));
        }
      }
      if (f.problems.length) reply.status(400);
      // The checks' sentences in the page's language (src/web/public-form-text.ts).
      const problems = localiseProblems(c.lang, f.problems, { page: c.t("pager.label") }, { max: MAX_Q });
      const shown = f.year ? all.filter((r) => r.year === f.year) : all;
      const mnTitles = await mnTitlesFor(
        db,
        c.lang,
        "gazette_issue",
        shown.map((r) => r.id),
      );
      const pages = Math.max(1, Math.ceil(total.n / PER_PAGE));
      const params = new URLSearchParams();
      for (const [k, v] of [
        ["year", f.year ? String(f.year) : ""],
        ["issue", f.issue ?? ""],
        ["org", f.org ?? ""],
        ["doc_number", f.docNumber],
        ["q", f.q],
      ] as const)
        if (v) params.set(k, v);
      const links = sectionLinksOf("gazette");
      return (
        <PublicLayout
          lang={c.lang}
          t={c.t}
          site={c.site}
          title={x("database")}
          path={c.path}
          section="gazette"
        >
          <h1 safe>{x("database")}</h1>
          <p safe>{x("intro")}</p>
          {links.length ? (
            <ul class="section-links">
              {links.map((l) => (
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
          {f.problems.length ? <ErrorSummary title={x("problems")} problems={problems} /> : ""}
          <form method="get" action={`${c.prefix}/gb`} role="search" class="filters">
            <FilterSelect
              name="year"
              label={x("year")}
              all={x("year_all")}
              selected={f.year ? String(f.year) : undefined}
              options={years.map((y) => [String(y), String(y)])}
            />
            <FilterSelect
              name="issue"
              label={x("issue")}
              all={x("issue_all")}
              selected={f.issue ?? undefined}
              options={(f.year ? shown : all).map((r) => [r.id, labelOf(x, r)])}
            />
            <FilterSelect
              name="org"
              label={x("org")}
              all={x("org_all")}
              selected={f.org ?? undefined}
              options={orgs.map((o) => [o.code, o.name])}
            />
            <div>
              <Field
                name="doc_number"
                id="f-doc_number"
                label={x("doc_number")}
                value={f.docNumber}
                maxlength={50}
                problems={problems}
              />
            </div>
            <div>
              <Field
                name="q"
                id="f-q"
                type="search"
                label={x("q")}
                value={f.q}
                maxlength={MAX_Q}
                problems={problems}
              />
            </div>
            <div>
              <button type="submit" class="button" safe>
                {x("search")}
              </button>
            </div>
          </form>
          {filtering && !f.problems.length ? (
            <section aria-labelledby="gb-results">
              <h2 id="gb-results" safe>
                {x(total.capped ? "results_capped" : "results", { n: total.n })}
              </h2>
              {hits.length === 0 ? (
                <p safe>{x("no_results")}</p>
              ) : (
                <ol class="list">
                  {hits.map(({ safeTitleHtml, safeSnippetHtml, ...h }) => (
                    <li>
                      <a href={`${c.prefix}${h.url}`}>{safeTitleHtml}</a>
                      <p class="meta" safe>
                        {[h.issue, h.org, h.docNumber ?? ""].filter(Boolean).join(" · ")}
                      </p>
                      <p class="snippet">{safeSnippetHtml}</p>
                    </li>
                  ))}
                </ol>
              )}
              {found ? (
                <CursorPager
                  page={found.page}
                  size={PER_PAGE}
                  next={found.next}
                  prev={found.prev}
                  total={total}
                  href={(to) =>
                    `${c.prefix}/gb?${new URLSearchParams({ ...Object.fromEntries(params), ...pagerParams(to) })}`
                  }
                  text={{
                    label: c.t("pager.label"),
                    prev: x("previous"),
                    next: x("next"),
                    page: (page, pages) =>
                      pages ? x("page_of", { page, pages }) : c.t("pager.page_open", { page }),
                  }}
                />
              ) : (
                <Pager
                  page={f.page}
                  pages={pages}
                  href={(n) => {
                    const p = new URLSearchParams(params);
                    p.set("page", String(n));
                    return `${c.prefix}/gb?${p.toString()}`;
                  }}
                  text={{
                    label: c.t("pager.label"),
                    prev: x("previous"),
                    next: x("next"),
                    page: x("page_of", { page: f.page, pages }),
                  }}
                />
              )}
            </section>
          ) : (
            ""
          )}
          <section aria-labelledby="gb-issues">
            <h2 id="gb-issues" safe>
              {x("issues")}
            </h2>
            {shown.length === 0 ? (
              <p safe>{x("none")}</p>
            ) : (
              (f.year ? [f.year] : years).map((y) => (
                <section aria-labelledby={`gb-year-${y}`}>
                  <h3 id={`gb-year-${y}`} safe>
                    {String(y)}
                  </h3>
                  <ul class="list">
                    {shown
                      .filter((r) => r.year === y)
                      .map((r) => (
                        <li>
                          <a href={issueUrl(r.id, c.prefix)}>
                            <MnRowTitle
                              lang={c.lang}
                              titles={mnTitles}
                              id={r.id}
                              title={labelOf(x, r)}
                              localised
                            />
                          </a>{" "}
                          <span class="meta" safe>
                            {r.published_on ?? ""}
                          </span>
                        </li>
                      ))}
                  </ul>
                </section>
              ))
            )}
          </section>
          <p>
            <span safe>{x("export")}</span>
            {"："}
            <a href="/gb/database.csv" type="text/csv">
              CSV
            </a>
            {"　"}
            <a href="/gb/database.json" type="application/json">
              JSON
            </a>
            {"　"}
            <a href="/api/v1/gazette/issues" type="application/json">
              API
            </a>
          </p>
        </PublicLayout>
      );
    },
    { querystring: DbQuery, cacheTtlMs: 60_000 },
  );

  publicPage(
    app,
    deps,
    "/gb/issues/:id",
    async (c, req) => {
      const { id } = req.params as { id: string };
      const row = await findPublicIssue(deps.db.kysely, c.site.id, id);
      if (!row) throw issueNotFound();
      return (
        <IssuePage
          c={c}
          v={await loadIssueView(deps.db.kysely, row)}
          mn={await publicMnOf(deps.db.kysely, "gazette_issue", row.id)}
        />
      );
    },
    { cacheTtlMs: 60_000 },
  );

  app.get("/gb/issues/:id/file", { schema: { hide: true, params: Params } }, async (req, reply) => {
    const site = await resolvePublicSite(deps, req);
    const row = await findPublicIssue(deps.db.kysely, site.id, req.params.id);
    if (!row?.file_sha256) throw issueNotFound();
    const data = await storageOf(deps).read(row.file_sha256);
    const type =
      row.file_type === "pdf"
        ? "application/pdf"
        : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const name = row.file_name ?? `gazette.${row.file_type ?? "pdf"}`;
    return reply
      .type(type)
      .header(
        "content-disposition",
        `attachment; filename="${name.replace(/[^\w.-]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .header("etag", `"${row.file_sha256}"`)
      .header("x-content-sha256", row.file_sha256)
      .header("cache-control", "public, max-age=86400, immutable")
      .send(data);
  });
}
