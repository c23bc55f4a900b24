// Which published pages an audited change touches (静态发布的增量更新). Every state change is audited, so the
// audit log is the one feed of changes that works the same in one process and across several on PostgreSQL:
// the watcher reads the entries after the last one it applied (an indexed `seq > n` query, every 250 ms).
import { idsInUrl, neutralPath, splitUrl } from "./static.paths";

export interface AuditChange {
  seq: number;
  action: string;
  entity_type: string;
  entity_id: string | null;
  site_id: string | null;
}

/** Item steps that show nothing to the public (drafts, review, sign-off before release). */
const PRIVATE_ITEM_ACTIONS = new Set([
  "item.create",
  "item.submit",
  "item.approve",
  "item.reject",
  "item.sign",
  "item.draft",
  "item.review",
  "review.scan",
]);

const GK = ["/gk", "/feeds", "/sitemap.xml", "/sitemaps"];

/**
 * The sections whose list pages a change of an entity type can move: their pages without a record id are
 * re-rendered. `"*"`: anything on the site (an organisation, the site itself, the portal's wording).
 */
function sectionsOf(c: AuditChange): readonly string[] | "*" | null {
  const t = c.entity_type;
  if (t === "item") return PRIVATE_ITEM_ACTIONS.has(c.action) ? null : GK;
  if (t === "catalog_node" || t === "normative_cleanup") return GK;
  if (t === "org" || t === "site" || t.startsWith("translation")) {
    // Figures and settings recorded against an organisation change no public page.
    return /^(org\.|site\.|catalog\.|translation)/.test(c.action) && !/four_eyes|review_route/.test(c.action)
      ? "*"
      : null;
  }
  if (t.startsWith("service")) return ["/fw"];
  if (t.startsWith("gazette")) return ["/gb", "/gk"];
  if (t === "meeting") return ["/hd/meetings", "/hd"];
  if (t === "message") return ["/hd/messages", "/hd"];
  if (t === "consultation") return ["/hd/consultations", "/hd"];
  if (t === "hotline_number") return ["/hd/hotlines"];
  if (t === "application")
    return /archive|repeat/.test(c.action)
      ? ["/hd/archive", "/hd/repeated", "/sitemap.xml", "/sitemaps"]
      : null;
  return null;
}

export interface Touched {
  /** Render first: the changed records' own pages (published or new). */
  own: string[];
  /** The changed records' ids. */
  ids: Set<string>;
  /** The sections whose list pages may move; null: the whole site. */
  sections: string[] | null;
  /** True when something public changed at all. */
  any: boolean;
}

const inSection = (url: string, sections: readonly string[]) => {
  const p = neutralPath(splitUrl(url)?.path ?? "");
  return sections.some(
    (s) => p === s || p.startsWith(s.endsWith("/") ? s : `${s}/`) || p.startsWith(`${s}.`),
  );
};

/** What `changes` touch on the site `siteId`: the records' own pages (of `urls`, the ones published now). */
export function touchedBy(changes: readonly AuditChange[], siteId: string, urls: readonly string[]): Touched {
  const ids = new Set<string>();
  const sections = new Set<string>();
  let everything = false;
  const items = new Set<string>();
  for (const c of changes) {
    if (c.site_id !== null && c.site_id !== siteId) continue;
    const s = sectionsOf(c);
    if (s === null) continue;
    if (s === "*") everything = true;
    else for (const x of s) sections.add(x);
    if (c.entity_id) ids.add(c.entity_id);
    if (c.entity_id && c.entity_type === "item") items.add(c.entity_id);
  }
  if (!everything && sections.size === 0) return { own: [], ids, sections: [], any: false };
  const own: string[] = [];
  for (const id of items) own.push(`/gk/items/${id}`, `/mn/gk/items/${id}`);
  for (const u of urls) if (idsInUrl(u).some((id) => ids.has(id))) own.push(u);
  return { own, ids, sections: everything ? null : [...sections], any: true };
}

/**
 * The list pages to render after the own pages: the home pages, then every published page of the sections
 * that names no record or names one of `related` (the changed records and what their pages link to: a
 * catalogue node's list and feed, an organisation's page), first pages before those with a query, and the
 * pages linking to a changed record.
 */
export function listPagesFor(
  t: Touched,
  urls: readonly string[],
  related: ReadonlySet<string>,
  referring: string[],
): string[] {
  const firsts: string[] = ["/", "/mn/"];
  const rest: string[] = [];
  for (const u of urls) {
    if (t.sections && !inSection(u, t.sections)) continue;
    const named = idsInUrl(u);
    if (t.sections && named.length && !named.some((id) => related.has(id))) continue;
    (splitUrl(u)?.query ? rest : firsts).push(u);
  }
  return [...firsts, ...referring, ...rest];
}
