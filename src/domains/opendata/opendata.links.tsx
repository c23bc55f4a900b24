// The "导出 CSV / JSON" and "订阅更新" links list pages show. Imports nothing from other domains, so any list
// page can use it without an import cycle.
import type { Translate } from "../../web/i18n";
import type { FeedLink } from "../../web/views/layout";

/** A list's exports: `{path}.csv` and `{path}.json` with the list's own query. */
export function ExportLinks(p: {
  t: Translate;
  path: string;
  query?: Record<string, string | number | undefined>;
}) {
  const q = new URLSearchParams(
    Object.entries(p.query ?? {}).flatMap(
      ([k, v]): Array<[string, string]> => (v === undefined || v === "" ? [] : [[k, String(v)]]),
    ),
  );
  const suffix = q.size ? `?${q}` : "";
  return (
    <p class="export-links">
      <span safe>{p.t("export.label")}</span>
      <a href={`${p.path}.csv${suffix}`} type="text/csv" download="" safe>
        {p.t("export.csv")}
      </a>
      {" / "}
      <a href={`${p.path}.json${suffix}`} type="application/json" safe>
        {p.t("export.json")}
      </a>
    </p>
  );
}

/** The feeds of a list: the site's, an organisation's (by code) or a catalogue node's (by id). */
export function feedLinks(scope: { org?: string; node?: string }, title: string): FeedLink[] {
  const base = scope.node
    ? `/feeds/catalog/${encodeURIComponent(scope.node)}`
    : scope.org
      ? `/feeds/org/${encodeURIComponent(scope.org)}`
      : "/feeds/site";
  return [
    { type: "application/atom+xml", href: `${base}.atom`, title },
    { type: "application/rss+xml", href: `${base}.rss`, title },
  ];
}

export function FeedLinks(p: { t: Translate; feeds: FeedLink[] }) {
  return (
    <p class="feed-links">
      <span safe>{p.t("feeds.subscribe")}</span>
      {p.feeds.map((f, i) => (
        <>
          {i ? " / " : ""}
          <a href={f.href} type={f.type} safe>
            {f.type === "application/rss+xml" ? p.t("feeds.rss") : p.t("feeds.atom")}
          </a>
        </>
      ))}
    </p>
  );
}
