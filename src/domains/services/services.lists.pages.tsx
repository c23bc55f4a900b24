// Public pages of the departments' 权责清单 and 公共服务事项清单, in Chinese and at /mn in Mongolian: /fw/lists
// (by department), /fw/lists/{org}/{kind} (the version in force, or `?version=N`, with the history of versions
// and a form comparing two), /fw/lists/{org}/{kind}/changes (what changed between two published versions).
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { PublicLayout } from "../../web/views/layout";
import { MnHeading, MnRowTitle, mnPageTitle, mnTitlesFor, publicMnOf } from "../mongolian";
import { loadOrgTree } from "../orgs";
import { publicChanges, publishedVersion, versionParam } from "./services.lists.api";
import { listNotFound } from "./services.lists.policy";
import { listWithEntries } from "./services.lists.present";
import * as lrepo from "./services.lists.repo";
import { publicListUrl } from "./services.lists.search";
import { findPublicList } from "./services.lists.service";
import { kindText, listText } from "./services.lists.text";
import { ChangesView, EntryBlocks } from "./services.lists.views";

const VersionQs = Type.Object({ version: Type.Optional(Type.String({ maxLength: 6 })) });
const ChangesQs = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 6 })),
  to: Type.Optional(Type.String({ maxLength: 6 })),
});
const date = (iso: string | null) => (iso ?? "").slice(0, 10);

export function registerServiceListPages(app: AppInstance, deps: Deps): void {
  publicPage(
    app,
    deps,
    "/fw/lists",
    async (c) => {
      const x = listText(c.lang);
      const [rows, tree] = await Promise.all([
        lrepo.listLists(deps.db.kysely, { siteId: c.site.id, published: true }),
        loadOrgTree(deps, c.site.id),
      ]);
      const orgs = tree.flatten(c.site.id).filter((e) => rows.some((r) => r.org_id === e.org.id));
      const mnTitles = await mnTitlesFor(
        deps.db.kysely,
        c.lang,
        "service_list",
        rows.map((r) => r.id),
      );
      return (
        <PublicLayout lang={c.lang} t={c.t} site={c.site} title={x("title")} path={c.path} section="services">
          <h1 safe>{x("title")}</h1>
          <p safe>{x("intro")}</p>
          <h2 safe>{x("by_org")}</h2>
          {orgs.length ? (
            <ul class="list">
              {orgs.map((e) => (
                <li>
                  <strong safe>{e.org.name}</strong>
                  <ul class="section-links">
                    {rows
                      .filter((r) => r.org_id === e.org.id)
                      .map((r) => (
                        <li>
                          <a href={publicListUrl(e.org.code, r.kind, c.prefix)}>
                            <MnRowTitle
                              lang={c.lang}
                              titles={mnTitles}
                              id={r.id}
                              title={kindText(x, r.kind)}
                              localised
                            />
                            <span safe>{`（${x("version", { n: r.version })}）`}</span>
                          </a>
                        </li>
                      ))}
                  </ul>
                </li>
              ))}
            </ul>
          ) : (
            <p safe>{x("none")}</p>
          )}
          <p>
            <a href={`${c.prefix}/fw`} safe>
              {x("back_services")}
            </a>
          </p>
        </PublicLayout>
      );
    },
    { cacheTtlMs: 60_000 },
  );

  publicPage(
    app,
    deps,
    "/fw/lists/:org/:kind",
    async (c, req) => {
      const { org: code, kind } = req.params as { org: string; kind: string };
      const found = await findPublicList(deps, c.site.id, code, kind);
      if (!found) throw listNotFound();
      const { list, org, tree } = found;
      const x = listText(c.lang);
      const n = versionParam("version", (req.query as { version?: string }).version, list.version);
      const v = await publishedVersion(deps, list, n);
      const [shown, history, mn] = await Promise.all([
        listWithEntries(deps.db.kysely, tree, list, v),
        lrepo.listVersions(deps.db.kysely, list.id, ["published"]),
        publicMnOf(deps.db.kysely, "service_list", list.id),
      ]);
      const base = publicListUrl(org.code, list.kind, c.prefix);
      const title = `${org.name}${kindText(x, list.kind)}`;
      return (
        <PublicLayout
          lang={c.lang}
          t={c.t}
          site={c.site}
          title={mnPageTitle(c.lang, mn, title)}
          path={c.path}
          section="services"
        >
          <MnHeading lang={c.lang} t={c.t} mn={mn} title={title} path={publicListUrl(org.code, list.kind)} />
          {n !== list.version ? (
            <p class="notice">
              <span safe>{x("older", { n })}</span>{" "}
              <a href={base} safe>
                {x("see_current")}
              </a>
            </p>
          ) : (
            ""
          )}
          <dl class="meta-table">
            <dt safe>{x("version", { n: v.number })}</dt>
            <dd safe>{x("version_of", { n: v.number, date: date(v.decided_at) })}</dd>
            <dt safe>{x("decision")}</dt>
            <dd safe>{v.decision}</dd>
            {v.reason ? (
              <>
                <dt safe>{x("reason")}</dt>
                <dd safe>{v.reason}</dd>
              </>
            ) : (
              ""
            )}
          </dl>
          <h2 safe>{x("entries_count", { n: shown.entries.length })}</h2>
          {v.number > 1 ? (
            <p>
              <a href={`${base}/changes?to=${v.number}`} safe>
                {x("changes_from_previous")}
              </a>
            </p>
          ) : (
            ""
          )}
          <EntryBlocks x={x} prefix={c.prefix} kind={list.kind} entries={shown.entries} />
          <section aria-labelledby="list-history">
            <h2 id="list-history" safe>
              {x("history")}
            </h2>
            <ol>
              {history.map((h) => (
                <li>
                  {h.number === n ? (
                    <strong safe>{x("version_of", { n: h.number, date: date(h.decided_at) })}</strong>
                  ) : (
                    <a href={`${base}?version=${h.number}`} safe>
                      {x("version_of", { n: h.number, date: date(h.decided_at) })}
                    </a>
                  )}
                  {h.number === list.version ? <span safe>{x("current")}</span> : ""}
                  <span class="meta" safe>{` ${h.decision}`}</span>
                  {h.number > 1 ? (
                    <>
                      {" · "}
                      <a href={`${base}/changes?to=${h.number}`} safe>
                        {x("changes")}
                      </a>
                    </>
                  ) : (
                    ""
                  )}
                </li>
              ))}
            </ol>
            {history.length > 1 ? (
              <form method="get" action={`${base}/changes`} class="filters">
                <label for="cmp-from" safe>
                  {x("compare_from")}
                </label>
                <select id="cmp-from" name="from">
                  {history.map((h) => (
                    <option value={String(h.number)} selected={h.number === history[1]!.number} safe>
                      {x("version", { n: h.number })}
                    </option>
                  ))}
                </select>
                <label for="cmp-to" safe>
                  {x("compare_to")}
                </label>
                <select id="cmp-to" name="to">
                  {history.map((h) => (
                    <option value={String(h.number)} selected={h.number === history[0]!.number} safe>
                      {x("version", { n: h.number })}
                    </option>
                  ))}
                </select>
                <button type="submit" safe>
                  {x("compare_button")}
                </button>
              </form>
            ) : (
              ""
            )}
          </section>
          <p>
            <a href={`${c.prefix}/fw/lists`} safe>
              {x("back")}
            </a>
          </p>
        </PublicLayout>
      );
    },
    { querystring: VersionQs, cacheTtlMs: 60_000 },
  );

  publicPage(
    app,
    deps,
    "/fw/lists/:org/:kind/changes",
    async (c, req) => {
      const { org: code, kind } = req.params as { org: string; kind: string };
      const found = await findPublicList(deps, c.site.id, code, kind);
      if (!found) throw listNotFound();
      const { list, org } = found;
      const x = listText(c.lang);
      const r = await publicChanges(deps, list, req.query as { from?: string; to?: string });
      const base = publicListUrl(org.code, list.kind, c.prefix);
      const title = `${org.name}${kindText(x, list.kind)}：${x("changes")}`;
      return (
        <PublicLayout lang={c.lang} t={c.t} site={c.site} title={title} path={c.path} section="services">
          <h1 safe>{title}</h1>
          <p safe>
            {r.from === 0 ? x("changes_first", { to: r.to }) : x("changes_title", { from: r.from, to: r.to })}
          </p>
          <ChangesView x={x} kind={list.kind} changes={r.changes} />
          <p>
            <a href={`${base}?version=${r.to}`} safe>
              {x("version", { n: r.to })}
            </a>
            {" · "}
            <a href={base} safe>
              {x("see_current")}
            </a>
          </p>
        </PublicLayout>
      );
    },
    { querystring: ChangesQs, cacheTtlMs: 60_000 },
  );
}
