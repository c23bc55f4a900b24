// Which URLs of the public site become files (静态发布) and where each file goes, so that nginx with
// `try_files $uri/index.html $uri` (and the query map of deploy/nginx/gongkai.conf) serves it at the same URL.
// Pure functions: no database, no file system.

/**
 * Paths that stay dynamic behind the proxy: forms (their CSRF token belongs to a session), search, tracking,
 * verification, the back office, the API, and pages whose content moves with the date rather than a change
 * someone records (the working-day calendar). Matched on the path without the Mongolian prefix.
 */
const DYNAMIC = [
  /^\/admin(\/|$)/,
  /^\/api(\/|$)/,
  /^\/healthz$/,
  /^\/search(\/|$)/,
  /^\/verify(\/|$)/,
  /^\/calendar(\/|$|\.)/,
  /^\/hd\/apply(\/|$)/,
  /^\/hd\/track(\/|$)/,
  /^\/hd\/error-report(\/|$)/,
  /^\/hd\/messages\/(new|track)(\/|$)/,
  /^\/hd\/meetings\/track(\/|$)/,
];

/** A query string that may become a file name: no dot, no slash (nothing nginx could read as a path step). */
const SAFE_QUERY = /^[A-Za-z0-9_=&%-]{1,200}$/;

/** The directory of a page's variants by query string (`/gk/list?page=2` → `gk/list/__q/page=2.html`). */
export const QUERY_DIR = "__q";

/** The path as its language-neutral route sees it: `/mn/gk` → `/gk`, `/mn/` → `/`. */
export function neutralPath(path: string): string {
  if (path === "/mn" || path === "/mn/") return "/";
  return path.startsWith("/mn/") ? path.slice(3) : path;
}

/** Splits a site-relative URL into its path and raw query (no `#fragment`); null for anything else. */
export function splitUrl(url: string): { path: string; query: string } | null {
  const noHash = url.split("#", 1)[0]!;
  if (!noHash.startsWith("/") || noHash.startsWith("//")) return null;
  const q = noHash.indexOf("?");
  const path = q < 0 ? noHash : noHash.slice(0, q);
  const query = q < 0 ? "" : noHash.slice(q + 1);
  return { path, query };
}

/**
 * The URL in the form the static site keeps it, or null when it stays dynamic. Assets lose their query
 * (a cache-busting `?v=` names the same file); other queries are kept as written by the page that links them.
 */
export function staticUrl(url: string): string | null {
  const parts = splitUrl(url);
  if (!parts) return null;
  const { path, query } = parts;
  if (path.includes("\\") || /(^|\/)\.\.?(\/|$)/.test(path)) return null;
  const neutral = neutralPath(path);
  if (DYNAMIC.some((re) => re.test(neutral))) return null;
  if (neutral.startsWith("/assets/")) return path;
  if (query && !SAFE_QUERY.test(query)) return null;
  return query ? `${path}?${query}` : path;
}

/**
 * Where the answer to `url` is written, relative to the output directory, or null when it cannot be a file:
 * an HTML page is `<path>/index.html` (`<path>/__q/<query>.html` with a query); anything else is `<path>`
 * itself and has no query. Path steps are decoded as nginx decodes `$uri`.
 */
export function filePathFor(url: string, html: boolean): string | null {
  const parts = splitUrl(url);
  if (!parts) return null;
  let steps: string[];
  try {
    steps = parts.path
      .split("/")
      .filter((s) => s !== "")
      .map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
  if (steps.some((s) => s === "." || s === ".." || s.includes("/") || s.includes("\0") || s === QUERY_DIR))
    return null;
  if (steps.some((s) => Buffer.byteLength(s) > 200)) return null;
  if (html) {
    const leaf = parts.query ? [QUERY_DIR, `${parts.query}.html`] : ["index.html"];
    if (parts.query && !SAFE_QUERY.test(parts.query)) return null;
    return [...steps, ...leaf].join("/");
  }
  if (parts.query || steps.length === 0 || parts.path.endsWith("/")) return null;
  return steps.join("/");
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  quot: '"',
  apos: "'",
  lt: "<",
  gt: ">",
  "#39": "'",
  "#x27": "'",
};

/**
 * The site-relative URLs a page links to (href, src, sitemap `<loc>`), absolute ones kept when their host is
 * one of `hosts`. HTML entities in attribute values are decoded.
 */
export function linksIn(body: string, hosts: readonly string[]): string[] {
  const out = new Set<string>();
  const re = /(?:href|src)="([^"]*)"|<loc>([^<]*)<\/loc>|<link>([^<]*)<\/link>/g;
  for (const m of body.matchAll(re)) {
    let raw = (m[1] ?? m[2] ?? m[3] ?? "").trim();
    raw = raw.replace(/&(amp|quot|apos|lt|gt|#39|#x27);/g, (_s, e: string) => ENTITIES[e]!);
    if (/^https?:\/\//i.test(raw)) {
      try {
        const u = new URL(raw);
        if (!hosts.includes(u.hostname)) continue;
        raw = u.pathname + u.search;
      } catch {
        continue;
      }
    }
    if (raw.startsWith("/") && !raw.startsWith("//")) out.add(raw.split("#", 1)[0]!);
  }
  return [...out];
}

const ID = /^[0-9A-Za-z_-]{16,64}$/;
const isId = (s: string) => ID.test(s) && /\d/.test(s);

/** The record ids a URL names: path steps (less an extension) and query values that look like ids. */
export function idsInUrl(url: string): string[] {
  const parts = splitUrl(url);
  if (!parts) return [];
  const out: string[] = [];
  for (const step of parts.path.split("/")) {
    const bare = step.replace(/\.[a-z0-9]{1,5}$/i, "");
    if (isId(bare)) out.push(bare);
  }
  for (const pair of parts.query.split("&")) {
    const v = pair.slice(pair.indexOf("=") + 1);
    if (isId(v)) out.push(v);
  }
  return out;
}

/** The record ids a page links to: which pages to re-render when one of them changes. */
export function refsIn(links: readonly string[]): string[] {
  const out = new Set<string>();
  for (const l of links) for (const id of idsInUrl(l)) out.add(id);
  return [...out];
}

/** True when an answer must not be shared as a file: it sets a cookie or carries a form's CSRF token. */
export function isPersonal(body: string, headers: Record<string, unknown>): boolean {
  return headers["set-cookie"] !== undefined || body.includes('name="_csrf"');
}
