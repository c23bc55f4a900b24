// Public pages of government services, in Chinese and at /mn in Mongolian: /fw (find items by words, life
// event, department and level; the 一件事 bundles; online-service statistics), /fw/items/{id} (the full guide),
// /fw/life-events/{key}, /fw/bundles/{key} (a 一件事's combined guide), /fw/halls, and the downloads of
// materials' blank forms and samples (/fw/materials/{id}/blank|sample).
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { sniffType } from "../../platform/files";
import { FILE_TYPES } from "../../platform/files/file-types";
import { pageRequest } from "../../platform/paging";
import { storageOf } from "../../platform/storage";
import type { Lang, Translate } from "../../web/i18n";
import { codeKey, codeLabel } from "../../web/i18n/code-labels";
import { publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { CursorPager, type PagerTarget, pagerParams } from "../../web/views/cursor-pager";
import { PublicLayout } from "../../web/views/layout";
import { MnHeading, MnRowTitle, mnPageTitle, mnTitlesFor, publicMnOf } from "../mongolian";
import { loadOrgTree, resolvePublicSite } from "../orgs";
import { contentDisposition } from "../publishing/attachments/attachments.filename";
import { bundleJson, bundlesOf, bundleUrl } from "./services.bundles";
import { type HallView, hallsOf, hallUrl } from "./services.halls";
import type { ModeRow } from "./services.halls.repo";
import { listText } from "./services.lists.text";
import { ITEM_TYPES, LEVELS, LIFE_EVENT_KEYS, LIFE_EVENTS } from "./services.model";
import { hallNotFound, itemNotFound, materialNotFound } from "./services.policy";
import { itemJson, PER_PAGE, pageOf, publicPageOf } from "./services.present";
import * as repo from "./services.repo";
import { reportText } from "./services.reports.text";
import { findPublicItem } from "./services.service";
import { lifeEventLabel, type ServiceKey, serviceText } from "./services.text";
import { BundleGuide, Guide, ItemList } from "./services.views";

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const ListQs = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  org: Type.Optional(Type.String({ maxLength: 50 })),
  type: Type.Optional(Type.String({ maxLength: 20 })),
  level: Type.Optional(Type.String({ maxLength: 10 })),
  page: Type.Optional(Type.String({ maxLength: 6 })),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
});
const pct = (n: number, total: number) => (total ? `${Math.round((n / total) * 1000) / 10}%` : "0%");

export function registerServicePages(app: AppInstance, deps: Deps): void {
  publicPage(
    app,
    deps,
    "/fw",
    async (c, req) => {
      const x = serviceText(c.lang);
      const query = req.query as {
        q?: string;
        org?: string;
        type?: string;
        level?: string;
        page?: string;
        cursor?: string;
      };
      const pageReq = pageRequest({ page: pageOf(query.page), cursor: query.cursor }, PER_PAGE);
      const [list, stats, bundles] = await Promise.all([
        publicPageOf(deps, c.site.id, query, pageReq),
        repo.onlineStatistics(deps.db.kysely, c.site.id),
        bundlesOf(deps, c.site.id),
      ]);
      const bundleTitles = await mnTitlesFor(
        deps.db.kysely,
        c.lang,
        "service_bundle",
        bundles.map((b) => b.id),
      );
      // The departments and towns that implement items in force, in the tree's order.
      const implementing = new Set(await repo.implementingOrgIds(deps.db.kysely, c.site.id));
      const orgs = list.tree.flatten(c.site.id).filter((e) => implementing.has(e.org.id));
      const href = (to: PagerTarget) => {
        const u = new URLSearchParams({
          ...(query.q ? { q: query.q } : {}),
          ...(query.org ? { org: query.org } : {}),
          ...(query.type ? { type: query.type } : {}),
          ...(query.level ? { level: query.level } : {}),
          ...pagerParams(to),
        });
        return `${c.prefix}/fw${u.size ? `?${u}` : ""}`;
      };
      return (
        <PublicLayout lang={c.lang} t={c.t} site={c.site} title={x("title")} path={c.path} section="services">
          <h1 safe>{x("title")}</h1>
          <p safe>{x("intro")}</p>
          <form method="get" action={`${c.prefix}/fw`} class="filters" role="search">
            <label for="fw-q" safe>
              {x("search_label")}
            </label>
            <input id="fw-q" name="q" type="search" value={query.q ?? ""} maxlength="100" />
            <button type="submit" safe>
              {x("search_button")}
            </button>
          </form>
          <section aria-labelledby="fw-stats">
            <h2 id="fw-stats" safe>
              {x("stats")}
            </h2>
            <ul class="cards">
              <li safe>{x("stats_total", { n: stats.total })}</li>
              <li safe>
                {x("stats_online", { n: stats.fully_online, pct: pct(stats.fully_online, stats.total) })}
              </li>
              <li safe>
                {x("stats_zero", { n: stats.zero_visit, pct: pct(stats.zero_visit, stats.total) })}
              </li>
              <li safe>{x("stats_one", { n: stats.one_visit, pct: pct(stats.one_visit, stats.total) })}</li>
            </ul>
            <ul class="section-links">
              <li>
                <a href={`${c.prefix}/fw/stats`} safe>
                  {reportText(c.lang)("stats_title")}
                </a>
              </li>
              <li>
                <a href={`${c.prefix}/fw/reports`} safe>
                  {reportText(c.lang)("reports_title")}
                </a>
              </li>
            </ul>
          </section>
          <section aria-labelledby="fw-events">
            <h2 id="fw-events" safe>
              {x("by_event")}
            </h2>
            <ul class="section-links">
              {LIFE_EVENTS.map((e) => (
                <li>
                  <a href={`${c.prefix}/fw/life-events/${e.key}`} safe>
                    {lifeEventLabel(c.lang, e.key)}
                  </a>
                </li>
              ))}
            </ul>
          </section>
          {bundles.length ? (
            <section aria-labelledby="fw-bundles">
              <h2 id="fw-bundles" safe>
                {x("bundles")}
              </h2>
              <ul class="section-links">
                {bundles.map((b) => (
                  <li>
                    <a href={`${c.prefix}${b.url}`}>
                      <MnRowTitle lang={c.lang} titles={bundleTitles} id={b.id} title={b.name} />
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : (
            ""
          )}
          <section aria-labelledby="fw-orgs">
            <h2 id="fw-orgs" safe>
              {x("by_org")}
            </h2>
            <ul class="section-links">
              {orgs.map((e) => (
                <li>
                  <a
                    href={`${c.prefix}/fw?org=${encodeURIComponent(e.org.code)}`}
                    lang={c.lang === "mn-Mong" ? "zh-CN" : undefined}
                    safe
                  >
                    {e.org.name}
                  </a>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="fw-levels">
            <h2 id="fw-levels" safe>
              {x("by_level")}
            </h2>
            <ul class="section-links">
              {LEVELS.filter((l) => ["县", "乡", "村"].includes(l)).map((l) => (
                <li>
                  <a href={`${c.prefix}/fw?level=${encodeURIComponent(l)}`} safe>
                    {codeLabel(c.lang, "svc.level", l)}
                  </a>
                </li>
              ))}
              <li>
                <a href={`${c.prefix}/fw/halls`} safe>
                  {x("halls")}
                </a>
              </li>
              <li>
                <a href={`${c.prefix}/fw/lists`} safe>
                  {listText(c.lang)("title")}
                </a>
              </li>
            </ul>
          </section>
          <section aria-labelledby="fw-results">
            <h2 id="fw-results" safe>
              {x("results")}
            </h2>
            <p class="meta" safe>
              {x(list.total.capped ? "results_count_capped" : "results_count", { n: list.total.n })}
            </p>
            {list.items.length ? (
              <ItemList
                x={x}
                prefix={c.prefix}
                items={list.items}
                mnTitles={
                  await mnTitlesFor(
                    deps.db.kysely,
                    c.lang,
                    "service_item",
                    list.items.map((i) => i.id),
                  )
                }
              />
            ) : (
              <p safe>{x("none")}</p>
            )}
            <CursorPager
              page={list.found.page}
              size={PER_PAGE}
              next={list.found.next}
              prev={list.found.prev}
              total={list.total}
              href={href}
              text={{
                label: c.t("pager.label"),
                prev: x("previous"),
                next: x("next"),
                page: (page, pages) =>
                  pages ? x("page_of", { page, pages }) : c.t("pager.page_open", { page }),
              }}
            />
          </section>
        </PublicLayout>
      );
    },
    { querystring: ListQs, cacheTtlMs: 60_000 },
  );

  publicPage(
    app,
    deps,
    "/fw/life-events/:key",
    async (c, req) => {
      const key = (req.params as { key: string }).key;
      if (!LIFE_EVENT_KEYS.includes(key)) throw new AppError("life_event_not_found", 404, "没有这个主题。");
      const x = serviceText(c.lang);
      const name = lifeEventLabel(c.lang, key);
      const [list, bundles] = await Promise.all([
        repo.listItems(
          deps.db.kysely,
          { siteId: c.site.id, statuses: ["published"], lifeEvent: key },
          { limit: 200, offset: 0 },
        ),
        bundlesOf(deps, c.site.id, key),
      ]);
      const bundleTitles = await mnTitlesFor(
        deps.db.kysely,
        c.lang,
        "service_bundle",
        bundles.map((b) => b.id),
      );
      const tree = await loadOrgTree(deps, c.site.id);
      const items = list.rows.map((r) => ({ ...r, org: { name: tree.get(r.org_id)?.name ?? "" } }));
      return (
        <PublicLayout lang={c.lang} t={c.t} site={c.site} title={name} path={c.path} section="services">
          <h1 safe>{name}</h1>
          {bundles.length ? (
            <section aria-labelledby="ev-bundles">
              <h2 id="ev-bundles" safe>
                {x("bundles")}
              </h2>
              <ul class="section-links">
                {bundles.map((b) => (
                  <li>
                    <a href={`${c.prefix}${b.url}`}>
                      <MnRowTitle lang={c.lang} titles={bundleTitles} id={b.id} title={b.name} />
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : (
            ""
          )}
          <h2 safe>{x("results")}</h2>
          {items.length ? (
            <ItemList
              x={x}
              prefix={c.prefix}
              items={items}
              mnTitles={
                await mnTitlesFor(
                  deps.db.kysely,
                  c.lang,
                  "service_item",
                  items.map((i) => i.id),
                )
              }
            />
          ) : (
            <p safe>{x("none")}</p>
          )}
          <p>
            <a href={`${c.prefix}/fw`} safe>
              {x("back")}
            </a>
          </p>
        </PublicLayout>
      );
    },
    { cacheTtlMs: 60_000 },
  );

  publicPage(app, deps, "/fw/items/:id", async (c, req) => {
    const id = (req.params as { id: string }).id;
    const row = await findPublicItem(deps.db.kysely, c.site.id, id);
    if (!row) throw itemNotFound();
    const item = await itemJson(deps, row);
    const x = serviceText(c.lang);
    const mn = await publicMnOf(deps.db.kysely, "service_item", row.id);
    return (
      <PublicLayout
        lang={c.lang}
        t={c.t}
        site={c.site}
        title={mnPageTitle(c.lang, mn, item.name)}
        path={c.path}
        section="services"
      >
        <MnHeading lang={c.lang} t={c.t} mn={mn} title={item.name} path={`/fw/items/${row.id}`} />
        <Guide lang={c.lang} prefix={c.prefix} item={item} />
        <p>
          <a href={`${c.prefix}/fw`} safe>
            {x("back")}
          </a>
        </p>
      </PublicLayout>
    );
  });

  publicPage(app, deps, "/fw/bundles/:key", async (c, req) => {
    const key = (req.params as { key: string }).key;
    const b = await bundleJson(deps, c.site.id, key);
    const x = serviceText(c.lang);
    const mn = await publicMnOf(deps.db.kysely, "service_bundle", b.id);
    return (
      <PublicLayout
        lang={c.lang}
        t={c.t}
        site={c.site}
        title={mnPageTitle(c.lang, mn, b.name)}
        path={c.path}
        section="services"
      >
        <MnHeading lang={c.lang} t={c.t} mn={mn} title={b.name} path={bundleUrl(b.key)} />
        <BundleGuide lang={c.lang} prefix={c.prefix} b={b} />
        <p>
          <a href={`${c.prefix}/fw/life-events/${b.life_event.key}`} safe>
            {lifeEventLabel(c.lang, b.life_event.key)}
          </a>
        </p>
        <p>
          <a href={`${c.prefix}/fw`} safe>
            {x("back")}
          </a>
        </p>
      </PublicLayout>
    );
  });

  /** A mode of the catalog in the page's language; the county's own modes (and names in Chinese) as entered. */
  const modeNamer =
    (c: { lang: Lang; t: Translate }, modes: ModeRow[]) =>
    (name: string): string => {
      const key =
        c.lang === "zh-CN" ? undefined : codeKey("svc.mode", modes.find((m) => m.name === name)?.key ?? "");
      return key ? c.t(key) : name;
    };

  /** A hall's level, address, hours, phone and windows; its own data is Chinese, marked so at /mn. */
  const hallDetails = (c: { lang: Lang; t: Translate }, h: HallView, modes: ModeRow[]) => {
    const x = serviceText(c.lang);
    const zh = c.lang === "mn-Mong" ? "zh-CN" : undefined;
    const modeName = modeNamer(c, modes);
    return (
      <>
        <p class="meta" safe>
          {x(`level_${h.hall.level}` as ServiceKey)}
        </p>
        <dl class="meta-table">
          <dt safe>{x("hall_address")}</dt>
          <dd lang={zh} safe>
            {h.hall.address}
          </dd>
          <dt safe>{x("hall_hours")}</dt>
          <dd lang={zh} safe>
            {h.hall.hours}
          </dd>
          <dt safe>{x("hall_phone")}</dt>
          <dd safe>{h.hall.phone}</dd>
        </dl>
        {h.windows.length ? (
          <>
            <h3 safe>{x("windows")}</h3>
            <ul class="item-list">
              {h.windows.map((w) => (
                <li>
                  <strong lang={zh} safe>
                    {w.window.name}
                  </strong>
                  <dl class="meta-table">
                    <dt safe>{x("window_orgs")}</dt>
                    <dd lang={zh} safe>
                      {w.orgs.join("、") || "—"}
                    </dd>
                    <dt safe>{x("window_modes")}</dt>
                    <dd safe>{w.modes.map(modeName).join(c.lang === "mn-Mong" ? "᠂ " : "、") || "—"}</dd>
                  </dl>
                </li>
              ))}
            </ul>
          </>
        ) : (
          ""
        )}
      </>
    );
  };

  publicPage(
    app,
    deps,
    "/fw/halls",
    async (c) => {
      const x = serviceText(c.lang);
      const { halls, modes } = await hallsOf(deps, c.site.id);
      const titles = await mnTitlesFor(
        deps.db.kysely,
        c.lang,
        "service_hall",
        halls.map((h) => h.hall.id),
      );
      const modeName = modeNamer(c, modes);
      return (
        <PublicLayout lang={c.lang} t={c.t} site={c.site} title={x("halls")} path={c.path} section="services">
          <h1 safe>{x("halls")}</h1>
          {halls.map((h) => (
            <section aria-labelledby={`hall-${h.hall.id}`}>
              <h2 id={`hall-${h.hall.id}`}>
                <a href={hallUrl(h.hall.id, c.prefix)}>
                  <MnRowTitle lang={c.lang} titles={titles} id={h.hall.id} title={h.hall.name} />
                </a>
              </h2>
              {hallDetails(c, h, modes)}
            </section>
          ))}
          <h2 safe>{x("modes_list")}</h2>
          <ol>
            {modes.map((m) => (
              <li safe>{modeName(m.name)}</li>
            ))}
          </ol>
          <p>
            <a href={`${c.prefix}/fw`} safe>
              {x("back")}
            </a>
          </p>
        </PublicLayout>
      );
    },
    { cacheTtlMs: 60_000 },
  );

  publicPage(app, deps, "/fw/halls/:id", async (c, req) => {
    const id = (req.params as { id: string }).id;
    const { halls, modes } = await hallsOf(deps, c.site.id);
    const h = halls.find((v) => v.hall.id === id);
    if (!h) throw hallNotFound();
    const x = serviceText(c.lang);
    const mn = await publicMnOf(deps.db.kysely, "service_hall", h.hall.id);
    return (
      <PublicLayout
        lang={c.lang}
        t={c.t}
        site={c.site}
        title={mnPageTitle(c.lang, mn, h.hall.name)}
        path={c.path}
        section="services"
      >
        <MnHeading lang={c.lang} t={c.t} mn={mn} title={h.hall.name} path={hallUrl(h.hall.id)} />
        {hallDetails(c, h, modes)}
        <p>
          <a href={`${c.prefix}/fw/halls`} safe>
            {x("halls")}
          </a>
        </p>
      </PublicLayout>
    );
  });

  // Blank forms and samples: the bytes as stored, their type decided from the content.
  for (const which of ["blank", "sample"] as const)
    app.get(`/fw/materials/:id/${which}`, { schema: { hide: true, params: Params } }, async (req, reply) => {
      const site = await resolvePublicSite(deps, req);
      const m = await repo.findMaterial(deps.db.kysely, req.params.id);
      const sha = which === "blank" ? m?.blank_sha256 : m?.sample_sha256;
      const name = which === "blank" ? m?.blank_name : m?.sample_name;
      if (!m || m.site_id !== site.id || !sha || !name) throw materialNotFound();
      const bytes = await storageOf(deps).read(sha);
      const sniffed = sniffType(bytes);
      const mime = sniffed.ok ? FILE_TYPES[sniffed.type].mime : "application/octet-stream";
      return reply
        .type(mime)
        .header("X-Content-Type-Options", "nosniff")
        .header("ETag", `"${sha}"`)
        .header("Cache-Control", "public, max-age=300")
        .header("Content-Disposition", contentDisposition("attachment", name))
        .send(bytes);
    });
}

export { bundleUrl, ITEM_TYPES };
