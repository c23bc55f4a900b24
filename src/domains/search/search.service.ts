// The site search's use cases: read and check the query and its filters (every problem named), run it on the
// index (public records), add the drafts a staff user may see (scope=staff), and present the hits the same
// way to the API, the CLI and the pages.
import { escapeHtml } from "@kitajs/html";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { type SearchHit, type SearchResult, sanitiseQuery } from "../../platform/search";
import { type CurrentUser, can } from "../accounts";
import { getCatalogNode } from "../catalog";
import { loadOrgTree, type OrgTree } from "../orgs";
import { findUnpublishedItems, ITEM_KINDS, itemDocType, VALIDITIES } from "../publishing";
import { searchIndexOf } from "./search.engine";
import { searchSources } from "./sources";

export const MAX_QUERY_CHARS = 100;
export const MAX_PER_PAGE = 50;
export const DEFAULT_PER_PAGE = 10;
/** Deep pages of a free-text search are never useful and cost the engine: beyond this, refine the query. */
export const MAX_PAGE = 200;
export const DOC_TYPES = ["item", "interpretation", "catalog", "archive", "art44", "qa"] as const;
/** Drafts a staff search lists at most (newest first); the rest are found by refining the query. */
const MAX_DRAFTS = 100;

/** The query string as it arrives (API, page or CLI): anything may be missing, repeated or malformed. */
export type RawSearchParams = Record<string, unknown>;

export interface SearchParams {
  q: string;
  org: string | null;
  kind: string | null;
  type: string | null;
  catalogNode: string | null;
  year: number | null;
  validity: string | null;
  sort: "relevance" | "date";
  page: number;
  perPage: number;
  scope: "public" | "staff";
}

export interface PresentedHit {
  type: string;
  id: string;
  title: string;
  url: string;
  snippet: string;
  doc_number: string | null;
  /** The organisation the record belongs to: its code (the `org` filter's value) and its name. */
  org: { code: string; name: string } | null;
  published_at: string | null;
  /** Staff search only: the workflow status of a draft. */
  status?: string;
}

export interface SearchOutput {
  /** Matches counted up to 1,000 (or a page past the page asked for): a lower bound when `total_exact` is false. */
  total: number;
  total_exact: boolean;
  page: number;
  per_page: number;
  items: PresentedHit[];
  suggestion: string | null;
}

/** What pages render: the API's output plus the highlighted title and snippet (already escaped). */
export interface SearchView extends SearchOutput {
  hits: Array<PresentedHit & { safeTitleHtml: string; safeSnippetHtml: string; kind: string | null }>;
}

const one = (v: unknown): string => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === "string" ? s : s === undefined || s === null ? "" : String(s);
};

function intParam(
  p: ErrorDetail[],
  field: string,
  raw: string,
  dflt: number,
  min: number,
  max: number,
  label: string,
) {
  if (raw === "") return dflt;
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    p.push({ field, code: "out_of_range", message: `${label}须为 ${min} 到 ${max} 之间的整数。` });
    return dflt;
  }
  return n;
}

/**
 * Reads the search parameters, listing every problem at once. An empty or over-long query answers its own
 * stable code (`search_query_empty`, `search_query_too_long`); bad filters answer `invalid_search_filter`.
 */
export function readSearchParams(raw: RawSearchParams): { params: SearchParams; problems: ErrorDetail[] } {
  const p: ErrorDetail[] = [];
  const q = sanitiseQuery(one(raw.q));
  if (!q) p.push({ field: "q", code: "search_query_empty", message: "请输入要搜索的关键词。" });
  else if ([...q].length > MAX_QUERY_CHARS)
    p.push({
      field: "q",
      code: "search_query_too_long",
      message: `搜索词不能超过 ${MAX_QUERY_CHARS} 个字（现 ${[...q].length} 个字）。`,
    });
  const kind = one(raw.kind).trim();
  if (kind && !(ITEM_KINDS as readonly string[]).includes(kind))
    p.push({ field: "kind", code: "invalid_kind", message: "信息类别不正确。" });
  const type = one(raw.type).trim();
  // The portal's filter offers DOC_TYPES; the API also takes every type a later domain registered (service,
  // gazette, meeting…).
  const knownTypes = new Set<string>([...DOC_TYPES, ...searchSources().flatMap((s) => s.types)]);
  if (type && !knownTypes.has(type))
    p.push({ field: "type", code: "invalid_type", message: "结果类型不正确。" });
  const validity = one(raw.validity).trim();
  if (validity && !(VALIDITIES as readonly string[]).includes(validity))
    p.push({ field: "validity", code: "invalid_validity", message: "有效性不正确。" });
  const year = intParam(p, "year", one(raw.year).trim(), 0, 1990, 2100, "年份");
  const sortRaw = one(raw.sort).trim();
  if (sortRaw && sortRaw !== "relevance" && sortRaw !== "date")
    p.push({
      field: "sort",
      code: "invalid_sort",
      message: "排序方式只能是 relevance（相关度）或 date（日期）。",
    });
  const scopeRaw = one(raw.scope).trim();
  if (scopeRaw && scopeRaw !== "public" && scopeRaw !== "staff")
    p.push({ field: "scope", code: "invalid_scope", message: "scope 只能是 public 或 staff。" });
  const page = intParam(p, "page", one(raw.page).trim(), 1, 1, MAX_PAGE, "页码");
  const perPage = intParam(
    p,
    "per_page",
    one(raw.per_page).trim(),
    DEFAULT_PER_PAGE,
    1,
    MAX_PER_PAGE,
    "每页条数",
  );
  const org = one(raw.org).trim();
  if (org.length > 50) p.push({ field: "org", code: "org_not_found", message: "机构不存在。" });
  const node = one(raw.catalog_node).trim();
  if (node.length > 40)
    p.push({ field: "catalog_node", code: "catalog_node_not_found", message: "目录栏目不存在。" });
  return {
    params: {
      q: [...q].slice(0, MAX_QUERY_CHARS).join(""),
      org: org || null,
      kind: kind || null,
      type: type || null,
      catalogNode: node || null,
      year: year || null,
      validity: validity || null,
      sort: sortRaw === "date" ? "date" : "relevance",
      page,
      perPage,
      scope: scopeRaw === "staff" ? "staff" : "public",
    },
    problems: p,
  };
}

/** Resolves the organisation code and the catalogue node against the site; adds a problem for each unknown. */
async function resolveFilters(
  deps: Deps,
  siteId: string,
  params: SearchParams,
  tree: OrgTree,
  p: ErrorDetail[],
) {
  let orgId: string | null = null;
  if (params.org && params.org.length <= 50) {
    const org = tree.flatten(siteId).find((o) => o.org.code === params.org)?.org;
    if (org) orgId = org.id;
    else p.push({ field: "org", code: "org_not_found", message: `机构代码“${params.org}”不存在。` });
  }
  let nodeId: string | null = null;
  if (params.catalogNode && params.catalogNode.length <= 40) {
    const node = await getCatalogNode(deps, params.catalogNode);
    if (node && node.site_id === siteId) nodeId = node.id;
    else p.push({ field: "catalog_node", code: "catalog_node_not_found", message: "目录栏目不存在。" });
  }
  return { orgId, nodeId };
}

/** The error for a list of problems: the query's own code when the query is the only thing wrong. */
export function searchError(problems: ErrorDetail[]): AppError {
  const only = problems.length === 1 ? problems[0]! : undefined;
  if (only && (only.code === "search_query_empty" || only.code === "search_query_too_long"))
    return new AppError(only.code, 400, only.message, problems);
  return new AppError("invalid_search_filter", 400, "搜索条件有误，请按提示修改。", problems);
}

/** The query's words and phrases, as a staff search of drafts matches them (every one must occur). */
export function queryTerms(q: string): string[] {
  const out: string[] = [];
  const rest = q.replace(/["“”]([^"“”]+)["“”]/g, (_m, phrase: string) => {
    out.push(phrase.trim());
    return " ";
  });
  for (const w of rest.split(/\s+/)) {
    const t = w.replace(/["“”%_\\]/g, "").trim();
    if (t && !/^(AND|OR|NOT)$/i.test(t)) out.push(t);
  }
  return out.filter((t) => t.length > 0).slice(0, 10);
}

/** Up to ~120 characters of `text` around the first term, escaped, the terms marked. */
function draftSnippet(text: string, terms: string[]): { plain: string; html: string } {
  const flat = text.replace(/\s+/g, " ").trim();
  let at = -1;
  for (const t of terms) {
    const i = flat.indexOf(t);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const start = Math.max(0, at - 40);
  const plain = `${start > 0 ? "…" : ""}${flat.slice(start, start + 120)}${flat.length > start + 120 ? "…" : ""}`;
  return { plain, html: markTerms(plain, terms) };
}

export function markTerms(text: string, terms: string[]): string {
  const sorted = [...new Set(terms)].filter(Boolean).sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return escapeHtml(text);
  const re = new RegExp(sorted.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  let out = "";
  let last = 0;
  for (const m of text.matchAll(re)) {
    out += `${escapeHtml(text.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** The organisations whose drafts the user may see (publishing.policy: item.view on the row's organisation). */
function draftScope(user: CurrentUser, siteId: string, tree: OrgTree): string[] {
  if (user.siteId !== siteId) return [];
  return tree
    .flatten(siteId)
    .map(({ org }) => org.id)
    .filter((id) => can(user, "item.view", id, tree));
}

function presentHit(h: SearchHit, tree: OrgTree) {
  const org = h.orgId ? tree.get(h.orgId) : undefined;
  return {
    type: h.type,
    id: h.id,
    title: h.title,
    url: h.url,
    snippet: h.snippet,
    doc_number: h.docNumber,
    org: org ? { code: org.code, name: org.name } : null,
    published_at: h.publishedAt,
    kind: h.kind,
    safeTitleHtml: h.titleHtml,
    safeSnippetHtml: h.snippetHtml,
  };
}

/**
 * Runs a search on the site. Public: the index's public documents. Staff (`scope=staff` with a user): first
 * the drafts and items in progress the user may view, matched on every term, then the public documents.
 */
export async function runSearch(
  deps: Deps,
  siteId: string,
  raw: RawSearchParams,
  user: CurrentUser | null = null,
): Promise<SearchView> {
  const { params, problems } = readSearchParams(raw);
  const tree = await loadOrgTree(deps, siteId);
  const { orgId, nodeId } = await resolveFilters(deps, siteId, params, tree, problems);
  if (problems.length) throw searchError(problems);
  const db = deps.db.kysely;
  const { page, perPage } = params;
  const start = (page - 1) * perPage;

  // Drafts first (staff only), filtered like the public documents where the filter applies to an item.
  let drafts: SearchView["hits"] = [];
  if (params.scope === "staff" && user) {
    const terms = queryTerms(params.q);
    const scope = draftScope(user, siteId, tree).filter((id) => !orgId || id === orgId);
    const rows = await findUnpublishedItems(db, { siteId, orgIds: scope, terms, limit: MAX_DRAFTS });
    const kept = rows.filter(
      (r) =>
        (!params.kind || r.kind === params.kind) &&
        (!params.type || itemDocType(r) === params.type) &&
        (!params.validity || r.validity === params.validity) &&
        !params.year &&
        !nodeId,
    );
    drafts = kept.map((r) => {
      const org = tree.get(r.org_id);
      const s = draftSnippet(r.body_text, terms);
      return {
        type: itemDocType(r),
        id: r.id,
        title: r.title,
        url: `/admin/items/${r.id}`,
        snippet: s.plain,
        doc_number: r.doc_number,
        org: org ? { code: org.code, name: org.name } : null,
        published_at: null,
        status: r.status,
        kind: r.kind,
        safeTitleHtml: markTerms(r.title, terms),
        safeSnippetHtml: s.html,
      };
    });
  }

  // The public part of this page: rows [from, from + want) of the index's answer.
  const from = Math.max(0, start - drafts.length);
  const want = perPage - Math.max(0, Math.min(drafts.length - start, perPage));
  const index = searchIndexOf(deps);
  const query = (p: number): Promise<SearchResult> =>
    index.query(db, {
      siteId,
      q: params.q,
      org: orgId,
      kind: params.kind,
      type: params.type,
      catalogNode: nodeId,
      year: params.year,
      validity: params.validity,
      sort: params.sort,
      page: p,
      perPage,
    });
  const firstPage = Math.floor(from / perPage) + 1;
  const first = await query(firstPage);
  let rows = first.hits.slice(from % perPage);
  if (rows.length < want && from % perPage !== 0 && first.total > firstPage * perPage)
    rows = rows.concat((await query(firstPage + 1)).hits);
  const hits = [
    ...drafts.slice(start, start + perPage),
    ...rows.slice(0, want).map((h) => presentHit(h, tree)),
  ];
  return {
    total: first.total + drafts.length,
    total_exact: first.totalExact,
    page,
    per_page: perPage,
    items: hits.map(({ safeTitleHtml: _t, safeSnippetHtml: _s, kind: _k, ...rest }) => rest),
    hits,
    suggestion: first.total + drafts.length === 0 ? first.suggestion : null,
  };
}

/** The API's and the CLI's JSON: the search output without the pages' HTML. */
export const searchJson = (v: SearchView): SearchOutput => ({
  total: v.total,
  total_exact: v.total_exact,
  page: v.page,
  per_page: v.per_page,
  items: v.items,
  suggestion: v.suggestion,
});
