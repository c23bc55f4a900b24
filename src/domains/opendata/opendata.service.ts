// What the open-data API, exports, feeds and sitemap read: published items with their organisation and
// catalogue nodes, an item as the public JSON shows it, the catalogue with counts, the archive and the Art. 44
// list. Everything here is public already (the portal shows it); nothing changes state.
import type { FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { badRequest, notFound } from "../../platform/errors";
import type { PageRequest } from "../../platform/paging";
import { listArchive } from "../applications/archive/archive.repo";
import { presentPublic } from "../applications/archive/archive.service";
import { includedRepeats } from "../applications/archive/repeats.service";
import { listCatalogOrgs, listCatalogTree, updateRuleLabel } from "../catalog";
import { hostsOf, loadOrgTree, type Org, type Site } from "../orgs";
import { publicAttachmentUrl } from "../publishing/attachments";
import { loadItemPage } from "../publishing/publishing.item-data";
import { findItemsByIds } from "../publishing/publishing.repo";
import { FORM_LABELS, KIND_LABELS, VALIDITY_LABELS } from "../publishing/publishing.schemas";
import * as repo from "./opendata.repo";

/** How many rows an export reads per query. */
const BATCH = 1000;

/**
 * The scheme and host absolute links are built on: the request's own host when it is one of the site's
 * configured host names, else the configured public address (GONGKAI_PUBLIC_URL), else the request's host.
 * A made-up Host header therefore never reaches links of a site that has a configured name or address.
 */
export function siteOrigin(
  deps: Pick<Deps, "config">,
  site: Pick<Site, "hosts">,
  req: Pick<FastifyRequest, "hostname" | "host" | "protocol">,
): string {
  const own = hostsOf(site).includes(req.hostname.toLowerCase());
  if (!own && deps.config.publicUrl) return deps.config.publicUrl;
  // A default port in the Host header (gk.example:443 on https) is left out, as browsers do.
  const host = req.host.replace(req.protocol === "https" ? /:443$/ : /:80$/, "");
  return `${req.protocol}://${host}`;
}

export const itemPath = (id: string) => `/gk/items/${id}`;

export interface SiteOrgs {
  list: Array<{ org: Org; depth: number }>;
  byId: Map<string, Org>;
  byCode: Map<string, Org>;
}

export async function siteOrgs(deps: Pick<Deps, "db">, siteId: string): Promise<SiteOrgs> {
  const list = (await loadOrgTree(deps, siteId)).flatten(siteId);
  return {
    list,
    byId: new Map(list.map(({ org }) => [org.id, org])),
    byCode: new Map(list.map(({ org }) => [org.code, org])),
  };
}

export interface ListQuery {
  org?: string;
  kind?: string;
  catalog_node?: string;
  year?: number;
  validity?: string;
  updated_since?: string;
}

/** The filter of a public list; an organisation or node that is not the site's is named as a problem. */
export async function publishedFilter(
  deps: Pick<Deps, "db">,
  siteId: string,
  orgs: SiteOrgs,
  q: ListQuery,
): Promise<repo.PublishedFilter> {
  const problems = [];
  const org = q.org ? orgs.byCode.get(q.org) : undefined;
  if (q.org && !org)
    problems.push({ field: "org", code: "org_not_found", message: `机构 ${q.org} 不存在。` });
  let nodeId: string | undefined;
  if (q.catalog_node) {
    const nodeOrg = await repo.nodeOrg(deps.db.kysely, q.catalog_node);
    if (!nodeOrg || !orgs.byId.has(nodeOrg))
      problems.push({ field: "catalog_node", code: "catalog_node_not_found", message: "目录节点不存在。" });
    else nodeId = q.catalog_node;
  }
  if (problems.length) throw badRequest(problems);
  return {
    siteId,
    orgIds: org ? [org.id] : undefined,
    kinds: q.kind ? [q.kind] : undefined,
    nodeId,
    year: q.year || undefined,
    validity: q.validity || undefined,
    updatedSince: q.updated_since ? new Date(q.updated_since).toISOString() : undefined,
  };
}

const orgRef = (org: Org | undefined) => (org ? { code: org.code, name: org.name } : null);

/** One published item in a list: its metadata, never its body. */
export function presentListItem(r: repo.PublishedItemRow, orgs: SiteOrgs, nodes: string[]) {
  return {
    id: r.id,
    kind: r.kind,
    kind_label: KIND_LABELS[r.kind as keyof typeof KIND_LABELS] ?? r.kind,
    title: r.title,
    doc_number: r.doc_number,
    index_number: r.index_number,
    org: orgRef(orgs.byId.get(r.org_id)),
    formed_on: r.formed_on,
    published_at: r.published_at ?? "",
    validity: r.validity,
    validity_label: VALIDITY_LABELS[r.validity] ?? r.validity,
    catalog_nodes: nodes,
    updated_at: r.updated_at,
    url: itemPath(r.id),
  };
}
export type PublicListItem = ReturnType<typeof presentListItem>;

/** A page of published items, newest first. */
export async function listPublicItems(
  deps: Pick<Deps, "db">,
  site: Pick<Site, "id">,
  q: ListQuery & { page?: number; per_page?: number },
) {
  const orgs = await siteOrgs(deps, site.id);
  const filter = await publishedFilter(deps, site.id, orgs, q);
  const page = q.page ?? 1;
  const perPage = q.per_page ?? 20;
  const db = deps.db.kysely;
  const [rows, total] = await Promise.all([
    repo.listPublished(db, filter, { limit: perPage, offset: (page - 1) * perPage }),
    repo.countPublished(db, filter),
  ]);
  const nodes = await repo.nodesOfItems(
    db,
    rows.map((r) => r.id),
  );
  return { rows, orgs, nodes, total, page, per_page: perPage };
}

/** Interpretations with the policy each explains (when that policy is public). */
export async function withPolicies(deps: Pick<Deps, "db">, rows: repo.PublishedItemRow[]) {
  const ids = [...new Set(rows.flatMap((r) => (r.interprets_id ? [r.interprets_id] : [])))];
  const policies = new Map(
    (await findItemsByIds(deps.db.kysely, ids))
      .filter((p) => p.status === "published" || p.status === "superseded")
      .map((p) => [p.id, { id: p.id, title: p.title, url: itemPath(p.id) }]),
  );
  return (r: repo.PublishedItemRow) => ({
    policy: (r.interprets_id && policies.get(r.interprets_id)) || null,
    interpreter: r.interpreter,
    form: r.interpretation_form,
    form_label: r.interpretation_form ? (FORM_LABELS[r.interpretation_form] ?? null) : null,
  });
}

/** Every published item matching the filter, newest first, read in batches (exports). */
export async function allPublishedItems(deps: Pick<Deps, "db">, siteId: string, q: ListQuery) {
  const orgs = await siteOrgs(deps, siteId);
  const filter = await publishedFilter(deps, siteId, orgs, q);
  const rows: repo.PublishedItemRow[] = [];
  let req: PageRequest = { size: BATCH, page: 1 };
  for (;;) {
    const batch = await repo.pagePublished(deps.db.kysely, filter, req);
    rows.push(...batch.rows);
    if (!batch.next) break;
    req = { size: BATCH, page: batch.next.page, cursor: batch.next };
  }
  const nodes = await repo.nodesOfItems(
    deps.db.kysely,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentListItem(r, orgs, nodes.get(r.id) ?? []));
}

/**
 * An item as the public JSON shows it, following its public page: published and superseded versions in full;
 * a withdrawn one with the notice of its withdrawal and neither body nor attachments; drafts are not found.
 */
export async function publicItem(deps: Deps, siteId: string, id: string) {
  const data = await loadItemPage(deps, id);
  if (!data || data.item.site_id !== siteId) throw notFound("信息", "item_not_found");
  const { item } = data;
  const withdrawn = item.status === "withdrawn";
  const orgs = await siteOrgs(deps, siteId);
  const nodes = (await repo.nodesOfItems(deps.db.kysely, [item.id])).get(item.id) ?? [];
  const link = (x: { id: string; title: string } | undefined) =>
    x ? { id: x.id, title: x.title, url: itemPath(x.id) } : null;
  return {
    id: item.id,
    status: item.status as "published" | "superseded" | "withdrawn",
    kind: item.kind,
    kind_label: KIND_LABELS[item.kind as keyof typeof KIND_LABELS] ?? item.kind,
    title: item.title,
    title_mn: data.mn?.title ?? item.title_mn,
    mn: data.mn
      ? {
          title: data.mn.title,
          summary: data.mn.summary,
          body_html: withdrawn ? null : data.mn.bodyHtml,
          outdated: data.mn.outdated,
          translates_version: data.mn.sourceVersion,
          url: `/mn/gk/items/${item.id}`,
        }
      : null,
    doc_number: item.doc_number,
    index_number: item.index_number,
    org: orgRef(orgs.byId.get(item.org_id)),
    formed_on: item.formed_on,
    published_at: item.published_at ?? "",
    validity: item.validity,
    validity_label: VALIDITY_LABELS[item.validity] ?? item.validity,
    validity_on: item.validity_on,
    replaced_by: link(data.replacement),
    latest_version: item.status === "superseded" ? link(data.latest) : null,
    withdrawn_at: withdrawn ? item.withdrawn_at : null,
    withdraw_reason: withdrawn ? item.withdraw_reason : null,
    summary: item.summary,
    topic: item.topic,
    keywords: item.keywords,
    body_html: withdrawn ? null : item.body_html,
    body_text: withdrawn ? null : item.body_text,
    attachments: withdrawn
      ? []
      : data.attachments.map((a) => ({
          id: a.id,
          name: a.filename,
          mime: a.mime,
          size: Number(a.size),
          sha256: a.sha256,
          url: publicAttachmentUrl(a),
        })),
    interpretations: data.interpretations.map((i) => ({
      id: i.id,
      title: i.title,
      url: itemPath(i.id),
      form: i.interpretation_form,
      interpreter: i.interpreter,
    })),
    policy: link(data.policy),
    catalog_nodes: nodes,
    url: itemPath(item.id),
    content_sha256: item.content_sha256 ?? null,
  };
}

/** The site's catalogue, flat and in tree order, each node with its published items (direct filings). */
export async function catalogRows(deps: Pick<Deps, "db">, siteId: string, orgCode?: string) {
  const all = await listCatalogOrgs(deps, siteId);
  const chosen = orgCode ? all.filter(({ org }) => org.code === orgCode) : all;
  if (orgCode && chosen.length === 0) throw notFound(`机构 ${orgCode} 的公开目录`, "catalog_not_found");
  const counts = await repo.publishedCountsByNode(deps.db.kysely, siteId);
  const orgs = [];
  const nodes = [];
  for (const { org } of chosen) {
    const tree = await listCatalogTree(deps, org.id);
    const names = new Map(tree.map((n) => [n.id, n]));
    let items = 0;
    for (const n of tree) {
      const path: string[] = [];
      for (let p: typeof n | undefined = n; p; p = p.parent_id ? names.get(p.parent_id) : undefined)
        path.unshift(p.name);
      const count = counts.get(n.id) ?? 0;
      items += count;
      nodes.push({
        id: n.id,
        org: { code: org.code, name: org.name },
        parent_id: n.parent_id,
        code: n.code,
        name: n.name,
        kind: n.kind,
        depth: n.depth,
        path: path.join(" / "),
        update_rule: n.update_rule,
        update_label: updateRuleLabel(n.update_rule, n.update_days),
        items: count,
        url: n.kind === "column" ? `/gk/list?node=${encodeURIComponent(n.id)}` : null,
      });
    }
    orgs.push({ code: org.code, name: org.name, nodes: tree.length, items });
  }
  return { orgs, nodes };
}
export type CatalogRow = Awaited<ReturnType<typeof catalogRows>>["nodes"][number];

/** Every published entry of the archive of answered applications, newest reply first. */
export async function allArchiveEntries(
  deps: Pick<Deps, "db">,
  siteId: string,
  q: { year?: number; outcome?: string } = {},
) {
  const filter = { siteId, status: "published", year: q.year || undefined, outcome: q.outcome || undefined };
  const out = [];
  for (;;) {
    const batch = await listArchive(deps.db.kysely, filter, { limit: BATCH, offset: out.length });
    out.push(...batch.map(presentPublic));
    if (batch.length < BATCH) return out;
  }
}

/** The Art. 44 list: information made public because many asked for it. */
export async function art44Rows(deps: Pick<Deps, "db">, siteId: string) {
  return (await includedRepeats(deps, siteId)).map((r) => ({
    id: r.id,
    title: r.title,
    applications: r.count,
    decided_on: r.decided_on,
    item_id: r.item_id,
    url: itemPath(r.item_id),
  }));
}
