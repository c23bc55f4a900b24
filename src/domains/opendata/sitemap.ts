// The sitemap protocol (sitemaps.org 0.9): one <urlset> of at most 50,000 URLs, or a <sitemapindex> naming
// parts of that size (`/sitemaps/{n}.xml`). Pure functions: the routes gather the URLs.
import { xmlEscape } from "./feeds";

/** The protocol's limit of URLs in one file. */
export const SITEMAP_MAX_URLS = 50_000;

export interface SitemapUrl {
  /** Absolute URL. */
  loc: string;
  /** YYYY-MM-DD or an ISO instant; left out when unknown. */
  lastmod?: string | null;
}

const XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9";

/** W3C datetime as the protocol asks: a full instant without milliseconds, or a date. */
const w3c = (s: string) => (s.length > 10 ? `${new Date(s).toISOString().slice(0, 19)}Z` : s);

export function renderUrlset(urls: SitemapUrl[]): string {
  const rows = urls.map(
    (u) =>
      `<url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${w3c(u.lastmod)}</lastmod>` : ""}</url>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<urlset xmlns="${XMLNS}">`,
    ...rows,
    "</urlset>",
    "",
  ].join("\n");
}

export function renderIndex(parts: SitemapUrl[]): string {
  const rows = parts.map(
    (p) =>
      `<sitemap><loc>${xmlEscape(p.loc)}</loc>${p.lastmod ? `<lastmod>${w3c(p.lastmod)}</lastmod>` : ""}</sitemap>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<sitemapindex xmlns="${XMLNS}">`,
    ...rows,
    "</sitemapindex>",
    "",
  ].join("\n");
}

/** How many parts `count` URLs need (at least one). */
export const partCount = (count: number, max = SITEMAP_MAX_URLS) => Math.max(1, Math.ceil(count / max));

/**
 * What `/sitemap.xml` answers: the urlset itself when everything fits, else an index of the parts, each
 * part's lastmod its newest URL's.
 */
export function sitemapDocument(
  urls: SitemapUrl[],
  partUrl: (n: number) => string,
  max = SITEMAP_MAX_URLS,
): string {
  if (urls.length <= max) return renderUrlset(urls);
  const parts: SitemapUrl[] = [];
  for (let n = 1; n <= partCount(urls.length, max); n++) {
    const slice = urls.slice((n - 1) * max, n * max);
    const lastmod = slice.reduce<string | null>(
      (m, u) => (u.lastmod && (!m || u.lastmod > m) ? u.lastmod : m),
      null,
    );
    parts.push({ loc: partUrl(n), lastmod });
  }
  return renderIndex(parts);
}

/** Part `n` (from 1), or undefined past the last. */
export function sitemapPart(urls: SitemapUrl[], n: number, max = SITEMAP_MAX_URLS): string | undefined {
  if (n < 1 || n > partCount(urls.length, max)) return undefined;
  return renderUrlset(urls.slice((n - 1) * max, n * max));
}
