// Broken links on published pages (不可用链接), checked by a bounded background pass: at most `maxLinks` per run
// (least recently checked first), one request in flight per worker with `concurrency` workers (default 2), a
// timeout per link, only http and https. The fetcher is deps.linkProbe (tests pass a fake, never the network).
// Links to the site itself are not fetched: an item page must be a published item of the site, any other path
// one of the app's own routes (src/web/route-policy.ts lists them all).
import type { Deps, LinkProbe } from "../../deps";
import { BLOCK_REASON_LABELS, BlockedTargetError } from "../../platform/net";
import { ROUTE_POLICIES } from "../../web/route-policy";
import * as repo from "./health.repo";

export interface LinkRunOptions {
  maxLinks?: number;
  timeoutMs?: number;
  concurrency?: number;
}

export const LINK_DEFAULTS = { maxLinks: 200, timeoutMs: 8000, concurrency: 2 } as const;

/** The problem recorded for a link whose address is not public: refused, not fetched. */
export const REFUSED = "指向内网、本机或保留地址，出于安全考虑未访问";

const HREF_RE = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

const decodeEntities = (s: string) =>
  s
    .replaceAll("&amp;", "&")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">");

/** The links of a page body worth checking: http(s) addresses and the site's own paths; not mailto:, tel:, #. */
export function extractHrefs(html: string, ownOrigin?: string): Array<{ url: string; internal: boolean }> {
  const out = new Map<string, boolean>();
  HREF_RE.lastIndex = 0;
  for (let m = HREF_RE.exec(html); m; m = HREF_RE.exec(html)) {
    const raw = decodeEntities((m[1] ?? m[2] ?? "").trim());
    if (!raw || raw.length > 2000) continue;
    if (raw.startsWith("/") && !raw.startsWith("//")) out.set(raw, true);
    else if (/^https?:\/\//i.test(raw)) {
      let u: URL;
      try {
        u = new URL(raw);
      } catch {
        continue;
      }
      if (ownOrigin && u.origin === ownOrigin) out.set(`${u.pathname}${u.search}`, true);
      else out.set(u.toString(), false);
    }
  }
  return [...out].map(([url, internal]) => ({ url, internal }));
}

const ROUTE_PATTERNS = Object.keys(ROUTE_POLICIES)
  .filter((k) => k.startsWith("GET "))
  .map((k) => {
    const path = k.slice(4);
    if (path === "/*") return null; // the portal's catch-all would accept anything
    const re = path
      .split("/")
      .map((seg) =>
        seg.startsWith(":") ? "[^/]+" : seg === "*" ? ".+" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
      )
      .join("/");
    return new RegExp(`^${re}/?$`);
  })
  .filter((r): r is RegExp => r !== null);

const ITEM_PATH = /^(?:\/mn)?\/gk\/items\/([^/?#]+)(?:\/[^?#]*)?$/;

/** Whether a path of the site itself leads somewhere: an item page of a published item, else a known route. */
export function internalTarget(path: string): { itemId: string } | { known: boolean } {
  const bare = path.replace(/[?#].*$/, "");
  const m = ITEM_PATH.exec(bare);
  if (m) return { itemId: m[1]! };
  if (bare === "/" || bare === "/mn" || bare === "/mn/") return { known: true };
  const p = bare.replace(/^\/mn(?=\/)/, "");
  return { known: ROUTE_PATTERNS.some((re) => re.test(p)) };
}

async function probe(
  url: string,
  fetcher: LinkProbe,
  timeoutMs: number,
): Promise<{ ok: boolean; status: number | null; problem: string | null }> {
  const attempt = async (method: "HEAD" | "GET") => {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), timeoutMs);
    try {
      return await fetcher(url, { method, signal: ctl.signal, redirect: "follow" });
    } finally {
      clearTimeout(timer);
    }
  };
  try {
    let r = await attempt("HEAD");
    // Some servers refuse HEAD: ask again with GET before calling the link broken.
    if (r.status === 405 || r.status === 501 || r.status === 403) r = await attempt("GET");
    return r.ok
      ? { ok: true, status: r.status, problem: null }
      : { ok: false, status: r.status, problem: `返回状态 ${r.status}` };
  } catch (e) {
    // A link to the server's own network or a metadata service is never fetched (platform/net: SSRF).
    if (e instanceof BlockedTargetError)
      return { ok: false, status: null, problem: `${REFUSED}（${BLOCK_REASON_LABELS[e.reason]}）` };
    const timeout = (e as Error).name === "AbortError";
    return { ok: false, status: null, problem: timeout ? "访问超时" : "无法连接" };
  }
}

/** Finds the links of the site's published pages, then checks up to `maxLinks` of them. */
export async function runLinkPass(
  deps: Deps,
  siteId: string,
  opts: LinkRunOptions = {},
): Promise<{ found: number; checked: number }> {
  const db = deps.db.kysely;
  const now = deps.clock.now().toISOString();
  const origin = deps.config.publicUrl ? new URL(deps.config.publicUrl).origin : undefined;
  // Pages seen by an earlier run are remembered already: only those written since (a day's margin) are read.
  const last = await repo.lastRunAt(db, siteId);
  const since = last ? new Date(Date.parse(last) - 86_400_000).toISOString() : undefined;
  const pages = await repo.pagesWithLinks(db, siteId, since);
  const rows = pages.flatMap((p) =>
    extractHrefs(p.body_html, origin).map((l) => ({
      site_id: siteId,
      item_id: p.id,
      url: l.url,
      internal: l.internal ? 1 : 0,
      found_at: now,
    })),
  );
  await repo.rememberLinks(db, rows);
  const due = await repo.dueLinks(db, siteId, Math.max(0, opts.maxLinks ?? LINK_DEFAULTS.maxLinks));
  const urls = [...new Map(due.map((d) => [d.url, d.internal])).entries()];
  // Internal links answer from the database; only the outside ones wait on the network.
  const itemIds = urls.flatMap(([u, internal]) => {
    if (!internal) return [];
    const t = internalTarget(u);
    return "itemId" in t ? [t.itemId] : [];
  });
  const live = await repo.publishedIds(db, siteId, itemIds);
  const outside: string[] = [];
  for (const [url, internal] of urls) {
    if (!internal) {
      outside.push(url);
      continue;
    }
    const t = internalTarget(url);
    const ok = "itemId" in t ? live.has(t.itemId) : t.known;
    await repo.recordLinkCheck(db, siteId, url, {
      checked_at: now,
      ok: ok ? 1 : 0,
      status: ok ? 200 : 404,
      problem: ok ? null : "本站页面不存在或未公开",
    });
  }
  const timeoutMs = opts.timeoutMs ?? LINK_DEFAULTS.timeoutMs;
  let next = 0;
  const worker = async () => {
    while (next < outside.length) {
      const url = outside[next++]!;
      const r = await probe(url, deps.linkProbe, timeoutMs);
      await repo.recordLinkCheck(db, siteId, url, {
        checked_at: deps.clock.now().toISOString(),
        ok: r.ok ? 1 : 0,
        status: r.status,
        problem: r.problem,
      });
    }
  };
  const concurrency = Math.max(1, opts.concurrency ?? LINK_DEFAULTS.concurrency);
  await Promise.all(Array.from({ length: Math.min(concurrency, outside.length) }, worker));
  return { found: rows.length, checked: urls.length };
}
